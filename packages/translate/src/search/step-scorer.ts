/**
 * What beam search asks of a model: a start state, the log-probabilities of the next token for many states at
 * once, and the state after a token. States are plain values the scorer owns (an n-gram context, a row of an
 * ONNX decoder's key/value cache, a phrase-table coverage vector); the search never looks inside them.
 */

/** Sparse next-token scores: `logProbs[i]` for `tokens[i]`; any token not listed is impossible. */
export interface SparseScores {
  readonly tokens: ArrayLike<number>;
  readonly logProbs: ArrayLike<number>;
}

/**
 * One state's next-token scores: a dense row over the whole vocabulary (index = token id; `-Infinity` for
 * impossible tokens), as a neural decoder gives after log-softmax, or a few sparse candidates, as an n-gram LM
 * with a candidate list or a phrase table gives.
 */
export type StepScores = Float32Array | Float64Array | SparseScores;

/**
 * A stateful scorer. Beam search calls `step` once per time step with the states of every live hypothesis of
 * every batch item together (so a batched decoder runs one forward pass per step), then `advance` for each
 * hypothesis kept. `advance` must not mutate `state`: one state may have several children (a beam split), and
 * a decoder with a cache can return a handle (parent row + token) and gather rows lazily in the next `step`.
 *
 * Scores are natural-log probabilities (≤ 0); the early-stopping bounds rely on that.
 */
export interface StepScorer<S> {
  /** The start state of batch item `batchIndex` (0 when there is a single input). */
  initial(batchIndex: number): S;
  /** Next-token scores for each state, in the same order: `result[i]` belongs to `states[i]`. */
  step(states: readonly S[]): readonly StepScores[];
  /** The state after appending `token` to `state`. */
  advance(state: S, token: number): S;
}

/** A finished (or length-truncated) hypothesis. */
export interface Hypothesis {
  /** Generated tokens, including the EOS token when `finished`. */
  readonly tokens: number[];
  /** Sum of the tokens' log-probabilities. */
  readonly logProb: number;
  /** The ranking score: `logProb` after the length penalty. */
  readonly score: number;
  /** True when the hypothesis ended with EOS; false when it reached `maxLength` without it. */
  readonly finished: boolean;
}

/** `exp(-logProb / length)`: the per-token perplexity of a hypothesis (its length counts the EOS token). */
export function hypothesisPerplexity(h: Pick<Hypothesis, 'tokens' | 'logProb'>): number {
  return h.tokens.length === 0 ? 1 : Math.exp(-h.logProb / h.tokens.length);
}
