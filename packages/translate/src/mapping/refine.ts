/**
 * Dictionary induction and Procrustes refinement (MUSE's `build_dictionary` and `supervised.py` loop): translate
 * the most frequent words both ways, keep mutual best pairs, re-fit the rotation, repeat; keep the iteration
 * with the best unsupervised criterion (`meanCosine`).
 */
import { DimensionMismatchError, InvalidOptionError } from '../errors.js';
import { multiply } from './linalg.js';
import { procrustesRows, type IndexPairs } from './procrustes.js';
import { checkMethod, CslsPenalties, retrieve, type RetrievalMethod } from './retrieval.js';
import { checkSpace, normalizeRows, type EmbeddingSpace } from './space.js';

/** MUSE's `dico_build`: source→target best pairs, target→source, their intersection or their union. */
export type DictionaryBuild = 'S2T' | 'T2S' | 'S2T&T2S' | 'S2T|T2S';

export interface BuildDictionaryOptions {
  /** Default 'csls'. */
  method?: RetrievalMethod;
  /** Default 'S2T&T2S'. */
  build?: DictionaryBuild;
  /** Only the `maxRank` most frequent words of each side take part (MUSE's `dico_max_rank`). Default 15000. */
  maxRank?: number;
  cslsK?: number;
  penalties?: CslsPenalties;
}

/**
 * Induce a dictionary between unit-row spaces (`src` already mapped). A query ranges over the whole other
 * space; a pair is kept when both words are within `maxRank` (as MUSE's `get_candidates`).
 */
