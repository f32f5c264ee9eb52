/**
 * `estimateMkn`: modified Kneser–Ney with backoff exactly as KenLM's lmplz estimates it (no pruning):
 * three discounts per order from the count-of-counts (Chen & Goodman eq. 26, in float32 as
 * lm/builder/adjust_counts.cc), discounted probabilities and interpolation weights per context
 * (initial_probabilities.cc), interpolation with the lower order down to the uniform 1/(|V|-1) with
 * `<unk>` as a zeroton and p(<s>) = 1 (interpolate.cc), written as log10 probabilities and backoffs.
 * Every step rounds to float32 where lmplz does, so the ARPA file comes out the same.
 */
import { DiscountError, EmptyTrainingDataError } from '../errors.js';
import { ArpaModel } from './arpa-model.js';
import { BOS_ID, EOS_ID, REC, type MknCounts } from './mkn-counts.js';
import { log10f } from './log10f.js';
import { NgramTable } from './ngram-table.js';

const f32 = Math.fround;

/** Discounts D1, D2, D3+ of one order (D0 = 0). */
export type Discounts = readonly [number, number, number];

export interface MknOptions {
  /**
   * Discounts to use for an order whose closed-form estimate fails (lmplz --discount_fallback; its
   * default is [0.5, 1, 1.5]); without it such data is a `DiscountError`.
   */
  readonly discountFallback?: Discounts;
}

export interface MknResult {
  readonly model: ArpaModel;
  /** The discounts used, per order (lowest first). */
  readonly discounts: readonly Discounts[];
  /** Whether each order's discounts are the fallback. */
  readonly fellBack: readonly boolean[];
}

/** The closed-form discounts of one order from its count-of-counts n[1..4], as lmplz computes them in float32. */
export function mknDiscounts(order: number, n: readonly number[]): Discounts {
  for (let j = 1; j < 4; j++) {
    if (n[j] === 0) throw new DiscountError(order, `no ${order}-grams with adjusted count ${j}`);
  }
  const y = f32(f32(n[1]) / f32(n[1] + 2 * n[2]));
  const d: number[] = [];
  for (let j = 1; j < 4; j++) {
    const amount = f32(j - f32(f32(f32(f32(j + 1) * y) * f32(n[j + 1])) / f32(n[j])));
    if (amount < 0 || amount > j) throw new DiscountError(order, `discount for adjusted count ${j} is ${amount}, out of [0, ${j}]`);
    d.push(amount);
  }
  return [d[0], d[1], d[2]];
}

/** Estimates the model from `counts`. */
export function estimateMkn(counts: MknCounts, options: MknOptions = {}): MknResult {
  const N = counts.order;
  if (counts.tokens === 0 && counts.sentences === 0) throw new EmptyTrainingDataError('the training text');
  const V = counts.words.length;
  const uni = counts.unigramCounts;

  // Count-of-counts and discounts per order.
  const discounts: Discounts[] = [];
  const fellBack: boolean[] = [];
  for (let m = 1; m <= N; m++) {
    const n = [0, 0, 0, 0, 0];
    if (m === 1) {
      for (let w = 0; w < V; w++) if (uni[w] < 5) n[uni[w]]++;
    } else {
      const { rec, length } = counts.records(m);
      for (let e = 0; e < length; e++) {
        const c = rec[e * REC + 2] >>> 0;
        if (c < 5) n[c]++;
      }
    }
    try {
      discounts.push(mknDiscounts(m, n));
      fellBack.push(false);
    } catch (err) {
      if (!(err instanceof DiscountError) || !options.discountFallback) throw err;
      discounts.push(options.discountFallback.map(f32) as unknown as Discounts);
      fellBack.push(true);
    }
  }
  const discount = (m: number, c: number) => (c === 0 ? 0 : discounts[m - 1][Math.min(c, 3) - 1]);

  // Per order: the denominator and interpolation weight (gamma) of each context.
  const gammas: Float32Array[] = []; // gammas[m - 1][ctx]: weight of context ctx (an (m-1)-gram) for order m
  const denominators: Float32Array[] = [];
  const uniGamma = new Float32Array(1);
  const uniDenom = new Float32Array(1);
  {
    let denom = 0;
    const k = [0, 0, 0, 0];
    for (let w = 0; w < V; w++) {
      denom += uni[w];
      if (uni[w] > 0) k[Math.min(uni[w], 3)]++;
    }
    uniDenom[0] = denom;
    uniGamma[0] = gamma(discounts[0], k[1], k[2], k[3], uniDenom[0]);
    gammas.push(uniGamma);
    denominators.push(uniDenom);
  }
  for (let m = 2; m <= N; m++) {
    const { rec, length } = counts.records(m);
    const size = m === 2 ? V : counts.records(m - 1).length;
    const denom = new Float64Array(size);
    const k1 = new Uint32Array(size);
    const k2 = new Uint32Array(size);
    const k3 = new Uint32Array(size);
    for (let e = 0; e < length; e++) {
      const c = rec[e * REC + 2] >>> 0;
      const x = rec[e * REC + 3];
      denom[x] += c;
      if (c === 1) k1[x]++;
      else if (c === 2) k2[x]++;
      else if (c >= 3) k3[x]++;
    }
    const g = new Float32Array(size);
    const d32 = new Float32Array(size);
    for (let x = 0; x < size; x++) {
      if (denom[x] === 0) continue;
      d32[x] = denom[x];
      g[x] = gamma(discounts[m - 1], k1[x], k2[x], k3[x], d32[x]);
    }
    gammas.push(g);
    denominators.push(d32);
  }

  // Interpolated probabilities, lowest order first.
  const uniform = f32(1 / (V - 1));
  const probs: Float32Array[] = [];
  {
    const p = new Float32Array(V);
    const g = uniGamma[0];
    const term = f32(g * uniform);
    for (let w = 0; w < V; w++) {
      if (w === BOS_ID) p[w] = 1;
      else if (w === 0) p[w] = f32(0 + term);
      else p[w] = f32(f32(f32(uni[w] - discount(1, uni[w])) / uniDenom[0]) + term);
    }
    probs.push(p);
  }
  for (let m = 2; m <= N; m++) {
    const { rec, length } = counts.records(m);
    const g = gammas[m - 1];
    const d = denominators[m - 1];
    const lower = probs[m - 2];
    const p = new Float32Array(length);
    for (let e = 0; e < length; e++) {
      const c = rec[e * REC + 2] >>> 0;
      const x = rec[e * REC + 3];
      p[e] = f32(f32(f32(c - discount(m, c)) / d[x]) + f32(g[x] * lower[rec[e * REC]]));
    }
    probs.push(p);
  }

  return { model: buildModel(counts, probs, gammas, denominators), discounts, fellBack };
}

