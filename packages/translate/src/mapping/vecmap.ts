/**
 * VecMap's fully unsupervised mapping (Artetxe, Labaka & Agirre 2018, "A robust self-learning method for fully
 * unsupervised cross-lingual mappings"; the `--unsupervised` recipe of artetxem/vecmap):
 *  1. normalise both spaces: unit length, centre, unit length;
 *  2. seed dictionary from the similarity distributions: for the `unsupervisedVocab` most frequent words,
 *     the rows of √(X Xᵀ) (= U S Uᵀ) sorted, normalised, compared across languages, CSLS, both directions;
 *  3. self-learning: orthogonal Procrustes ↔ dictionary induction (CSLS, both directions, over the
 *     `vocabularyCutoff` most frequent words), keeping each similarity with probability `keepProb`, which starts
 *     at 0.1 and doubles whenever the objective has not improved for `stochasticInterval` iterations;
 *  4. once `keepProb` reaches 1: whitening, orthogonal mapping, re-weighting (s^0.5) and de-whitening.
 *     When `maxIterations` stops the loop first (a scaled-down run), one more induction with keep probability 1
 *     (`deterministicFinish`) gives step 4 a deterministic dictionary, as VecMap's own ending always does.
 * Both spaces are mapped (`mapped = normalised x · W`), into a shared space. `vecmapSelfLearning` runs steps 3-4
 * from a given seed dictionary instead (VecMap's `--semi_supervised`; e.g. the dictionary of an earlier
 * unsupervised run on other vectors).
 */
import { DimensionMismatchError, InvalidOptionError } from '../errors.js';
import { Rng } from '../random.js';
import { diagnoseMapping, type CollapseOptions, type MappingDiagnosis } from './collapse.js';
import { dotMatrix, meanTopKBothWays } from './knn.kernel.js';
import { crossProduct, matmul, multiply, svd, symmetricFunction, transpose } from './linalg.js';
import { checkPairs, procrustesRows, type IndexPairs } from './procrustes.js';
import { centerColumns, checkSpace, headRows, normalizeRows, type EmbeddingSpace } from './space.js';

export interface VecMapOptions {
  /** Words used for the similarity-distribution seed. Default 4000. */
  unsupervisedVocab?: number;
  /** Words used in dictionary induction. Default 20000. */
  vocabularyCutoff?: number;
  /** CSLS neighbourhood (0 = nearest neighbour). Default 10. */
  csls?: number;
  stochasticInitial?: number;
  stochasticMultiplier?: number;
  /** Iterations without improvement before the keep probability grows. Default 50. */
  stochasticInterval?: number;
  /** Least objective gain that counts as an improvement. Default 1e-6. */
  threshold?: number;
  /** Safety cap on self-learning iterations. Default 1000. */
  maxIterations?: number;
  /**
   * When `maxIterations` ends the loop while the keep probability is still below 1: one more iteration with
   * keep probability 1 (Procrustes on the last, stochastic dictionary, then induction without dropout), whose
   * dictionary feeds the final whitening / re-weighting step. VecMap itself only ends after a keep-1 induction;
   * without this a capped run re-weights a dictionary induced with dropout. Counted in `iterations` and
   * `history` (at most `maxIterations + 1` iterations). Default true; false keeps the dropout dictionary.
   */
  deterministicFinish?: boolean;
  /** Re-weighting exponents of the final step. Default 0.5 each. */
  srcReweight?: number;
  trgReweight?: number;
  seed?: number;
  collapse?: CollapseOptions;
}

