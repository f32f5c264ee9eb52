/**
 * `lm train`: estimates an n-gram model from text (one sentence a line) and writes it as ARPA.
 * `mkn` is lmplz's modified Kneser–Ney (streamed, the same file lmplz writes); `kn` and `wb` are the
 * NLTK-exact interpolated models, written in their exact backoff form; `laplace` and `lidstone`, which no
 * ARPA file can express, are written as an nlpkit n-gram model file (their counts: `lm ppl` scores it as NLTK).
 */
import type { Command } from 'commander';
import { InvalidOptionError } from '../errors.js';
import { MknCounts, estimateMkn, ngramModelToArpa, writeArpa, arpaBuffers, type ArpaModel, type Discounts } from '../arpa/index.js';
import { byteLineBatches } from '../arpa/text-lines.js';
import { countNgramsFromBytes, countNgramsFromFiles, NgramModel, writeNgramModel, type NgramCounts } from '../ngram/index.js';
import { LineWriter, resolveSources, type CliIo, type Source } from './io.js';
import { integerOption, numberOption } from './options.js';
import { counted, startProgress } from './progress.js';

const SMOOTHINGS = ['mkn', 'kn', 'wb', 'laplace', 'lidstone'] as const;
type TrainSmoothing = (typeof SMOOTHINGS)[number];

interface TrainFlags {
  output: string;
  order: string;
  smoothing: string;
  k?: string;
  discountFallback?: string[] | boolean;
  progress: boolean;
}

export function configureTrain(cmd: Command, io: CliIo): Command {
  return cmd
    .description('estimate an n-gram model from text (one sentence a line) and write it as an ARPA file (laplace, lidstone: an nlpkit n-gram model)')
    .argument('[corpus...]', 'training text files, read in order; "-" or none reads stdin')
    .requiredOption('-o, --output <file>', 'the ARPA file to write ("-" for stdout; ".gz" names are gzipped); laplace, lidstone: the model file (e.g. model.nlm)')
    .option('--order <n>', 'n-gram order', '3')
    .option('--smoothing <name>', `${SMOOTHINGS.join('|')}: mkn = KenLM lmplz's modified Kneser-Ney; kn, wb = NLTK's interpolated Kneser-Ney / Witten-Bell`, 'mkn')
    .option('--k <gamma>', "lidstone's additive constant (required with lidstone)")
    .option('--discount-fallback [d...]', 'mkn: discounts D1 D2 D3+ for orders whose closed-form estimate fails (default 0.5 1 1.5), as lmplz --discount_fallback')
    .option('--no-progress', 'no progress bar (one is drawn on stderr for big files when stderr is a terminal)')
    .addHelpText(
      'after',
      `
mkn reads its input streamed and writes the same ARPA file as "lmplz -o <order>" (KenLM), up to its
vocabulary-order rules: <unk> 0, <s> 1, </s> 2, then words by first appearance.
kn and wb train NLTK's KneserNeyInterpolated / WittenBellInterpolated (padding with order-1 <s> and </s>,
NLTK's <UNK> written as <unk>) and write the exact backoff form of the interpolated model.
laplace and lidstone cannot be written as ARPA: every unseen n-gram has its own add-k probability,
which backoff weights cannot express. They are written as an nlpkit n-gram model (the counts and the
estimator, NLTK's Laplace / Lidstone(k) with its padding), which "lm ppl" scores to NLTK's numbers and the
library reads with readNgramModel; an output name ending in .arpa or .arpa.gz is refused for them.

Exit status: 0 ok, 1 bad input (unreadable file, reserved words such as <s> in the text, discounts
that cannot be estimated), 2 bad usage.`,
    )
    .action(async (corpus: string[], flags: TrainFlags) => {
      const order = integerOption('--order', flags.order);
      const smoothing = flags.smoothing as TrainSmoothing;
      if (!SMOOTHINGS.includes(smoothing)) throw new InvalidOptionError('--smoothing', flags.smoothing, SMOOTHINGS.join(', '));
      if (order < 1 || order > 255) throw new InvalidOptionError('--order', flags.order, 'an integer from 1 to 255');
      if (flags.k !== undefined && smoothing !== 'lidstone') throw new InvalidOptionError('--k', flags.k, 'no --k: only lidstone takes one');
      if (smoothing === 'laplace' || smoothing === 'lidstone') {
        if (flags.discountFallback !== undefined) throw new InvalidOptionError('--discount-fallback', flags.discountFallback, 'only with --smoothing mkn');
        return trainAddK(io, corpus, order, smoothing, flags);
      }
      const fallback = discountFallback(flags.discountFallback);
      if (fallback && smoothing !== 'mkn') throw new InvalidOptionError('--discount-fallback', flags.discountFallback, 'only with --smoothing mkn');
      const started = performance.now();
      const model = smoothing === 'mkn' ? await trainMknCli(io, corpus, order, fallback, flags.progress) : await trainNltk(io, corpus, order, smoothing, flags.progress);
      await writeModel(io, model, flags.output);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      io.stderr.write(`lm: ${order}-gram ${smoothing}: ${model.counts.map((c, i) => `ngram ${i + 1}=${c}`).join(' ')}; wrote ${flags.output} in ${seconds} s\n`);
    });
}

