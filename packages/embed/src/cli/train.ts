/**
 * `embed train`: word2vec (skip-gram or CBOW, negative sampling or hierarchical softmax) or fastText
 * (`--model fasttext-sg|fasttext-cbow`: the same with character n-grams) on a text file or stdin, the
 * vectors written atomically in word2vec's binary or text format or fastText's `.vec`, or (fastText,
 * `-o x.bin`) the whole model as fastText's `.bin`; or GloVe (`--model glove`: co-occurrence counting
 * with a memory cap, shuffling, AdaGrad). This file parses flags and reports; `trainWord2Vec` /
 * `trainFastText` / `trainGlove` do the work.
 */
import { createInterface } from 'node:readline';
import { Option, type Command } from 'commander';
import { InvalidOptionError } from '../errors.js';
import { formatFromPath, writeVectors, type VectorFormat } from '../formats/index.js';
import { trainFastText, type FastTextTrainOptions } from '../fasttext/index.js';
import { trainGlove, type GloveOptions } from '../glove/index.js';
import { trainWord2Vec, type Word2VecCorpus, type Word2VecOptions } from '../train/index.js';
import { UsageError } from '@nlpkit/kit/cli';
import { print, type CliIo } from './io.js';
import { integerFlag, numberFlag } from './options.js';
import { startTrainBar } from './train-progress.js';

interface TrainFlags {
  output: string;
  model: 'sg' | 'cbow' | 'fasttext-sg' | 'fasttext-cbow' | 'glove';
  loss: 'ns' | 'hs';
  minn?: string;
  maxn?: string;
  bucket?: string;
  xMax?: string;
  weightPower?: string;
  memory?: string;
  spillDir?: string;
  wordOnly?: boolean;
  dim?: string;
  window?: string;
  negative?: string;
  epochs?: string;
  threads?: string;
  minCount?: string;
  maxVocab?: string;
  sample?: string;
  alpha?: string;
  seed?: string;
  binary?: boolean;
  text?: boolean;
  progress?: boolean;
  json?: boolean;
}

/** Library option → flag, so a value the library refuses is reported under the flag the user typed. */
const FLAGS: Record<string, string> = {
  dim: '--dim', window: '--window', negative: '--negative', epochs: '--epochs', threads: '--threads', minCount: '--min-count',
  maxVocabSize: '--max-vocab', sample: '--sample', alpha: '--alpha', seed: '--seed',
};

