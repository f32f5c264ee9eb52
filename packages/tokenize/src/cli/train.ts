/**
 * `tok train`: text files (or stdin) → a tokenizer.json trained with the library's trainers (BPE,
 * WordPiece, Unigram), written atomically. Progress (bytes read, merges, EM rounds) is drawn on
 * stderr; the library does the work, this file parses flags and reports.
 */
import { stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { InvalidOptionError, NlpkitError } from '../errors.js';
import type { CliIo } from './io.js';
import { STDIN_NAME } from './io.js';
import { integerOption } from './integer-option.js';
import { LineWriter } from '@nlpkit/kit/cli';
import { renameOptionErrors } from './option-names.js';
import { startTrainingProgress } from './train-progress.js';
import { readLineBatches } from './read-lines.js';

const MODELS = ['bpe', 'wordpiece', 'unigram'] as const;
type ModelName = (typeof MODELS)[number];

/** Default vocabulary sizes: GPT-2-like BPE, BERT's WordPiece, SentencePiece-like Unigram. */
const DEFAULT_VOCAB: Record<ModelName, number> = { bpe: 32000, wordpiece: 30522, unigram: 32000 };

/** Library option → flag, so an out-of-range value is reported under the name the user typed. */
const FLAG_NAMES = {
  vocabSize: '--vocab-size',
  minFrequency: '--min-frequency',
  specialTokens: '--special-tokens',
  limitAlphabet: '--limit-alphabet',
  threads: '--threads',
  continuingSubwordPrefix: '--prefix',
  endOfWordSuffix: '--suffix',
};

interface TrainFlags {
  model: ModelName;
  vocabSize?: string;
  byteLevel?: boolean;
  minFrequency?: string;
  specialTokens?: string;
  limitAlphabet?: string;
  prefix?: string;
  suffix?: string;
  threads?: string;
  output?: string;
  json?: boolean;
  lossy?: boolean;
  progress?: boolean;
}

/** Sets up `cmd` as `tok train`. */
export function configureTrain(cmd: Command, io: CliIo): Command {
  cmd
    .description('Train a BPE, WordPiece or Unigram tokenizer on text and write its tokenizer.json')
    .addOption(new Option('-m, --model <model>', 'the model to train').choices(MODELS).default('bpe'))
    .option('-n, --vocab-size <n>', `final vocabulary size, special tokens included (default: bpe ${DEFAULT_VOCAB.bpe}, wordpiece ${DEFAULT_VOCAB.wordpiece}, unigram ${DEFAULT_VOCAB.unigram})`)
    .option('--byte-level', 'bpe: GPT-2 byte-level BPE (the default for bpe): every byte is in the alphabet, nothing is ever unknown')
    .option('--char-level', 'bpe: characters, words split on whitespace and punctuation (the opposite of --byte-level)')
    .option('--min-frequency <n>', 'bpe, wordpiece: never merge a pair seen fewer than n times (default 0)')
    .option('--special-tokens <list>', 'comma-separated special tokens, given the first ids (default: wordpiece [PAD],[UNK],[CLS],[SEP],[MASK]; unigram <unk>; bpe none)')
    .option('--limit-alphabet <n>', 'bpe, wordpiece: keep only the n most frequent characters in the initial alphabet')
    .option('--prefix <text>', 'bpe: prefix of tokens that continue a word (e.g. "##")')
    .option('--suffix <text>', 'bpe: suffix of tokens that end a word (e.g. "</w>")')
    .option('--threads <n>', 'threads for counting words (default 2)')
    .option('-o, --output <file>', 'write tokenizer.json here (atomically: a temporary file, then a rename); default stdout')
    .option('--json', 'with -o: print a JSON summary {"model","vocabSize","seconds","output"} on stdout')
    .argument('[files...]', 'training text, read line by line in order; "-" or none reads stdin')
    .option('--lossy', 'replace invalid UTF-8 with U+FFFD instead of stopping with an error (exit 1)')
    .option('--no-progress', 'no progress bar (by default one is drawn on stderr when it is a terminal)')
    .addHelpText(
      'after',
      `
Files are streamed: memory grows with the number of distinct words, not with the corpus size.
The output loads in Hugging Face tokenizers (Rust, Python, transformers.js) and in "tok encode --tokenizer".

Examples:
  tok train --model bpe --vocab-size 32000 corpus.txt -o tokenizer.json
  tok train --model wordpiece --vocab-size 30522 wiki/*.txt -o bert-vocab.json
  tok train --model unigram -n 8000 --special-tokens '<unk>,<s>,</s>' corpus.txt -o spm.json
  cat *.txt | tok train -n 4000 > tokenizer.json

Exit status: 0 ok, 1 bad input (unreadable file, invalid UTF-8, empty corpus), 2 bad usage (unknown
option, vocabulary smaller than the alphabet). Errors print "tok: <message>" on stderr.`,
    )
    .action(async (files: string[], flags: TrainFlags & { charLevel?: boolean }) => {
      if (flags.byteLevel && flags.charLevel) throw new InvalidOptionError('--byte-level', true, 'not together with --char-level');
      if (flags.model !== 'bpe' && (flags.byteLevel || flags.charLevel || flags.prefix !== undefined || flags.suffix !== undefined)) {
        throw new InvalidOptionError('--model', flags.model, '"bpe" for --byte-level, --char-level, --prefix and --suffix');
      }
      if (flags.model === 'unigram' && (flags.minFrequency !== undefined || flags.limitAlphabet !== undefined)) {
        throw new InvalidOptionError('--model', flags.model, '"bpe" or "wordpiece" for --min-frequency and --limit-alphabet');
      }
      const vocabSize = flags.vocabSize === undefined ? DEFAULT_VOCAB[flags.model] : integerOption('--vocab-size', flags.vocabSize);
      const options = {
        vocabSize,
        ...(flags.minFrequency !== undefined && { minFrequency: integerOption('--min-frequency', flags.minFrequency) }),
        ...(flags.limitAlphabet !== undefined && { limitAlphabet: integerOption('--limit-alphabet', flags.limitAlphabet) }),
        ...(flags.threads !== undefined && { threads: integerOption('--threads', flags.threads) }),
        ...(flags.specialTokens !== undefined && { specialTokens: specialTokenList(flags.specialTokens) }),
      };
      const byteLevel = flags.model === 'bpe' && flags.charLevel !== true;
      if (byteLevel && options.limitAlphabet !== undefined && options.limitAlphabet < 256) {
        // The library's own message names its `byteLevel` option; say it with the flags.
        throw new InvalidOptionError('--limit-alphabet', options.limitAlphabet, 'at least 256 for a byte-level BPE, whose alphabet is every byte (--char-level for fewer)');
      }
      const sources = files.length === 0 ? ['-'] : files;
      const fromStdin = sources.includes('-');
      if (fromStdin && sources.length > 1) throw new InvalidOptionError('files', sources.join(' '), 'files, or "-" alone for stdin');
      if (!fromStdin) await checkFiles(sources);
      const corpus = fromStdin ? stdinLines(io, flags.lossy === true) : { files: sources };

      const progress = await startTrainingProgress(io, fromStdin ? undefined : sources, flags.progress !== false && io.stderrIsTTY);
      const started = performance.now();
      const { trainBpe, trainUnigram, trainWordPiece } = await import('../train/index.js');
      let trained;
      try {
        trained = await renameOptionErrors(FLAG_NAMES, () => {
          const common = { ...options, lossy: flags.lossy === true, onProgress: progress.update };
          if (flags.model === 'wordpiece') {
            return trainWordPiece(corpus, { specialTokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'], ...common });
          }
          if (flags.model === 'unigram') return trainUnigram(corpus, { specialTokens: ['<unk>'], ...common });
          return trainBpe(corpus, {
            ...common,
            byteLevel,
            ...(flags.prefix !== undefined && { continuingSubwordPrefix: flags.prefix }),
            ...(flags.suffix !== undefined && { endOfWordSuffix: flags.suffix }),
          });
        });
      } catch (err) {
        throw vocabTooSmall(err, byteLevel);
      } finally {
        progress.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      const out = new LineWriter(io.stdout);
      if (flags.output === undefined || flags.output === '-') {
        await out.write(`${trained.toString(true)}\n`);
      } else {
        await trained.save(flags.output).catch((err: unknown) => {
          throw outputError(flags.output!, err);
        });
        const summary = { model: flags.model, vocabSize: trained.vocabSize, seconds: Number(seconds.toFixed(2)), output: flags.output };
        if (flags.json) await out.write(`${JSON.stringify(summary)}\n`);
        else io.stderr.write(`tok: trained ${flags.model} with ${trained.vocabSize} tokens in ${seconds.toFixed(1)} s → ${flags.output}\n`);
      }
      await out.flush();
    });
  return cmd;
}

/** `--special-tokens a,b`: the list ("" for none); a repeated token is an error (it would get two ids). */
function specialTokenList(value: string): string[] {
  const tokens = value === '' ? [] : value.split(',');
  const repeated = tokens.find((t, i) => tokens.indexOf(t) !== i);
  if (repeated !== undefined) throw new InvalidOptionError('--special-tokens', value, `no repeats (${JSON.stringify(repeated)} appears twice)`);
  return tokens;
}

/**
 * A vocabulary smaller than the initial alphabet comes from the library as an InvalidOptionError on
 * `vocabSize` (renamed to --vocab-size above); its advice names `limitAlphabet`, which is a flag here,
 * and for a byte-level BPE, where no limit can shrink the 256 bytes, --char-level is the way out.
 */
function vocabTooSmall(err: unknown, byteLevel: boolean): unknown {
  if (!(err instanceof InvalidOptionError) || err.option !== '--vocab-size' || !err.expected.includes('initial vocabulary')) return err;
  let expected = err.expected.replace(/\blimitAlphabet\b/g, '--limit-alphabet');
  if (byteLevel) expected += ' (a byte-level BPE starts from all 256 bytes; --char-level starts from the corpus characters)';
  return new InvalidOptionError(err.option, err.value, expected);
}

/** A failed write of `-o file`: named as the output, not as the temporary file beside it (exit 1). */
function outputError(file: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return err;
  const what = /^[A-Z0-9_]+: ([^,]+)/.exec((err as Error).message)?.[1] ?? code;
  return Object.assign(new NlpkitError('DATA_ERROR', `cannot write ${file}: ${what}`), { cause: err });
}

/**
 * stdin as lines, for training from a pipe (invalid UTF-8 is an error naming the line, unless lossy).
 * Each line keeps its "\n", as the trainers (and Rust's `train_from_files`) read files, so that
 * `cat f | tok train` trains the same tokenizer as `tok train f` (Unigram's normalizer sees the "\n").
 */
async function* stdinLines(io: CliIo, lossy: boolean): AsyncGenerator<string> {
  let lastByte = -1;
  async function* tapped(): AsyncGenerator<Uint8Array> {
    for await (const chunk of io.stdin as AsyncIterable<Uint8Array | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      if (bytes.length > 0) lastByte = bytes[bytes.length - 1]!;
      yield bytes;
    }
  }
  let held: string | undefined; // the latest line: the input's last one may lack its "\n"
  for await (const batch of readLineBatches(tapped(), { source: STDIN_NAME, lossy })) {
    for (const line of batch.lines) {
      if (held !== undefined) yield `${held}\n`;
      held = line;
    }
  }
  if (held !== undefined) yield lastByte === 0x0a ? `${held}\n` : held;
}

/** Fails on a missing file or a directory before training starts, naming it (`cannot read <path>: …`, exit 1). */
async function checkFiles(files: readonly string[]): Promise<void> {
  for (const file of files) {
    if ((await stat(file)).isDirectory()) {
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${file}'`), { code: 'EISDIR', path: file, syscall: 'read' });
    }
  }
}
