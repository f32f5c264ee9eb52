/**
 * fastText's `Args` as its `.bin` stores them (`Args::save`: eleven int32, then `t` as a float64) and the
 * defaults of `fasttext skipgram` / `cbow` (fastText 0.9.2).
 */

export type FastTextLoss = 'hs' | 'ns' | 'softmax' | 'ova';
export type FastTextModelKind = 'cbow' | 'sg' | 'sup';

/** The hyper-parameters stored in a `.bin` (fastText's names). */
export interface FastTextArgs {
  dim: number;
  /** Window size. */
  ws: number;
  epoch: number;
  minCount: number;
  /** Negatives per positive. */
  neg: number;
  wordNgrams: number;
  loss: FastTextLoss;
  model: FastTextModelKind;
  bucket: number;
  minn: number;
  maxn: number;
  lrUpdateRate: number;
  /** Subsampling threshold. */
  t: number;
}

/** fastText's enum values (`loss_name`, `model_name` in args.h), index = stored int. */
export const LOSS_CODES: readonly (FastTextLoss | undefined)[] = [undefined, 'hs', 'ns', 'softmax', 'ova'];
export const MODEL_CODES: readonly (FastTextModelKind | undefined)[] = [undefined, 'cbow', 'sg', 'sup'];

/** `fasttext skipgram`'s defaults. */
export const DEFAULT_ARGS: FastTextArgs = {
  dim: 100,
  ws: 5,
  epoch: 5,
  minCount: 5,
  neg: 5,
  wordNgrams: 1,
  loss: 'ns',
  model: 'sg',
  bucket: 2_000_000,
  minn: 3,
  maxn: 6,
  lrUpdateRate: 100,
  t: 1e-4,
};
