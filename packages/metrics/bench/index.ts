/**
 * Speed and agreement against sacreBLEU: BLEU, chrF, chrF++ and TER on the same files (default 100,000
 * segments built by cycling through the 16 WMT17 en-de systems of shared/data/metrics against their
 * reference), in one run, printing CPU seconds per 10,000 segments and the ratios.
 *
 *   pnpm bench                                  # in packages/metrics
 *   SACREBLEU_SRC=/path/to/sacrebleu pnpm bench -- --segments 20000
 *   pnpm bench -- --only BLEU,chrF --no-sacrebleu   # some metrics, ours only
 *
 * sacreBLEU: `import sacrebleu` must work for $PYTHON (default /usr/bin/python3), or SACREBLEU_SRC must point
 * at a source checkout (it is put on PYTHONPATH; the checkout needs sacrebleu/version.py, which sacreBLEU's
 * build generates: `__version__ = '2.6.0'`). Its side is timed as a whole Python process (imports, reading
 * the files, scoring: getrusage CPU); ours in-process (reading the files and scoring: process.cpuUsage,
 * which counts every thread, JIT compilation included), after one warm-up call on 200 segments.
 * Without sacreBLEU, only our timings are printed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { corpusBleu, corpusChrf, corpusTer, TextLines } from '@nlpkit/metrics';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const segments = Number(argValue('--segments') ?? 100_000);
const only = argValue('--only')?.split(',');
const dataFile = resolve(
  argValue('--data') ?? process.env.NLPKIT_METRICS_DATA ?? join(here, '../../../../shared/data/metrics/sacrebleu-significance-wmt17.json.gz'),
);
if (!existsSync(dataFile)) {
  console.log(`bench: ${dataFile} not found (pass --data or NLPKIT_METRICS_DATA); skipping`);
  process.exit(0);
}

const data = JSON.parse(gunzipSync(readFileSync(dataFile)).toString('utf8')) as { systems: [string, unknown][] };
const ref = (data.systems.find(([n]) => n === 'reference')![1] as string[][])[0];
const systems = data.systems.filter(([n]) => n !== 'reference').map(([, l]) => l as string[]);
const hyps: string[] = [];
const refs: string[] = [];
for (let k = 0; hyps.length < segments; k++) {
  const sys = systems[k % systems.length];
  for (let i = 0; i < sys.length && hyps.length < segments; i++) {
    hyps.push(sys[i]);
    refs.push(ref[i]);
  }
}
const dir = mkdtempSync(join(tmpdir(), 'nlpkit-metrics-bench-'));
const hypFile = join(dir, 'hyp.txt');
const refFile = join(dir, 'ref.txt');
writeFileSync(hypFile, hyps.join('\n') + '\n');
writeFileSync(refFile, refs.join('\n') + '\n');

const readLines = (f: string): string[] => {
  const t = readFileSync(f, 'utf8');
  return t.slice(0, t.endsWith('\n') ? -1 : undefined).split('\n');
};

// Each metric is timed on the user's path from the two files: corpus BLEU on TextLines (the files'
// bytes, tokenized without decoding, as the `score` CLI does), the others on decoded lines. The second
// BLEU row times the same score from string arrays (files read and split into strings first).
const metrics = [
  { name: 'BLEU', ours: (h: string, r: string) => corpusBleu(TextLines.fromFile(h), [TextLines.fromFile(r)]).score, py: 'BLEU()' },
  { name: 'BLEU (string[] input)', ours: (h: string, r: string) => corpusBleu(readLines(h), [readLines(r)]).score, py: 'BLEU()' },
  { name: 'chrF', ours: (h: string, r: string) => corpusChrf(readLines(h), [readLines(r)]).score, py: 'CHRF()' },
  { name: 'chrF++', ours: (h: string, r: string) => corpusChrf(readLines(h), [readLines(r)], { wordOrder: 2 }).score, py: 'CHRF(word_order=2)' },
  { name: 'TER', ours: (h: string, r: string) => corpusTer(readLines(h), [readLines(r)]).score, py: 'TER()' },
];

const python = process.env.PYTHON ?? '/usr/bin/python3';
const env = { ...process.env };
if (process.env.SACREBLEU_SRC) env.PYTHONPATH = [process.env.SACREBLEU_SRC, env.PYTHONPATH].filter(Boolean).join(':');
const probe = spawnSync(python, ['-c', 'import sacrebleu; print(sacrebleu.__version__)'], { env, encoding: 'utf8' });
const sacreVersion = probe.status === 0 && !args.includes('--no-sacrebleu') ? probe.stdout.trim() : null;
if (!sacreVersion && !args.includes('--no-sacrebleu')) console.log(`bench: sacreBLEU not importable with ${python} (set SACREBLEU_SRC or PYTHON); timing ours only`);

function runSacrebleu(expr: string): { score: number; cpu: number } {
  const code = [
    'import json, resource, sys',
    'from sacrebleu.metrics import BLEU, CHRF, TER',
    `hyps = open(sys.argv[1], encoding='utf-8').read().split('\\n')[:-1]`,
    `refs = open(sys.argv[2], encoding='utf-8').read().split('\\n')[:-1]`,
    `score = ${expr}.corpus_score(hyps, [refs]).score`,
    'r = resource.getrusage(resource.RUSAGE_SELF)',
    'print(json.dumps({"score": score, "cpu": r.ru_utime + r.ru_stime}))',
  ].join('\n');
  const p = spawnSync(python, ['-c', code, hypFile, refFile], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (p.status !== 0) throw new Error(`sacreBLEU failed: ${p.stderr}`);
  return JSON.parse(p.stdout) as { score: number; cpu: number };
}

// warm-up (JIT) on a few segments, through the same calls
const warmHyp = join(dir, 'warm-hyp.txt');
const warmRef = join(dir, 'warm-ref.txt');
writeFileSync(warmHyp, hyps.slice(0, 200).join('\n') + '\n');
writeFileSync(warmRef, refs.slice(0, 200).join('\n') + '\n');
for (const m of metrics) m.ours(warmHyp, warmRef);

const per10k = (cpu: number): number => (cpu / segments) * 1e4;
const rows: string[][] = [];
const sacreRuns = new Map<string, { score: number; cpu: number }>();
for (const m of metrics) {
  if (only && !only.includes(m.name.split(' ')[0])) continue;
  const t0 = process.cpuUsage();
  const score = m.ours(hypFile, refFile);
  const u = process.cpuUsage(t0);
  const ours = (u.user + u.system) / 1e6;
  const row = [m.name, per10k(ours).toFixed(3)];
  if (sacreVersion) {
    let s = sacreRuns.get(m.py);
    if (!s) sacreRuns.set(m.py, (s = runSacrebleu(m.py)));
    row.push(per10k(s.cpu).toFixed(3), `${(s.cpu / ours).toFixed(1)}×`, Object.is(s.score, score) ? 'identical' : `${score} vs ${s.score}`);
  }
  rows.push(row);
  console.error(`${m.name}: done`);
}
rmSync(dir, { recursive: true, force: true });

const header = sacreVersion
  ? ['metric', 'nlpkit s/10k', `sacreBLEU ${sacreVersion} s/10k`, 'speed-up', 'corpus score']
  : ['metric', 'nlpkit s/10k'];
console.log(`\n${segments} segments (WMT17 en-de systems vs reference), CPU seconds per 10,000 segments; Node ${process.version}\n`);
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