function discountFallback(value: string[] | boolean | undefined): Discounts | undefined {
  if (value === undefined || value === false) return undefined;
  const given = value === true ? [] : value.map((v) => numberOption('--discount-fallback', v));
  if (given.length > 3) throw new InvalidOptionError('--discount-fallback', value, 'at most three discounts: D1 D2 D3+');
  const d = [0.5, 1, 1.5];
  given.forEach((v, i) => (d[i] = v));
  return [d[0], d[1], d[2]];
}

/** The inputs' total size, or undefined when one is a pipe. */
function totalSize(sources: readonly Source[]): number | undefined {
  const sizes = sources.map((s) => s.size);
  return sizes.every((s) => s !== undefined) ? sizes.reduce<number>((a, b) => a + (b ?? 0), 0) : undefined;
}

async function trainMknCli(io: CliIo, corpus: readonly string[], order: number, fallback: Discounts | undefined, progressOn: boolean): Promise<ArpaModel> {
  const sources = await resolveSources(io, corpus);
  const total = totalSize(sources);
  const progress = await startProgress(io.stderr, total, progressOn && io.stderrIsTTY, 'counting');
  // About 6 bytes a token in running text: the tables start near their final size.
  const counts = new MknCounts(order, total === undefined ? 0 : total / 6);
  try {
    for (const source of sources) {
      let line = 0;
      for await (const piece of byteLineBatches(counted(source.open(), progress))) line += counts.addBytes(piece, source.name, line + 1);
    }
  } finally {
    progress.stop();
  }
  return estimateMkn(counts, { discountFallback: fallback }).model;
}

/** kn / wb: NLTK's interpolated models over the counts (`countCorpus`), in their exact backoff form. */
async function trainNltk(io: CliIo, corpus: readonly string[], order: number, smoothing: 'kn' | 'wb', progressOn: boolean): Promise<ArpaModel> {
  return ngramModelToArpa(NgramModel.fromCounts(await countCorpus(io, corpus, order, progressOn), { smoothing }));
}

/**
 * NLTK-style counts of the corpus: files by `countNgramsFromFiles` (streamed: a corpus larger than memory works
 * if its distinct n-grams fit; both cores from 8 MiB), stdin read whole and counted from its bytes; with the
 * progress bar.
 */
async function countCorpus(io: CliIo, corpus: readonly string[], order: number, progressOn: boolean): Promise<NgramCounts> {
  const sources = await resolveSources(io, corpus);
  const files = corpus.filter((f) => f !== '-');
  const progress = await startProgress(io.stderr, totalSize(sources), progressOn && io.stderrIsTTY, 'counting');
  try {
    if (corpus.length > 0 && files.length === corpus.length) {
      let done = 0;
      const onProgress = (bytes: number): void => {
        progress.advance(bytes - done);
        done = bytes;
      };
      return await countNgramsFromFiles(files, { order, onProgress });
    }
    const chunks: Buffer[] = [];
    for (const source of sources) for await (const chunk of counted(source.open(), progress)) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
    return countNgramsFromBytes(Buffer.concat(chunks), { order }, sources.map((s) => s.name).join(' '));
  } finally {
    progress.stop();
  }
}

/** laplace / lidstone: NLTK's add-one / add-k over the counts (`countCorpus`), written as an nlpkit n-gram model. */
async function trainAddK(io: CliIo, corpus: readonly string[], order: number, smoothing: 'laplace' | 'lidstone', flags: TrainFlags): Promise<void> {
  const output = flags.output;
  if (output === '-' || /\.arpa(\.gz)?$/i.test(output)) {
    throw new InvalidOptionError('--output', output, `a file name that is not ARPA's (e.g. model.nlm): ${smoothing} is written as an nlpkit n-gram model, not as ARPA text`);
  }
  let gamma: number | undefined;
  if (smoothing === 'lidstone') {
    if (flags.k === undefined) throw new InvalidOptionError('--k', undefined, "lidstone's additive constant, a positive number (e.g. --k 0.1)");
    gamma = numberOption('--k', flags.k);
    if (!(gamma > 0)) throw new InvalidOptionError('--k', flags.k, "lidstone's additive constant, a positive number");
  }
  const started = performance.now();
  const counts = await countCorpus(io, corpus, order, flags.progress);
  const model = NgramModel.fromCounts(counts, { smoothing, gamma });
  await writeNgramModel(model, output);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const sizes = counts.counts.map((c, k) => `ngram ${k + 1}=${k === 0 ? counts.vocab.idCount : c.length}`).join(' ');
  io.stderr.write(`lm: ${order}-gram ${smoothing}${gamma === undefined ? '' : ` (k ${gamma})`}: ${sizes}; wrote ${output} in ${seconds} s\n`);
}

async function writeModel(io: CliIo, model: ArpaModel, output: string): Promise<void> {
  if (output !== '-') return writeArpa(model, output);
  const out = new LineWriter(io.stdout);
  for (const chunk of arpaBuffers(model)) {
    await out.write(chunk);
    if (out.closed) return;
  }
}