export function buildDictionary(
  src: Float32Array,
  tgt: Float32Array,
  d: number,
  o: BuildDictionaryOptions = {},
): { src: Int32Array; tgt: Int32Array; size: number } {
  const method = checkMethod(o.method ?? 'csls');
  const build = o.build ?? 'S2T&T2S';
  if (!['S2T', 'T2S', 'S2T&T2S', 'S2T|T2S'].includes(build)) {
    throw new InvalidOptionError('build', build, "'S2T', 'T2S', 'S2T&T2S' or 'S2T|T2S'");
  }
  const maxRank = o.maxRank ?? 15000;
  if (!Number.isInteger(maxRank) || maxRank < 1) throw new InvalidOptionError('maxRank', maxRank, 'a positive integer');
  const pen = method === 'csls' ? (o.penalties ?? new CslsPenalties(src, tgt, d, o.cslsK ?? 10)) : undefined;
  const best = (direction: 's2t' | 't2s'): Int32Array => {
    const n = Math.min(maxRank, (direction === 's2t' ? src : tgt).length / d);
    const ids = new Int32Array(n).map((_, i) => i);
    const r = retrieve(src, tgt, d, ids, 1, { method, penalties: pen, direction });
    return Int32Array.from(r.index, (j) => (j < maxRank ? j : -1));
  };
  const s2t = build === 'T2S' ? undefined : best('s2t');
  const t2s = build === 'S2T' ? undefined : best('t2s');
  const pairs: [number, number][] = [];
  const inT2s = (s: number, t: number): boolean => t2s !== undefined && t < t2s.length && t2s[t] === s;
  if (s2t) for (let s = 0; s < s2t.length; s++) if (s2t[s] >= 0 && (build !== 'S2T&T2S' || inT2s(s, s2t[s]))) pairs.push([s, s2t[s]]);
  if (t2s && build !== 'S2T&T2S') {
    for (let t = 0; t < t2s.length; t++) {
      const s = t2s[t];
      if (s < 0) continue;
      if (build === 'S2T|T2S' && s2t !== undefined && s < s2t.length && s2t[s] === t) continue; // already in
      pairs.push([s, t]);
    }
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { src: Int32Array.from(pairs, (p) => p[0]), tgt: Int32Array.from(pairs, (p) => p[1]), size: pairs.length };
}

export interface CriterionOptions {
  method?: RetrievalMethod;
  /** Source words (and target candidates) considered. Default 10000, as MUSE. */
  maxRank?: number;
  cslsK?: number;
  penalties?: CslsPenalties;
}

/**
 * MUSE's unsupervised validation criterion (`mean_cosine-csls_knn_10-S2T-10000`): the mean cosine between the
 * `maxRank` most frequent source words and their CSLS translations among the `maxRank` most frequent targets.
 */
export function meanCosine(src: Float32Array, tgt: Float32Array, d: number, o: CriterionOptions = {}): number {
  const dict = buildDictionary(src, tgt, d, { ...o, build: 'S2T', maxRank: o.maxRank ?? 10000 });
  if (dict.size === 0) return 0;
  let s = 0;
  for (let i = 0; i < dict.size; i++) {
    const a = dict.src[i] * d;
    const b = dict.tgt[i] * d;
    let dot = 0;
    for (let t = 0; t < d; t++) dot += src[a + t] * tgt[b + t];
    s += dot;
  }
  return s / dict.size;
}

export interface RefineOptions {
  /** Procrustes + induction rounds after the start. Default 5, as MUSE's `n_refinement`. */
  iterations?: number;
  method?: RetrievalMethod;
  build?: DictionaryBuild;
  /** For dictionary induction. Default 15000. */
  maxRank?: number;
  /** For the criterion. Default 10000. */
  criterionRank?: number;
  cslsK?: number;
}

export interface RefineStep {
  readonly iteration: number;
  /** Pairs the mapping of this step was fitted on. */
  readonly dictionarySize: number;
  readonly criterion: number;
}

export interface RefineResult {
  /** The best mapping (d × d, row-major, `mapped = x · W`). */
  readonly mapping: Float32Array;
  readonly criterion: number;
  readonly bestIteration: number;
  readonly history: readonly RefineStep[];
}

/**
 * Iterative Procrustes refinement from a start mapping or a seed dictionary (iteration 0 fits the seed). The
 * spaces are used with unit rows.
 *
 * @example
 * const { mapping, criterion } = refine(en, de, { seed: resolveDictionary(seedDict, en, de) }, { iterations: 5 });
 */
export function refine(
  srcSpace: EmbeddingSpace,
  tgtSpace: EmbeddingSpace,
  start: { mapping: ArrayLike<number> } | { seed: IndexPairs },
  o: RefineOptions = {},
): RefineResult {
  checkSpace('source', srcSpace);
  checkSpace('target', tgtSpace);
  const d = srcSpace.dim;
  if (tgtSpace.dim !== d) throw new DimensionMismatchError('target space', d, tgtSpace.dim);
  const iterations = o.iterations ?? 5;
  if (!Number.isInteger(iterations) || iterations < 0) throw new InvalidOptionError('iterations', iterations, 'a non-negative integer');
  const x = normalizeRows(srcSpace.vectors.slice(), d);
  const y = normalizeRows(tgtSpace.vectors.slice(), d);
  const history: RefineStep[] = [];
  let w: Float32Array;
  let fitted = 0;
  if ('seed' in start) {
    w = procrustesRows(x, y, d, start.seed);
    fitted = start.seed.src.length;
  } else {
    if (start.mapping.length !== d * d) throw new DimensionMismatchError('start mapping', d * d, start.mapping.length);
    w = Float32Array.from(start.mapping);
  }
  let best = { mapping: w, criterion: -Infinity, bestIteration: 0 };
  for (let it = 0; ; it++) {
    const mapped = normalizeRows(multiply(x, d, w, d), d);
    const pen = new CslsPenalties(mapped, y, d, o.cslsK ?? 10);
    const criterion = meanCosine(mapped, y, d, { method: o.method, maxRank: o.criterionRank, penalties: o.method === 'nn' ? undefined : pen });
    history.push({ iteration: it, dictionarySize: fitted, criterion });
    if (criterion > best.criterion) best = { mapping: w, criterion, bestIteration: it };
    if (it >= iterations) break;
    const dict = buildDictionary(mapped, y, d, { method: o.method, build: o.build, maxRank: o.maxRank, penalties: pen });
    if (dict.size === 0) break;
    w = procrustesRows(x, y, d, dict);
    fitted = dict.size;
  }
  return { ...best, history };
}
