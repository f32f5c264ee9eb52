/**
 * The `score` command line as a commander program, and `runScore`, which runs it on given arguments and
 * streams and returns the exit code instead of exiting, so tests can drive the whole CLI in-process.
 * It only parses flags, reads lines and prints: the library computes every number.
 */
import { createProgram as createKitProgram, EXIT_DATA, EXIT_USAGE, errorReport, runProgram, writeAndWait } from '@nlpkit/kit/cli';
import { Option, type Command } from 'commander';
import { corpusBleu, formatBleu, sentenceBleu, type BleuOptions } from '../bleu.js';
import { corpusChrf, formatChrf, sentenceChrf, type ChrfOptions } from '../chrf.js';
import { InvalidOptionError, MetricsError, UnknownNameError } from '../errors.js';
import { corpusTer, formatTer, sentenceTer } from '../ter/index.js';
import { BLEU_TOKENIZERS } from '../tokenizers/index.js';
import { VERSION } from '../version.js';
import type { SignificanceMetric } from '../significance/metric-stats.js';
import { EmptyInputError, LineCountMismatchError, ScoreCliError, UsageError } from './errors.js';
import { readSource, STDIN_NAME, type CliIo } from './input.js';
import { TextLines } from '../text-lines.js';
import { KernelArena } from '../counting/bleu-wasm.js';
import {
  confidenceFor,
  confidenceLine,
  pairedJson,
  pairedText,
  runPaired,
  scoreTableJson,
  scoreTableText,
  type PairedPlan,
} from './multi.js';

export type { CliIo } from './input.js';

