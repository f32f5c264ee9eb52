/**
 * The options of fastText training and their defaults — `fasttext skipgram` / `cbow` 0.9.2's (dim 100,
 * ws 5, epoch 5, minCount 5, neg 5, loss ns, bucket 2,000,000, minn 3, maxn 6, lr 0.05,
 * lrUpdateRate 100, t 1e-4) — each checked, a bad value an `InvalidOptionError` naming it.
 */
import { availableParallelism } from 'node:os';
import { InvalidOptionError } from '../errors.js';

export interface FastTextTrainOptions {
  /** 'sg' skip-gram or 'cbow'. Default 'sg'. */
  model: 'sg' | 'cbow';
  /** 'ns' negative sampling or 'hs' hierarchical softmax. Default 'ns'. */
  loss: 'ns' | 'hs';
  dim: number;
  /** Window: each word's is drawn uniformly from 1..ws (fastText). */
  ws: number;
  epoch: number;
  minCount: number;
  /** Negatives per positive (ns). */
  neg: number;
  /** N-gram hash buckets: rows of the input matrix after the words. */
  bucket: number;
  /** Shortest and longest character n-gram (maxn 0: no subwords). */
  minn: number;
  maxn: number;
  /** Starting learning rate, decayed linearly to 0 over training. */
  lr: number;
  /** Tokens a thread trains between two updates of the shared progress (and so of lr). */
  lrUpdateRate: number;
  /** Subsampling threshold: word w is kept with probability sqrt(t/f) + t/f, f its frequency. */
  t: number;
  /** Worker threads (default os.availableParallelism()); 1 trains in-process, reproducible per seed. */
  threads: number;
  seed: number;
  /** Called about every 100 ms (and once at the end) while training. */
  onProgress?: (p: FastTextProgress) => void;
}

export interface FastTextProgress {
  /** Fraction of the token budget (epoch × corpus tokens) done, 0..1. */
  progress: number;
  lr: number;
  /** Mean loss per prediction so far. */
  loss: number;
  /** Corpus tokens per second since the start (all threads). */
  wordsPerSecond: number;
}

export type ResolvedTrainOptions = Required<Omit<FastTextTrainOptions, 'onProgress'>> & Pick<FastTextTrainOptions, 'onProgress'>;

const INTS: [keyof FastTextTrainOptions, number][] = [
  ['dim', 1],
  ['ws', 1],
  ['epoch', 1],
  ['minCount', 1],
  ['neg', 1],
  ['bucket', 0],
  ['minn', 0],
  ['maxn', 0],
  ['lrUpdateRate', 1],
  ['threads', 1],
  ['seed', 0],
];

export function resolveTrainOptions(options: Partial<FastTextTrainOptions> = {}): ResolvedTrainOptions {
  const known = new Set(['model', 'loss', 'dim', 'ws', 'epoch', 'minCount', 'neg', 'bucket', 'minn', 'maxn', 'lr', 'lrUpdateRate', 't', 'threads', 'seed', 'onProgress']);
  for (const key of Object.keys(options)) if (!known.has(key)) throw new InvalidOptionError('option', key, `one of ${[...known].join(', ')}`);
  const o: ResolvedTrainOptions = {
    model: 'sg',
    loss: 'ns',
    dim: 100,
    ws: 5,
    epoch: 5,
    minCount: 5,
    neg: 5,
    bucket: 2_000_000,
    minn: 3,
    maxn: 6,
    lr: 0.05,
    lrUpdateRate: 100,
    t: 1e-4,
    threads: availableParallelism(),
    seed: 0,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  if (o.model !== 'sg' && o.model !== 'cbow') throw new InvalidOptionError('model', o.model, "'sg' or 'cbow'");
  if (o.loss !== 'ns' && o.loss !== 'hs') throw new InvalidOptionError('loss', o.loss, "'ns' or 'hs'");
  for (const [key, min] of INTS) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 2 ** 31 - 1) throw new InvalidOptionError(key, v, `an integer ≥ ${min}`);
  }
  if (o.maxn > 0 && o.minn > o.maxn) throw new InvalidOptionError('minn', o.minn, `at most maxn (${o.maxn})`);
  if (o.maxn > 0 && o.bucket === 0) throw new InvalidOptionError('bucket', 0, 'at least 1 when maxn > 0');
  if (!(o.lr > 0 && Number.isFinite(o.lr))) throw new InvalidOptionError('lr', o.lr, 'a positive number');
  if (!(o.t > 0 && Number.isFinite(o.t))) throw new InvalidOptionError('t', o.t, 'a positive number');
  return o;
}
