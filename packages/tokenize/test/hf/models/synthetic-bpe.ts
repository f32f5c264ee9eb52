/** Test helper: small random BPE vocabularies (seeded) exercising prefixes, suffixes and odd characters. */
import type { JsonObject } from '../../../src/hf/stages.js';

export interface SyntheticBpe {
  vocab: Record<string, number>;
  merges: [string, string][];
}

/** xorshift32, so a seed always builds the same vocabulary. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/**
 * Characters (also with `prefix` and/or `suffix`), then `mergeCount` random merges whose right part
 * carries the prefix (Rust strips prefix-length bytes from it, and panics if it is shorter).
 */
export function syntheticBpe(options: { seed: number; chars: string[]; prefix?: string; suffix?: string; mergeCount: number; extra?: string[] }): SyntheticBpe {
  const random = seededRandom(options.seed);
  const prefix = options.prefix ?? '';
  const suffix = options.suffix ?? '';
  const vocab: Record<string, number> = {};
  const add = (t: string) => {
    if (!Object.hasOwn(vocab, t)) vocab[t] = Object.keys(vocab).length;
  };
  for (const t of options.extra ?? []) add(t);
  for (const c of options.chars) {
    add(c);
    if (prefix) add(prefix + c);
    if (suffix) {
      add(c + suffix);
      if (prefix) add(prefix + c + suffix);
    }
  }
  const merges: [string, string][] = [];
  const seen = new Set<string>();
  const tokens = () => Object.keys(vocab).filter((t) => !(options.extra ?? []).includes(t));
  for (let attempts = 0; merges.length < options.mergeCount && attempts < options.mergeCount * 50; attempts++) {
    const all = tokens();
    const a = all[Math.floor(random() * all.length)]!;
    const rights = prefix ? all.filter((t) => t.startsWith(prefix) && t.length > prefix.length) : all;
    const b = rights[Math.floor(random() * rights.length)]!;
    if (suffix && a.endsWith(suffix)) continue;
    const key = `${a}\u0001${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    add(a + b.slice(prefix.length));
    merges.push([a, b]);
  }
  return { vocab, merges };
}

export function bpeModelJson(bpe: SyntheticBpe, options: Partial<Record<string, string | boolean | number | null>> = {}): JsonObject {
  return {
    type: 'BPE',
    dropout: null,
    unk_token: null,
    continuing_subword_prefix: null,
    end_of_word_suffix: null,
    fuse_unk: false,
    byte_fallback: false,
    ignore_merges: false,
    ...options,
    vocab: bpe.vocab,
    merges: bpe.merges,
  };
}
