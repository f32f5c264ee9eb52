/**
 * word2vec C's precomputed sigmoid (EXP_TABLE_SIZE 1000 over [-MAX_EXP, MAX_EXP], MAX_EXP 6), plus the
 * matching tables of -log σ(x) and -log(1 - σ(x)) for the running loss, so that reporting the loss
 * costs one lookup per prediction and no Math.log.
 */

export const MAX_EXP = 6;
export const EXP_TABLE_SIZE = 1000;
/**
 * index = (f + MAX_EXP) * EXP_SCALE, truncated, as word2vec C — whose EXP_TABLE_SIZE / MAX_EXP / 2 is
 * integer arithmetic: 83, not 83.33, so it reads σ(0.996 f − 0.024) rather than σ(f). We keep its table.
 */
export const EXP_SCALE = Math.floor(Math.floor(EXP_TABLE_SIZE / MAX_EXP) / 2);

export interface SigmoidTables {
  sigmoid: Float64Array;
  /** -log σ(x): the loss of a positive example. */
  lossPos: Float64Array;
  /** -log(1 - σ(x)): the loss of a negative example. */
  lossNeg: Float64Array;
}

export function buildSigmoidTables(): SigmoidTables {
  const sigmoid = new Float64Array(EXP_TABLE_SIZE);
  const lossPos = new Float64Array(EXP_TABLE_SIZE);
  const lossNeg = new Float64Array(EXP_TABLE_SIZE);
  for (let i = 0; i < EXP_TABLE_SIZE; i++) {
    const x = ((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP;
    const e = Math.exp(x);
    // Rounded to float32 as word2vec C stores it.
    sigmoid[i] = Math.fround(e / (e + 1));
    lossPos[i] = Math.log1p(Math.exp(-x));
    lossNeg[i] = Math.log1p(e);
  }
  return { sigmoid, lossPos, lossNeg };
}
