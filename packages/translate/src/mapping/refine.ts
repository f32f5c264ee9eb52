/**
 * Procrustes refinement (MUSE's `supervised.py` loop): induce a dictionary from mutual CSLS neighbours among the
 * most frequent words, re-fit the rotation, repeat; keep the iteration with the best unsupervised criterion.
 */
import { DimensionMismatchError, InvalidOptionError } from '../errors.js';
import { diagnoseMapping, type CollapseOptions, type MappingDiagnosis } from './collapse.js';
import { buildDictionary, meanCosine, type DictionaryBuild } from './induction.js';
import { multiply } from './linalg.js';
import { checkPairs, procrustesRows, type IndexPairs } from './procrustes.js';
import { CslsPenalties, type RetrievalMethod } from './retrieval.js';
import { checkSpace, normalizeRows, type EmbeddingSpace } from './space.js';

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
  let best = { mapping: w, criterion: -Infinity, bestIteration: 0 };
  for (let it = 0; ; it++) {
    const mapped = normalizeRows(multiply(x, d, w, d), d);
    const pen = new CslsPenalties(mapped, y, d, o.cslsK ?? 10);
    // The criterion is always CSLS-based (MUSE's mean_cosine-csls_knn_10-S2T-10000), whatever `method` induces.
    const criterion = meanCosine(mapped, y, d, { maxRank: o.criterionRank, penalties: pen });
    history.push({ iteration: it, dictionarySize: fitted, criterion });
    if (criterion > best.criterion) best = { mapping: w, criterion, bestIteration: it };
    if (it >= iterations) break;
    const dict = buildDictionary(mapped, y, d, { method: o.method, build: o.build, maxRank: o.maxRank, penalties: pen });
    if (dict.size === 0) break;
    w = procrustesRows(x, y, d, dict);
    fitted = dict.size;
  }
  const mapped = normalizeRows(multiply(x, d, best.mapping, d), d);
  const diagnosis = diagnoseMapping(mapped, y, d, {
    maxRank: o.criterionRank,
    cslsK: o.cslsK,
    words: { src: srcSpace.words, tgt: tgtSpace.words },
    ...o.collapse,
  });
  return { ...best, history, diagnosis };
}