export function configureTrain(cmd: Command, io: CliIo): Command {
  return cmd
    .description('Train word2vec on a text corpus (one sentence per line, words split on whitespace) and write the vectors')
    .argument('<corpus>', 'text file (.gz too), or "-" for stdin')
    .requiredOption('-o, --output <file>', 'vector file to write (atomically)')
    .addOption(
      new Option('--model <model>', 'sg = skip-gram, cbow = continuous bag of words (word2vec); fasttext-sg, fasttext-cbow = the same with character n-grams (fastText); glove = GloVe')
        .choices(['sg', 'cbow', 'fasttext-sg', 'fasttext-cbow', 'glove'])
        .default('cbow'),
    )
    .addOption(new Option('--loss <loss>', 'ns = negative sampling, hs = hierarchical softmax').choices(['ns', 'hs']).default('ns'))
    .option('--dim <n>', 'vector size (default 100)')
    .option('--window <n>', 'maximum context window (default 5)')
    .option('--negative <n>', 'negative samples per word, ns only (default 5)')
    .option('--epochs <n>', 'passes over the corpus (default 5)')
    .option('--threads <n>', 'worker threads (default: all cores); 1 is bit-reproducible')
    .option('--min-count <n>', 'drop words seen fewer times (default 5)')
    .option('--max-vocab <n>', 'keep at most the n most frequent words (default: no limit)')
    .option('--sample <x>', 'subsampling threshold of frequent words, 0 = off (default 1e-3)')
    .option('--alpha <x>', 'starting learning rate (default 0.025 for sg, 0.05 for cbow)')
    .option('--seed <n>', 'seed of every random choice (default 1; fastText models: 0)')
    .option('--minn <n>', 'fastText: shortest character n-gram (default 3)')
    .option('--maxn <n>', 'fastText: longest character n-gram, 0 = no subwords (default 6)')
    .option('--bucket <n>', 'fastText: n-gram hash buckets (default 2000000)')
    .option('--x-max <n>', 'GloVe: weighting cutoff x_max (default 100)')
    .option('--weight-power <x>', "GloVe: weighting exponent, GloVe's alpha (default 0.75)")
    .option('--memory <MB>', 'GloVe: memory for co-occurrence counting before sorted chunks spill to disk (default 4096)')
    .option('--spill-dir <dir>', 'GloVe: where spilled chunks go (default: the system temp folder; removed afterwards)')
    .option('--word-only', 'GloVe: write the word vectors only (default: word + context, as GloVe)')
    .option('--binary', 'write word2vec binary (the default unless the output ends in .txt or .vec)')
    .option('--text', 'write word2vec text')
    .option('--no-progress', 'no progress bar (by default one is drawn on stderr when it is a terminal)')
    .option('--json', 'print a JSON summary {"words","dim","seconds","output"}')
    .addHelpText(
      'after',
      `
Examples:
  embed train text8 -o vectors.bin --model sg --loss ns --dim 100 --window 5 --epochs 5 --threads 4
  zcat corpus.gz | embed train - -o vectors.txt --min-count 10 --sample 1e-4
  embed train wiki.txt -o wiki.bin --model fasttext-sg --epochs 5      # fastText's .bin (loads in fasttext)
  embed train wiki.txt -o wiki.vec --model fasttext-cbow --minn 3 --maxn 6
  embed train wiki.txt -o glove.txt --model glove --dim 50 --window 15 --x-max 10 --epochs 15

fastText models take fastText's defaults: lr (--alpha) 0.05, --sample 1e-4, --seed 0; with -o *.bin they
write the whole model (fastText's .bin: word and n-gram rows, for vectors of unknown words), otherwise
the vocabulary's vectors in the format of the extension (.vec, .txt, else word2vec binary).
GloVe takes GloVe's defaults: --window 15, --epochs (iterations) 25, --alpha (its learning rate eta) 0.05.
`,
    )
    .action(async (corpusPath: string, flags: TrainFlags) => {
      if (flags.binary && flags.text) throw new UsageError('--binary and --text exclude each other');
      if (flags.model === 'fasttext-sg' || flags.model === 'fasttext-cbow') return trainFastTextCommand(corpusPath, flags, io);
      if (flags.model === 'glove') return trainGloveCommand(corpusPath, flags, io);
      if (flags.xMax !== undefined || flags.weightPower !== undefined || flags.memory !== undefined || flags.spillDir !== undefined || flags.wordOnly) {
        throw new UsageError('--x-max, --weight-power, --memory, --spill-dir and --word-only are for --model glove');
      }
      if (flags.minn !== undefined || flags.maxn !== undefined || flags.bucket !== undefined) {
        throw new UsageError('--minn, --maxn and --bucket are for --model fasttext-sg|fasttext-cbow');
      }
      const format = outputFormat(flags);
      const options: Partial<Word2VecOptions> = { model: flags.model, loss: flags.loss };
      const ints: Array<[keyof Word2VecOptions, string | undefined, number]> = [
        ['dim', flags.dim, 1], ['window', flags.window, 1], ['negative', flags.negative, 0], ['epochs', flags.epochs, 1],
        ['threads', flags.threads, 1], ['minCount', flags.minCount, 1], ['maxVocabSize', flags.maxVocab, 0], ['seed', flags.seed, 0],
      ];
      setIntegerFlags(options, ints, FLAGS);
      if (flags.sample !== undefined) options.sample = numberFlag('--sample', flags.sample, 0, 1);
      if (flags.alpha !== undefined) options.alpha = numberFlag('--alpha', flags.alpha, Number.MIN_VALUE, 10);
      const bar = await startTrainBar(io, flags.progress !== false && io.stderrIsTTY);
      options.onProgress = (p) => bar.update(p);
      const corpus: Word2VecCorpus = corpusPath === '-' ? lines(io) : { files: [corpusPath] };
      const { result: kv, seconds } = await timedTraining(bar, FLAGS, () => trainWord2Vec(corpus, options));
      await writeVectors(flags.output, kv, { format });
      await report(io, flags, { words: kv.size, dim: kv.dim, seconds, output: flags.output, format });
    });
}