/** (D1·k1 + D2·k2 + D3·k3) / denominator, summed in float32 in lmplz's order. */
function gamma(d: Discounts, k1: number, k2: number, k3: number, denominator: number): number {
  let g = 0;
  g = f32(g + f32(d[0] * k1));
  g = f32(g + f32(d[1] * k2));
  g = f32(g + f32(d[2] * k3));
  return f32(g / denominator);
}

/**
 * The ARPA model: unigrams in id order, higher orders in lmplz's suffix order (last word first), log10
 * probabilities capped at 0 and log10 backoffs (the context's gamma; -0 for n-grams that are no context).
 */
function buildModel(counts: MknCounts, probs: readonly Float32Array[], gammas: readonly Float32Array[], denominators: readonly Float32Array[]): ArpaModel {
  const N = counts.order;
  const V = counts.words.length;
  const out: NgramTable[] = [];
  // Entry e of order m is a context iff some (m+1)-gram starts with it (its group has a denominator).
  // lmplz gives every n-gram not ending in </s> or <unk> a backoff from the next order's stream; these
  // are exactly the contexts. -0 marks "no longer n-gram extends it", as KenLM's reader would.
  const backoffOf = (m: number, e: number): number => (m < N && denominators[m][e] > 0 ? log10f(gammas[m][e]) : -0);

  const uniTable = new NgramTable(1, V);
  for (let w = 0; w < V; w++) uniTable.push(0, w, Math.min(0, log10f(probs[0][w])), backoffOf(1, w));
  out.push(uniTable);
  // rank[e] = position of entry e of the order below in the output (unigrams: their id).
  let rank = new Uint32Array(V);
  for (let i = 0; i < V; i++) rank[i] = i;
  for (let m = 2; m <= N; m++) {
    const { rec, length: len } = counts.records(m);
    const left = new Uint32Array(len);
    const suffixRank = new Uint32Array(len);
    for (let e = 0; e < len; e++) {
      left[e] = rec[e * REC + 1];
      suffixRank[e] = rank[rec[e * REC]];
    }
    // Suffix order = by the suffix's output rank, then the first word: two stable counting sorts (LSD).
    const byLeft = countingSort(left, len, V, null);
    const sorted = countingSort(suffixRank, len, rank.length, byLeft);
    const table = new NgramTable(m, len, out[m - 2]);
    const nextRank = new Uint32Array(len);
    for (let r = 0; r < len; r++) nextRank[sorted[r]] = r;
    // In entry order, each record written at its rank: one scattered write per n-gram instead of
    // gathering five arrays at scattered entries.
    const p = probs[m - 1];
    for (let e = 0; e < len; e++) table.set(nextRank[e], suffixRank[e], left[e], Math.min(0, log10f(p[e])), backoffOf(m, e));
    out.push(table);
    rank = nextRank;
  }
  return new ArpaModel(counts.words, out, BOS_ID, EOS_ID, counts.vocabIndex);
}

/**
 * Indices 0..n-1 (or `order`'s, keeping their order among equal keys) sorted by `keys[e]` in [0, range).
 * (Keys as an array, not a key function: two closures made the calls polymorphic, ~15% of an order-5 build.)
 */
function countingSort(keys: Uint32Array, n: number, range: number, order: Uint32Array | null): Uint32Array {
  const start = new Uint32Array(range + 1);
  for (let i = 0; i < n; i++) start[keys[i] + 1]++;
  for (let k = 0; k < range; k++) start[k + 1] += start[k];
  const out = new Uint32Array(n);
  if (order) {
    for (let i = 0; i < n; i++) {
      const e = order[i];
      out[start[keys[e]]++] = e;
    }
  } else for (let e = 0; e < n; e++) out[start[keys[e]]++] = e;
  return out;
}
