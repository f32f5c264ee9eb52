/**
 * Bilingual dictionaries in MUSE's format: one `source target` pair per line (space or tab separated), a source
 * listed once per accepted translation. Reading checks every line; resolving maps words to rows of the two
 * spaces and reports coverage, as MUSE's evaluation silently drops pairs with a word outside the vocabularies.
 */
import { readFile } from 'node:fs/promises';
import { DictionaryFormatError, EmptyDictionaryError } from '../errors.js';
import { wordIndex, type EmbeddingSpace } from './space.js';

export interface BilingualDictionary {
  /** Where it came from (a path, or a label), used in error messages. */
  readonly name: string;
  readonly pairs: readonly (readonly [string, string])[];
}

export interface DictionaryCoverage {
  /** Pairs in the dictionary. */
  readonly pairs: number;
  /** Pairs with both words in the vocabularies. */
  readonly pairsCovered: number;
  /** Distinct source words. */
  readonly sources: number;
  /** Distinct source words with at least one covered pair (the words P@k averages over). */
  readonly sourcesCovered: number;
}

/** A dictionary as row indices: pair i is (`src[i]`, `tgt[i]`), sorted by source row. */
export interface ResolvedDictionary {
  readonly src: Int32Array;
  readonly tgt: Int32Array;
  readonly coverage: DictionaryCoverage;
}

/** Parse MUSE-format text; blank lines are skipped, any other line must hold exactly two fields. */
export function parseDictionary(text: string, name = '<dictionary>'): BilingualDictionary {
  const pairs: [string, string][] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const parts = line.split(/[ \t]+/);
    if (parts.length !== 2) {
      throw new DictionaryFormatError(name, i + 1, `expected "source target", found ${parts.length} field(s): ${JSON.stringify(line.slice(0, 80))}`);
    }
    pairs.push([parts[0], parts[1]]);
  }
  return { name, pairs };
}

/** Read and parse a MUSE-format dictionary file (UTF-8). */
export async function readDictionary(path: string): Promise<BilingualDictionary> {
  return parseDictionary(await readFile(path, 'utf8'), path);
}

/**
 * Rows of the dictionary's pairs in two spaces; pairs with a missing word are dropped and counted.
 * @throws EmptyDictionaryError when no pair survives.
 */
export function resolveDictionary(dict: BilingualDictionary, src: EmbeddingSpace, tgt: EmbeddingSpace): ResolvedDictionary {
  const si = wordIndex(src);
  const ti = wordIndex(tgt);
  const seen = new Set<string>();
  const covered = new Set<string>();
  const rows: [number, number][] = [];
  const pairSeen = new Set<string>();
  let missingSource = 0;
  let missingTarget = 0;
  for (const [s, t] of dict.pairs) {
    seen.add(s);
    const a = si.get(s);
    const b = ti.get(t);
    if (a === undefined) missingSource++;
    if (b === undefined) missingTarget++;
    if (a === undefined || b === undefined) continue;
    covered.add(s);
    const key = `${a} ${b}`;
    if (pairSeen.has(key)) continue;
    pairSeen.add(key);
    rows.push([a, b]);
  }
  if (rows.length === 0) throw new EmptyDictionaryError(dict.name, dict.pairs.length, missingSource, missingTarget);
  rows.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return {
    src: Int32Array.from(rows, (r) => r[0]),
    tgt: Int32Array.from(rows, (r) => r[1]),
    coverage: { pairs: dict.pairs.length, pairsCovered: rows.length, sources: seen.size, sourcesCovered: covered.size },
  };
}
