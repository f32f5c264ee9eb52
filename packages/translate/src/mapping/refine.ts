/**
 * Procrustes refinement (MUSE's `supervised.py` loop): induce a dictionary from mutual CSLS neighbours among the
 * most frequent words, re-fit the rotation, repeat; keep the iteration with the best unsupervised criterion.
 * Options beyond MUSE's loop: confidence-limited dictionaries (`maxSize`, `minScore`), anchor pairs, early
 * stopping, and VecMap's whitening + re-weighting as a final step (`reweight`), which on ELTeC fastText vectors
 * lifted P@1 by 1.7-2.8 points on train-split val words in every direction (BENCHMARKS.md, "v3 refinement").
 */
import { DimensionMismatchError, InvalidOptionError } from '../errors.js';
import { diagnoseMapping, type CollapseOptions, type MappingDiagnosis } from './collapse.js';
import { buildDictionary, meanCosine, type DictionaryBuild } from './induction.js';
import { multiply } from './linalg.js';
import { checkPairs, procrustesRows, type IndexPairs } from './procrustes.js';
import { CslsPenalties, type RetrievalMethod } from './retrieval.js';
import { checkSpace, normalizeRows, type EmbeddingSpace } from './space.js';
import { advancedMap } from './vecmap.js';

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
  /** Per induced dictionary: at most this many pairs per direction, most confident first (MUSE's `dico_max_size`). */
  maxSize?: number;
  /** Per induced dictionary: only pairs scoring above this (MUSE's `dico_threshold`). */
  minScore?: number;
  /**
   * Pairs added to every induced dictionary (e.g. the seed dictionary, or `'seed'` for the start's own seed),
   * so self-learning cannot drift away from them. Default: none (MUSE).
   */
  anchors?: IndexPairs | 'seed';
  /** Stop after this many iterations without a better criterion. Default: run all `iterations`. */
  patience?: number;
  /**
   * VecMap's final step on the best iteration's dictionary (Artetxe et al. 2018): whiten both sides, map
   * orthogonally, re-weight by the singular values to this power, de-whiten. Both spaces are then mapped
   * (`tgtMapping` is set). Off by default (MUSE keeps the plain rotation).
   */
  reweight?: number;
  /**
   * With `reweight`: keep only this many of the final step's strongest directions (VecMap's `--dim_reduction`),
   * for spaces with more dimensions than the induced pairs pin down. Default: all.
   */
  reduce?: number;
  /** Thresholds of the collapse check run on the result. */
  collapse?: CollapseOptions;
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
  /** With `reweight`: the target side's map (`mapped target = y · W_t`); otherwise undefined (targets stay). */
  readonly tgtMapping?: Float32Array;
  /**
   * The best iteration's criterion, before any re-weighting (so runs stay comparable; the re-weighted spaces'
   * own mean cosine is `diagnosis.meanCosine`, higher by construction).
   */
  readonly criterion: number;
  readonly bestIteration: number;
  readonly history: readonly RefineStep[];
  /** Collapse check of the returned mapping (a refinement that locked onto a wrong rotation shows here). */
  readonly diagnosis: MappingDiagnosis;
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
    checkPairs(start.seed, x.length / d, y.length / d);
    w = procrustesRows(x, y, d, start.seed);
    fitted = start.seed.src.length;
  } else {
    if (start.mapping.length !== d * d) throw new DimensionMismatchError('start mapping', d * d, start.mapping.length);
    w = Float32Array.from(start.mapping);
  }
  let anchors: IndexPairs | undefined;
  if (o.anchors === 'seed') {
    if (!('seed' in start)) throw new InvalidOptionError('anchors', 'seed', 'pairs, or a start from a seed dictionary');
    anchors = start.seed;
  } else if (o.anchors !== undefined) {
    checkPairs(o.anchors, x.length / d, y.length / d);
    anchors = o.anchors;
  }
  const patience = o.patience ?? Infinity;
  if (patience !== Infinity && !(Number.isInteger(patience) && patience >= 1)) throw new InvalidOptionError('patience', patience, 'a positive integer');
  const reweight = o.reweight;
  if (reweight !== undefined && !Number.isFinite(reweight)) throw new InvalidOptionError('reweight', reweight, 'a number');
  if (o.reduce !== undefined) {
    if (reweight === undefined) throw new InvalidOptionError('reduce', o.reduce, 'used with reweight (it cuts the re-weighted spaces)');
    if (!(Number.isInteger(o.reduce) && o.reduce >= 1 && o.reduce <= d)) throw new InvalidOptionError('reduce', o.reduce, `an integer from 1 to ${d}`);
  }
  let best = { mapping: w, criterion: -Infinity, bestIteration: 0 };
  // The dictionary the current / best mapping was fitted on (undefined: a start mapping); for `reweight`.
  let fittedOn: IndexPairs | undefined = 'seed' in start ? start.seed : undefined;
  let bestFittedOn = fittedOn;
  for (let it = 0; ; it++) {
    const mapped = normalizeRows(multiply(x, d, w, d), d);
    const pen = new CslsPenalties(mapped, y, d, o.cslsK ?? 10);
    // The criterion is always CSLS-based (MUSE's mean_cosine-csls_knn_10-S2T-10000), whatever `method` induces.
    const criterion = meanCosine(mapped, y, d, { maxRank: o.criterionRank, penalties: pen });
    history.push({ iteration: it, dictionarySize: fitted, criterion });
    if (criterion > best.criterion) {
      best = { mapping: w, criterion, bestIteration: it };
      bestFittedOn = fittedOn;
    }
    if (it >= iterations || it - best.bestIteration >= patience) break;
    const induced = buildDictionary(mapped, y, d, {
      method: o.method,
      build: o.build,
      maxRank: o.maxRank,
      penalties: pen,
      maxSize: o.maxSize,
      minScore: o.minScore,
    });
    const dict = anchors === undefined ? induced : unionPairs(induced, anchors);
    if (dict.src.length === 0) break;
    w = procrustesRows(x, y, d, dict);
    fitted = dict.src.length;
    fittedOn = dict;
  }
  let tgtMapping: Float32Array | undefined;
  if (reweight !== undefined) {
    // From a start mapping that stayed best, re-weight on the dictionary that mapping induces.
    const dict = bestFittedOn ?? inducedBy(x, y, d, best.mapping, o);
    const { wx, wz } = advancedMap(x, y, d, dict, reweight, reweight, o.reduce);
    best = { ...best, mapping: Float32Array.from(wx) };
    tgtMapping = Float32Array.from(wz);
  }
  const mapped = normalizeRows(multiply(x, d, best.mapping, d), d);
  const yMapped = tgtMapping === undefined ? y : normalizeRows(multiply(y, d, tgtMapping, d), d);
  const diagnosis = diagnoseMapping(mapped, yMapped, d, {
    maxRank: o.criterionRank,
    cslsK: o.cslsK,
    words: { src: srcSpace.words, tgt: tgtSpace.words },
    ...o.collapse,
  });
  return { ...best, tgtMapping, history, diagnosis };
}

function inducedBy(x: Float32Array, y: Float32Array, d: number, w: Float32Array, o: RefineOptions): IndexPairs {
  const mapped = normalizeRows(multiply(x, d, w, d), d);
  return buildDictionary(mapped, y, d, { method: o.method, build: o.build, maxRank: o.maxRank, cslsK: o.cslsK, maxSize: o.maxSize, minScore: o.minScore });
}

/** The pairs of both, each distinct (row, row) pair once. */
function unionPairs(a: IndexPairs, b: IndexPairs): IndexPairs {
  const seen = new Set<number>();
  const src: number[] = [];
  const tgt: number[] = [];
  for (const p of [a, b]) {
    for (let i = 0; i < p.src.length; i++) {
      // Rows are below 2^26 (vocabularies of a few hundred thousand words), so one float64 key is exact.
      const key = p.src[i] * 67108864 + p.tgt[i];
      if (seen.has(key)) continue;
      seen.add(key);
      src.push(p.src[i]);
      tgt.push(p.tgt[i]);
    }
  }
  return { src: Int32Array.from(src), tgt: Int32Array.from(tgt) };
}