export interface VecMapResult {
  /** d × d, row-major: mapped source = normalised source · srcMapping. */
  readonly srcMapping: Float32Array;
  readonly tgtMapping: Float32Array;
  /** Both spaces normalised (unit, center, unit) and mapped into the shared space. */
  readonly mappedSrc: EmbeddingSpace;
  readonly mappedTgt: EmbeddingSpace;
  /** The seed dictionary: the unsupervised one (row pairs among the most frequent words), or the one given. */
  readonly seedDictionary: IndexPairs;
  /** The dictionary of the final step (the last induction: source row → target row pairs, both directions). */
  readonly dictionary: IndexPairs;
  /** Orthogonal-map iterations, the seed's included: one more than the inductions in `history`. */
  readonly iterations: number;
  /** Whether the cap stopped the loop below keep probability 1 and a keep-1 induction was added (`deterministicFinish`). */
  readonly deterministicFinish: boolean;
  /** VecMap's objective: mean best similarity of the last induction, both directions. */
  readonly objective: number;
  /** One entry per dictionary induction: VecMap's objective and the keep probability it was induced with. */
  readonly history: readonly VecMapStep[];
  readonly diagnosis: MappingDiagnosis;
}

export interface VecMapStep {
  readonly iteration: number;
  readonly objective: number;
  readonly keepProb: number;
}

/** VecMap's `unit center unit` normalisation of a copy. */
export function vecmapNormalize(x: Float32Array, d: number): Float32Array {
  return normalizeRows(centerColumns(normalizeRows(x.slice(), d), d), d);
}

/** Rows of √(X Xᵀ) for the first `n` rows: X (XᵀX)^(-1/2) Xᵀ, sorted ascending, then normalised. */
function similarityDistribution(x: Float32Array, d: number, n: number): Float32Array {
  const head = headRows(x, d, n);
  const c = crossProduct(head, d, head, d);
  const invSqrt = symmetricFunction(c, d, (v) => (v > 1e-9 ? 1 / Math.sqrt(v) : 0));
  const sim = dotMatrix(multiply(head, d, invSqrt, d), head, d);
  for (let i = 0; i < n; i++) sim.subarray(i * n, i * n + n).sort();
  return vecmapNormalize(sim, n);
}

/** Union of both directions' best matches of a similarity matrix: (i, argmax_j) and (argmax_i, j). */
function unionArgmax(sim: Float32Array, m: number, n: number): IndexPairs {
  const src: number[] = [];
  const tgt: number[] = [];
  for (let i = 0; i < m; i++) {
    let b = 0;
    for (let j = 1; j < n; j++) if (sim[i * n + j] > sim[i * n + b]) b = j;
    src.push(i);
    tgt.push(b);
  }
  for (let j = 0; j < n; j++) {
    let b = 0;
    for (let i = 1; i < m; i++) if (sim[i * n + j] > sim[b * n + j]) b = i;
    src.push(b);
    tgt.push(j);
  }
  return { src: Int32Array.from(src), tgt: Int32Array.from(tgt) };
}

function seedDictionary(x: Float32Array, z: Float32Array, d: number, size: number, csls: number): IndexPairs {
  const xs = similarityDistribution(x, d, size);
  const zs = similarityDistribution(z, d, size);
  const sim = dotMatrix(xs, zs, size);
  if (csls > 0) {
    const { rows, cols } = meanTopKBothWays(xs, zs, size, csls);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) sim[i * size + j] -= rows[i] / 2 + cols[j] / 2;
  }
  return unionArgmax(sim, size, size);
}

/**
 * For each of the first `qn` rows of q, the base row (of the first `bn`) maximising `q·b − halfBias[b]` after
 * zeroing each score with probability `drop` (VecMap's stochastic dictionary induction); also returns the mean of
 * the plain best similarities (VecMap's objective).
 */
