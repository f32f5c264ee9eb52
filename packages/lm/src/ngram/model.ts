/**
 * `NgramModel`: counts + one estimator, with NLTK 3.8's `LanguageModel` API (`score`, `logscore`,
 * `entropy`, `perplexity`, `generate`). Words are looked up as NLTK does (OOV → the unknown label), for
 * the word and each context word.
 */
import { InvalidOptionError, OrderError } from '../errors.js';
import { countNgrams } from './count.js';
import { countNgramsFromFiles, type FileCountOptions } from './count-file.js';
import type { Estimator } from './estimators/estimator.js';
import type { KneserNeyStats } from './estimators/kneser-ney-stats.js';
import { AbsoluteDiscountingEstimator, KneserNeyEstimator, WittenBellEstimator } from './estimators/interpolated.js';
import { LidstoneEstimator, MleEstimator } from './estimators/mle.js';
import { StupidBackoffEstimator } from './estimators/stupid-backoff.js';
import { generateWords, type GenerateOptions } from './generate.js';
import { type ModelOptions, resolveModelOptions, type ResolvedModelOptions, type TrainOptions } from './model-options.js';
import type { NgramCounts } from './ngram-counts.js';
import { SentenceScorer } from './sentence-scorer.js';
import { type ByteVocabulary, byteVocabulary, scoreText } from './text-scorer.js';
import { BOS, EOS, type NgramVocabulary } from './vocabulary.js';
import { countNgramsFromBytes } from './count-bytes.js';
import { keepShape } from './keep-shapes.js';

let twinKept = false;

export class NgramModel {
  readonly order: number;
  readonly vocab: NgramVocabulary;
  /** The resolved estimator settings (defaults filled in). */
  readonly options: Readonly<ResolvedModelOptions>;
  private readonly estimator: Estimator;
  private readonly ctxBuf: Uint32Array;
  private scorer: SentenceScorer | undefined;
  private byteVocab: ByteVocabulary | undefined;
  private sentBuf = new Uint32Array(256);

  private constructor(
    readonly counts: NgramCounts,
    options: ModelOptions,
  ) {
    this.order = counts.order;
    this.vocab = counts.vocab;
    this.options = Object.freeze(resolveModelOptions(options, counts.order));
    this.estimator = makeEstimator(counts, this.options);
    this.ctxBuf = new Uint32Array(Math.max(1, this.order - 1));
  }

  /**
   * Counts `sentences` (arrays of words; padded with order-1 `<s>`/`</s>`) and fits the estimator:
   * NLTK's `padded_everygram_pipeline(order, sents)` + `Model(order, vocabulary=Vocabulary(unk_cutoff=…)).fit(…)`.
   * @example
   * const lm = NgramModel.train(sents, { order: 3, smoothing: 'kneser-ney' });
   * lm.score('jury', ['the', 'grand']); // p(jury | the grand)
   */
  static train(sentences: Iterable<readonly string[]>, options: TrainOptions): NgramModel {
    resolveModelOptions(options, options?.order ?? 1); // option errors before the counting work
    return new NgramModel(countNgrams(sentences, options), options);
  }

  /**
   * Like `train`, from text files (one sentence per line, words split on whitespace), streamed and counted
   * in worker threads (`countNgramsFromFiles`).
   * @example const lm = await NgramModel.trainFromFiles(['corpus.txt'], { order: 3, smoothing: 'kn', threads: 2 });
   */
  static async trainFromFiles(files: readonly string[], options: TrainOptions & FileCountOptions): Promise<NgramModel> {
    resolveModelOptions(options, options?.order ?? 1);
    return new NgramModel(await countNgramsFromFiles(files, options), options);
  }

  /** A model over counts made elsewhere (`countNgramsFromFiles`, or shared between estimators). */
  static fromCounts(counts: NgramCounts, options: ModelOptions = {}): NgramModel {
    return new NgramModel(counts, options);
  }

  /**
   * p(word | context): NLTK's `score(word, context)`. `context` holds up to order-1 words, oldest first
   * (longer contexts are an `OrderError`: NLTK does not truncate them and answers 0 or backs off).
   */
  score(word: string, context: readonly string[] = []): number {
    const len = this.lookupContext(context);
    return this.estimator.score(this.ctxBuf, 0, len, this.vocab.lookup(word));
  }

