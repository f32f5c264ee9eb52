import { BeamScorer } from './beam-scorer.js';
import { argmax, logSoftmaxAt, logSumExp, sampleToken, type SamplingOptions } from './logits.js';

/**
 * A model as the batched search sees it: a first step giving one row of next-token logits per source, then one
 * token per row at a time. `select` builds the state of the next step's rows: row i continues row `rows[i]`.
 * `regrouped` is true when the grouping of rows by source changed (beams expanded after the first step, or a
 * finished source dropped), false when rows only moved among the beams of their own source, so a model can keep
 * per-source parts of its state (encoder outputs, cross-attention cache) without copying them.
 */
export interface SearchModel<S> {
  first(): Promise<{ logits: Float32Array; state: S }>;
  next(tokens: readonly number[], state: S): Promise<{ logits: Float32Array; state: S }>;
  select(state: S, rows: readonly number[], regrouped: boolean): S;
}

export interface SearchOptions {
  vocabSize: number;
  numBeams: number;
  maxNewTokens: number;
  lengthPenalty?: number;
  earlyStopping?: boolean;
  numReturnSequences?: number;
  eosTokenIds: readonly number[];
  /** Greedy: also return each chosen token's log-prob (a log-sum-exp over the vocabulary per step); default false. */
  logProbs?: boolean;
  /** numBeams 1: sample each token (after `process`) with this temperature / top-k / top-p and RNG instead of argmax. */
  sample?: SamplingOptions & { random: () => number };
  /** Logits processors for one row, in place: raw logits in greedy, log-probs in beam search (as transformers). */
  process?: (row: Float32Array | Float64Array, source: number, generated: readonly number[], step: number) => void;
}

export interface SearchResult {
  /** Generated ids; greedy keeps the EOS that ended a row, beam hypotheses leave it out (transformers' scores count it). */
  tokens: number[];
  /** Greedy with `logProbs: true`: log-softmax of the raw logits of each chosen token. */
  logProbs?: number[];
  /** Beam search: sum of log-probs / generated_length ** lengthPenalty. */
  score?: number;
  finishReason: 'stop' | 'length';
}

/**
 * Greedy or sampled (numBeams 1; one RNG for all rows, drawn in row order) or beam search (transformers' BeamSearchScorer per source) over a batch of sources in one
 * model run per step: rows are grouped per live source, numBeams each; sources that finish leave the batch.
 * Returns, per source, one greedy result or numReturnSequences hypotheses, best first.
 */
export async function batchedSearch<S>(model: SearchModel<S>, sources: number, o: SearchOptions): Promise<SearchResult[][]> {
  const V = o.vocabSize;
  const K = o.numBeams;
  const stop = new Set(o.eosTokenIds);
  const gens: number[][][] = Array.from({ length: sources }, () => Array.from({ length: K }, () => []));
  const beamScores: number[][] = Array.from({ length: sources }, () => Array.from({ length: K }, (_, k) => (k === 0 ? 0 : -1e9)));
  const logProbs: number[][] = Array.from({ length: sources }, () => []);
  const scorers = K > 1 ? Array.from({ length: sources }, () => new BeamScorer({ numBeams: K, lengthPenalty: o.lengthPenalty, earlyStopping: o.earlyStopping, eosTokenIds: o.eosTokenIds })) : null;
  let live = Array.from({ length: sources }, (_, b) => b);
  let rowsPerSource = 1; // the first step has one row per source
  const raw = new Float32Array(V);
  const scores = new Float64Array(K * V);
  const beamRows: ArrayLike<number>[] = new Array(K);
  const offsets = new Float64Array(K);
  let res = await model.first();
  for (let step = 0; ; step++) {
    const last = step + 1 === o.maxNewTokens;
    const nextLive: number[] = [];
    const srcRows: number[] = [];
    const tokens: number[] = [];
    for (let i = 0; i < live.length; i++) {
      const b = live[i];
      const rowOf = (k: number): number => i * rowsPerSource + (rowsPerSource === 1 ? 0 : k);
      if (!scorers) {
        const r = rowOf(0);
        const logits = res.logits.subarray(r * V, (r + 1) * V);
        let tok: number;
        if (o.process) {
          raw.set(logits);
          o.process(raw, b, gens[b][0], step);
          tok = o.sample ? sampleToken(raw, o.sample, o.sample.random) : argmax(raw);
        } else tok = o.sample ? sampleToken(logits, o.sample, o.sample.random) : argmax(logits);
        gens[b][0].push(tok);
        if (o.logProbs) logProbs[b].push(logSoftmaxAt(logits, tok));
        if (!stop.has(tok) && !last) {
          nextLive.push(b);
          srcRows.push(r);
          tokens.push(tok);
        }
        continue;
      }
      // Log-probs (processed in place when there are processors) plus each beam's score as a row offset.
      for (let k = 0; k < K; k++) {
        const logits = res.logits.subarray(rowOf(k) * V, (rowOf(k) + 1) * V);
        const lse = logSumExp(logits);
        if (o.process) {
          const row = scores.subarray(k * V, (k + 1) * V);
          for (let v = 0; v < V; v++) row[v] = logits[v] - lse;
          o.process(row, b, gens[b][k], step);
          beamRows[k] = row;
          offsets[k] = beamScores[b][k];
        } else {
          beamRows[k] = logits;
          offsets[k] = beamScores[b][k] - lse;
        }
      }
      const next = scorers[b].stepRows(beamRows, offsets, gens[b]);
      const prev = gens[b];
      gens[b] = next.map((n) => [...prev[n.source], n.token]);
      beamScores[b] = next.map((n) => n.score);
      if (!scorers[b].done && !last) {
        nextLive.push(b);
        for (const n of next) {
          srcRows.push(rowOf(n.source));
          tokens.push(n.token);
        }
      }
    }
    if (nextLive.length === 0) break;
    const regrouped = rowsPerSource !== K || nextLive.length !== live.length;
    const identity = !regrouped && srcRows.every((r, i) => r === i);
    const state = identity ? res.state : model.select(res.state, srcRows, regrouped);
    live = nextLive;
    rowsPerSource = K;
    res = await model.next(tokens, state);
  }
  return gens.map((g, b) => {
    if (!scorers) {
      const t = g[0];
      return [{ tokens: t, ...(o.logProbs ? { logProbs: logProbs[b] } : {}), finishReason: stop.has(t[t.length - 1]) ? 'stop' : 'length' }];
    }
    return scorers[b].finalize(g, beamScores[b], o.numReturnSequences ?? 1).map((h): SearchResult => {
      const done = h.tokens.length < o.maxNewTokens || stop.has(h.tokens[h.tokens.length - 1]);
      return { tokens: h.tokens, score: h.score, finishReason: done ? 'stop' : 'length' };
    });
  });
}
