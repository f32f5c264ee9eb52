/**
 * Loads the oracle fixtures of test/fixtures/words/ (written by its generate.py from NLTK and
 * Moses; see the README there) for the word, char and sentence tests.
 */
import { readFileSync } from 'node:fs';
import type { MosesLang } from '../../src/index.js';

const DIR = new URL('../fixtures/words/', import.meta.url);

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as T;
}

export interface FixtureCase {
  readonly id: string;
  /** The case's language, or `all` for the hand-written edge cases (run in every language). */
  readonly lang: MosesLang | 'all';
  readonly text: string;
}

interface Tables {
  cases: FixtureCase[];
  python: Record<string, { split: string; wordpunct: string }>;
  treebank: Record<string, { tokens: string; spans: number[] | null; detok: string }>;
  moses: Record<string, Partial<Record<MosesLang, { lines: string[]; detok: string[] }>>>;
  sentences: Record<string, Partial<Record<MosesLang, string[]>>>;
}

let tables: Tables | undefined;

export function fixtures(): Tables {
  tables ??= {
    cases: load<{ cases: FixtureCase[] }>('inputs.json').cases,
    python: load<{ cases: Tables['python'] }>('python.json').cases,
    treebank: load<{ cases: Tables['treebank'] }>('treebank.json').cases,
    moses: load<{ cases: Tables['moses'] }>('moses.json').cases,
    sentences: load<{ cases: Tables['sentences'] }>('sentences.json').cases,
  };
  return tables;
}

/** A token list as the fixtures store it: tokens joined by one space. */
export function splitTokens(joined: string): string[] {
  return joined === '' ? [] : joined.split(' ');
}

/** UTF-16 offsets of Python's code point offsets into `text`. */
export function utf16Offsets(text: string, codePointOffsets: readonly number[]): number[] {
  const unitOf: number[] = [];
  let u = 0;
  for (const ch of text) {
    unitOf.push(u);
    u += ch.length;
  }
  unitOf.push(u);
  return codePointOffsets.map((o) => unitOf[o]);
}