export const METRIC_NAMES = ['bleu', 'chrf', 'ter'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** The parsed options of one `score` run. */
export interface ScoreOptions {
  references: string[];
  metrics: string[];
  input?: string[];
  tokenize: string;
  lowercase?: boolean;
  force?: boolean;
  chrfWordOrder: string;
  width: string;
  json?: boolean;
  sentenceLevel?: boolean;
  pairedBs?: boolean;
  pairedAr?: boolean;
  pairedBsN: string;
  pairedArN: string;
  pairedArConfidenceN?: string;
  seed: string;
  confidence?: boolean;
  confidenceN: string;
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
  score -r ref.de -i base.de a.de b.de -m bleu chrf --paired-bs   # paired bootstrap test against base.de
  score -r ref.de -i base.de a.de --paired-ar --paired-ar-n 10000 --json
  score -r ref.de -i hyp.de --confidence                 # bootstrap 95% confidence interval of one system

Input: UTF-8 text, one segment per line ("\\n"); each line is right-stripped as sacreBLEU does. Reference
file k holds the k-th reference of every segment, so every file must have as many lines as the hypotheses.
--tokenize and --force apply to BLEU, --lowercase to BLEU and chrF (TER is case-insensitive as sacreBLEU's
default), --chrf-word-order to chrF. Signatures carry this package's version (version:${VERSION}).
Several systems (-i base.txt sys1.txt …) print sacreBLEU's table; with --paired-bs/--paired-ar the first is the
baseline and every other system gets a p-value (the same numbers as sacreBLEU with the same --seed).

Exit status: 0 ok; 1 bad input (unreadable file, invalid UTF-8, empty input, line counts that differ);
2 bad usage (unknown option, metric or tokenizer, bad number). Errors print "score: <message>" on stderr.`;

/** Builds the `score` program writing to `io`; commander errors are thrown (`exitOverride`), not exited on. */
export function createProgram(io: CliIo, run: (opts: ScoreOptions) => Promise<void>): Command {
  return createKitProgram(io, {
    name: 'score',
    description: 'Score MT hypotheses against references with BLEU, chrF/chrF++ and TER, exactly as sacreBLEU 2.x',
    version: VERSION,
    packageName: '@nlpkit/metrics',
    debugOption: false,
    helpAfter: HELP_AFTER,
  })
    .addOption(new Option('-r, --references <files...>', 'reference files (one per reference set)').makeOptionMandatory())
    .option('-m, --metrics <names...>', `metrics to compute: ${METRIC_NAMES.join(', ')}`, ['bleu'])
    .option('-i, --input <files...>', 'hypotheses file(s), one per system ("-" or none: stdin)')
    .option('--tokenize <name>', `BLEU tokenizer: ${BLEU_TOKENIZERS.join(', ')}`, '13a')
    .option('--lowercase', 'lowercase before scoring (BLEU and chrF)')
    .option('--force', 'no warning when the hypotheses look tokenized (BLEU)')
    .option('--chrf-word-order <n>', 'chrF word n-gram order: 0 = chrF, 2 = chrF++', '0')
    .option('-w, --width <n>', 'decimals of the scores in text output (sacreBLEU\'s default)', '1')
    .option('--json', 'print JSON: an array with one object per metric (JSON Lines with --sentence-level)')
    .option('--sentence-level', 'one line per segment instead of a corpus score (a single metric)')
    .option('--paired-bs', 'paired bootstrap resampling test of every system against the first (baseline)')
    .option('--paired-ar', 'paired approximate randomization test of every system against the first (baseline)')
    .option('--paired-bs-n <n>', 'bootstrap resamples of --paired-bs', '1000')
    .option('--paired-ar-n <n>', 'trials of --paired-ar', '10000')
    .option('--paired-ar-confidence-n <n>', 'also a bootstrap mean and 95% CI per system with --paired-ar, from n resamples (0 = 1000)')
    .option('--confidence', 'bootstrap 95% confidence interval of a single system\'s scores')
    .option('--confidence-n <n>', 'bootstrap resamples of --confidence', '1000')
    .option('--seed <n>', 'random seed of the resampling ("none": fresh OS entropy), as SACREBLEU_SEED', '12345')
    .action(async (opts: ScoreOptions) => run(opts));
}

/** score's `exitCodeFor` and `formatError`: no --debug, so an unexpected error prints its stack with the bug note. */
const report = errorReport({
  name: 'score',
  debugOption: false,
  exitCode: (err) => {
    if (err instanceof ScoreCliError) return err.exitCode;
    return err instanceof UnknownNameError || err instanceof InvalidOptionError ? EXIT_USAGE : EXIT_DATA;
  },
  isExpected: (err) => err instanceof ScoreCliError || err instanceof MetricsError,
});

/**
 * Runs `score` with `argv` (without the node and script paths) on `io`; resolves to the exit code.
 * @example process.exitCode = await runScore(['-r', 'ref.txt', '-i', 'hyp.txt'], processIo());
 */
export function runScore(argv: readonly string[], io: CliIo): Promise<number> {
  return runProgram(createProgram(io, (opts) => score(opts, io)), argv, io.stderr, report);
}

export interface Plan {
  metrics: MetricName[];
  bleu: BleuOptions;
  chrf: ChrfOptions;
  width: number;
  /** The paired test, if any. */
  paired: PairedPlan | null;
  /** --confidence resamples, or 0 without --confidence. */
  confidenceN: number;
  seed: number | null;
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
  const seed = opts.seed.toLowerCase() === 'none' ? null : integer('--seed', opts.seed, 0, Number.MAX_SAFE_INTEGER);
  const systems = opts.input?.length ?? 1;
  if (opts.pairedBs && opts.pairedAr) throw new UsageError('--paired-bs and --paired-ar exclude each other; choose one test');
  const test = opts.pairedBs ? 'bs' : opts.pairedAr ? 'ar' : null;
  if (opts.pairedArConfidenceN !== undefined && test !== 'ar') throw new UsageError('--paired-ar-confidence-n needs --paired-ar');
  if (test && systems < 2) {
    throw new UsageError(`--paired-${test} compares systems: give the baseline and at least one more system to -i (got ${systems})`);
  }
  if (opts.confidence && systems > 1) throw new UsageError('--confidence takes a single system; use --paired-bs or --paired-ar for several');
  if (opts.sentenceLevel && (systems > 1 || test || opts.confidence)) {
    throw new UsageError('--sentence-level takes a single system, without --confidence or paired tests');
  }
  const seen = new Set<string>();
  for (const f of opts.input ?? []) {
    if (seen.has(f)) throw new UsageError(`the system ${f} is given twice to -i`);
    seen.add(f);
  }
  const paired: PairedPlan | null = test && {
    test,
    nSamples: test === 'bs' ? integer('--paired-bs-n', opts.pairedBsN, 1, 1e7) : integer('--paired-ar-n', opts.pairedArN, 1, 1e8),
    nArConfidence: opts.pairedArConfidenceN === undefined ? -1 : integer('--paired-ar-confidence-n', opts.pairedArConfidenceN, 0, 1e7) || 1000,
    seed,
  };
  return {
    metrics,
    bleu: { tokenize: opts.tokenize, lowercase, force: opts.force === true },
    chrf: { wordOrder, lowercase },
    width,
    paired,
    confidenceN: opts.confidence ? integer('--confidence-n', opts.confidenceN, 1, 1e7) : 0,
    seed,
  };
}

function integer(option: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new InvalidOptionError(option, text, `an integer from ${min} to ${max}`);
  return n;
}

async function score(opts: ScoreOptions, io: CliIo): Promise<void> {
  const p = plan(opts);
  // Inputs stay UTF-8 bytes (TextLines): corpus BLEU tokenizes them without decoding, in the memory of
  // its WebAssembly kernel (the arena), and corpus chrF reads them as bytes too; TER, tests and
  // sentence-level scores decode them once (toArray).
  const arena = p.metrics.includes('bleu') ? new KernelArena() : undefined;
  const refLines: TextLines[] = [];
  for (const path of opts.references) {
    const lines = TextLines.fromBytes(await readSource(io, path, arena), { name: path === '-' ? STDIN_NAME : path, rstrip: true });
    if (lines.length === 0) throw new EmptyInputError(path, 'reference');
    refLines.push(lines);
  }
  const hypLines: { name: string; lines: TextLines }[] = [];
  for (const input of opts.input ?? ['-']) {
    const hypName = input === '-' ? STDIN_NAME : input;
    const hyps = TextLines.fromBytes(await readSource(io, input, arena), { name: hypName, rstrip: true });
    if (hyps.length === 0) throw new EmptyInputError(hypName, 'hypotheses');
    refLines.forEach((stream, k) => {
      if (stream.length !== hyps.length) throw new LineCountMismatchError(hypName, hyps.length, opts.references[k], stream.length);
    });
    hypLines.push({ name: hypName, lines: hyps });
  }
  const refs = (): string[][] => refLines.map((l) => l.toArray());
  if (hypLines.length > 1) {
    const systems = hypLines.map((h) => ({ name: h.name, hypotheses: h.lines.toArray() }));
    return writeAndWait(io.stdout, several(systems, refs(), p, opts.json === true) + '\n');
  }
  const hyps = hypLines[0].lines;

  const out: string[] = [];
  if (opts.sentenceLevel) {
    const metric = p.metrics[0];
    const h = hyps.toArray();
    const r0 = refs();
    for (let i = 0; i < h.length; i++) {
      const r = scoreOne(metric, p, [h[i]], r0.map((s) => [s[i]]), true);
      out.push(opts.json ? JSON.stringify(r) : r.text);
    }
  } else {
    const records = p.metrics.map((m) => scoreOne(m, p, hyps, refLines, false));
    if (p.confidenceN > 0) {
      const conf = confidenceFor(hyps.toArray(), refs(), significanceMetrics(p), p.confidenceN, p.seed);
      records.forEach((r, i) => {
        const c = conf[i];
        r.text = confidenceLine(r.text, r.score, c, p.width);
        r.signature = c.signature;
        r.confidenceMean = c.mean;
        r.confidenceCi = c.ci;
      });
    }
    for (const r of records) for (const w of (r.warnings as string[] | undefined) ?? []) io.stderr.write(`score: warning: ${w}\n`);
    if (opts.json) out.push(JSON.stringify(records, null, 1));
    else out.push(...alignAtEquals(records.map((r) => r.text)));
  }
  await writeAndWait(io.stdout, out.join('\n') + '\n');
}

/** The CLI's metrics with their options, for the significance tests. */
function significanceMetrics(p: Plan): SignificanceMetric[] {
  return p.metrics.map((m): SignificanceMetric =>
    m === 'bleu' ? { metric: 'bleu', options: p.bleu } : m === 'chrf' ? { metric: 'chrf', options: p.chrf } : { metric: 'ter' },
  );
}

/** Several systems: a paired test (the first system is the baseline), or a table of plain scores. */
function several(systems: { name: string; hypotheses: string[] }[], refs: string[][], p: Plan, json: boolean): string {
  if (p.paired) {
    const r = runPaired(systems, refs, significanceMetrics(p), p.paired);
    return json ? pairedJson(r) : pairedText(r, p.width);
  }
  // sacreBLEU's multi-system table lists the metrics sorted by name (BLEU, CHRF, TER)
  const metrics = [...p.metrics].sort().map((m) => {
    const recs = systems.map((s) => scoreOne(m, p, s.hypotheses, refs, false));
    return { name: recs[0].name, signature: recs[0].signature, scores: recs.map((r) => r.score) };
  });
  const table = { systems: systems.map((s) => s.name), metrics };
  return json ? scoreTableJson(table, p.width) : scoreTableText(table, p.width);
}

/** One metric on `hyps` (one segment when `sentence`) with the library; the record --json prints. */
export function scoreOne(
  metric: MetricName,
  p: Plan,
  lines: string[] | TextLines,
  refLines: (string[] | TextLines)[],
  sentence: boolean,
): ScoreRecord {
  let result: { name: string; score: number; signature?: string };
  let line: string;
  if (metric === 'bleu' && !sentence) {
    // corpus BLEU takes TextLines as they are (tokenized on their bytes)
    const r = corpusBleu(lines, refLines, p.bleu);
    result = r;
    line = formatBleu(r, p.width);
    return record(metric, result, line);
  }
  if (metric === 'chrf' && !sentence) {
    // corpus chrF takes TextLines too (decoded into code points and split into words on their bytes)
    const r = corpusChrf(lines, refLines, p.chrf);
    return record(metric, r, formatChrf(r, p.width));
  }
  const hyps = lines instanceof TextLines ? lines.toArray() : lines;
  const refs = refLines.map((l) => (l instanceof TextLines ? l.toArray() : l));
  if (metric === 'bleu') {
    const r = sentenceBleu(hyps[0], refs.map((s) => s[0]), p.bleu);
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
  return record(metric, result, line);
}

function record(metric: MetricName, result: { name: string; score: number; signature?: string }, line: string): ScoreRecord {
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