  /**
   * p(last word | the words before it) for an n-gram of 1..order words: `score(g[g.length-1], g.slice(0, -1))`
   * without the slice (the fast path for scoring many n-grams).
   */
  scoreNgram(ngram: readonly string[]): number {
    if (typeof ngram === 'string') throw new InvalidOptionError('ngram', ngram, 'an array of words');
    const len = ngram.length - 1;
    if (len < 0 || len > this.order - 1) throw new OrderError(ngram.length, this.order);
    const buf = this.ctxBuf;
    for (let i = 0; i < len; i++) buf[i] = this.vocab.lookup(ngram[i]);
    return this.estimator.score(buf, 0, len, this.vocab.lookup(ngram[len]));
  }

  /** The ids of `words` (OOV → the unknown label's id), for `scoreIds`. */
  encode(words: readonly string[]): Uint32Array {
    const out = new Uint32Array(words.length);
    for (let i = 0; i < words.length; i++) out[i] = this.vocab.lookup(words[i]);
    return out;
  }

  /** log2 p(word | context): NLTK's `logscore` (base 2; -Infinity for a zero probability). */
  logScore(word: string, context: readonly string[] = []): number {
    return log2(this.score(word, context));
  }

  /**
   * `score` on ids (already looked up, e.g. by `encode`; each < `vocab.idCount`, unchecked on this hot path):
   * the context is `ctx[from..from+len)`, len <= order-1.
   */
  scoreIds(word: number, ctx: ArrayLike<number>, from = 0, len = ctx.length - from): number {
    if (len > this.order - 1 || len < 0) throw new OrderError(len + 1, this.order);
    return this.estimator.score(ctx, from, len, word);
  }

  /**
   * Cross-entropy in bits per n-gram of `ngrams` (each: context words then the word), NLTK's
   * `entropy(text_ngrams)`: -mean(logscore). Infinity if any n-gram has probability 0.
   */
  entropyOfNgrams(ngrams: Iterable<readonly string[]>): number {
    let sum = 0;
    let n = 0;
    for (const g of ngrams) {
      if (g.length === 0) throw new InvalidOptionError(`ngrams[${n}]`, g, 'a non-empty n-gram');
      sum += log2(this.scoreNgram(g));
      n++;
    }
    if (n === 0) throw new InvalidOptionError('ngrams', [], 'at least one n-gram (NLTK divides by zero)');
    return -1 * (sum / n);
  }

  /** 2 ** `entropyOfNgrams(ngrams)`: NLTK's `perplexity(text_ngrams)`. */
  perplexityOfNgrams(ngrams: Iterable<readonly string[]>): number {
    return 2.0 ** this.entropyOfNgrams(ngrams);
  }

  /**
   * Cross-entropy (bits per word) of `sentences`: each padded with order-1 `<s>`/`</s>` and cut into
   * its order-n n-grams, so every word and the `</s>` pads are predicted, as NLTK's
   * `entropy([g for s in sents for g in ngrams(pad_both_ends(s, n=order), order)])`.
   */
  crossEntropy(sentences: Iterable<readonly string[]>): number {
    if (sentences == null || typeof (sentences as Iterable<unknown>)[Symbol.iterator] !== 'function' || typeof sentences === 'string') {
      throw new InvalidOptionError('sentences', sentences, 'an iterable of sentences (arrays of words)');
    }
    // Each word is looked up once and the n-grams are followed as ids (`SentenceScorer`): 5–10× the
    // throughput of scoring each padded n-gram's strings; the same sum in the same order as NLTK's.
    const scorer = this.sentenceScorer();
    const pads = this.order - 1;
    const bos = this.vocab.lookup(BOS);
    const eos = this.vocab.lookup(EOS);
    const acc = { sum: 0, count: 0 };
    let s = 0;
    for (const sentence of sentences) {
      if (sentence == null || typeof sentence === 'string' || typeof (sentence as Iterable<unknown>)[Symbol.iterator] !== 'function') {
        throw new InvalidOptionError(`sentences[${s}]`, sentence, 'an array of words (strings)');
      }
      const sent: readonly string[] = Array.isArray(sentence) ? sentence : Array.from(sentence);
      const len = sent.length + 2 * pads;
      if (this.sentBuf.length < len) this.sentBuf = new Uint32Array(Math.max(len, this.sentBuf.length * 2));
      const buf = this.sentBuf;
      let j = 0;
      for (let p = 0; p < pads; p++) buf[j++] = bos;
      for (let i = 0; i < sent.length; i++) buf[j++] = this.vocab.lookup(sent[i]);
      for (let p = 0; p < pads; p++) buf[j++] = eos;
      scorer.sumLog2(buf, 0, len, acc);
      s++;
    }
    if (acc.count === 0) throw new InvalidOptionError('ngrams', [], 'at least one n-gram (NLTK divides by zero)');
    return -1 * (acc.sum / acc.count);
  }

