/**
 * Collapse detection. An unsupervised mapping can fail silently: adversarial training that sends everything to
 * a few hubs, or self-learning that locks onto a wrong rotation. Both show in MUSE's criterion: translations
 * concentrate on few target words, or their mean cosine is no better than what a random rotation gives.
 */
import { InvalidOptionError } from '../errors.js';
import { Rng } from '../random.js';
import { multiply, orthogonalFactor } from './linalg.js';
import { buildDictionary } from './induction.js';
import { CslsPenalties } from './retrieval.js';
import { normalizeRows } from './space.js';

export interface CollapseOptions {
  /** Source words (and target candidates) of the criterion. Default 10000, as MUSE. */
  maxRank?: number;
  cslsK?: number;
  /**
   * Collapsed when the criterion closes less than this share of the gap between chance and a perfect 1:
   * `(meanCosine − chance) / (1 − chance) < minGain`. Default 0.3 (a correct mapping of the synthetic tests
   * scores above 0.9; self-learning on unrelated spaces overfits to about 0.1–0.2).
   */
  minGain?: number;
  /** Collapsed when distinct translations / translated words is below this. Default 0.2. */
  minDistinctRatio?: number;
  /** Seed of the random rotation that gives the chance level. Default 0. */
  seed?: number;
}

export interface MappingDiagnosis {
  /** MUSE's criterion: mean cosine of the CSLS translations of the most frequent source words. */
  readonly meanCosine: number;
  /** The same criterion after a random rotation of the mapped source space: what chance gives. */
  readonly chanceMeanCosine: number;
  /** Distinct target words among those translations, over the number of translations. */
  readonly distinctRatio: number;
  readonly collapsed: boolean;
  readonly reason: 'none' | 'no-better-than-chance' | 'concentrated';
}

function criterion(x: Float32Array, y: Float32Array, d: number, maxRank: number, k: number): { mean: number; distinct: number } {
  const dict = buildDictionary(x, y, d, { build: 'S2T', maxRank, penalties: new CslsPenalties(x, y, d, k) });
  if (dict.size === 0) return { mean: 0, distinct: 0 };
  let s = 0;
  for (let i = 0; i < dict.size; i++) {
    let dot = 0;
    for (let t = 0; t < d; t++) dot += x[dict.src[i] * d + t] * y[dict.tgt[i] * d + t];
    s += dot;
  }
  return { mean: s / dict.size, distinct: new Set(dict.tgt).size / dict.size };
}

/** Diagnose a mapping from its unit-row mapped source space and unit-row target space. */
export function diagnoseMapping(mappedSrc: Float32Array, tgt: Float32Array, d: number, o: CollapseOptions = {}): MappingDiagnosis {
  const maxRank = o.maxRank ?? 10000;
  const minGain = o.minGain ?? 0.3;
  const minDistinct = o.minDistinctRatio ?? 0.2;
  if (!(minDistinct >= 0 && minDistinct <= 1)) throw new InvalidOptionError('minDistinctRatio', minDistinct, 'a number in [0, 1]');
  const k = o.cslsK ?? 10;
  const here = criterion(mappedSrc, tgt, d, maxRank, k);
  const rng = new Rng(o.seed ?? 0);
  const q = orthogonalFactor(Float64Array.from({ length: d * d }, () => rng.normal()), d);
  const rotated = normalizeRows(multiply(mappedSrc, d, q, d), d);
  const chance = criterion(rotated, tgt, d, maxRank, k);
  const reason = here.distinct < minDistinct ? 'concentrated' : here.mean - chance.mean < minGain * (1 - chance.mean) ? 'no-better-than-chance' : 'none';
  return { meanCosine: here.mean, chanceMeanCosine: chance.mean, distinctRatio: here.distinct, collapsed: reason !== 'none', reason };
}
