/**
 * The `score` command line as a commander program, and `runScore`, which runs it on given arguments and
 * streams and returns the exit code instead of exiting, so tests can drive the whole CLI in-process.
 * It only parses flags, reads lines and prints: the library computes every number.
 */
import { Command, CommanderError, Option } from 'commander';
import { corpusBleu, formatBleu, sentenceBleu, type BleuOptions } from '../bleu.js';
import { corpusChrf, formatChrf, sentenceChrf, type ChrfOptions } from '../chrf.js';
import { InvalidOptionError, MetricsError, UnknownNameError } from '../errors.js';
import { corpusTer, formatTer, sentenceTer } from '../ter/index.js';
import { BLEU_TOKENIZERS } from '../tokenizers/index.js';
import { VERSION } from '../version.js';
import { EmptyInputError, LineCountMismatchError, ScoreCliError, UsageError } from './errors.js';
import { decodeLines, readSource, STDIN_NAME, type CliIo } from './input.js';

export type { CliIo } from './input.js';

export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;

export const METRIC_NAMES = ['bleu', 'chrf', 'ter'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** The parsed options of one `score` run. */
export interface ScoreOptions {
  references: string[];
  metrics: string[];
  input?: string;
  tokenize: string;
  lowercase?: boolean;
  force?: boolean;
  chrfWordOrder: string;
  width: string;
  json?: boolean;
  sentenceLevel?: boolean;
}

/** One metric's result as `--json` prints it: the library's result plus the metric and its text line. */
export interface ScoreRecord {
  metric: MetricName;
  name: string;
  score: number;
  signature: string;
  /** The text-mode line, e.g. `BLEU|nrefs:1|…|version:0.1.0 = 42.1 75.0/… (BP = … hyp_len = 9 ref_len = 9)`. */
  text: string;
  [stat: string]: unknown;
}

const HELP_AFTER = `
Examples:
  score -r ref.de -i hyp.de                              # BLEU (13a tokenizer), as "sacrebleu ref.de -i hyp.de -f text"
  score -r ref1.de ref2.de -m bleu chrf ter < hyp.de     # several references and metrics, hypotheses on stdin
  score -r ref.zh -i hyp.zh --tokenize zh -w 2           # Chinese BLEU with two decimals
  score -r ref.de -i hyp.de -m chrf --chrf-word-order 2  # chrF++
  score -r ref.de -i hyp.de -m bleu ter --json           # JSON array: score, signature and statistics per metric
  score -r ref.de -i hyp.de -m chrf --sentence-level     # one line per segment (a single metric)

Input: UTF-8 text, one segment per line ("\\n"); each line is right-stripped as sacreBLEU does. Reference
file k holds the k-th reference of every segment, so every file must have as many lines as the hypotheses.
--tokenize and --force apply to BLEU, --lowercase to BLEU and chrF (TER is case-insensitive as sacreBLEU's
default), --chrf-word-order to chrF. Signatures carry this package's version (version:${VERSION}).

Exit status: 0 ok; 1 bad input (unreadable file, invalid UTF-8, empty input, line counts that differ);
2 bad usage (unknown option, metric or tokenizer, bad number). Errors print "score: <message>" on stderr.`;

/** Builds the `score` program writing to `io`; commander errors are thrown (`exitOverride`), not exited on. */
export function createProgram(io: CliIo, run: (opts: ScoreOptions) => Promise<void>): Command {
  return new Command('score')
    .description('Score MT hypotheses against references with BLEU, chrF/chrF++ and TER, exactly as sacreBLEU 2.x')
    .version(VERSION, '-V, --version', 'print the version of @nlpkit/metrics')
    .addOption(new Option('-r, --references <files...>', 'reference files (one per reference set)').makeOptionMandatory())
    .option('-m, --metrics <names...>', `metrics to compute: ${METRIC_NAMES.join(', ')}`, ['bleu'])
    .option('-i, --input <file>', 'hypotheses file ("-" or none: stdin)')
    .option('--tokenize <name>', `BLEU tokenizer: ${BLEU_TOKENIZERS.join(', ')}`, '13a')
    .option('--lowercase', 'lowercase before scoring (BLEU and chrF)')
    .option('--force', 'no warning when the hypotheses look tokenized (BLEU)')
    .option('--chrf-word-order <n>', 'chrF word n-gram order: 0 = chrF, 2 = chrF++', '0')
    .option('-w, --width <n>', 'decimals of the scores in text output (sacreBLEU\'s default)', '1')
    .option('--json', 'print JSON: an array with one object per metric (JSON Lines with --sentence-level)')
    .option('--sentence-level', 'one line per segment instead of a corpus score (a single metric)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: (s, write) => write(`score: ${s.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: ScoreOptions) => run(opts));
}

/**
 * Runs `score` with `argv` (without the node and script paths) on `io`; resolves to the exit code.
 * @example process.exitCode = await runScore(['-r', 'ref.txt', '-i', 'hyp.txt'], processIo());
 */
export async function runScore(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io, (opts) => score(opts, io));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    // commander has already printed its own errors (and help); everything else is printed here.
    if (!(err instanceof CommanderError)) io.stderr.write(formatError(err));
    return exitCodeFor(err);
  }
}

