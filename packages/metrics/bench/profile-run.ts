/**
 * A profiling harness: corpus BLEU, chrF and chrF++ on the bench's 100,000 WMT17 segments, in process,
 * each timed on its second run (after a full warm-up), with no sacreBLEU and no file round-trip.
 *
 *   npx tsx --conditions=@nlpkit/source bench/profile-run.ts [BLEU|chrF|chrF++]
 *   node --cpu-prof --import tsx --conditions=@nlpkit/source bench/profile-run.ts BLEU
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { corpusBleu, corpusChrf } from '@nlpkit/metrics';

const here = dirname(fileURLToPath(import.meta.url));
const dataFile = resolve(
  process.env.NLPKIT_METRICS_DATA ?? join(here, '../../../../shared/data/metrics/sacrebleu-significance-wmt17.json.gz'),
);
if (!existsSync(dataFile)) {
  console.log(`profile-run: ${dataFile} not found (set NLPKIT_METRICS_DATA); skipping`);
  process.exit(0);
}
const data = JSON.parse(gunzipSync(readFileSync(dataFile)).toString('utf8')) as { systems: [string, unknown][] };
const ref = (data.systems.find(([n]) => n === 'reference')![1] as string[][])[0];
const systems = data.systems.filter(([n]) => n !== 'reference').map(([, l]) => l as string[]);
const segments = 100_000;
const hyps: string[] = [];
const refs: string[] = [];
for (let k = 0; hyps.length < segments; k++) {
  const sys = systems[k % systems.length];
  for (let i = 0; i < sys.length && hyps.length < segments; i++) {
    hyps.push(sys[i]);
    refs.push(ref[i]);
  }
}

const which = process.argv[2] ?? 'all';
const runs: [string, () => number][] = [
  ['BLEU', () => corpusBleu(hyps, [refs]).score],
  ['chrF', () => corpusChrf(hyps, [refs]).score],
  ['chrF++', () => corpusChrf(hyps, [refs], { wordOrder: 2 }).score],
];
for (const [name, run] of runs) {
  if (which !== 'all' && which !== name) continue;
  run();
  const t0 = process.cpuUsage();
  const score = run();
  const u = process.cpuUsage(t0);
  console.log(`${name}: ${score} in ${(((u.user + u.system) / 1e6 / segments) * 1e4).toFixed(3)} CPU s/10k segments`);
}
