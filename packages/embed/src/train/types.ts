/**
 * The contract of word2vec training, shared by the trainer (`train/`) and its callers (the `embed` CLI,
 * benches). Defaults follow word2vec C.
 */

/** A corpus: files streamed from disk (constant memory), or lines of text. */
export type Word2VecCorpus = { files: readonly string[] } | Iterable<string> | AsyncIterable<string>;

export interface Word2VecOptions {
  /** 'sg' skip-gram or 'cbow' (mean of the context vectors). Default 'cbow', as word2vec C. */
  model: 'sg' | 'cbow';
  /** 'ns' negative sampling or 'hs' hierarchical softmax. Default 'ns'. */
  loss: 'ns' | 'hs';
  /** Vector size. Default 100. */
  dim: number;
  /** Maximum window (shrunk at random per word, as word2vec). Default 5. */
  window: number;
  /** Negative samples per positive (ns only). Default 5. */
  negative: number;
  /** Frequent-word subsampling threshold (0 = off). Default 1e-3, as word2vec C. */
  sample: number;
  /** Words seen fewer times are dropped. Default 5. */
  minCount: number;
  /** Keep at most this many most frequent words (0 = no limit). Default 0. */
  maxVocabSize: number;
  /** Passes over the corpus. Default 5. */
  epochs: number;
  /** Starting learning rate, decayed linearly over all epochs. Default 0.025 for sg, 0.05 for cbow. */
  alpha: number;
  /** Floor of the linear decay as a fraction of alpha: the rate never drops below alpha * minAlpha. Default 1e-4, as word2vec C. */
  minAlpha: number;
  /** Worker threads, each training its own share of the corpus (default: os.availableParallelism()). 1 = in-process, bit-reproducible. */
  threads: number;
  /** Seed of every random choice (initialisation, window shrinking, subsampling, negatives). Default 1. */
  seed: number;
  /** Called now and then (about every 10,000 words per thread) with the state of training. */
  onProgress?: (progress: Word2VecProgress) => void;
}

export interface Word2VecProgress {
  /** Corpus words processed so far, all epochs and threads together (before subsampling). */
  wordsDone: number;
  /** wordsDone at the end of training (corpus words × epochs). */
  wordsTotal: number;
  epoch: number;
  /** Current learning rate. */
  alpha: number;
  /** Running mean loss per prediction over the recent words. */
  loss: number;
  /** Words per second since the start. */
  wordsPerSecond: number;
}
