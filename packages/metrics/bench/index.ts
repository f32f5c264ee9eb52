/**
 * Speed and agreement against sacreBLEU: BLEU, chrF, chrF++ and TER on the same files (default 100,000
 * segments built by cycling through the 16 WMT17 en-de systems of shared/data/metrics against their
 * reference), in one run, printing CPU seconds per 10,000 segments and the ratios.
 *
 *   pnpm bench                                  # in packages/metrics (build first: pnpm build)
 *   SACREBLEU_SRC=/path/to/sacrebleu pnpm bench -- --segments 20000
 *   pnpm bench -- --only BLEU,chrF --no-sacrebleu   # some metrics, ours only
 *
 * sacreBLEU: `import sacrebleu` must work for $PYTHON (default /usr/bin/python3), or SACREBLEU_SRC must point
 * at a source checkout (it is put on PYTHONPATH; the checkout needs sacrebleu/version.py, which sacreBLEU's
 * build generates: `__version__ = '2.6.0'`).
 *
 * Two timings of ours, one of sacreBLEU's:
 * - whole command, both sides: `python -m sacrebleu REF -i HYP -m … -f json -w 17` and our built CLI,
 *   `node bin/score.js -r REF -i HYP -m … --json`, each run as a child of a small Python timer that reads
 *   getrusage(RUSAGE_CHILDREN): every CPU second of the process, start-up, imports, reading, scoring,
 *   printing and exit, all threads. This is what a user waits for. (Needs the build; skipped without it.)
 * - in process, ours only: the library call on the files (reading and scoring: process.cpuUsage, JIT and
 *   GC threads included), after one warm-up call on 200 segments; no Node start-up or module loading.
 * Scores: sacreBLEU's JSON with 17 decimals gives its exact double; ours from the API and from the CLI's
 * --json must both be that double.
 * Without sacreBLEU, only our timings are printed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusBleu, corpusChrf, corpusTer, TextLines } from '@nlpkit/metrics';
import { DEFAULT_DATA, segmentPairs } from './segments.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const segments = Number(argValue('--segments') ?? 100_000);
const only = argValue('--only')?.split(',');
const dataFile = resolve(argValue('--data') ?? process.env.NLPKIT_METRICS_DATA ?? DEFAULT_DATA);
if (!existsSync(dataFile)) {
  console.log(`bench: ${dataFile} not found (pass --data or NLPKIT_METRICS_DATA); skipping`);
  process.exit(0);
}

const { hyps, refs } = segmentPairs(dataFile, segments);
const dir = mkdtempSync(join(tmpdir(), 'nlpkit-metrics-bench-'));
const hypFile = join(dir, 'hyp.txt');
const refFile = join(dir, 'ref.txt');
writeFileSync(hypFile, hyps.join('\n') + '\n');
writeFileSync(refFile, refs.join('\n') + '\n');

const readLines = (f: string): string[] => {
  const t = readFileSync(f, 'utf8');
  return t.slice(0, t.endsWith('\n') ? -1 : undefined).split('\n');
};

// Each metric is timed on the user's path from the two files: corpus BLEU and chrF on TextLines (the
// files' bytes, read without decoding, as the `score` CLI does), TER on decoded lines. The second
// BLEU row times the same score from string arrays (files read and split into strings first).
const metrics = [
  { name: 'BLEU', ours: (h: string, r: string) => corpusBleu(TextLines.fromFile(h), [TextLines.fromFile(r)]).score, cli: ['-m', 'bleu'] },
  { name: 'BLEU (string[] input)', ours: (h: string, r: string) => corpusBleu(readLines(h), [readLines(r)]).score, cli: null },
  { name: 'chrF', ours: (h: string, r: string) => corpusChrf(TextLines.fromFile(h), [TextLines.fromFile(r)]).score, cli: ['-m', 'chrf'] },
  { name: 'chrF++', ours: (h: string, r: string) => corpusChrf(TextLines.fromFile(h), [TextLines.fromFile(r)], { wordOrder: 2 }).score, cli: ['-m', 'chrf', '--chrf-word-order', '2'] },
  { name: 'TER', ours: (h: string, r: string) => corpusTer(readLines(h), [readLines(r)]).score, cli: ['-m', 'ter'] },
];

const python = process.env.PYTHON ?? '/usr/bin/python3';
const env = { ...process.env };
if (process.env.SACREBLEU_SRC) env.PYTHONPATH = [process.env.SACREBLEU_SRC, env.PYTHONPATH].filter(Boolean).join(':');
const probe = spawnSync(python, ['-c', 'import sacrebleu; print(sacrebleu.__version__)'], { env, encoding: 'utf8' });
const sacreVersion = probe.status === 0 && !args.includes('--no-sacrebleu') ? probe.stdout.trim() : null;
if (!sacreVersion && !args.includes('--no-sacrebleu')) console.log(`bench: sacreBLEU not importable with ${python} (set SACREBLEU_SRC or PYTHON); timing ours only`);

// Runs a command as a child of Python and returns its CPU seconds (user + system, all its threads, from
// start-up to exit: getrusage(RUSAGE_CHILDREN)) and its output.
const TIMER = [
  'import json, resource, subprocess, sys',
  'p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)',
  'r = resource.getrusage(resource.RUSAGE_CHILDREN)',
  'print(json.dumps({"status": p.returncode, "cpu": r.ru_utime + r.ru_stime, "out": p.stdout.decode(), "err": p.stderr.decode()[-2000:]}))',
].join('\n');

function wholeCommand(cmd: string[]): { score: number; cpu: number } {
  const p = spawnSync(python, ['-c', TIMER, ...cmd], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (p.status !== 0) throw new Error(`timer failed: ${p.stderr}`);
  const t = JSON.parse(p.stdout) as { status: number; cpu: number; out: string; err: string };
  if (t.status !== 0) throw new Error(`${cmd.join(' ')} failed (${t.status}): ${t.err}`);
  const json = JSON.parse(t.out) as { score: number } | { score: number }[];
  return { score: Array.isArray(json) ? json[0].score : json.score, cpu: t.cpu };
}

const sacrebleuCommand = (args: string[]): string[] => [python, '-m', 'sacrebleu', refFile, '-i', hypFile, ...args, '-f', 'json', '-w', '17'];
const cliPath = join(here, '../bin/score.js');
const timer = spawnSync(python, ['-c', 'import resource, subprocess'], { env }).status === 0;
const built = timer && existsSync(join(here, '../dist/score.bundle.js'));
if (!built) console.log(`bench: ${timer ? 'the CLI is not built (pnpm build)' : `no ${python} to time commands`}; no whole-command timings of ours`);
const oursCommand = (args: string[]): string[] => [process.execPath, cliPath, '-r', refFile, '-i', hypFile, ...args, '--json'];

// warm-up (JIT) on a few segments, through the same calls
const warmHyp = join(dir, 'warm-hyp.txt');
const warmRef = join(dir, 'warm-ref.txt');
writeFileSync(warmHyp, hyps.slice(0, 200).join('\n') + '\n');
writeFileSync(warmRef, refs.slice(0, 200).join('\n') + '\n');
for (const m of metrics) m.ours(warmHyp, warmRef);

const per10k = (cpu: number): string => ((cpu / segments) * 1e4).toFixed(3);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(1)}×`;
const rows: string[][] = [];
const sacreRuns = new Map<string, { score: number; cpu: number }>();
for (const m of metrics) {
  if (only && !only.includes(m.name.split(' ')[0])) continue;
  const t0 = process.cpuUsage();
  const score = m.ours(hypFile, refFile);
  const u = process.cpuUsage(t0);
  const ours = (u.user + u.system) / 1e6;
  const whole = built && m.cli ? wholeCommand(oursCommand(m.cli)) : null;
  const row = [m.name, per10k(ours), whole ? per10k(whole.cpu) : '–'];
  if (sacreVersion) {
    const key = m.name.split(' ')[0];
    let s = sacreRuns.get(key);
    if (!s) {
      const args = metrics.find((x) => x.name === key)!.cli!;
      sacreRuns.set(key, (s = wholeCommand(sacrebleuCommand(args))));
    }
    const same = Object.is(s.score, score) && (!whole || Object.is(whole.score, score));
    row.push(per10k(s.cpu), ratio(s.cpu, ours), whole ? ratio(s.cpu, whole.cpu) : '–', same ? 'identical' : `${score} / ${whole?.score} vs ${s.score}`);
  }
  rows.push(row);
  console.error(`${m.name}: ${row.slice(1).join(' | ')}`); // as it comes: the whole run takes minutes
}
rmSync(dir, { recursive: true, force: true });

const header = sacreVersion
  ? ['metric', 'nlpkit in process', 'nlpkit command', `sacreBLEU ${sacreVersion} command`, 'speed-up in process', 'speed-up command', 'corpus score']
  : ['metric', 'nlpkit in process', 'nlpkit command'];
console.log(`\n${segments} segments (WMT17 en-de systems vs reference), CPU seconds per 10,000 segments; Node ${process.version}`);
console.log('command: the whole process (start-up, imports, reading, scoring, printing); in process: the library call after a warm-up\n');
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