  /** 2 ** `crossEntropy(sentences)` (NLTK's `perplexity` over the padded order-n n-grams). */
  perplexity(sentences: Iterable<readonly string[]>): number {
    return 2.0 ** this.crossEntropy(sentences);
  }

  /**
   * `crossEntropy` of UTF-8 text, one sentence per line, words split on whitespace (`countNgramsFromFiles`'
   * reading): the same number as `crossEntropy` of the split lines, but the words are looked up from the bytes
   * (no string per token; see `byte-words.ts`). A string is encoded first. `source` names the text in errors.
   * @example lm.crossEntropyOfText(readFileSync('test.txt'), 'test.txt')
   */
  crossEntropyOfText(text: Uint8Array | string, source = 'text'): number {
    const acc = { sum: 0, count: 0 };
    this.addTextLog2(text, acc, source);
    if (acc.count === 0) throw new InvalidOptionError('ngrams', [], 'at least one n-gram (NLTK divides by zero)');
    return -1 * (acc.sum / acc.count);
  }

  /**
   * Adds the base-2 log scores of the order-n n-grams of `text`'s lines to `acc.sum`, in NLTK's order, and their
   * number to `acc.count`: pieces of a stream, each ending at a line end and starting at line `firstLine`, added
   * into one `acc` give the whole text's cross-entropy, -sum / count, to the bit (`lm ppl` streams its input so).
   * @example const acc = { sum: 0, count: 0 }; lm.addTextLog2(piece, acc, 'test.txt', line); … -acc.sum / acc.count
   */
  addTextLog2(text: Uint8Array | string, acc: { sum: number; count: number }, source = 'text', firstLine = 1): void {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    if (!(bytes instanceof Uint8Array)) throw new InvalidOptionError('text', text, 'UTF-8 bytes (a Uint8Array) or a string');
    if (!twinKept) {
      // A tiny trigram model scored once and kept, so that the shapes of models, scorers and their block
      // lookups live on between real models and the scoring code compiled for them is not thrown away (on
      // Brown's held-out text each new model's first calls took 2–5× the next ones'; see keep-shapes.ts).
      twinKept = true;
      const twin = NgramModel.fromCounts(countNgramsFromBytes(Buffer.from('a b c\n'), { order: 3 }), { smoothing: 'laplace' });
      twin.perplexityOfText(Buffer.from('a b d\n'));
      keepShape(twin);
    }
    scoreText(bytes, source, (this.byteVocab ??= byteVocabulary(this.vocab)), this.sentenceScorer(), this.order, acc, firstLine);
  }

  /** 2 ** `crossEntropyOfText(text)`: `perplexity` of the text's lines. */
  perplexityOfText(text: Uint8Array | string, source = 'text'): number {
    return 2.0 ** this.crossEntropyOfText(text, source);
  }

  private sentenceScorer(): SentenceScorer {
    return (this.scorer ??= new SentenceScorer(this.counts, this.options, (this.estimator as { stats?: KneserNeyStats }).stats));
  }

  /**
   * Generates `numWords` words: NLTK's `generate(num_words, text_seed, random_seed)` (see `generate.ts`).
   * @example lm.generate(5, { seed: 3, textSeed: ['the'] })
   */
  generate(numWords = 1, options: GenerateOptions = {}): string[] {
    return generateWords(this, numWords, options);
  }

  private lookupContext(context: readonly string[]): number {
    if (!Array.isArray(context)) throw new InvalidOptionError('context', context, 'an array of words');
    const len = context.length;
    if (len > this.order - 1) throw new OrderError(len + 1, this.order);
    for (let i = 0; i < len; i++) this.ctxBuf[i] = this.vocab.lookup(context[i]);
    return len;
  }
}

/** NLTK's `log_base2`: -Infinity for 0, else ln(x) / ln(2) (Python's `math.log(x, 2)`). */
export function log2(x: number): number {
  return x === 0 ? -Infinity : Math.log(x) / Math.LN2;
}

function makeEstimator(c: NgramCounts, o: ResolvedModelOptions): Estimator {
  switch (o.smoothing) {
    case 'mle':
      return new MleEstimator(c);
    case 'laplace':
      return new LidstoneEstimator(c, 1);
    case 'lidstone':
      return new LidstoneEstimator(c, o.gamma);
    case 'absolute-discounting':
      return new AbsoluteDiscountingEstimator(c, o.discount);
    case 'witten-bell':
    case 'wb':
      return new WittenBellEstimator(c);
    case 'kneser-ney':
    case 'kn':
      return new KneserNeyEstimator(c, o.discount);
    case 'stupid-backoff':
      return new StupidBackoffEstimator(c, o.alpha);
  }
}
