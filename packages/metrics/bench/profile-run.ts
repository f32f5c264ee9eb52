/**
 * A profiling harness: corpus BLEU, chrF and chrF++ on the bench's 100,000 WMT17 segments, in process,
 * each timed on its second run (after a full warm-up), with no sacreBLEU and no file round-trip.
 *
 *   npx tsx --conditions=@nlpkit/source bench/profile-run.ts [BLEU|chrF|chrF++]
 *   node --cpu-prof --import tsx --conditions=@nlpkit/source bench/profile-run.ts BLEU
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { corpusBleu, corpusChrf } from '@nlpkit/metrics';
import { DEFAULT_DATA, segmentPairs } from './segments.js';

const dataFile = resolve(process.env.NLPKIT_METRICS_DATA ?? DEFAULT_DATA);
if (!existsSync(dataFile)) {
  console.log(`profile-run: ${dataFile} not found (set NLPKIT_METRICS_DATA); skipping`);
  process.exit(0);
}
const segments = 100_000;
const { hyps, refs } = segmentPairs(dataFile, segments);

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
