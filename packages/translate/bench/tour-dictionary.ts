/**
 * The README tour's translation step against the TypeScript source (examples/tour.mjs makes the same calls on the
 * built packages): induce an English→French dictionary from the small ELTeC vectors in examples/ (made by
 * scripts/make-tour-vectors.ts) — seed: the words spelled the same in both vocabularies (Søgaard et al. 2018),
 * then MUSE's refinement — print a few translations, and (here only, never in the tour) score it on MUSE's en-fr
 * 0-5000 dictionary when ../shared/data is at hand.
 *   usage (from packages/translate): npx tsx --conditions=@nlpkit/source bench/tour-dictionary.ts [VEC_DIR]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readVectors } from '@nlpkit/embed';
import { applyMapping, CslsPenalties, evaluateTranslation, readDictionary, refine, resolveDictionary, retrieve, unitRows } from '../src/index.js';

const dir = process.argv[2] ?? join(import.meta.dirname, '../../../examples');
const t0 = performance.now();
const c0 = process.cpuUsage();
const en = await readVectors(join(dir, 'eltec-en.vec'));
const fr = await readVectors(join(dir, 'eltec-fr.vec'));
const identical = en.words.filter((w) => fr.has(w)).map((w): [string, string] => [w, w]);
const r = refine(en, fr, { seed: resolveDictionary({ name: 'identical strings', pairs: identical }, en, fr) }, { iterations: 3 });
const mapped = applyMapping(en, r.mapping, { normalize: true });
const s = unitRows(mapped);
const t = unitRows(fr);
const words = ['house', 'night', 'water', 'king', 'church', 'love', 'money', 'father', 'door', 'eyes', 'white', 'always'];
const ids = Int32Array.from(words.filter((w) => en.has(w)), (w) => en.words.indexOf(w));
const top = retrieve(s, t, en.dim, ids, 1, { penalties: new CslsPenalties(s, t, en.dim) });
const cpu = process.cpuUsage(c0);
console.log(`${en.size} + ${fr.size} words × ${en.dim}, ${identical.length} identical strings as the seed; refined dictionary ${r.history.at(-1)?.dictionarySize} pairs`);
console.log(`criterion ${r.criterion.toFixed(3)} (random rotation: ${r.diagnosis.chanceMeanCosine.toFixed(3)})`);
console.log(Array.from(ids, (q, i) => `${en.words[q]} → ${fr.words[top.index[i]]}`).join(', '));
console.log(`${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
const gold = join(import.meta.dirname, '../../../../shared/data/muse-dicts/en-fr.0-5000.txt');
if (existsSync(gold)) {
  const e = evaluateTranslation(mapped, fr, await readDictionary(gold));
  console.log(`P@1 (CSLS) on MUSE en-fr 0-5000: ${(100 * e.precisionAt[1]).toFixed(1)} over ${e.queries} covered source words`);
}
