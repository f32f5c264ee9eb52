/**
 * The collapse check on real vectors (BENCHMARKS.md, "Word translation", note ³): maps one direction with
 * supervised Procrustes + refinement (a known-good map, fitted on MUSE's X-Y.0-5000), VecMap and adversarial +
 * refinement (the bench's scaled settings), then prints `diagnoseMapping` for each — with and without the
 * words (the identical-strings signal) — and its CPU cost. The MUSE dictionary only fits the supervised map;
 * the diagnosis never sees it.
 *
 * Usage (from packages/translate):
 *   npx tsx --conditions=@nlpkit/source bench/collapse-check.ts --pair en-fr [--methods sup,vecmap,adv]
 *     [--vectors /tmp/nlpkit-translate/vectors --name w2v100] [--map-vocab 5000] [--adv-iterations 300] [--seed 1]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readVectors } from '@nlpkit/embed';
import {
  adversarialMapping,
  applyMapping,
  describeDiagnosis,
  diagnoseMapping,
  parseDictionary,
  refine,
  resolveDictionary,
  unitRows,
  vecmapUnsupervised,
  type EmbeddingSpace,
} from '../src/index.js';

const { values: a } = parseArgs({
  options: {
    vectors: { type: 'string', default: '/tmp/nlpkit-translate/vectors' },
    name: { type: 'string', default: 'w2v100' },
    dicts: { type: 'string', default: resolve(import.meta.dirname, '../../../../shared/data/muse-dicts') },
    pair: { type: 'string', default: 'en-fr' },
    methods: { type: 'string', default: 'sup,vecmap,adv' },
    'map-vocab': { type: 'string', default: '5000' },
    'adv-epochs': { type: 'string', default: '3' },
    'adv-iterations': { type: 'string', default: '300' },
    'adv-hidden': { type: 'string', default: '256' },
    seed: { type: 'string', default: '1' },
  },
});
const n = Number(a['map-vocab']);
const seed = Number(a.seed);
const [sl, tl] = String(a.pair).split('-');
const load = async (l: string): Promise<EmbeddingSpace> => {
  const v = await readVectors(join(String(a.vectors), `${a.name}.${l}.vec`), { limit: n });
  return { words: v.words, vectors: v.vectors, dim: v.dim };
};
const src = await load(sl);
const tgt = await load(tl);
const d = src.dim;
const cpu = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const maps: { label: string; mappedSrc: EmbeddingSpace; mappedTgt: EmbeddingSpace; seconds: number }[] = [];
const methods = new Set(String(a.methods).split(','));
const refineOptions = { iterations: 3, maxRank: n, criterionRank: n, collapse: { nullIterations: 0 } };
if (methods.has('sup')) {
  const t = cpu();
  const dict = parseDictionary(readFileSync(join(String(a.dicts), `${a.pair}.0-5000.txt`), 'utf8'), `${a.pair}.0-5000.txt`);
  const r = refine(src, tgt, { seed: resolveDictionary(dict, src, tgt) }, refineOptions);
  maps.push({ label: 'supervised Procrustes + refinement', mappedSrc: applyMapping(src, r.mapping), mappedTgt: tgt, seconds: cpu() - t });
}
if (methods.has('vecmap')) {
  const t = cpu();
  const v = vecmapUnsupervised(src, tgt, {
    seed,
    vocabularyCutoff: n,
    unsupervisedVocab: Math.min(2500, n),
    stochasticInterval: 3,
    threshold: 1e-3,
    maxIterations: 40,
    collapse: { nullIterations: 0 },
  });
  maps.push({ label: `VecMap seed ${seed}`, mappedSrc: v.mappedSrc, mappedTgt: v.mappedTgt, seconds: cpu() - t });
}
if (methods.has('adv')) {
  const t = cpu();
  const adv = adversarialMapping(src, tgt, {
    seed,
    epochs: Number(a['adv-epochs']),
    iterationsPerEpoch: Number(a['adv-iterations']),
    disHidden: Number(a['adv-hidden']),
    mostFrequent: n,
    criterionRank: n,
    collapse: { nullIterations: 0 },
  });
  const r = refine(src, tgt, { mapping: adv.mapping }, refineOptions);
  maps.push({ label: `adversarial seed ${seed}, before refinement`, mappedSrc: applyMapping(src, adv.mapping), mappedTgt: tgt, seconds: 0 });
  maps.push({ label: `adversarial seed ${seed} + refinement`, mappedSrc: applyMapping(src, r.mapping), mappedTgt: tgt, seconds: cpu() - t });
}
for (const m of maps) {
  const x = unitRows(m.mappedSrc);
  const y = unitRows(m.mappedTgt);
  for (const words of [{ src: src.words, tgt: tgt.words }, undefined]) {
    const t = cpu();
    const g = diagnoseMapping(x, y, d, { maxRank: n, words });
    const verdict = g.collapsed ? `COLLAPSED (${g.reason})` : 'ok';
    const gain = (g.meanCosine - g.nullMeanCosine) / (1 - g.nullMeanCosine);
    process.stdout.write(
      `${a.pair} ${m.label}${words === undefined ? ' [no words]' : ''}: ${verdict} — ${describeDiagnosis(g)}, ` +
        `gain over the null ${gain.toFixed(3)} [mapping ${m.seconds.toFixed(1)} CPU s, diagnosis ${(cpu() - t).toFixed(1)} CPU s]\n`,
    );
  }
}
