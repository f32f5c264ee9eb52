/**
 * Collapse detection. An unsupervised mapping can fail silently: adversarial training that sends everything to
 * a few hubs, or self-learning that locks onto a wrong rotation. Only unsupervised signals decide (never an
 * evaluation dictionary):
 *  1. concentration: translations land on few distinct targets (hubs);
 *  2. chance: MUSE's criterion is no better than after a random rotation;
 *  3. identical strings: where the vocabularies share spellings (names, numbers, loans), a right mapping
 *     translates a good share of them to themselves; a wrong rotation almost none (chance ≈ 1 / vocabulary);
 *  4. self-learning null: the criterion is no better than what refinement reaches from a random rotation, and
 *     that null lands on different translations. On real vectors (ELTeC word2vec) self-learning overfits any
 *     start to a high criterion (0.64–0.65 from a random rotation, 0.68 from a failed adversarial start, right
 *     mappings 0.73–0.74), so a random rotation (0.27) is far too weak a null — which is how the old check
 *     passed a failed adversarial run. When the null lands on the same translations it found the same solution
 *     (easy spaces), which confirms the mapping rather than flagging it.
 */
import { InvalidOptionError } from '../errors.js';
import { Rng } from '../random.js';
import { multiply, orthogonalFactor } from './linalg.js';
import { buildDictionary } from './induction.js';
import { procrustesRows } from './procrustes.js';
import { CslsPenalties } from './retrieval.js';
import { normalizeRows } from './space.js';

export interface CollapseOptions {
  /** Source words (and target candidates) of the criterion. Default 10000, as MUSE. */
  maxRank?: number;
  cslsK?: number;
  /**
   * Collapsed when the criterion closes less than this share of the gap between chance and a perfect 1:
   * `(meanCosine − chance) / (1 − chance) < minGain`. Default 0.3.
   */
  minGain?: number;
  /** Collapsed when distinct translations / translated words is below this. Default 0.2. */
  minDistinctRatio?: number;
  /**
   * The words of both spaces (rows in order), for the identical-strings signal; without them it is skipped.
   * Only strings of ≥ 2 characters among the `maxRank` most frequent of each side count.
   */
  words?: { src: readonly string[]; tgt: readonly string[] };
  /** The identical-strings signal applies when at least this many source words are spelled as a target. Default 30. */
  minSharedStrings?: number;
  /**
   * Collapsed when fewer than this share of the shared strings translate to themselves. Default 0.05 (right
   * mappings of ELTeC en-fr: 26 %; wrong rotations and the self-learning null: 0–0.5 %).
   */
  minIdenticalRate?: number;
  /** Refinement iterations of the self-learning null (0 skips it). Default 3. */
  nullIterations?: number;
  /**
   * Collapsed when `(meanCosine − null) / (1 − null) < minNullGain` and the null's translations differ
   * (agreement < 50 %). Default 0.15 (ELTeC en-fr: right mappings 0.21–0.26, failed adversarial 0.08–0.10).
   */
  minNullGain?: number;
  /** Seed of the random rotations (chance level and the null's start). Default 0. */
  seed?: number;
}

export type CollapseReason = 'none' | 'concentrated' | 'no-better-than-chance' | 'misses-identical-strings' | 'no-better-than-self-learning';

export interface MappingDiagnosis {
  /** MUSE's criterion: mean cosine of the CSLS translations of the most frequent source words. */
  readonly meanCosine: number;
  /** The same criterion after a random rotation of the mapped source space: what chance gives. */
  readonly chanceMeanCosine: number;
  /** Distinct target words among those translations, over the number of translations. */
  readonly distinctRatio: number;
  /** Share of those translations that are mutual (the target's CSLS translation is the source back). */
  readonly mutualRate: number;
  /** Source words spelled as a target word (within `maxRank`, ≥ 2 characters); 0 without `words`. */
  readonly sharedStrings: number;
  /** Share of them translated to themselves; NaN when not measured. */
  readonly identicalRate: number;
  /** The criterion refinement reaches from a random rotation; NaN when skipped. */
  readonly nullMeanCosine: number;
  /** Share of the source words the null translates as this mapping does; NaN when skipped. */
  readonly nullAgreement: number;
  readonly collapsed: boolean;
  readonly reason: CollapseReason;
}

interface Criterion {
  mean: number;
  distinct: number;
  /** s2t[i]: the CSLS translation of source row i (−1 outside maxRank). */
  s2t: Int32Array;
  mutual: number;
}

function criterion(x: Float32Array, y: Float32Array, d: number, maxRank: number, k: number, mutual = false): Criterion {
  const penalties = new CslsPenalties(x, y, d, k);
  const dict = buildDictionary(x, y, d, { build: 'S2T', maxRank, penalties });
  const s2t = new Int32Array(Math.min(maxRank, x.length / d)).fill(-1);
  if (dict.size === 0) return { mean: 0, distinct: 0, s2t, mutual: 0 };
  let s = 0;
  for (let i = 0; i < dict.size; i++) {
    s2t[dict.src[i]] = dict.tgt[i];
    let dot = 0;
    for (let t = 0; t < d; t++) dot += x[dict.src[i] * d + t] * y[dict.tgt[i] * d + t];
    s += dot;
  }
  const m = mutual ? buildDictionary(x, y, d, { build: 'S2T&T2S', maxRank, penalties }).size / dict.size : NaN;
  return { mean: s / dict.size, distinct: new Set(dict.tgt).size / dict.size, s2t, mutual: m };
}

function randomRotation(d: number, rng: Rng): Float32Array {
  return Float32Array.from(orthogonalFactor(Float64Array.from({ length: d * d }, () => rng.normal()), d));
}

