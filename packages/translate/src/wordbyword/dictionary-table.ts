/**
 * Bilingual dictionaries as one-word phrase tables. A dictionary is MUSE's `source target` lines, several
 * targets per source allowed, optionally with a third field, a score (a similarity: higher is better).
 * The direct probability p(e|f) is uniform over a source's targets, or a softmax of the scores
 * (`temperature`) when every line has one; the inverse p(f|e) is spread over the sources that list e.
 * The lexical weights equal the phrase probabilities (one-word phrases).
 */
import { readFile } from 'node:fs/promises';
import { DictionaryFormatError, EmptyDictionaryError } from '../errors.js';
import { PhraseTable } from '../phrase/phrase-table.js';

export interface ScoredDictionary {
  readonly name: string;
  readonly sources: readonly string[];
  readonly targets: readonly string[];
  /** One score per pair, or null when the file has none. */
  readonly scores: Float64Array | null;
}

/** Parses MUSE lines with an optional score; blank lines are skipped; every line must have 2 (or all 3) fields. */
export function parseScoredDictionary(text: string, name = '<dictionary>'): ScoredDictionary {
  const sources: string[] = [];
  const targets: string[] = [];
  const scores: number[] = [];
  let fields = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const parts = line.split(/[ \t]+/);
    if (parts.length !== 2 && parts.length !== 3) {
      throw new DictionaryFormatError(name, i + 1, `expected "source target [score]", found ${parts.length} field(s): ${JSON.stringify(line.slice(0, 80))}`);
    }
    if (fields === 0) fields = parts.length;
    else if (parts.length !== fields) throw new DictionaryFormatError(name, i + 1, `${parts.length} fields where earlier lines have ${fields}`);
    sources.push(parts[0]);
    targets.push(parts[1]);
    if (parts.length === 3) {
      const s = Number(parts[2]);
      if (!Number.isFinite(s)) throw new DictionaryFormatError(name, i + 1, `score ${JSON.stringify(parts[2])} is not a number`);
      scores.push(s);
    }
  }
  return { name, sources, targets, scores: fields === 3 ? Float64Array.from(scores) : null };
}

export async function readScoredDictionary(path: string): Promise<ScoredDictionary> {
  return parseScoredDictionary(await readFile(path, 'utf8'), path);
}

/** The dictionary with sources and targets swapped (for the reverse direction). */
export function invertDictionary(dict: ScoredDictionary): ScoredDictionary {
  return { name: `${dict.name} (inverted)`, sources: dict.targets, targets: dict.sources, scores: dict.scores };
}

export interface DictionaryTableOptions {
  /** Words the source side can contain (e.g. the source text's vocabulary); pairs with other sources are dropped. */
  readonly sourceVocab?: { has(word: string): boolean };
  /** Words the target side knows (e.g. the target LM's vocabulary); pairs with other targets are dropped. */
  readonly targetVocab?: { has(word: string): boolean };
  /** Softmax temperature for scored dictionaries (default 0.1, for cosine-like scores). */
  readonly temperature?: number;
  /** Keep at most this many targets per source, in file order (default all). */
  readonly maxTargets?: number;
}

/**
 * A one-word phrase table from a dictionary. With vocabularies given, pairs outside them are dropped and
 * counted; when none is left, `EmptyDictionaryError` says how many pairs missed on each side.
 */
export function dictionaryTable(dict: ScoredDictionary, options: DictionaryTableOptions = {}): PhraseTable {
  const temperature = options.temperature ?? 0.1;
  const maxTargets = options.maxTargets ?? Infinity;
  const bySource = new Map<string, { target: string; score: number }[]>();
  const sourcesOf = new Map<string, number>();
  const seen = new Set<string>();
  let missingSource = 0;
  let missingTarget = 0;
  for (let i = 0; i < dict.sources.length; i++) {
    const s = dict.sources[i];
    const t = dict.targets[i];
    const srcMissing = options.sourceVocab !== undefined && !options.sourceVocab.has(s);
    const tgtMissing = options.targetVocab !== undefined && !options.targetVocab.has(t);
    if (srcMissing) missingSource++;
    if (tgtMissing) missingTarget++;
    if (srcMissing || tgtMissing) continue;
    const key = `${s}\u0000${t}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let list = bySource.get(s);
    if (!list) bySource.set(s, (list = []));
    if (list.length >= maxTargets) continue;
    list.push({ target: t, score: dict.scores ? dict.scores[i] : 0 });
    sourcesOf.set(t, (sourcesOf.get(t) ?? 0) + 1);
  }
  if (bySource.size === 0) throw new EmptyDictionaryError(dict.name, dict.sources.length, missingSource, missingTarget);
  const table = new PhraseTable();
  for (const [s, list] of bySource) {
    let max = -Infinity;
    for (const e of list) max = Math.max(max, e.score / temperature);
    let z = 0;
    for (const e of list) z += Math.exp(e.score / temperature - max);
    for (const e of list) {
      const direct = dict.scores ? e.score / temperature - max - Math.log(z) : -Math.log(list.length);
      const inverse = -Math.log(sourcesOf.get(e.target)!);
      table.add([s], [e.target], [inverse, inverse, direct, direct]);
    }
  }
  return table.prune(Number.MAX_SAFE_INTEGER);
}