/** fastText option → flag. */
const FASTTEXT_FLAGS: Record<string, string> = {
  dim: '--dim', ws: '--window', neg: '--negative', epoch: '--epochs', threads: '--threads', minCount: '--min-count',
  t: '--sample', lr: '--alpha', seed: '--seed', minn: '--minn', maxn: '--maxn', bucket: '--bucket',
};

async function trainFastTextCommand(corpusPath: string, flags: TrainFlags, io: CliIo): Promise<void> {
  if (flags.maxVocab !== undefined) throw new UsageError('--max-vocab is not available for fastText models');
  const asModel = flags.output.toLowerCase().endsWith('.bin') && !flags.binary && !flags.text;
  const format = outputFormat(flags);
  const options: Partial<FastTextTrainOptions> = { model: flags.model === 'fasttext-sg' ? 'sg' : 'cbow', loss: flags.loss };
  const ints: Array<[keyof FastTextTrainOptions, string | undefined, number]> = [
    ['dim', flags.dim, 1], ['ws', flags.window, 1], ['neg', flags.negative, 1], ['epoch', flags.epochs, 1], ['threads', flags.threads, 1],
    ['minCount', flags.minCount, 1], ['seed', flags.seed, 0], ['minn', flags.minn, 0], ['maxn', flags.maxn, 0], ['bucket', flags.bucket, 0],
  ];
  setIntegerFlags(options, ints, FASTTEXT_FLAGS);
  if (flags.sample !== undefined) options.t = numberFlag('--sample', flags.sample, Number.MIN_VALUE, 1);
  if (flags.alpha !== undefined) options.lr = numberFlag('--alpha', flags.alpha, Number.MIN_VALUE, 10);
  const bar = await startTrainBar(io, flags.progress !== false && io.stderrIsTTY);
  // The bar counts thousandths of the token budget; fastText has no epoch boundaries, the epoch shown is progress × epochs.
  const epochs = options.epoch ?? 5;
  options.onProgress = (p) => {
    const epoch = Math.min(epochs, Math.floor(p.progress * epochs) + 1);
    bar.update({ wordsDone: Math.round(p.progress * 1000), wordsTotal: 1000, epoch, alpha: p.lr, loss: p.loss, wordsPerSecond: p.wordsPerSecond });
  };
  const corpus: Word2VecCorpus = corpusPath === '-' ? lines(io) : { files: [corpusPath] };
  const { result: model, seconds } = await timedTraining(bar, FASTTEXT_FLAGS, () => trainFastText(corpus, options));
  if (asModel) await model.save(flags.output);
  else await writeVectors(flags.output, model.toKeyedVectors(), { format });
  await report(io, flags, { words: model.dictionary.nwords, dim: model.dim, seconds, output: flags.output, format: asModel ? 'fasttext-bin' : format });
}

/** GloVe option → flag. */
const GLOVE_FLAGS: Record<string, string> = {
  dim: '--dim', window: '--window', iterations: '--epochs', threads: '--threads', minCount: '--min-count', maxVocab: '--max-vocab',
  seed: '--seed', xMax: '--x-max', alpha: '--weight-power', eta: '--alpha', memoryMB: '--memory', spillDir: '--spill-dir',
};

