/**
 * Where BLEU's and chrF's time goes, on the bench's 100,000 WMT17 segments read from files as the
 * bench reads them (CPU ms, process.cpuUsage, so JIT and GC threads count): first BLEU on TextLines
 * (reading the files as bytes, a cold and a warm run), then on strings: reading, a cold BLEU run
 * (empty line cache, after a 200-segment warm-up as in the bench), a warm one (every line cached:
 * n-gram counting plus cache hits), and the parts of a cold run on the distinct lines.
 *
 *   npx tsx --conditions=@nlpkit/source bench/micro.ts
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { bleuStatistics, chrfStatistics, TextLines } from '@nlpkit/metrics';
import { LineCache, scan13a, WordTable } from '../src/counting/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataFile = resolve(
  process.env.NLPKIT_METRICS_DATA ?? join(here, '../../../../shared/data/metrics/sacrebleu-significance-wmt17.json.gz'),
);
if (!existsSync(dataFile)) process.exit(0);
const data = JSON.parse(gunzipSync(readFileSync(dataFile)).toString('utf8')) as { systems: [string, unknown][] };
const ref = (data.systems.find(([n]) => n === 'reference')![1] as string[][])[0];
const systems = data.systems.filter(([n]) => n !== 'reference').map(([, l]) => l as string[]);
const h0: string[] = [];
const r0: string[] = [];
for (let k = 0; h0.length < 100_000; k++) {
  const sys = systems[k % systems.length];
  for (let i = 0; i < sys.length && h0.length < 100_000; i++) {
    h0.push(sys[i]);
    r0.push(ref[i]);
  }
}
const dir = mkdtempSync(join(tmpdir(), 'nlpkit-metrics-micro-'));
writeFileSync(join(dir, 'hyp.txt'), h0.join('\n') + '\n');
writeFileSync(join(dir, 'ref.txt'), r0.join('\n') + '\n');
const readLines = (f: string): string[] => {
  const t = readFileSync(f, 'utf8');
  return t.slice(0, t.endsWith('\n') ? -1 : undefined).split('\n');
};

function time<T>(name: string, f: () => T): T {
  const t0 = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(t0);
  console.log(`${name.padEnd(40)} ${((u.user + u.system) / 1e3).toFixed(0).padStart(6)} ms`);
  return r;
}
bleuStatistics(h0.slice(0, 200), [r0.slice(0, 200)], { lowercase: true }); // warm-up, another cache configuration
const small = (l: string[]): TextLines => TextLines.fromBytes(Buffer.from(l.slice(0, 200).join('\n') + '\n'));
bleuStatistics(small(h0), [small(r0)], { lowercase: true });
const [th, tr] = time('read both files (TextLines)', () => [TextLines.fromFile(join(dir, 'hyp.txt')), TextLines.fromFile(join(dir, 'ref.txt'))]);
time('BLEU statistics on TextLines, cold', () => bleuStatistics(th, [tr]));
time('BLEU statistics on TextLines, warm', () => bleuStatistics(th, [tr]));
const [hyps, refs] = time('read both files (readLines)', () => [readLines(join(dir, 'hyp.txt')), readLines(join(dir, 'ref.txt'))]);
rmSync(dir, { recursive: true, force: true });
time('BLEU statistics, cold', () => bleuStatistics(hyps, [refs]));
time('BLEU statistics, warm (all lines cached)', () => bleuStatistics(hyps, [refs]));
const lines = [...new Set(hyps.concat(refs))];
console.log(`(${lines.length} distinct lines of ${2 * hyps.length})`);
time('  13a scan of the distinct lines', () => lines.reduce((n, l) => n + scan13a(l).count, 0));
const wt = new WordTable();
time('  13a scan + word ids, distinct lines', () => {
  let n = 0;
  for (const l of lines) {
    const t = scan13a(l);
    for (let k = 0; k < t.count; k++) n += wt.id(t.cu, t.spans[2 * k], t.spans[2 * k + 1], true);
  }
  return n;
});
const cache = new LineCache();
cache.use('micro', 0);
const none = new Int32Array(0);
for (const l of lines) if (cache.find(l) < 0) cache.add(l, none, 0);
time('  line-cache lookups, all lines (hits)', () => hyps.reduce((n, l) => n + cache.find(l), 0) + refs.reduce((n, l) => n + cache.find(l), 0));
time('chrF statistics, cold', () => chrfStatistics(hyps, [refs]));
time('chrF++ statistics', () => chrfStatistics(hyps, [refs], { wordOrder: 2 }));
