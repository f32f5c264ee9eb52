/**
 * The vocabulary as gensim's evaluations see it: only the first `restrictVocab` words, looked up
 * case-insensitively (upper case) when asked, the first (most frequent) case variant winning.
 */
import { InvalidOptionError } from '../errors.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';

export interface VocabView {
  /** Rows searched: min(restrictVocab, size). */
  rows: number;
  /** The key of each searched row (upper-cased when case-insensitive). */
  keys: string[];
  /** key → first row with that key. */
  ids: Map<string, number>;
  key(word: string): string;
}

export function vocabView(kv: KeyedVectors, restrictVocab: number, caseInsensitive: boolean): VocabView {
  if (!Number.isInteger(restrictVocab) || restrictVocab < 1) {
    throw new InvalidOptionError('restrictVocab', restrictVocab, 'a positive integer');
  }
  const rows = Math.min(restrictVocab, kv.size);
  const key = caseInsensitive ? (w: string) => w.toUpperCase() : (w: string) => w;
  const keys = kv.words.slice(0, rows).map(key);
  const ids = new Map<string, number>();
  for (let i = 0; i < rows; i++) if (!ids.has(keys[i])) ids.set(keys[i], i);
  return { rows, keys, ids, key };
}
