/**
 * Component timings of the BLEU/chrF hot path on the bench's 100,000 WMT17 segments (for tuning):
 * 13a scanning alone, scanning plus word ids, and the whole statistics call.
 *
 *   npx tsx --conditions=@nlpkit/source bench/micro.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { bleuStatistics, chrfStatistics } from '@nlpkit/metrics';
import { scan13a, WordTable } from '../src/counting/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataFile = resolve(
  process.env.NLPKIT_METRICS_DATA ?? join(here, '../../../../shared/data/metrics/sacrebleu-significance-wmt17.json.gz'),
);
if (!existsSync(dataFile)) process.exit(0);
const data = JSON.parse(gunzipSync(readFileSync(dataFile)).toString('utf8')) as { systems: [string, unknown][] };
const ref = (data.systems.find(([n]) => n === 'reference')![1] as string[][])[0];
const systems = data.systems.filter(([n]) => n !== 'reference').map(([, l]) => l as string[]);
const hyps: string[] = [];
const refs: string[] = [];
for (let k = 0; hyps.length < 100_000; k++) {
  const sys = systems[k % systems.length];
  for (let i = 0; i < sys.length && hyps.length < 100_000; i++) {
    hyps.push(sys[i]);
    refs.push(ref[i]);
  }
}
const lines = hyps.concat(refs);
let chars = 0;
for (const l of lines) chars += l.length;
console.log(`${lines.length} lines, ${(chars / lines.length).toFixed(1)} UTF-16 units/line`);

function time(name: string, f: () => number): void {
  f();
  const t0 = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(t0);
  console.log(`${name.padEnd(24)} ${((u.user + u.system) / 1e3).toFixed(0).padStart(6)} ms  (${r})`);
}
time('scan13a', () => {
  let n = 0;
  for (const l of lines) n += scan13a(l).count;
  return n;
});
const wt = new WordTable();
time('scan13a + word ids', () => {
  let n = 0;
  for (const l of lines) {
    const t = scan13a(l);
    for (let k = 0; k < t.count; k++) n += wt.id(t.cu, t.spans[2 * k], t.spans[2 * k + 1], true) & 1;
  }
  return n;
});
// warm up on another configuration, so the timed run starts with an empty line cache (as the bench's does)
{
  bleuStatistics(hyps, [refs], { lowercase: true });
  const t0 = process.cpuUsage();
  const st = bleuStatistics(hyps, [refs]);
  const u = process.cpuUsage(t0);
  console.log(`${'bleuStatistics (cold)'.padEnd(24)} ${((u.user + u.system) / 1e3).toFixed(0).padStart(6)} ms  (${st.stats[1]})`);
}
time('bleuStatistics (warm)', () => bleuStatistics(hyps, [refs]).stats[1]);
time('chrfStatistics', () => chrfStatistics(hyps, [refs]).stats[1]);
time('chrfStatistics (++)', () => chrfStatistics(hyps, [refs], { wordOrder: 2 }).stats[1]);
