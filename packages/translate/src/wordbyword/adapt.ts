/**
 * Meeting a dictionary made under another tokenisation, and copy candidates.
 *
 * Induced dictionaries come from embeddings whose corpus was split into runs of letters (`l'homme` → `l homme`),
 * while the text to translate keeps Moses' tokens with escapes (`l&apos;` `homme`). Without adapting, every
 * elided article or preposition (`l&apos;`, `d&apos;`, `qu&apos;`, English `&apos;s`) is unknown on the source
 * side, and the dictionary's `l`/`d` targets are missing from the target LM. `adaptDictionary` renames both
 * sides into the text's tokens through `dictionaryKey`, and can add each source word itself as one more
 * candidate when the target text uses it too (names, numbers, shared words) so that the LM can choose to copy
 * — the "identical strings" trick of Lample/Conneau et al.
 */
import type { ScoredDictionary } from './dictionary-table.js';

const UNESCAPE: Record<string, string> = { '&amp;': '&', '&#124;': '|', '&lt;': '<', '&gt;': '>', '&apos;': "'", '&quot;': '"', '&#91;': '[', '&#93;': ']' };
const LETTER_RUN = /[\p{L}\p{M}]+/gu;

/**
 * A text token (Moses-escaped) as the dictionary would spell it: unescaped, NFC, lowercase, and kept only
 * when it is exactly one run of letters (`l&apos;` → `l`, `&apos;s` → `s`, `homme` → `homme`); tokens that
 * split into several words or none (`aujourd&apos;hui`, `arrière-plan`, `42`, `@-@`) give null.
 */
export function dictionaryKey(token: string): string | null {
  const text = token.replace(/&(?:amp|#124|lt|gt|apos|quot|#91|#93);/g, (e) => UNESCAPE[e]).normalize('NFC').toLowerCase();
  const runs = text.match(LETTER_RUN);
  return runs !== null && runs.length === 1 ? runs[0] : null;
}

export interface AdaptOptions {
  /** Source-language text words (the text to translate, e.g. the monolingual half), with counts. */
  readonly sourceWords: ReadonlyMap<string, number>;
  /** Target-language text words, with counts (the target LM's training text). */
  readonly targetWords: ReadonlyMap<string, number>;
  /** Add `s → s` for every source word the target text also has (default true). */
  readonly copy?: boolean;
  /** A copy candidate needs at least this many occurrences in the target text (default 1). */
  readonly minCopyCount?: number;
}

export interface AdaptStats {
  /** Text source words that reach the dictionary only through `dictionaryKey` (e.g. `l&apos;` via `l`). */
  readonly aliasedSources: number;
  /** Dictionary targets renamed to a text word (e.g. `l` → `l&apos;`). */
  readonly renamedTargets: number;
  /** Copy candidates added. */
  readonly copies: number;
}

/**
 * The dictionary in the text's tokens: pairs of every text source word whose key is a dictionary source
 * (besides the word's own pairs), targets that the target text lacks renamed to its most frequent word with
 * that key, and — with `copy` — each source word as its own candidate (listed last; in a scored dictionary it
 * gets its word's lowest score). Pairs whose target still misses the text are kept: `dictionaryTable`'s
 * vocabularies drop and count them.
 */
export function adaptDictionary(dict: ScoredDictionary, options: AdaptOptions): { dictionary: ScoredDictionary; stats: AdaptStats } {
  const copy = options.copy ?? true;
  const minCopy = options.minCopyCount ?? 1;
  // Most frequent target text word for each key the target text lacks as a word.
  const targetAlias = new Map<string, { word: string; count: number }>();
  for (const [w, c] of options.targetWords) {
    const k = dictionaryKey(w);
    if (k === null || k === w || options.targetWords.has(k)) continue;
    const best = targetAlias.get(k);
    if (best === undefined || c > best.count || (c === best.count && w < best.word)) targetAlias.set(k, { word: w, count: c });
  }
  // Pair indices by source, in file order.
  const bySource = new Map<string, number[]>();
  for (let i = 0; i < dict.sources.length; i++) {
    const list = bySource.get(dict.sources[i]);
    if (list) list.push(i);
    else bySource.set(dict.sources[i], [i]);
  }
  const sources: string[] = [];
  const targets: string[] = [];
  const scores: number[] = [];
  let renamedTargets = 0;
  const push = (s: string, i: number): void => {
    const t = dict.targets[i];
    const alias = options.targetWords.has(t) ? undefined : targetAlias.get(t);
    if (alias !== undefined) renamedTargets++;
    sources.push(s);
    targets.push(alias?.word ?? t);
    if (dict.scores) scores.push(dict.scores[i]);
  };
  for (let i = 0; i < dict.sources.length; i++) push(dict.sources[i], i);
  let aliasedSources = 0;
  for (const w of options.sourceWords.keys()) {
    if (bySource.has(w)) continue;
    const k = dictionaryKey(w);
    const pairs = k === null ? undefined : bySource.get(k);
    if (pairs === undefined) continue;
    aliasedSources++;
    for (const i of pairs) push(w, i);
  }
  let copies = 0;
  if (copy) {
    // Every source the (adapted) dictionary lists; words outside it are copied by the decoder anyway.
    const listed = new Map<string, { targets: Set<string>; minScore: number }>();
    for (let i = 0; i < sources.length; i++) {
      let e = listed.get(sources[i]);
      if (!e) listed.set(sources[i], (e = { targets: new Set(), minScore: Infinity }));
      e.targets.add(targets[i]);
      if (dict.scores) e.minScore = Math.min(e.minScore, scores[i]);
    }
    for (const [s, e] of listed) {
      if (e.targets.has(s) || (options.targetWords.get(s) ?? 0) < minCopy) continue;
      sources.push(s);
      targets.push(s);
      if (dict.scores) scores.push(e.minScore);
      copies++;
    }
  }
  return {
    dictionary: { name: `${dict.name} (adapted)`, sources, targets, scores: dict.scores ? Float64Array.from(scores) : null },
    stats: { aliasedSources, renamedTargets, copies },
  };
}

/** Word counts of tokenised sentences (the `sourceWords` / `targetWords` of `adaptDictionary`). */
export function wordCounts(sentences: Iterable<readonly string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/**
 * Scores from each source's candidate order (file order, best first): the r-th target of a source gets
 * −step·r, so `dictionaryTable`'s softmax (temperature t) makes p(e|f) ∝ exp(−step·r/t) — for dictionaries
 * that list ranked candidates without their similarities. A dictionary that has scores is returned as is.
 */
export function rankScores(dict: ScoredDictionary, step: number): ScoredDictionary {
  if (dict.scores) return dict;
  const rank = new Map<string, number>();
  const scores = new Float64Array(dict.sources.length);
  for (let i = 0; i < dict.sources.length; i++) {
    const r = rank.get(dict.sources[i]) ?? 0;
    rank.set(dict.sources[i], r + 1);
    scores[i] = -step * r;
  }
  return { ...dict, name: `${dict.name} (rank scores)`, scores };
}