function stochasticBest(
  q: Float32Array,
  qn: number,
  base: Float32Array,
  bn: number,
  d: number,
  halfBias: Float32Array | undefined,
  drop: number,
  rng: Rng,
): { index: Int32Array; objective: number } {
  const index = new Int32Array(qn);
  const b = base.subarray(0, bn * d);
  let total = 0;
  const BLOCK = 64;
  for (let i0 = 0; i0 < qn; i0 += BLOCK) {
    const i1 = Math.min(qn, i0 + BLOCK);
    const sims = dotMatrix(q.subarray(i0 * d, i1 * d), b, d);
    for (let i = i0; i < i1; i++) {
      const row = (i - i0) * bn;
      let best = -Infinity;
      let arg = 0;
      let argScore = -Infinity;
      for (let j = 0; j < bn; j++) {
        const s = sims[row + j];
        if (s > best) best = s;
        let v = halfBias === undefined ? s : s - halfBias[j];
        if (drop > 0 && rng.next() < drop) v = 0;
        if (v > argScore) {
          argScore = v;
          arg = j;
        }
      }
      index[i] = arg;
      total += best;
    }
  }
  return { index, objective: total / qn };
}

/** VecMap's self-learning settings, checked, with their defaults. */
interface SelfLearningSettings {
  cutoff: number;
  csls: number;
  keep: number;
  multiplier: number;
  interval: number;
  threshold: number;
  maxIterations: number;
  srcRw: number;
  trgRw: number;
  deterministicFinish: boolean;
}

