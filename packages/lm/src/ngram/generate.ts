/**
 * Generation with NLTK 3.8's `LanguageModel.generate(num_words, text_seed, random_seed)` algorithm, word
 * by word: the context is the last order-1 words of text seed + generated words; while it has no
 * continuation it drops its oldest word; the candidates are that context's continuations in sorted
 * (code-point) order, weighted by `score(word, context)`; one is drawn by a cumulative-weight bisection
 * with Python's `random.random()`. `PyRandom` reproduces Python's Mersenne Twister for integer seeds, so
 * `generate(n, { seed })` gives NLTK's words for `random_seed=seed`.
 *
 * Differences from NLTK: the seed is required to be an integer and defaults to 0 (NLTK's None draws
 * from the OS); `topK` and `temperature` are ours (off by default): temperature T raises each weight to
 * 1/T, topK keeps the K largest weights (earlier candidates win ties); both change which word is drawn.
 */
import { InvalidOptionError } from '../errors.js';
import type { NgramModel } from './model.js';
import { PyRandom } from './py-random.js';

export interface GenerateOptions {
  /** Integer seed of the Python-compatible Mersenne Twister (default 0). */
  seed?: number;
  /** Words the generation continues from (NLTK's `text_seed`); not part of the output. */
  textSeed?: readonly string[];
  /** Keep only the K most probable candidates at each step. */
  topK?: number;
  /** Weights are raised to 1/temperature (> 0; 1 = unchanged). */
  temperature?: number;
}

export function generateWords(model: NgramModel, numWords: number, o: GenerateOptions): string[] {
  if (!Number.isInteger(numWords) || numWords < 0) throw new InvalidOptionError('numWords', numWords, 'a non-negative integer');
  const seed = o.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw new InvalidOptionError('seed', seed, 'an integer');
  if (o.topK !== undefined && (!Number.isInteger(o.topK) || o.topK < 1)) throw new InvalidOptionError('topK', o.topK, 'a positive integer');
  const temperature = o.temperature ?? 1;
  if (typeof temperature !== 'number' || !(temperature > 0) || !Number.isFinite(temperature)) {
    throw new InvalidOptionError('temperature', temperature, 'a positive number');
  }
  const textSeed = o.textSeed ?? [];
  if (!Array.isArray(textSeed)) throw new InvalidOptionError('textSeed', textSeed, 'an array of words');
  const rng = new PyRandom(seed);
  const { counts, vocab } = model;
  // Ids of text seed + output, as a typed array so that the count lookups stay monomorphic.
  const history = new Uint32Array(textSeed.length + numWords);
  let len = 0;
  for (const w of textSeed) history[len++] = vocab.lookup(w);
  const out: string[] = [];
  let weights = new Float64Array(64);
  for (let step = 0; step < numWords; step++) {
    let k = Math.min(len, model.order - 1);
    // Shrink the context (drop its oldest word) until it has continuations.
    let lo = 0;
    let hi = 0;
    for (; k > 0; k--) {
      const idx = counts.find(history, len - k, k);
      if (idx < 0) continue;
      [lo, hi] = counts.childRange(k, idx);
      if (hi > lo) break;
    }
    const candidates: number[] = [];
    if (k > 0) {
      const w = counts.words[k];
      for (let j = lo; j < hi; j++) candidates.push(w[j]);
    } else {
      const uni = counts.counts[0];
      for (let id = 0; id < uni.length; id++) if (uni[id] > 0) candidates.push(id);
    }
    if (candidates.length > weights.length) weights = new Float64Array(candidates.length * 2);
    for (let i = 0; i < candidates.length; i++) {
      const p = model.scoreIds(candidates[i], history, len - k, k);
      weights[i] = temperature === 1 ? p : p ** (1 / temperature);
    }
    if (o.topK !== undefined && o.topK < candidates.length) keepTopK(weights, candidates.length, o.topK);
    const pick = weightedChoice(weights, candidates.length, rng.random());
    if (pick < 0) throw new InvalidOptionError('model', model.options.smoothing, 'a model giving some candidate a non-zero weight');
    history[len++] = candidates[pick];
    out.push(vocab.words[candidates[pick]]);
  }
  return out;
}

/** NLTK's `_weighted_choice`: bisect_right over the running sums at total * threshold; -1 if none fits. */
function weightedChoice(weights: Float64Array, n: number, threshold: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  const x = total * threshold;
  let cum = 0;
  for (let i = 0; i < n; i++) {
    cum += weights[i];
    if (cum > x) return i;
  }
  return -1;
}

function keepTopK(weights: Float64Array, n: number, k: number): void {
  const sorted = Array.from(weights.subarray(0, n)).sort((a, b) => b - a);
  const cut = sorted[k - 1];
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (weights[i] > cut) kept++;
  }
  // Ties at the cut: the earliest candidates fill the remaining places.
  let room = k - kept;
  for (let i = 0; i < n; i++) {
    if (weights[i] > cut) continue;
    if (weights[i] === cut && room > 0) room--;
    else weights[i] = 0;
  }
}
