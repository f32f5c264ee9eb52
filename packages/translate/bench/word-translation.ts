/**
 * Word translation without parallel data on real embeddings: the P@1 table of issue 9 §2 (BENCHMARKS.md,
 * "Word translation"). For each direction (en-fr, fr-en, en-de, de-en) on vectors trained with @nlpkit/embed:
 *  - copy: the identical-string baseline (predict the source word itself);
 *  - procrustes: supervised, on the train part of MUSE's X-Y.0-5000 (a seeded 80/20 split of its source words),
 *    then + refinement (MUSE's loop: mutual CSLS neighbours, Procrustes, best iteration by the criterion;
 *    `--supervised-refine false` skips it);
 *  - vecmap: VecMap's fully unsupervised recipe (similarity-distribution seed, stochastic self-learning,
 *    whitening/re-weighting), several seeds;
 *  - adversarial: MUSE's adversarial training (scaled down) + refinement, several seeds;
 *  - identical: no dictionary, but an orthographic seed — the words spelled alike among the `--map-vocab` most
 *    frequent of both sides (≥ 2 letters; Søgaard et al. 2018) — then refinement. Not fully unsupervised (it
 *    leans on shared spellings, and the collapse check's identical-strings signal is not independent of it), so
 *    it has its own row and is never picked for `--write-dicts` (which writes it apart, as `src-tgt.identical.dict`);
 *  - transfer: refinement seeded by the first target of each source word in an induced dictionary of an earlier
 *    unsupervised run on other vectors (`--seed-dict DIR`, reading DIR/src-tgt.dict; e.g. VecMap on word2vec
 *    vectors): unsupervised end to end, a two-stage pipeline. Competes for `--write-dicts` by the criterion.
 *    The seed may come from the same words' other-dimension vectors (v7: cross-dimension transfer) or, with
 *    `--seed-inverse true`, from the reverse direction's dictionary DIR/tgt-src.dict, inverted (each source word
 *    paired with the target word that has it as first translation with the highest score; v10).
 *  - transfer-vecmap: the same seed, then VecMap's self-learning instead of MUSE's refinement
 *    (`vecmapSelfLearning`: stochastic CSLS induction in both directions over the `--vecmap-cutoff` most frequent
 *    words, keep probability from `--vecmap-initial`, then whitening / re-weighting / de-whitening). Competes
 *    for `--write-dicts` by its diagnosis' criterion (re-weighted spaces: not comparable with transfer's). One
 *    run per `--seeds` value (rng seeds of the stochastic induction); the best criterion is picked, as for vecmap.
 *    Both VecMap methods end a capped run (`--vecmap-max-iterations`) with a keep-1 induction unless
 *    `--vecmap-deterministic-finish false` (the behaviour before 2026-11-30).
 * P@1 (and P@5, P@10) with CSLS (k = 10) on the held-apart 20 % of 0-5000 and on 6500-end, over the covered
 * source words (source in the vocabulary and ≥ 1 gold target in it), printed beside the number of covered
 * words. Unsupervised runs carry the collapse diagnosis; the best seed is picked by MUSE's unsupervised
 * criterion (never by a dictionary). Wall and CPU seconds per run.
 *  - val (method `val`): for choosing an embedding recipe without touching the held-apart 20 %: Procrustes on
 *    75 % of the train part's source words, P@1 (CSLS) on the other 25 % of the train part.
 * `--eval-on val` scores every method that way instead (and on the whole train part; `val` then adds 4-fold
 * cross-validated Procrustes over the train part): for choosing a refinement recipe (`--refine-vocab`,
 * `--refine-build`, `--refine-max-size`, `--refine-min-score`, `--refine-anchors seed`, `--refine-patience`,
 * `--refine-reweight 0.5`, `--refine-reduce K`, `--criterion-rank`) without reading the held-apart 20 % or 6500-end.
 * `--write-dicts` writes `source target score` lines (score: the CSLS value; `--dict-scores false`: two fields).
 *
 * Usage (from packages/translate; vectors from scripts/train-word-vectors.sh):
 *   npx tsx --conditions=@nlpkit/source bench/word-translation.ts --vectors /tmp/wordmap/vec --name ft100 \
 *     [--pairs en-fr,fr-en,en-de,de-en] [--methods copy,procrustes,vecmap,adversarial] [--seeds 1,2,3]
 *     [--eval-vocab 15000] [--map-vocab 5000] [--json out.json] [--write-dicts DIR] [--md table.md]
 *     [--vecmap-seed-vocab 2500] [--vecmap-csls 10] [--vecmap-cutoff 5000] [--vecmap-initial 0.1]
 *     [--vecmap-max-iterations 40] [--vecmap-deterministic-finish true|false]
 *     [--dict-words 20000] [--dict-candidates 3] [--seed-dict DIR [--seed-inverse true]]
 *     [--eval-on heldout|val] [--val-split-seed N] [--refine-iterations 3] [--refine-reweight 0.5] [--refine-*]
 *   … --merge a.json,b.json [--md table.md]   only prints the table of earlier runs (e.g. one process per pair)
 * MUSE dictionaries: ../shared/data/muse-dicts (override with --dicts). The 5000-6500 split is never read.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { readVectors, type KeyedVectors } from '@nlpkit/embed';
import { writeFileAtomic } from '@nlpkit/tokenize';
import {
  adversarialMapping,
  applyMapping,
  CslsPenalties,
  describeDiagnosis,
  evaluateTranslation,
  parseDictionary,
  procrustes,
  refine,
  resolveDictionary,
  retrieve,
  unitRows,
  vecmapSelfLearning,
  vecmapUnsupervised,
  type BilingualDictionary,
  type DictionaryBuild,
  type EmbeddingSpace,
  type VecMapResult,
  type MappingDiagnosis,
  type RefineOptions,
} from '../src/index.js';
import { firstTargets, foldsBySource, invertFirstTargets, splitBySource } from './dictionaries.js';

const { values: a } = parseArgs({
  options: {
    vectors: { type: 'string', default: '/tmp/wordmap/vec' },
    name: { type: 'string', default: 'ft100' },
    dicts: { type: 'string', default: resolve(import.meta.dirname, '../../../../shared/data/muse-dicts') },
    pairs: { type: 'string', default: 'en-fr,fr-en,en-de,de-en' },
    methods: { type: 'string', default: 'copy,procrustes,vecmap,adversarial' },
    seeds: { type: 'string', default: '1,2,3' },
    'eval-vocab': { type: 'string', default: '15000' },
    'map-vocab': { type: 'string', default: '5000' },
    'refine-iterations': { type: 'string', default: '3' },
    'refine-vocab': { type: 'string' },
    'refine-build': { type: 'string', default: 'S2T&T2S' },
    'refine-anchors': { type: 'string', default: 'none' },
    'refine-max-size': { type: 'string' },
    'refine-min-score': { type: 'string' },
    'refine-patience': { type: 'string' },
    'refine-reweight': { type: 'string' },
    'refine-reduce': { type: 'string' },
    'criterion-rank': { type: 'string' },
    'supervised-refine': { type: 'string', default: 'true' },
    'eval-on': { type: 'string', default: 'heldout' },
    'val-split-seed': { type: 'string' },
    'vecmap-interval': { type: 'string', default: '3' },
    'vecmap-threshold': { type: 'string', default: '1e-3' },
    'vecmap-max-iterations': { type: 'string', default: '40' },
    'vecmap-seed-vocab': { type: 'string', default: '2500' },
    'vecmap-csls': { type: 'string', default: '10' },
    'vecmap-cutoff': { type: 'string' },
    'vecmap-initial': { type: 'string', default: '0.1' },
    'vecmap-deterministic-finish': { type: 'string', default: 'true' },
    'adv-epochs': { type: 'string', default: '3' },
    'adv-iterations': { type: 'string', default: '500' },
    'adv-hidden': { type: 'string', default: '256' },
    'split-seed': { type: 'string', default: '0' },
    'dict-words': { type: 'string', default: '20000' },
    'dict-candidates': { type: 'string', default: '3' },
    'dict-scores': { type: 'string', default: 'true' },
    'seed-dict': { type: 'string' },
    'seed-inverse': { type: 'string', default: 'false' },
    json: { type: 'string' },
    md: { type: 'string' },
    'write-dicts': { type: 'string' },
    merge: { type: 'string' },
  },
});
const int = (k: keyof typeof a): number => Number(a[k]);
const evalVocab = int('eval-vocab');
const mapVocab = int('map-vocab');
const seeds = String(a.seeds).split(',').map(Number);
const methods = new Set(String(a.methods).split(','));
const refineIterations = int('refine-iterations');
const refineVocab = a['refine-vocab'] === undefined ? mapVocab : int('refine-vocab');
const criterionRank = a['criterion-rank'] === undefined ? mapVocab : int('criterion-rank');
const optionalNumber = (k: keyof typeof a): number | undefined => (a[k] === undefined ? undefined : Number(a[k]));
if (!['none', 'seed'].includes(String(a['refine-anchors']))) throw new Error(`--refine-anchors: none or seed, not ${a['refine-anchors']}`);
/** The refinement settings of every refine() call (the flags --refine-*, --criterion-rank). */
function refineOptions(seeded: boolean): RefineOptions {
  return {
    iterations: refineIterations,
    maxRank: refineVocab,
    criterionRank,
    build: a['refine-build'] as DictionaryBuild,
    maxSize: optionalNumber('refine-max-size'),
    minScore: optionalNumber('refine-min-score'),
    patience: optionalNumber('refine-patience'),
    reweight: optionalNumber('refine-reweight'),
    reduce: optionalNumber('refine-reduce'),
    anchors: seeded && a['refine-anchors'] === 'seed' ? 'seed' : undefined,
    collapse: { maxRank: criterionRank },
  };
}
// --eval-on val: choose a recipe without the held-apart words. The train part of the 80/20 split is split again
// 75/25: supervised rows fit on its 75 %, every row is scored on its other 25 % ("val") and, in the second
// column, on the whole train part (more words, less noise; only meaningful for rows that use no dictionary).
// Neither the held-apart 20 % nor 6500-end is read.
// --val-split-seed varies only the inner split, so several val estimates never touch the held-apart words.
const evalOnVal = a['eval-on'] === 'val';
const valSplitSeed = a['val-split-seed'] === undefined ? int('split-seed') + 1 : int('val-split-seed');
if (!['heldout', 'val'].includes(String(a['eval-on']))) throw new Error(`--eval-on: heldout or val, not ${a['eval-on']}`);
if (!['true', 'false'].includes(String(a['vecmap-deterministic-finish']))) {
  throw new Error(`--vecmap-deterministic-finish: true or false, not ${a['vecmap-deterministic-finish']}`);
}
const deterministicFinish = a['vecmap-deterministic-finish'] === 'true';
if (!['true', 'false'].includes(String(a['seed-inverse']))) throw new Error(`--seed-inverse: true or false, not ${a['seed-inverse']}`);
const seedInverse = a['seed-inverse'] === 'true';

