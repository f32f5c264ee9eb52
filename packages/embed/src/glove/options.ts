/**
 * Resolving `Partial<GloveOptions>`: defaults filled in, every value checked, unknown keys refused (a
 * typo such as `{ xmax: 10 }` fails loudly instead of training with the default).
 */
import { availableParallelism, tmpdir } from 'node:os';
import { InvalidOptionError } from '../errors.js';
import type { GloveOptions } from './types.js';

export type ResolvedGloveOptions = Required<Omit<GloveOptions, 'onProgress'>> & Pick<GloveOptions, 'onProgress'>;

const KEYS = [
  'dim', 'window', 'symmetric', 'distanceWeighting', 'xMax', 'alpha', 'eta', 'gradClip', 'iterations', 'minCount',
  'maxVocab', 'memoryMB', 'spillDir', 'threads', 'seed', 'output', 'onProgress',
] as const;

export function resolveGloveOptions(options: Partial<GloveOptions> = {}): ResolvedGloveOptions {
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('options', options, 'an object');
  for (const key of Object.keys(options)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new InvalidOptionError(key, (options as Record<string, unknown>)[key], `a known option (${KEYS.join(', ')})`);
    }
  }
  const output = options.output ?? 'word+context';
  if (output !== 'word+context' && output !== 'word') throw new InvalidOptionError('output', output, '"word+context" or "word"');
  const r: ResolvedGloveOptions = {
    dim: int('dim', options.dim ?? 50, 1, 10_000),
    window: int('window', options.window ?? 15, 1, 1000),
    symmetric: bool('symmetric', options.symmetric ?? true),
    distanceWeighting: bool('distanceWeighting', options.distanceWeighting ?? true),
    xMax: num('xMax', options.xMax ?? 100, Number.MIN_VALUE, 1e12),
    alpha: num('alpha', options.alpha ?? 0.75, 0, 10),
    eta: num('eta', options.eta ?? 0.05, Number.MIN_VALUE, 100),
    gradClip: num('gradClip', options.gradClip ?? 100, Number.MIN_VALUE, 1e12),
    iterations: int('iterations', options.iterations ?? 25, 1, 100_000),
    minCount: int('minCount', options.minCount ?? 5, 1, Number.MAX_SAFE_INTEGER),
    maxVocab: int('maxVocab', options.maxVocab ?? 0, 0, 2 ** 31 - 2),
    memoryMB: num('memoryMB', options.memoryMB ?? 4096, 1e-6, 1 << 24),
    spillDir: options.spillDir ?? tmpdir(),
    threads: int('threads', options.threads ?? availableParallelism(), 1, 1024),
    seed: int('seed', options.seed ?? 1, 0, 2 ** 32 - 1),
    output,
    onProgress: options.onProgress,
  };
  if (typeof r.spillDir !== 'string' || r.spillDir === '') throw new InvalidOptionError('spillDir', r.spillDir, 'a directory path');
  if (r.onProgress !== undefined && typeof r.onProgress !== 'function') throw new InvalidOptionError('onProgress', r.onProgress, 'a function');
  return r;
}

function int(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new InvalidOptionError(name, v, `an integer in [${min}, ${max}]`);
  return v;
}

function num(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new InvalidOptionError(name, v, `a number in [${min}, ${max}]`);
  return v;
}

function bool(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new InvalidOptionError(name, v, 'true or false');
  return v;
}