async function trainGloveCommand(corpusPath: string, flags: TrainFlags, io: CliIo): Promise<void> {
  for (const [flag, value] of [['--loss', flags.loss === 'ns' ? undefined : flags.loss], ['--negative', flags.negative], ['--sample', flags.sample],
    ['--minn', flags.minn], ['--maxn', flags.maxn], ['--bucket', flags.bucket]] as const) {
    if (value !== undefined) throw new UsageError(`${flag} does not apply to --model glove`);
  }
  const format = outputFormat(flags);
  const options: Partial<GloveOptions> = { output: flags.wordOnly ? 'word' : 'word+context' };
  const ints: Array<[keyof GloveOptions, string | undefined, number]> = [
    ['dim', flags.dim, 1], ['window', flags.window, 1], ['iterations', flags.epochs, 1], ['threads', flags.threads, 1],
    ['minCount', flags.minCount, 1], ['maxVocab', flags.maxVocab, 0], ['seed', flags.seed, 0], ['memoryMB', flags.memory, 1],
  ];
  setIntegerFlags(options, ints, GLOVE_FLAGS);
  if (flags.xMax !== undefined) options.xMax = numberFlag('--x-max', flags.xMax, Number.MIN_VALUE, 1e12);
  if (flags.weightPower !== undefined) options.alpha = numberFlag('--weight-power', flags.weightPower, 0, 10);
  if (flags.alpha !== undefined) options.eta = numberFlag('--alpha', flags.alpha, Number.MIN_VALUE, 10);
  if (flags.spillDir !== undefined) options.spillDir = flags.spillDir;
  const bar = await startTrainBar(io, flags.progress !== false && io.stderrIsTTY);
  // One bar step per iteration; the loss shown is GloVe's cost of the last iteration.
  options.onProgress = (p) =>
    bar.update({ wordsDone: p.iteration, wordsTotal: p.iterations, epoch: p.iteration, alpha: options.eta ?? 0.05, loss: p.cost, wordsPerSecond: p.records / Math.max(p.seconds, 1e-9) });
  const corpus: Word2VecCorpus = corpusPath === '-' ? lines(io) : { files: [corpusPath] };
  const { result: kv, seconds } = await timedTraining(bar, GLOVE_FLAGS, () => trainGlove(corpus, options));
  await writeVectors(flags.output, kv, { format });
  await report(io, flags, { words: kv.size, dim: kv.dim, seconds, output: flags.output, format });
}

/** The vector format to write: `--binary`/`--text`, else by the output's extension, else word2vec binary. */
function outputFormat(flags: TrainFlags): VectorFormat {
  return flags.binary ? 'word2vec-binary' : flags.text ? 'word2vec-text' : (formatFromPath(flags.output) ?? 'word2vec-binary');
}

/** Parses the integer flags given (`[option, text, minimum]`) into `options`, errors named by `flagOf[option]`. */
function setIntegerFlags<T>(options: Partial<T>, entries: ReadonlyArray<readonly [keyof T, string | undefined, number]>, flagOf: Record<string, string>): void {
  for (const [key, text, min] of entries) {
    if (text !== undefined) (options as Record<string, unknown>)[key as string] = integerFlag(flagOf[key as string], text, min);
  }
}

/**
 * Runs a trainer with the progress bar up, stopping it however training ends; an option the library refuses
 * is reported under the flag the user typed (`flagOf`).
 */
async function timedTraining<R>(bar: { stop(): void }, flagOf: Record<string, string>, train: () => Promise<R>): Promise<{ result: R; seconds: number }> {
  const started = performance.now();
  try {
    return { result: await train(), seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    if (err instanceof InvalidOptionError && flagOf[err.option]) throw new InvalidOptionError(flagOf[err.option], err.value, err.expected);
    throw err;
  } finally {
    bar.stop();
  }
}

/** The one-line summary (or `--json`) every training command ends with. */
function report(io: CliIo, flags: TrainFlags, s: { words: number; dim: number; seconds: number; output: string; format: string }): Promise<void> {
  const summary = { ...s, seconds: Math.round(s.seconds * 100) / 100 };
  return print(io, flags.json ? JSON.stringify(summary) + '\n' : `trained ${s.words} words × ${s.dim} dims in ${s.seconds.toFixed(1)} s; wrote ${s.output} (${s.format})\n`);
}

/** stdin as lines (the trainer keeps an in-memory corpus as word ids, 4 bytes a word). */
async function* lines(io: CliIo): AsyncIterable<string> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}
