/**
 * The contract of GloVe training, shared by `trainGlove` and its callers (the `embed` CLI, benches).
 * Defaults are Stanford GloVe's tools' (vocab_count, cooccur, shuffle, glove), except minCount and
 * window, which follow its demo.sh (5 and 15).
 */
import type { Word2VecCorpus } from '../train/types.js';

/** A corpus: files streamed from disk (`.gz` too), or lines of text (each line a document). */
export type GloveCorpus = Word2VecCorpus;

export interface GloveOptions {
  /** Vector size. Default 50 (glove's -vector-size). */
  dim: number;
  /** Context words on each side (cooccur's -window-size). Default 15. */
  window: number;
  /** Left context only (cooccur's -symmetric 0). Default true: left and right. */
  symmetric: boolean;
  /** Weight a co-occurrence at distance d by 1/d (cooccur's -distance-weighting). Default true. */
  distanceWeighting: boolean;
  /** Weighting function cutoff f(x) = min(1, (x / xMax)^alpha). Default 100 (glove's -x-max; demo.sh uses 10). */
  xMax: number;
  /** Weighting function exponent. Default 0.75. */
  alpha: number;
  /** AdaGrad initial learning rate. Default 0.05 (glove's -eta). */
  eta: number;
  /** Gradient components are clipped to [-gradClip, gradClip]. Default 100 (glove's -grad-clip). */
  gradClip: number;
  /** Passes over the shuffled co-occurrences. Default 25 (glove's -iter; demo.sh uses 15). */
  iterations: number;
  /** Words seen fewer times are dropped (vocab_count's -min-count). Default 5 (demo.sh). */
  minCount: number;
  /** Keep at most this many most frequent words (0 = no limit). Default 0. */
  maxVocab: number;
  /** Soft memory cap in MB for counting and shuffling; past it, sorted chunks go to spillDir. Default 4096 (demo.sh's -memory 4.0). */
  memoryMB: number;
  /** Directory for the temporary files (a private subdirectory is made and removed). Default os.tmpdir(). */
  spillDir: string;
  /** Worker threads, Hogwild on shared weights (default os.availableParallelism()); 1 = in-process, bit-reproducible. */
  threads: number;
  /** Seed of the initialisation and the shuffle. Default 1. */
  seed: number;
  /** 'word+context' (W + C, glove's default -model 2) or 'word' (W only, -model 1). */
  output: 'word+context' | 'word';
  /** Called after each iteration. */
  onProgress?: (progress: GloveProgress) => void;
}

export interface GloveProgress {
  /** 1-based iteration just finished. */
  iteration: number;
  iterations: number;
  /** Mean weighted squared error over the records of this iteration, as glove prints it (cost / records). */
  cost: number;
  /** Co-occurrence records (non-zero (i, j) pairs). */
  records: number;
  /** Seconds this iteration took (wall clock). */
  seconds: number;
}
