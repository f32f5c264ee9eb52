/**
 * Resolving `Partial<Word2VecOptions>`: defaults (word2vec C's) filled in, every value checked, unknown
 * keys refused — so a typo such as `{ windw: 10 }` fails loudly instead of training with the default.
 */
import { availableParallelism } from 'node:os';
import { InvalidOptionError } from '../errors.js';
import type { Word2VecOptions } from './types.js';

export type ResolvedOptions = Required<Omit<Word2VecOptions, 'onProgress'>> & Pick<Word2VecOptions, 'onProgress'>;

const KEYS = [
  'model', 'loss', 'dim', 'window', 'negative', 'sample', 'minCount', 'maxVocabSize', 'epochs', 'alpha', 'minAlpha',
  'threads', 'seed', 'onProgress',
] as const;

export function resolveOptions(options: Partial<Word2VecOptions> = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('options', options, 'an object');
  for (const key of Object.keys(options)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new InvalidOptionError(key, (options as Record<string, unknown>)[key], `a known option (${KEYS.join(', ')})`);
  }
  const model = options.model ?? 'cbow';
  if (model !== 'sg' && model !== 'cbow') throw new InvalidOptionError('model', model, '"sg" or "cbow"');
  const loss = options.loss ?? 'ns';
  if (loss !== 'ns' && loss !== 'hs') throw new InvalidOptionError('loss', loss, '"ns" or "hs"');
  const r: ResolvedOptions = {
    model,
    loss,
    dim: int('dim', options.dim ?? 100, 1, 10_000),
    window: int('window', options.window ?? 5, 1, 1000),
    negative: int('negative', options.negative ?? 5, loss === 'ns' ? 1 : 0, 1000),
    sample: num('sample', options.sample ?? 1e-3, 0, 1),
    minCount: int('minCount', options.minCount ?? 5, 1, Number.MAX_SAFE_INTEGER),
    maxVocabSize: int('maxVocabSize', options.maxVocabSize ?? 0, 0, 2 ** 31 - 1),
    epochs: int('epochs', options.epochs ?? 5, 1, 100_000),
    alpha: num('alpha', options.alpha ?? (model === 'sg' ? 0.025 : 0.05), Number.MIN_VALUE, 10),
    minAlpha: num('minAlpha', options.minAlpha ?? 1e-4, 0, 1),
    threads: int('threads', options.threads ?? availableParallelism(), 1, 1024),
    seed: int('seed', options.seed ?? 1, 0, 2 ** 32 - 1),
    onProgress: options.onProgress,
  };
  if (r.onProgress !== undefined && typeof r.onProgress !== 'function') {
    throw new InvalidOptionError('onProgress', r.onProgress, 'a function');
  }
  return r;
}

function int(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new InvalidOptionError(name, v, `an integer in [${min}, ${max}]`);
  }
  return v;
}

function num(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new InvalidOptionError(name, v, `a number in [${min}, ${max}]`);
  }
  return v;
}
