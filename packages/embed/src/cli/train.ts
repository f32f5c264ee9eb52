/**
 * `embed train`: word2vec (skip-gram or CBOW, negative sampling or hierarchical softmax) on a text file
 * or stdin, the vectors written atomically in word2vec's binary or text format. This file parses flags
 * and reports; `trainWord2Vec` does the work.
 */
import { createInterface } from 'node:readline';
import { Option, type Command } from 'commander';
import { InvalidOptionError } from '../errors.js';
import { formatFromPath, writeVectors, type VectorFormat } from '../formats/index.js';
import { trainWord2Vec, type Word2VecCorpus, type Word2VecOptions } from '../train/index.js';
import { UsageError } from './errors.js';
import { print, type CliIo } from './io.js';
import { integerFlag, numberFlag } from './options.js';
import { startTrainBar } from './train-progress.js';

interface TrainFlags {
  output: string;
  model: 'sg' | 'cbow';
  loss: 'ns' | 'hs';
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
    .addOption(new Option('--model <model>', 'sg = skip-gram, cbow = continuous bag of words').choices(['sg', 'cbow']).default('cbow'))
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
    .option('--seed <n>', 'seed of every random choice (default 1)')
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
`,
    )
    .action(async (corpusPath: string, flags: TrainFlags) => {
      if (flags.binary && flags.text) throw new UsageError('--binary and --text exclude each other');
      const format: VectorFormat = flags.binary ? 'word2vec-binary' : flags.text ? 'word2vec-text' : (formatFromPath(flags.output) ?? 'word2vec-binary');
      const options: Partial<Word2VecOptions> = { model: flags.model, loss: flags.loss };
      const ints: Array<[keyof Word2VecOptions, string | undefined, number]> = [
        ['dim', flags.dim, 1], ['window', flags.window, 1], ['negative', flags.negative, 0], ['epochs', flags.epochs, 1],
        ['threads', flags.threads, 1], ['minCount', flags.minCount, 1], ['maxVocabSize', flags.maxVocab, 0], ['seed', flags.seed, 0],
      ];
      for (const [key, text, min] of ints) if (text !== undefined) (options as Record<string, unknown>)[key] = integerFlag(FLAGS[key], text, min);
      if (flags.sample !== undefined) options.sample = numberFlag('--sample', flags.sample, 0, 1);
      if (flags.alpha !== undefined) options.alpha = numberFlag('--alpha', flags.alpha, Number.MIN_VALUE, 10);
      const bar = await startTrainBar(io, flags.progress !== false && io.stderrIsTTY);
      options.onProgress = (p) => bar.update(p);
      const corpus: Word2VecCorpus = corpusPath === '-' ? lines(io) : { files: [corpusPath] };
      const started = performance.now();
      let kv;
      try {
        kv = await trainWord2Vec(corpus, options);
      } catch (err) {
        if (err instanceof InvalidOptionError && FLAGS[err.option]) throw new InvalidOptionError(FLAGS[err.option], err.value, err.expected);
        throw err;
      } finally {
        bar.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      await writeVectors(flags.output, kv, { format });
      const summary = { words: kv.size, dim: kv.dim, seconds: Math.round(seconds * 100) / 100, output: flags.output, format };
      await print(io, flags.json ? JSON.stringify(summary) + '\n' : `trained ${kv.size} words × ${kv.dim} dims in ${seconds.toFixed(1)} s; wrote ${flags.output} (${format})\n`);
    });
}

/** stdin as lines (the trainer keeps an in-memory corpus as word ids, 4 bytes a word). */
async function* lines(io: CliIo): AsyncIterable<string> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}