function settings(o: VecMapOptions): SelfLearningSettings & { unsupervisedVocab: number } {
  const opt = (name: keyof VecMapOptions, def: number, ok: (v: number) => boolean, expected: string): number => {
    const v = (o[name] as number | undefined) ?? def;
    if (typeof v !== 'number' || !ok(v)) throw new InvalidOptionError(name, v, expected);
    return v;
  };
  const posInt = (v: number) => Number.isInteger(v) && v >= 1;
  const deterministicFinish = o.deterministicFinish ?? true;
  if (typeof deterministicFinish !== 'boolean') throw new InvalidOptionError('deterministicFinish', deterministicFinish, 'a boolean');
  return {
    unsupervisedVocab: opt('unsupervisedVocab', 4000, posInt, 'a positive integer'),
    cutoff: opt('vocabularyCutoff', 20000, posInt, 'a positive integer'),
    csls: opt('csls', 10, (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer'),
    keep: opt('stochasticInitial', 0.1, (v) => v > 0 && v <= 1, 'a probability in (0, 1]'),
    multiplier: opt('stochasticMultiplier', 2, (v) => v > 1, 'a number > 1'),
    interval: opt('stochasticInterval', 50, posInt, 'a positive integer'),
    threshold: opt('threshold', 1e-6, (v) => v >= 0, 'a non-negative number'),
    maxIterations: opt('maxIterations', 1000, posInt, 'a positive integer'),
    srcRw: opt('srcReweight', 0.5, Number.isFinite, 'a number'),
    trgRw: opt('trgReweight', 0.5, Number.isFinite, 'a number'),
    deterministicFinish,
  };
}

/** Fully unsupervised VecMap mapping of two spaces. */
export function vecmapUnsupervised(srcSpace: EmbeddingSpace, tgtSpace: EmbeddingSpace, o: VecMapOptions = {}): VecMapResult {
  const d = checkSpaces(srcSpace, tgtSpace);
  const s = settings(o);
  const x = vecmapNormalize(srcSpace.vectors, d);
  const z = vecmapNormalize(tgtSpace.vectors, d);
  const seed = seedDictionary(x, z, d, Math.min(x.length / d, z.length / d, s.unsupervisedVocab), s.csls);
  return selfLearn(srcSpace, tgtSpace, x, z, seed, s, o);
}

/**
 * VecMap's self-learning (steps 3-4 above) from a given seed dictionary instead of the similarity-distribution
 * seed: VecMap's `--semi_supervised` recipe (unit-centre-unit normalisation, stochastic induction by CSLS in both
 * directions over the `vocabularyCutoff` most frequent words, then whitening, re-weighting and de-whitening).
 * Unlike MUSE's refinement (`refine`), every word of the cutoff gets a translation in each direction, and the
 * stochastic dropout lets the dictionary move away from a noisy seed. Seed rows index the given spaces;
 * `unsupervisedVocab` is unused.
 *
 * @example
 * const r = vecmapSelfLearning(en, fr, resolveDictionary(inducedEarlier, en, fr), { vocabularyCutoff: 5000 });
 */
export function vecmapSelfLearning(srcSpace: EmbeddingSpace, tgtSpace: EmbeddingSpace, seed: IndexPairs, o: VecMapOptions = {}): VecMapResult {
  const d = checkSpaces(srcSpace, tgtSpace);
  checkPairs(seed, srcSpace.words.length, tgtSpace.words.length);
  const s = settings(o);
  const own: IndexPairs = { src: Int32Array.from(seed.src), tgt: Int32Array.from(seed.tgt) };
  return selfLearn(srcSpace, tgtSpace, vecmapNormalize(srcSpace.vectors, d), vecmapNormalize(tgtSpace.vectors, d), own, s, o);
}

function checkSpaces(srcSpace: EmbeddingSpace, tgtSpace: EmbeddingSpace): number {
  checkSpace('source', srcSpace);
  checkSpace('target', tgtSpace);
  const d = srcSpace.dim;
  if (tgtSpace.dim !== d) throw new DimensionMismatchError('target space', d, tgtSpace.dim);
  return d;
}

/** Steps 3-4 on normalised spaces x, z from `seed`. */
function selfLearn(
  srcSpace: EmbeddingSpace,
  tgtSpace: EmbeddingSpace,
  x: Float32Array,
  z: Float32Array,
  seed: IndexPairs,
  s: SelfLearningSettings,
  o: VecMapOptions,
): VecMapResult {
  const d = srcSpace.dim;
  const { csls, multiplier, interval, threshold, maxIterations } = s;
  let keep = s.keep;
  const rng = new Rng(o.seed ?? 0);
  const nx = x.length / d;
  const nz = z.length / d;
  let dict: IndexPairs = seed;
  let xw = x;
  const xSize = Math.min(nx, s.cutoff);
  const zSize = Math.min(nz, s.cutoff);
  let best = -100;
  let objective = -100;
  let lastImprovement = -1;
  let itr = 0;
  const history: VecMapStep[] = [];
  let lastKeep = 1; // keep probability of the last induction (the seed counts as deterministic)
  let finishing = false;
  for (let finish = false; !finish; ) {
    if (itr > 0) {
      const xh = xw.subarray(0, xSize * d);
      const zh = z.subarray(0, zSize * d);
      const pen = csls > 0 ? meanTopKBothWays(xh, zh, d, csls) : undefined;
      const half = (r: Float32Array | undefined) => (r === undefined ? undefined : r.map((v) => v / 2));
      const back = stochasticBest(zh, zSize, xh, xSize, d, half(pen?.rows), 1 - keep, rng);
      const fwd = stochasticBest(xh, xSize, zh, zSize, d, half(pen?.cols), 1 - keep, rng);
      const src = new Int32Array(xSize + zSize);
      const tgt = new Int32Array(xSize + zSize);
      for (let i = 0; i < xSize; i++) {
        src[i] = i;
        tgt[i] = fwd.index[i];
      }
      for (let j = 0; j < zSize; j++) {
        src[xSize + j] = back.index[j];
        tgt[xSize + j] = j;
      }
      dict = { src, tgt };
      objective = (back.objective + fwd.objective) / 2;
      history.push({ iteration: itr, objective, keepProb: keep });
      lastKeep = keep;
    }
    itr++;
    if (objective - best >= threshold) {
      lastImprovement = itr;
      best = objective;
    }
    if (keep >= 1 || itr >= maxIterations) finish = true;
    if (itr - lastImprovement > interval) {
      keep = Math.min(1, multiplier * keep);
      lastImprovement = itr;
    }
    if (finish && lastKeep < 1 && s.deterministicFinish) {
      // Capped with dropout still on: one more map + induction at keep 1 (no rng draws), then the final step.
      finish = false;
      finishing = true;
      keep = 1;
    }
    if (!finish) xw = multiply(x, d, procrustesRows(x, z, d, dict), d);
  }
  const { wx, wz } = advancedMap(x, z, d, dict, s.srcRw, s.trgRw);
  const mappedX = multiply(x, d, wx, d);
  const mappedZ = multiply(z, d, wz, d);
  const diagnosis = diagnoseMapping(normalizeRows(mappedX.slice(), d), normalizeRows(mappedZ.slice(), d), d, {
    words: { src: srcSpace.words, tgt: tgtSpace.words },
    ...o.collapse,
  });
  return {
    srcMapping: Float32Array.from(wx),
    tgtMapping: Float32Array.from(wz),
    mappedSrc: { words: srcSpace.words, vectors: mappedX, dim: d },
    mappedTgt: { words: tgtSpace.words, vectors: mappedZ, dim: d },
    seedDictionary: seed,
    dictionary: dict,
    iterations: itr,
    deterministicFinish: finishing,
    objective: best,
    history,
    diagnosis,
  };
}

/**
 * VecMap's final step as two d × d maps: whiten, orthogonal map both ways, re-weight, de-whiten. With `keep`
 * (VecMap's `--dim_reduction`), only the `keep` strongest shared directions survive: the later output columns
 * of both maps are zero, which leaves dot products and cosines as if the spaces were cut to `keep` dimensions.
 * Callers check `keep` (refine's `reduce`), as they check the re-weighting powers.
 */
export function advancedMap(
  x: Float32Array,
  z: Float32Array,
  d: number,
  dict: IndexPairs,
  srcRw: number,
  trgRw: number,
  keep = d,
): { wx: Float64Array; wz: Float64Array } {
  const cx = crossProduct(x, d, x, d, dict.src, dict.src);
  const cz = crossProduct(z, d, z, d, dict.tgt, dict.tgt);
  const invSqrt = (v: number) => (v > 1e-12 ? 1 / Math.sqrt(v) : 0);
  const wx1 = symmetricFunction(cx, d, invSqrt);
  const wz1 = symmetricFunction(cz, d, invSqrt);
  const wx1Inv = symmetricFunction(cx, d, Math.sqrt);
  const wz1Inv = symmetricFunction(cz, d, Math.sqrt);
  // (X wx1)ᵀ (Z wz1) = wx1ᵀ (Xᵀ Z) wz1 over the pairs.
  const cross = crossProduct(x, d, z, d, dict.src, dict.tgt);
  const m = matmul(matmul(transpose(wx1, d, d), d, d, cross, d), d, d, wz1, d);
  const { u: wx2, s, v: wz2 } = svd(m, d);
  const scale = (w: Float64Array, rw: number): Float64Array => {
    const out = Float64Array.from(w);
    for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) out[r * d + c] *= Math.pow(Math.max(s[c], 0), rw);
    return out;
  };
  // x · wx1 · wx2 · diag(s^rw) · (wx2ᵀ · wx1⁻¹ · wx2)
  const dewhiten = (w1Inv: Float64Array, w2: Float64Array) => matmul(matmul(transpose(w2, d, d), d, d, w1Inv, d), d, d, w2, d);
  const wx = matmul(scale(matmul(wx1, d, d, wx2, d), srcRw), d, d, dewhiten(wx1Inv, wx2), d);
  const wz = matmul(scale(matmul(wz1, d, d, wz2, d), trgRw), d, d, dewhiten(wz1Inv, wz2), d);
  // As VecMap: columns cut after de-whitening, in the singular basis (svd sorts it, strongest first).
  for (const w of [wx, wz]) for (let r = 0; r < d; r++) w.fill(0, r * d + keep, (r + 1) * d);
  return { wx, wz };
}