interface Score {
  p1: number;
  p5: number;
  p10: number;
  covered: number;
  total: number;
}
interface Run {
  pair: string;
  method: string;
  seed?: number;
  heldOut: Score;
  test: Score;
  criterion?: number;
  diagnosis?: MappingDiagnosis;
  picked?: boolean;
  wallSeconds: number;
  cpuSeconds: number;
  detail?: Record<string, unknown>;
}

const runs: Run[] = [];
const log = (s: string): void => void process.stderr.write(`${s}\n`);

function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

function readDict(path: string): BilingualDictionary {
  const buf = readFileSync(path);
  return parseDictionary((path.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8'), path);
}

function head(s: EmbeddingSpace, n: number): EmbeddingSpace {
  const m = Math.min(n, s.words.length);
  return { words: s.words.slice(0, m), vectors: s.vectors.subarray(0, m * s.dim), dim: s.dim };
}

/** P@k of mapped spaces on both evaluation dictionaries, sharing one CSLS penalty pass. */
function score(mappedSrc: EmbeddingSpace, tgt: EmbeddingSpace, held: BilingualDictionary, test: BilingualDictionary): { heldOut: Score; test: Score } {
  const pen = new CslsPenalties(unitRows(mappedSrc), unitRows(tgt), tgt.dim, 10);
  const one = (d: BilingualDictionary): Score => {
    const e = evaluateTranslation(mappedSrc, tgt, d, { method: 'csls', penalties: pen });
    return { p1: e.precisionAt[1], p5: e.precisionAt[5], p10: e.precisionAt[10], covered: e.queries, total: e.coverage.sources };
  };
  return { heldOut: one(held), test: one(test) };
}

/** The identical-string baseline over the covered source words. */
function copyScore(src: EmbeddingSpace, tgt: EmbeddingSpace, d: BilingualDictionary): Score {
  const r = resolveDictionary(d, src, tgt);
  let hits = 0;
  let covered = 0;
  for (let i = 0; i < r.src.length; i++) {
    if (i > 0 && r.src[i] === r.src[i - 1]) continue;
    covered++;
    const w = src.words[r.src[i]];
    for (let p = i; p < r.src.length && r.src[p] === r.src[i]; p++) if (tgt.words[r.tgt[p]] === w) hits++;
  }
  return { p1: hits / covered, p5: NaN, p10: NaN, covered, total: r.coverage.sources };
}

const pct = (x: number): string => (Number.isNaN(x) ? '–' : (100 * x).toFixed(1));

function report(r: Run): void {
  runs.push(r);
  const c = r.diagnosis === undefined ? '' : ` ${r.diagnosis.collapsed ? `COLLAPSED (${r.diagnosis.reason})` : 'not collapsed'}: ${describeDiagnosis(r.diagnosis)}`;
  const [first, second] = evalOnVal ? ['val', 'train part'] : [r.method === 'val' ? 'train-split val' : 'held-out', '6500-end'];
  log(
    `${r.pair} ${r.method}${r.seed === undefined ? '' : ` seed ${r.seed}`}: P@1 ${first} ${pct(r.heldOut.p1)} (${r.heldOut.covered}/${r.heldOut.total}), ` +
      `${second} ${pct(r.test.p1)} (${r.test.covered}/${r.test.total})${c}  ${r.wallSeconds.toFixed(1)} s wall, ${r.cpuSeconds.toFixed(1)} s CPU`,
  );
}

async function writeDict(path: string, mappedSrc: EmbeddingSpace, mappedTgt: EmbeddingSpace): Promise<number> {
  const n = Math.min(int('dict-words'), mappedSrc.words.length);
  const s = unitRows(mappedSrc);
  const t = unitRows(mappedTgt);
  const pen = new CslsPenalties(s, t, s.length / mappedSrc.words.length, 10);
  const top = retrieve(s, t, mappedSrc.dim, Int32Array.from({ length: n }, (_, i) => i), int('dict-candidates'), { penalties: pen });
  const lines: string[] = [];
  const scores = a['dict-scores'] !== 'false';
  for (let q = 0; q < n; q++) {
    for (let j = 0; j < top.k; j++) {
      const pairText = `${mappedSrc.words[q]} ${mappedTgt.words[top.index[q * top.k + j]]}`;
      lines.push(scores ? `${pairText} ${top.score[q * top.k + j].toFixed(4)}` : pairText);
    }
  }
  await writeFileAtomic(path, `${lines.join('\n')}\n`);
  return n;
}

/** The target space as refinement left it: mapped too after `--refine-reweight`, else as it is. */
function targetSide(tgt: EmbeddingSpace, w: Float32Array | undefined): EmbeddingSpace {
  return w === undefined ? tgt : applyMapping(tgt, w, { normalize: true });
}

const cache = new Map<string, KeyedVectors>();
async function vectors(lang: string): Promise<KeyedVectors> {
  let v = cache.get(lang);
  if (v === undefined) {
    v = await readVectors(join(String(a.vectors), `${a.name}.${lang}.vec`), { limit: evalVocab });
    cache.set(lang, v);
  }
  return v;
}

if (a.merge !== undefined) {
  for (const f of String(a.merge).split(',')) runs.push(...(JSON.parse(readFileSync(f, 'utf8')) as { runs: Run[] }).runs);
}
for (const pair of a.merge === undefined ? String(a.pairs).split(',') : []) {
  const [sl, tl] = pair.split('-');
  const src = await vectors(sl);
  const tgt = await vectors(tl);
  const full = readDict(join(String(a.dicts), `${pair}.0-5000.txt`));
  let { train, held } = splitBySource(full, 0.8, int('split-seed'));
  let test: BilingualDictionary;
  if (evalOnVal) {
    const inner = splitBySource(train, 0.75, valSplitSeed);
    test = train;
    train = inner.train;
    held = inner.held;
  } else {
    test = readDict(join(String(a.dicts), `${pair}.6500-end.txt.gz`));
  }
  const srcMap = head(src, mapVocab);
  const tgtMap = head(tgt, mapVocab);
  const srcRef = head(src, refineVocab);
  const tgtRef = head(tgt, refineVocab);
  log(`${pair}: ${src.size} / ${tgt.size} words (mapping on the ${srcMap.words.length} most frequent), dim ${src.dim}`);
  let best: { criterion: number; mappedSrc: EmbeddingSpace; mappedTgt: EmbeddingSpace; label: string } | undefined;
  const consider = (criterion: number, collapsed: boolean, mappedSrc: EmbeddingSpace, mappedTgt: EmbeddingSpace, label: string): boolean => {
    if (collapsed || (best !== undefined && best.criterion >= criterion)) return false;
    best = { criterion, mappedSrc, mappedTgt, label };
    return true;
  };
  /** Scores, reports and offers for `--write-dicts` a VecMap run (unsupervised, or self-learning from a seed). */
  const vecmapRun = (method: string, seed: number, v: VecMapResult, t: { wall: number; cpu: number }, label: string, detail: Run['detail']): void => {
    const run: Run = {
      pair,
      method,
      seed,
      ...score(v.mappedSrc, v.mappedTgt, held, test),
      criterion: v.diagnosis.meanCosine,
      diagnosis: v.diagnosis,
      wallSeconds: t.wall,
      cpuSeconds: t.cpu,
      detail,
    };
    run.picked = consider(v.diagnosis.meanCosine, v.diagnosis.collapsed, v.mappedSrc, v.mappedTgt, label);
    report(run);
  };

  if (methods.has('copy')) {
    const t = timed(() => ({ heldOut: copyScore(src, tgt, held), test: copyScore(src, tgt, test) }));
    report({ pair, method: 'copy', ...t.value, wallSeconds: t.wall, cpuSeconds: t.cpu });
  }
  if (methods.has('val')) {
    // Supervised Procrustes fitted on one part of a dictionary, scored on another.
    const fitScore = (fit: BilingualDictionary, on: BilingualDictionary): Score => {
      const mapped = applyMapping(src, procrustes(src, tgt, resolveDictionary(fit, src, tgt)), { normalize: true });
      const pen = new CslsPenalties(unitRows(mapped), unitRows(tgt), tgt.dim, 10);
      const e = evaluateTranslation(mapped, tgt, on, { method: 'csls', penalties: pen });
      return { p1: e.precisionAt[1], p5: e.precisionAt[5], p10: e.precisionAt[10], covered: e.queries, total: e.coverage.sources };
    };
    const t = timed(() => {
      if (!evalOnVal) {
        const inner = splitBySource(train, 0.75, valSplitSeed);
        return { heldOut: fitScore(inner.train, inner.held), test: undefined };
      }
      // In val mode: the val words (fitted on the rest of the train part), and 4-fold cross-validation over the
      // whole train part, so that supervised has a score on the same words as the unsupervised rows' second column.
      const folds = foldsBySource(test, 4, valSplitSeed);
      const cv = folds.map((f, i) => fitScore({ name: 'rest', pairs: folds.filter((_, j) => j !== i).flatMap((g) => g.pairs) }, f));
      const sum = (k: 'p1' | 'p5' | 'p10') => cv.reduce((acc, c) => acc + c[k] * c.covered, 0) / cv.reduce((acc, c) => acc + c.covered, 0);
      const cvScore: Score = { p1: sum('p1'), p5: sum('p5'), p10: sum('p10'), covered: cv.reduce((acc, c) => acc + c.covered, 0), total: cv.reduce((acc, c) => acc + c.total, 0) };
      return { heldOut: fitScore(train, held), test: cvScore };
    });
    const none: Score = { p1: NaN, p5: NaN, p10: NaN, covered: 0, total: 0 };
    report({ pair, method: 'val', heldOut: t.value.heldOut, test: t.value.test ?? none, wallSeconds: t.wall, cpuSeconds: t.cpu });
  }
  let supervised: EmbeddingSpace | undefined;
  let supervisedTgt: EmbeddingSpace = tgt;
  if (methods.has('procrustes')) {
    const seedPairs = resolveDictionary(train, src, tgt);
    const t = timed(() => procrustes(src, tgt, seedPairs));
    const mapped = applyMapping(src, t.value, { normalize: true });
    report({ pair, method: 'procrustes', ...score(mapped, tgt, held, test), wallSeconds: t.wall, cpuSeconds: t.cpu, detail: { seedPairs: seedPairs.src.length } });
  }
  if (methods.has('procrustes') && a['supervised-refine'] !== 'false') {
    const rseed = resolveDictionary(train, srcRef, tgtRef);
    const r = timed(() => refine(srcRef, tgtRef, { seed: rseed }, refineOptions(true)));
    supervised = applyMapping(src, r.value.mapping, { normalize: true });
    supervisedTgt = targetSide(tgt, r.value.tgtMapping);
    report({
      pair,
      method: 'procrustes+refine',
      ...score(supervised, supervisedTgt, held, test),
      criterion: r.value.criterion,
      diagnosis: r.value.diagnosis,
      wallSeconds: r.wall,
      cpuSeconds: r.cpu,
      detail: { seedPairs: rseed.src.length, bestIteration: r.value.bestIteration, history: r.value.history },
    });
  }
  let identicalMapped: EmbeddingSpace | undefined;
  let identicalTgt: EmbeddingSpace = tgt;
  if (methods.has('identical')) {
    const t = timed(() => {
      const tgtWords = new Set(tgtMap.words);
      const pairs = srcMap.words.filter((w) => w.length >= 2 && tgtWords.has(w)).map((w) => [w, w] as const);
      const seedPairs = resolveDictionary({ name: 'identical strings', pairs }, srcRef, tgtRef);
      return { seedPairs, r: refine(srcRef, tgtRef, { seed: seedPairs }, refineOptions(true)) };
    });
    const { r, seedPairs } = t.value;
    identicalMapped = r.diagnosis.collapsed ? undefined : applyMapping(src, r.mapping, { normalize: true });
    identicalTgt = targetSide(tgt, r.tgtMapping);
    report({
      pair,
      method: 'identical+refine',
      ...score(identicalMapped ?? applyMapping(src, r.mapping, { normalize: true }), identicalTgt, held, test),
      criterion: r.criterion,
      diagnosis: r.diagnosis,
      wallSeconds: t.wall,
      cpuSeconds: t.cpu,
      detail: { seedPairs: seedPairs.src.length, bestIteration: r.bestIteration, history: r.history },
    });
  }
  // With --seed-inverse the seed comes from the reverse direction's dictionary (tgt-src.dict), inverted.
  const seedFile = join(String(a['seed-dict']), seedInverse ? `${tl}-${sl}.dict` : `${pair}.dict`);
  // The transfer seed: the first target of each source word of an earlier induced dictionary, among the words
  // the refinement sees.
  const transferSeed = () => {
    const text = readFileSync(seedFile, 'utf8');
    const pairs = seedInverse ? invertFirstTargets(text) : firstTargets(text);
    return resolveDictionary({ name: seedFile, pairs }, srcRef, tgtRef);
  };
  if (methods.has('transfer')) {
    const file = seedFile;
    const t = timed(() => {
      const seedPairs = transferSeed();
      return { seedPairs, r: refine(srcRef, tgtRef, { seed: seedPairs }, refineOptions(true)) };
    });
    const { r, seedPairs } = t.value;
    const mapped = applyMapping(src, r.mapping, { normalize: true });
    const mappedTgt = targetSide(tgt, r.tgtMapping);
    const run: Run = {
      pair,
      method: 'transfer+refine',
      ...score(mapped, mappedTgt, held, test),
      criterion: r.criterion,
      diagnosis: r.diagnosis,
      wallSeconds: t.wall,
      cpuSeconds: t.cpu,
      detail: { seedDict: file, seedPairs: seedPairs.src.length, bestIteration: r.bestIteration, history: r.history },
    };
    run.picked = consider(r.criterion, r.diagnosis.collapsed, mapped, mappedTgt, `transfer from ${file}`);
    report(run);
  }
  for (const seed of methods.has('transfer-vecmap') ? seeds : []) {
    const t = timed(() => {
      const seedPairs = transferSeed();
      const v = vecmapSelfLearning(src, tgt, seedPairs, {
        seed,
        vocabularyCutoff: a['vecmap-cutoff'] === undefined ? mapVocab : int('vecmap-cutoff'),
        csls: int('vecmap-csls'),
        stochasticInitial: Number(a['vecmap-initial']),
        stochasticInterval: int('vecmap-interval'),
        threshold: Number(a['vecmap-threshold']),
        maxIterations: int('vecmap-max-iterations'),
        deterministicFinish,
        collapse: { maxRank: criterionRank },
      });
      return { seedPairs, v };
    });
    const { v, seedPairs } = t.value;
    vecmapRun('transfer+vecmap', seed, v, t, `transfer + VecMap self-learning, seed ${seed}, from ${seedFile}`, {
      seedDict: seedFile,
      seedPairs: seedPairs.src.length,
      iterations: v.iterations,
      deterministicFinish: v.deterministicFinish,
      objective: v.objective,
      history: v.history,
    });
  }
  if (methods.has('vecmap')) {
    for (const seed of seeds) {
      const t = timed(() =>
        vecmapUnsupervised(src, tgt, {
          seed,
          vocabularyCutoff: mapVocab,
          unsupervisedVocab: int('vecmap-seed-vocab'),
          csls: int('vecmap-csls'),
          stochasticInterval: int('vecmap-interval'),
          threshold: Number(a['vecmap-threshold']),
          maxIterations: int('vecmap-max-iterations'),
          deterministicFinish,
          collapse: { maxRank: mapVocab },
        }),
      );
      const v = t.value;
      vecmapRun('vecmap', seed, v, t, `vecmap seed ${seed}`, { iterations: v.iterations, deterministicFinish: v.deterministicFinish, objective: v.objective });
    }
  }
  if (methods.has('adversarial')) {
    for (const seed of seeds) {
      const t = timed(() => {
        const adv = adversarialMapping(srcMap, tgtMap, {
          seed,
          epochs: int('adv-epochs'),
          iterationsPerEpoch: int('adv-iterations'),
          disHidden: int('adv-hidden'),
          mostFrequent: mapVocab,
          criterionRank: mapVocab,
          collapse: { maxRank: mapVocab },
        });
        return { adv, ref: refine(srcRef, tgtRef, { mapping: adv.mapping }, refineOptions(false)) };
      });
      const { adv, ref } = t.value;
      const mapped = applyMapping(src, ref.mapping, { normalize: true });
      const mappedTgt = targetSide(tgt, ref.tgtMapping);
      const run: Run = {
        pair,
        method: 'adversarial+refine',
        seed,
        ...score(mapped, mappedTgt, held, test),
        criterion: ref.criterion,
        diagnosis: ref.diagnosis,
        wallSeconds: t.wall,
        cpuSeconds: t.cpu,
        detail: { adversarialDiagnosis: adv.diagnosis, adversarialEpochs: adv.history, refineHistory: ref.history },
      };
      run.picked = consider(ref.criterion, ref.diagnosis.collapsed, mapped, mappedTgt, `adversarial seed ${seed}`);
      report(run);
    }
  }
  if (a['write-dicts'] !== undefined) {
    await mkdir(String(a['write-dicts']), { recursive: true });
    const path = join(String(a['write-dicts']), `${pair}.dict`);
    if (identicalMapped !== undefined) {
      const n = await writeDict(path.replace(/\.dict$/, '.identical.dict'), identicalMapped, identicalTgt);
      log(`${pair}: wrote the identical-strings + refinement dictionary beside it (${n} source words)`);
    }
    if (best !== undefined) {
      const n = await writeDict(path, best.mappedSrc, best.mappedTgt);
      log(`${pair}: wrote ${path} (${n} source words, from ${best.label}, criterion ${best.criterion.toFixed(4)})`);
    } else if (supervised !== undefined) {
      const n = await writeDict(path.replace(/\.dict$/, '.supervised.dict'), supervised, supervisedTgt);
      log(`${pair}: every unsupervised run collapsed; wrote the supervised dictionary (${n} words) beside it`);
    }
  }
}

/** Per pair and method: the picked (best-criterion) seed for unsupervised methods, with the seed spread. */
function table(): string {
  // The columns hold val and the train part with --eval-on val (as `report`'s log lines say).
  const [first, second] = evalOnVal ? ['val', 'train part'] : ['held-out 0-5000', '6500-end'];
  const rows: string[] = [
    `| direction | method | P@1 ${first} (covered) | P@1 ${second} (covered) | seeds (collapsed) | CPU s | wall s |`,
    '|---|---|---|---|---|---|---|',
  ];
  for (const pair of String(a.pairs).split(',')) {
    for (const method of ['val', 'copy', 'procrustes', 'procrustes+refine', 'identical+refine', 'transfer+refine', 'transfer+vecmap', 'vecmap', 'adversarial+refine']) {
      const rs = runs.filter((r) => r.pair === pair && r.method === method);
      if (rs.length === 0) continue;
      const ok = rs.filter((r) => r.diagnosis?.collapsed !== true);
      const pick = rs.length === 1 ? rs[0] : (ok.sort((x, y) => (y.criterion ?? 0) - (x.criterion ?? 0))[0] ?? rs[0]);
      const spread = rs.length > 1 ? ` [${rs.map((r) => pct(r.test.p1)).join(', ')}]` : '';
      const why = [...new Set(rs.filter((r) => r.diagnosis?.collapsed === true).map((r) => r.diagnosis?.reason))];
      const seedsCol = `${rs.length}${why.length > 0 ? ` (${rs.length - ok.length}: ${why.join(', ')})` : rs.length > 1 ? ' (0)' : ''}`;
      const wall = rs.reduce((s, r) => s + r.wallSeconds, 0) / rs.length;
      const cpu = rs.reduce((s, r) => s + r.cpuSeconds, 0) / rs.length;
      rows.push(
        `| ${pair} | ${method} | ${pct(pick.heldOut.p1)} (${pick.heldOut.covered}/${pick.heldOut.total}) | ${pct(pick.test.p1)} (${pick.test.covered}/${pick.test.total})${spread} | ${seedsCol} | ${cpu.toFixed(0)} | ${wall.toFixed(0)} |`,
      );
    }
  }
  return rows.join('\n');
}

const md = table();
process.stdout.write(`${md}\n`);
const settings = { ...a, node: process.version };
if (a.md !== undefined) await writeFileAtomic(String(a.md), `${md}\n\nsettings: ${JSON.stringify(settings)}\n`);
if (a.json !== undefined) await writeFileAtomic(String(a.json), JSON.stringify({ settings, runs }, null, 1));
