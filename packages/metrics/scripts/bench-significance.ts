/**
 * Paired significance tests, ours vs sacreBLEU 2.6.0, on the 16 WMT17 en-de systems (3004 segments,
 * shared/data/metrics/sacrebleu-significance-wmt17.json.gz): BLEU (tokenize none, as sacreBLEU's own
 * test_significance.py) with the paired bootstrap (1000 resamples) and approximate randomization
 * (10000 trials), seed 12345. CPU seconds (user + sys) of the whole test incl. statistics extraction;
 * sacreBLEU runs in a child /usr/bin/python3 (PYTHONPATH=/tmp/sacrebleu) and reports its own process
 * time. The p-values of both are compared.
 *
 *   cd packages/metrics && npx tsx --conditions=@nlpkit/source scripts/bench-significance.ts [--no-python]
 *
 * Measured 2026-11-29 (shared 2-core VM, load average ~13 from other jobs, so ±20 %; nice -n 5):
 *   | bs n=1000, 16 systems  | ours 1.85 CPU s | sacreBLEU 5.36 CPU s  | 2.9x | p-values identical |
 *   | ar n=10000, 16 systems | ours 3.63 CPU s | sacreBLEU 26.39 CPU s | 7.3x | p-values identical |
 * Ours includes ~0.7 s of BLEU statistics extraction for the 16 systems and ~0.2 s for the index matrix.
 * Before the AR kernel (one branch per coin, exact BLEU for every trial) AR took 10.23 s (2.5x).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { pairedApproximateRandomization, pairedBootstrap, type NamedSystem, type PairedTestResult } from '../src/index.js';

const DATA = new URL('../../../../shared/data/metrics/sacrebleu-significance-wmt17.json.gz', import.meta.url);
if (!existsSync(DATA)) {
  console.error(`bench-significance: ${DATA.pathname} not found`);
  process.exit(1);
}
const raw = (JSON.parse(gunzipSync(readFileSync(DATA)).toString('utf8')) as { systems: [string, unknown][] }).systems;
const refs = raw[raw.length - 1][1] as string[][];
const systems: NamedSystem[] = raw.slice(0, -1).map(([name, lines]) => ({ name, hypotheses: lines as string[] }));
const metrics = [{ metric: 'bleu' as const, options: { tokenize: 'none' } }];

function cpu<T>(f: () => T): { value: T; seconds: number } {
  const t0 = process.cpuUsage();
  const value = f();
  const t = process.cpuUsage(t0);
  return { value, seconds: (t.user + t.system) / 1e6 };
}

const PY = `
import gzip, json, os, sys, time
from sacrebleu.metrics import BLEU
from sacrebleu.significance import PairedTest
test, n = sys.argv[1], int(sys.argv[2])
d = json.load(gzip.open(sys.argv[3], 'rt', encoding='utf-8'))['systems']
named = [(a, b) for a, b in d]
_, refs = named.pop()
os.environ['SACREBLEU_SEED'] = '12345'
t0 = time.process_time()
metrics = {'BLEU': BLEU(references=refs, tokenize='none')}
sigs, scores = PairedTest(named, metrics, references=None, test_type=test, n_samples=n)()
t = time.process_time() - t0
print(json.dumps({'seconds': t, 'p': [r.p_value for r in scores['BLEU']]}))
`;

function sacrebleu(test: 'bs' | 'ar', n: number): { seconds: number; p: (number | null)[] } | null {
  if (process.argv.includes('--no-python') || !existsSync('/tmp/sacrebleu')) return null;
  const r = spawnSync('/usr/bin/python3', ['-c', PY, test, String(n), DATA.pathname], {
    env: { ...process.env, PYTHONPATH: '/tmp/sacrebleu' },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) {
    console.error(r.stderr);
    return null;
  }
  return JSON.parse(r.stdout) as { seconds: number; p: (number | null)[] };
}

const rows: string[] = [];
for (const [test, n] of [['bs', 1000], ['ar', 10000]] as const) {
  const ours = cpu<PairedTestResult>(() =>
    test === 'bs' ? pairedBootstrap(systems, refs, { metrics, nSamples: n }) : pairedApproximateRandomization(systems, refs, { metrics, nSamples: n }),
  );
  const p = ours.value.metrics[0].results.map((r) => r.pValue);
  const ref = sacrebleu(test, n);
  const same = ref ? (ref.p.every((x, i) => x === p[i]) ? 'identical' : 'DIFFERENT') : 'n/a';
  const ratio = ref ? `${(ref.seconds / ours.seconds).toFixed(1)}x` : 'n/a';
  rows.push(
    `| ${test} n=${n}, 16 systems | ${ours.seconds.toFixed(2)} | ${ref ? ref.seconds.toFixed(2) : 'n/a'} | ${ratio} | ${same} |`,
  );
}
console.log('| test (BLEU, WMT17 en-de, 3004 segments) | ours CPU s | sacreBLEU CPU s | speed-up | p-values |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const r of rows) console.log(r);