/** The exit code for an error thrown by a `score` run. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
    return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (err instanceof ScoreCliError) return err.exitCode;
  if (err instanceof UnknownNameError || err instanceof InvalidOptionError) return EXIT_USAGE;
  return EXIT_DATA;
}

function formatError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  let text = `score: ${message}\n`;
  if (!(err instanceof ScoreCliError) && !(err instanceof MetricsError) && err instanceof Error && err.stack) {
    text += `score: this looks like a bug; please report it with this stack trace:\n${err.stack}\n`;
  }
  return text;
}

export interface Plan {
  metrics: MetricName[];
  bleu: BleuOptions;
  chrf: ChrfOptions;
  width: number;
}

/** Checks every option before any input is read, so usage errors come first (exit 2). */
function plan(opts: ScoreOptions): Plan {
  const metrics: MetricName[] = [];
  for (const m of opts.metrics) {
    const name = m.toLowerCase();
    if (!(METRIC_NAMES as readonly string[]).includes(name)) throw new UnknownNameError('metric', m, METRIC_NAMES);
    if (!metrics.includes(name as MetricName)) metrics.push(name as MetricName);
  }
  if (!(BLEU_TOKENIZERS as readonly string[]).includes(opts.tokenize)) {
    throw new UnknownNameError('tokenizer', opts.tokenize, BLEU_TOKENIZERS);
  }
  if (opts.sentenceLevel && metrics.length > 1) {
    throw new UsageError(`--sentence-level takes a single metric; got ${metrics.join(', ')}`);
  }
  const wordOrder = integer('--chrf-word-order', opts.chrfWordOrder, 0, 9);
  const width = integer('--width', opts.width, 0, 20);
  const lowercase = opts.lowercase === true;
  return {
    metrics,
    bleu: { tokenize: opts.tokenize, lowercase, force: opts.force === true },
    chrf: { wordOrder, lowercase },
    width,
  };
}

function integer(option: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new InvalidOptionError(option, text, `an integer from ${min} to ${max}`);
  return n;
}

async function score(opts: ScoreOptions, io: CliIo): Promise<void> {
  const p = plan(opts);
  const hypName = opts.input === undefined || opts.input === '-' ? STDIN_NAME : opts.input;
  const refs: string[][] = [];
  for (const path of opts.references) {
    const lines = decodeLines(await readSource(io, path), path === '-' ? STDIN_NAME : path);
    if (lines.length === 0) throw new EmptyInputError(path, 'reference');
    refs.push(lines);
  }
  const hyps = decodeLines(await readSource(io, opts.input ?? '-'), hypName);
  if (hyps.length === 0) throw new EmptyInputError(hypName, 'hypotheses');
  refs.forEach((stream, k) => {
    if (stream.length !== hyps.length) throw new LineCountMismatchError(hypName, hyps.length, opts.references[k], stream.length);
  });

  const out: string[] = [];
  if (opts.sentenceLevel) {
    const metric = p.metrics[0];
    for (let i = 0; i < hyps.length; i++) {
      const r = scoreOne(metric, p, [hyps[i]], refs.map((s) => [s[i]]), true);
      out.push(opts.json ? JSON.stringify(r) : r.text);
    }
  } else {
    const records = p.metrics.map((m) => scoreOne(m, p, hyps, refs, false));
    for (const r of records) for (const w of (r.warnings as string[] | undefined) ?? []) io.stderr.write(`score: warning: ${w}\n`);
    if (opts.json) out.push(JSON.stringify(records, null, 1));
    else out.push(...alignAtEquals(records.map((r) => r.text)));
  }
  await write(io, out.join('\n') + '\n');
}

/** One metric on `hyps` (one segment when `sentence`) with the library; the record --json prints. */
export function scoreOne(metric: MetricName, p: Plan, hyps: string[], refs: string[][], sentence: boolean): ScoreRecord {
  let result: { name: string; score: number; signature?: string };
  let line: string;
  if (metric === 'bleu') {
    const r = sentence ? sentenceBleu(hyps[0], refs.map((s) => s[0]), p.bleu) : corpusBleu(hyps, refs, p.bleu);
    result = r;
    line = formatBleu(r, p.width);
  } else if (metric === 'chrf') {
    const r = sentence ? sentenceChrf(hyps[0], refs.map((s) => s[0]), p.chrf) : corpusChrf(hyps, refs, p.chrf);
    result = r;
    line = formatChrf(r, p.width);
  } else {
    const r = sentence ? sentenceTer(hyps[0], refs.map((s) => s[0])) : corpusTer(hyps, refs);
    result = r;
    line = formatTer(r, p.width);
  }
  const signature = result.signature ?? '';
  // sacreBLEU's text line: `<name>|<signature> = <score> <verbose>`.
  const text = line.replace(' = ', `|${signature} = `);
  return { metric, ...result, signature, text };
}

/** sacreBLEU's alignment of several result lines: the text before the first "=" right-aligned. */
function alignAtEquals(lines: string[]): string[] {
  if (lines.length < 2) return lines;
  const w = Math.max(...lines.map((l) => l.indexOf('=') - 1));
  return lines.map((l) => {
    const at = l.indexOf('=') - 1;
    return l.slice(0, at).padStart(w) + l.slice(at);
  });
}

function write(io: CliIo, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    io.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