/** MUSE's refinement loop from a random rotation of `x`; returns the best criterion's translations. */
function selfLearningNull(x: Float32Array, y: Float32Array, d: number, maxRank: number, k: number, iterations: number, rng: Rng): Criterion {
  const xs = x.subarray(0, Math.min(maxRank, x.length / d) * d);
  const ys = y.subarray(0, Math.min(maxRank, y.length / d) * d);
  let w = randomRotation(d, rng);
  let best: Criterion | undefined;
  for (let it = 0; ; it++) {
    const mapped = normalizeRows(multiply(xs, d, w, d), d);
    const c = criterion(mapped, ys, d, maxRank, k);
    if (best === undefined || c.mean > best.mean) best = c;
    if (it >= iterations) break;
    const dict = buildDictionary(mapped, ys, d, { build: 'S2T&T2S', maxRank });
    if (dict.size === 0) break;
    w = procrustesRows(xs, ys, d, dict);
  }
  return best as Criterion;
}

function identical(c: Criterion, words: { src: readonly string[]; tgt: readonly string[] }, maxRank: number): { shared: number; rate: number } {
  const tIndex = new Map<string, number>();
  const nt = Math.min(maxRank, words.tgt.length);
  for (let j = 0; j < nt; j++) if (words.tgt[j].length >= 2 && !tIndex.has(words.tgt[j])) tIndex.set(words.tgt[j], j);
  let shared = 0;
  let hits = 0;
  for (let i = 0; i < c.s2t.length && i < words.src.length; i++) {
    const j = tIndex.get(words.src[i]);
    if (j === undefined || c.s2t[i] < 0) continue;
    shared++;
    if (c.s2t[i] === j) hits++;
  }
  return { shared, rate: shared === 0 ? NaN : hits / shared };
}

function check(name: string, v: number, lo: number, hi: number): number {
  if (!(v >= lo && v <= hi)) throw new InvalidOptionError(name, v, `a number in [${lo}, ${hi}]`);
  return v;
}

/** Diagnose a mapping from its unit-row mapped source space and unit-row target space. */
export function diagnoseMapping(mappedSrc: Float32Array, tgt: Float32Array, d: number, o: CollapseOptions = {}): MappingDiagnosis {
  const maxRank = o.maxRank ?? 10000;
  const minGain = o.minGain ?? 0.3;
  const minDistinct = check('minDistinctRatio', o.minDistinctRatio ?? 0.2, 0, 1);
  const minIdentical = check('minIdenticalRate', o.minIdenticalRate ?? 0.05, 0, 1);
  const minNullGain = check('minNullGain', o.minNullGain ?? 0.15, -1, 1);
  const minShared = o.minSharedStrings ?? 30;
  const nullIterations = o.nullIterations ?? 3;
  if (!Number.isInteger(nullIterations) || nullIterations < 0) throw new InvalidOptionError('nullIterations', nullIterations, 'a non-negative integer');
  const k = o.cslsK ?? 10;
  const here = criterion(mappedSrc, tgt, d, maxRank, k, true);
  const rng = new Rng(o.seed ?? 0);
  const rotated = normalizeRows(multiply(mappedSrc, d, randomRotation(d, rng), d), d);
  const chance = criterion(rotated, tgt, d, maxRank, k);
  const id = o.words === undefined ? { shared: 0, rate: NaN } : identical(here, o.words, maxRank);
  let nullMean = NaN;
  let nullAgreement = NaN;
  if (nullIterations > 0) {
    const n = selfLearningNull(mappedSrc, tgt, d, maxRank, k, nullIterations, rng);
    nullMean = n.mean;
    let same = 0;
    let both = 0;
    for (let i = 0; i < n.s2t.length; i++) {
      if (n.s2t[i] < 0 || here.s2t[i] < 0) continue;
      both++;
      if (n.s2t[i] === here.s2t[i]) same++;
    }
    nullAgreement = both === 0 ? 0 : same / both;
  }
  let reason: CollapseReason = 'none';
  if (here.distinct < minDistinct) reason = 'concentrated';
  else if (here.mean - chance.mean < minGain * (1 - chance.mean)) reason = 'no-better-than-chance';
  else if (id.shared >= minShared && id.rate < minIdentical) reason = 'misses-identical-strings';
  else if (!Number.isNaN(nullMean) && nullAgreement < 0.5 && here.mean - nullMean < minNullGain * (1 - nullMean)) reason = 'no-better-than-self-learning';
  return {
    meanCosine: here.mean,
    chanceMeanCosine: chance.mean,
    distinctRatio: here.distinct,
    mutualRate: here.mutual,
    sharedStrings: id.shared,
    identicalRate: id.rate,
    nullMeanCosine: nullMean,
    nullAgreement,
    collapsed: reason !== 'none',
    reason,
  };
}

/** One line of the diagnosis's numbers, for logs, CLI output and errors. */
export function describeDiagnosis(g: MappingDiagnosis): string {
  const f = (x: number, p = 4): string => (Number.isNaN(x) ? '–' : x.toFixed(p));
  const pc = (x: number): string => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)} %`);
  return (
    `criterion ${f(g.meanCosine)} vs random rotation ${f(g.chanceMeanCosine)} and self-learning null ${f(g.nullMeanCosine)} ` +
    `(null agrees on ${pc(g.nullAgreement)}), ${pc(g.distinctRatio)} distinct, ${pc(g.mutualRate)} mutual, ` +
    `identical strings kept ${pc(g.identicalRate)} of ${g.sharedStrings}`
  );
}
