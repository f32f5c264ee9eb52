/**
 * `generateText`: sampling sentences from an `ArpaModel` with KenLM's scoring, seeded. Each sentence
 * starts after `<s>`; every step scores the whole vocabulary (except `<s>` and `<unk>`) in the current
 * state, keeps the `topK` most likely, sharpens or flattens by `temperature` (p^(1/T)), and draws one;
 * `</s>` ends the sentence (never right after `<s>`: no empty sentences). Randomness is Python's `random.Random(seed)` (the n-gram models' too).
 */
import { InvalidOptionError } from '../errors.js';
import { PyRandom } from '../ngram/index.js';
import { UNK_ID, type ArpaModel } from './arpa-model.js';

export interface ArpaGenerateOptions {
  /** Words to generate in all (`</s>` does not count). */
  readonly numWords: number;
  readonly seed?: number;
  /** Keep only the `topK` most likely words at each step (default: all). */
  readonly topK?: number;
  /** Divide log probabilities by this before sampling (default 1). */
  readonly temperature?: number;
}

/**
 * Sentences (arrays of words) with `numWords` words in all; the last one may stop before its `</s>`.
 * @example generateText(model, { numWords: 20, seed: 1, topK: 40 }).map((s) => s.join(' '))
 */
export function generateText(model: ArpaModel, options: ArpaGenerateOptions): string[][] {
  const { numWords, seed = 0, topK, temperature = 1 } = options;
  if (!Number.isInteger(numWords) || numWords < 0) throw new InvalidOptionError('numWords', numWords, 'a non-negative integer');
  if (topK !== undefined && !(Number.isInteger(topK) && topK >= 1)) throw new InvalidOptionError('topK', topK, 'a positive integer');
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new InvalidOptionError('temperature', temperature, 'a positive number');
  if (!Number.isSafeInteger(seed)) throw new InvalidOptionError('seed', seed, 'an integer');
  const rng = new PyRandom(seed);
  const V = model.words.length;
  const candidates: number[] = [];
  for (let w = 0; w < V; w++) if (w !== UNK_ID && w !== model.bosId) candidates.push(w);
  const eosIndex = candidates.indexOf(model.eosId);
  const logp = new Float64Array(candidates.length);
  const weights = new Float64Array(candidates.length);
  const order = new Uint32Array(candidates.length);
  let state = model.beginSentenceState();
  let next = model.newState();
  const scratch = model.newState();
  const sentences: string[][] = [];
  let sentence: string[] = [];
  for (let produced = 0; produced < numWords; ) {
    for (let i = 0; i < candidates.length; i++) logp[i] = model.fullScore(state, candidates[i], scratch);
    // No empty sentences: they would add no words, and a model sure of `</s>` after `<s>` would loop.
    if (sentence.length === 0) logp[eosIndex] = -Infinity;
    let n = candidates.length;
    for (let i = 0; i < n; i++) order[i] = i;
    if (topK !== undefined && topK < n) {
      // Highest first; ties keep vocabulary order so a seed always gives the same text.
      const sorted = Array.from(order).sort((a, b) => logp[b] - logp[a] || a - b);
      for (let i = 0; i < topK; i++) order[i] = sorted[i];
      n = topK;
    }
    let max = -Infinity;
    for (let i = 0; i < n; i++) max = Math.max(max, logp[order[i]]);
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i] = Math.pow(10, (logp[order[i]] - max) / temperature);
    let r = rng.random() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= weights[i];
      if (r < 0) {
        pick = i;
        break;
      }
    }
    const word = candidates[order[pick]];
    if (word === model.eosId) {
      sentences.push(sentence);
      sentence = [];
      model.beginSentenceState(state);
      continue;
    }
    model.fullScore(state, word, next);
    [state, next] = [next, state];
    sentence.push(model.words[word]);
    produced++;
  }
  if (sentence.length > 0) sentences.push(sentence);
  return sentences;
}
