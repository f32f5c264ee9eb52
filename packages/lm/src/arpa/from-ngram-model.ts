/**
 * `ngramModelToArpa`: an NLTK-style interpolated model (`NgramModel` with Kneser–Ney, Witten–Bell or
 * absolute discounting) as a backoff model. Interpolated models give an unseen word after a context
 * γ(context)·p(word | shorter context), which is exactly ARPA's backoff, so the conversion is exact
 * (up to float32): every counted n-gram gets its interpolated probability, every context the backoff
 *   γ = (1 − Σ_seen p(w | context)) / (1 − Σ_seen p(w | shorter context)).
 * NLTK's `<UNK>` becomes ARPA's `<unk>`; a zero probability is written as log10 p = -99 (SRILM's
 * convention), as log10 0 has no ARPA form. Laplace and Lidstone are refused: they give every unseen
 * n-gram its own add-k probability, which a backoff model cannot express without listing all |V|^n.
 */
import { InvalidOptionError } from '../errors.js';
import type { NgramModel } from '../ngram/index.js';
import { ArpaModel } from './arpa-model.js';
import { NgramTable } from './ngram-table.js';

const INTERPOLATED = new Set(['kneser-ney', 'kn', 'witten-bell', 'wb', 'absolute-discounting']);
const LOG10_ZERO = -99;

/** The backoff (ARPA) form of an interpolated `NgramModel`. */
export function ngramModelToArpa(model: NgramModel): ArpaModel {
  const { smoothing } = model.options;
  if (!INTERPOLATED.has(smoothing)) {
    throw new InvalidOptionError(
      'smoothing',
      smoothing,
      `an interpolated model to write as ARPA (kn, wb, absolute-discounting, or mkn): '${smoothing}' gives unseen n-grams probabilities that are not a backoff weight times a lower-order probability, so an ARPA file cannot hold it`,
    );
  }
  const counts = model.counts;
  const N = model.order;
  const vocab = model.vocab.words;
  const unkLabel = vocab[model.vocab.unkId];
  // ARPA ids: <unk> first (KenLM's 0), then the NLTK vocabulary in its own order.
  const toArpa = new Uint32Array(vocab.length);
  const words: string[] = ['<unk>'];
  for (let id = 0; id < vocab.length; id++) {
    if (id === model.vocab.unkId) continue;
    toArpa[id] = words.length;
    words.push(vocab[id]);
  }
  toArpa[model.vocab.unkId] = 0;
  void unkLabel;
  const log10 = (p: number) => (p > 0 ? Math.log10(p) : LOG10_ZERO);
  const ctx = new Uint32Array(N);

  // Probabilities, and backoffs of the entries that are contexts.
  const tables: NgramTable[] = [];
  const uni = new NgramTable(1, words.length);
  const uniProb = new Float64Array(vocab.length);
  for (let id = 0; id < vocab.length; id++) uniProb[id] = model.scoreIds(id, ctx, 0, 0);
  const order1 = new Float64Array(words.length);
  const backoff1 = new Float64Array(words.length);
  for (let id = 0; id < vocab.length; id++) {
    order1[toArpa[id]] = uniProb[id];
    backoff1[toArpa[id]] = N > 1 ? backoffOf(model, 1, id, [id]) : NOT_A_CONTEXT;
  }
  for (let a = 0; a < words.length; a++) uni.add(0, a, log10(order1[a]), backoffLog10(backoff1[a]));
  tables.push(uni);

  for (let k = 2; k <= N; k++) {
    const entries = counts.counts[k - 1].length;
    const t = new NgramTable(k, entries, tables[k - 2]);
    for (let j = 0; j < entries; j++) {
      if (counts.counts[k - 1][j] <= 0) continue;
      const ids = counts.ngramIds(k, j);
      for (let i = 0; i < k; i++) ctx[i] = ids[i];
      const p = model.scoreIds(ids[k - 1], ctx, 0, k - 1);
      const bo = k < N ? backoffOf(model, k, j, ids) : NOT_A_CONTEXT;
      // Suffix: ids[1..k) in the order below.
      let suffix = toArpa[ids[k - 1]];
      for (let m = 2; m < k; m++) suffix = tables[m - 1].find(suffix, toArpa[ids[k - m]]);
      t.add(suffix, toArpa[ids[0]], log10(p), backoffLog10(bo));
    }
    tables.push(t);
  }
  const bos = words.indexOf('<s>');
  const eos = words.indexOf('</s>');
  return new ArpaModel(words, tables, bos, eos);
}

/** γ of order-k entry `idx` (word ids `ids`) as a context: 1 when nothing follows it. */
function backoffOf(model: NgramModel, k: number, idx: number, ids: readonly number[]): number {
  const counts = model.counts;
  const [start, end] = counts.childRange(k, idx);
  if (start === end) return NOT_A_CONTEXT;
  const ctx = new Uint32Array(k);
  for (let i = 0; i < k; i++) ctx[i] = ids[i];
  let high = 0;
  let low = 0;
  const next = counts.words[k];
  for (let c = start; c < end; c++) {
    if (counts.counts[k][c] <= 0) continue;
    const w = next[c];
    high += model.scoreIds(w, ctx, 0, k);
    low += model.scoreIds(w, ctx, 1, k - 1);
  }
  const left = 1 - low;
  return left > 0 ? (1 - high) / left : 1;
}

/** Marks "no n-gram extends this one" (a -0 backoff, as KenLM keeps it). */
const NOT_A_CONTEXT = -1;

function backoffLog10(bo: number): number {
  return bo === NOT_A_CONTEXT ? -0 : Math.log10(bo);
}
