/**
 * Loads fixtures/fasttext-subwords.json: n-grams, ids and 32-bit hashes that Debian's `fasttext`
 * binary gave (see generate-fixtures.py, which regenerates it). Shared by the subwords tests.
 */
import { readFileSync } from 'node:fs';

export interface FasttextCase {
  word: string;
  /** The word's id when it is in the model's vocabulary, else null. */
  wordId: number | null;
  ngrams: string[];
  ids: number[];
}

export interface FasttextModel {
  name: string;
  minn: number;
  maxn: number;
  bucket: number;
  nwords: number;
  cases: FasttextCase[];
}

export interface FasttextFixtures {
  fasttext: string;
  models: FasttextModel[];
  hashes: { text: string; hash: number }[];
}

export function fasttextFixtures(): FasttextFixtures {
  return JSON.parse(readFileSync(new URL('fixtures/fasttext-subwords.json', import.meta.url), 'utf8')) as FasttextFixtures;
}
