import { describe, expect, it } from 'vitest';
import {
  applyMapping,
  centerColumns,
  diagnoseMapping,
  evaluateTranslation,
  InvalidOptionError,
  parseDictionary,
  refine,
  unitRows,
  vecmapSelfLearning,
  vecmapNormalize,
  vecmapUnsupervised,
  type EmbeddingSpace,
} from '../src/index.js';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { IndexPairs } from '../src/mapping/procrustes.js';
import { advancedMap } from '../src/mapping/vecmap.js';
import { clusteredSpace, randomOrthogonal, rotatedPair, trueDictionary } from './synthetic.js';

/** Isotropic Gaussian words, centred: two of these share no structure at all. */
function gaussianSpace(n: number, d: number, seed: number): EmbeddingSpace {
  const s = clusteredSpace(n, d, seed, 1, 1);
  centerColumns(s.vectors, d);
  return s;
}

const small = { unsupervisedVocab: 300, vocabularyCutoff: 600, stochasticInterval: 2, seed: 1, collapse: { maxRank: 600 } };

describe('VecMap unsupervised', () => {
  it('recovers a rotation with no dictionary at all', () => {
    const p = rotatedPair(clusteredSpace(600, 32, 1), 7, 0.1);
    const r = vecmapUnsupervised(p.src, p.tgt, small);
    // The similarity-distribution seed alone is already mostly right on this easy pair…
    let right = 0;
    for (let i = 0; i < r.seedDictionary.src.length; i++) if (p.perm[r.seedDictionary.src[i]] === r.seedDictionary.tgt[i]) right++;
    expect(right / r.seedDictionary.src.length).toBeGreaterThan(0.5);
    // …and self-learning finishes the job.
    const e = evaluateTranslation(r.mappedSrc, r.mappedTgt, parseDictionary(trueDictionary(0, 600)));
    expect(e.precisionAt[1]).toBeGreaterThan(0.97);
    expect(r.diagnosis.collapsed).toBe(false);
    expect(r.iterations).toBeGreaterThan(4); // keep probability 0.1 → 0.2 → 0.4 → 0.8 → 1
  });

  it('is reproducible for a seed', () => {
    const p = rotatedPair(clusteredSpace(300, 16, 2), 3, 0.1);
    const o = { ...small, unsupervisedVocab: 200, vocabularyCutoff: 300, collapse: { maxRank: 300 } };
    const a = vecmapUnsupervised(p.src, p.tgt, o);
    const b = vecmapUnsupervised(p.src, p.tgt, o);
    expect(a.srcMapping).toEqual(b.srcMapping);
    expect(a.iterations).toBe(b.iterations);
  });

  it('reports collapse on unrelated spaces', () => {
    const o = { ...small, vocabularyCutoff: 400, maxIterations: 12, collapse: { maxRank: 400 } };
    const r = vecmapUnsupervised(gaussianSpace(400, 32, 1), gaussianSpace(400, 32, 2), o);
    expect(r.diagnosis.collapsed).toBe(true);
    expect(r.diagnosis.reason).toBe('no-better-than-chance');
  });

  it('rejects bad options by name', () => {
    const p = rotatedPair(clusteredSpace(50, 4, 2), 3);
    expect(() => vecmapUnsupervised(p.src, p.tgt, { stochasticInitial: 0 })).toThrowError(InvalidOptionError);
    expect(() => vecmapUnsupervised(p.src, p.tgt, { csls: -1 })).toThrow(/csls/);
  });
});

describe('VecMap self-learning from a seed dictionary', () => {
  it('is the unsupervised loop started from the given seed', () => {
    const p = rotatedPair(clusteredSpace(300, 16, 2), 3, 0.1);
    const o = { ...small, unsupervisedVocab: 200, vocabularyCutoff: 300, collapse: { maxRank: 300 } };
    const u = vecmapUnsupervised(p.src, p.tgt, o);
    const s = vecmapSelfLearning(p.src, p.tgt, u.seedDictionary, o);
    expect(s.srcMapping).toEqual(u.srcMapping);
    expect(s.tgtMapping).toEqual(u.tgtMapping);
    expect(s.iterations).toBe(u.iterations);
  });

  it('recovers the translations from a mostly wrong seed', () => {
    const p = rotatedPair(clusteredSpace(600, 32, 1), 7, 0.1);
    // 150 seed pairs among the 300 most frequent words, only one in six right (fewer than the 32 dimensions).
    const src = Int32Array.from({ length: 150 }, (_, i) => 2 * i);
    const tgt = src.map((r, i) => (i % 6 === 0 ? p.perm[r] : p.perm[(r + 37) % 300]));
    const seedRight = evaluateTranslation(applyMapping(p.src, refine(p.src, p.tgt, { seed: { src, tgt } }, { iterations: 0 }).mapping), p.tgt, parseDictionary(trueDictionary(0, 600)));
    const r = vecmapSelfLearning(p.src, p.tgt, { src, tgt }, small);
    const e = evaluateTranslation(r.mappedSrc, r.mappedTgt, parseDictionary(trueDictionary(0, 600)));
    expect(seedRight.precisionAt[1]).toBeLessThan(0.2);
    expect(e.precisionAt[1]).toBeGreaterThan(0.97);
    expect(r.diagnosis.collapsed).toBe(false);
    expect(r.seedDictionary.src).toEqual(src);
    // Stochastic induction: the keep probability starts at 0.1 and grows to 1 before the loop ends.
    expect(r.history[0].keepProb).toBeCloseTo(0.1);
    expect(r.history.at(-1)?.keepProb).toBe(1);
    expect(r.history.length).toBe(r.iterations - 1);
  });

  describe('deterministic finish', () => {
    // A capped run on an easy pair from a mostly wrong seed: with the cap at 3 the keep probability is still 0.1.
    const p = rotatedPair(clusteredSpace(300, 16, 2), 3, 0.1);
    const seedSrc = Int32Array.from({ length: 80 }, (_, i) => 2 * i);
    const seed = { src: seedSrc, tgt: seedSrc.map((r, i) => (i % 4 === 0 ? p.perm[r] : p.perm[(r + 17) % 300])) };
    const o = { vocabularyCutoff: 300, stochasticInterval: 2, maxIterations: 3, seed: 1, collapse: { maxRank: 300 } };
    const on = vecmapSelfLearning(p.src, p.tgt, seed, o);
    const off = vecmapSelfLearning(p.src, p.tgt, seed, { ...o, deterministicFinish: false });

    /** Plain float64 reference: Procrustes on `dict` (ml-matrix SVD), then CSLS (k = 10) argmax both ways, no dropout. */
    function keepOneInduction(dict: IndexPairs): IndexPairs {
      const d = 16;
      const x = vecmapNormalize(p.src.vectors, d);
      const z = vecmapNormalize(p.tgt.vectors, d);
      const m = new Matrix(d, d);
      for (let k = 0; k < dict.src.length; k++) {
        for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) m.set(r, c, m.get(r, c) + x[dict.src[k] * d + r] * z[dict.tgt[k] * d + c]);
      }
      const svd = new SingularValueDecomposition(m);
      const w = svd.leftSingularVectors.mmul(svd.rightSingularVectors.transpose());
      const n = 300;
      const xw = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, c) => { let v = 0; for (let r = 0; r < d; r++) v += x[i * d + r] * w.get(r, c); return v; }));
      const sim = xw.map((row) => Array.from({ length: n }, (_, j) => row.reduce((acc, v, t) => acc + v * z[j * d + t], 0)));
      const topMean = (vals: number[]) => vals.sort((u, v) => v - u).slice(0, 10).reduce((acc, v) => acc + v, 0) / 10;
      const rSrc = sim.map((row) => topMean([...row])); // each mapped source word's neighbourhood among targets
      const rTgt = Array.from({ length: n }, (_, j) => topMean(sim.map((row) => row[j])));
      const argmax = (f: (k: number) => number) => { let b = 0; for (let k = 1; k < n; k++) if (f(k) > f(b)) b = k; return b; };
      const fwd = Array.from({ length: n }, (_, i) => argmax((j) => 2 * sim[i][j] - rTgt[j]));
      const back = Array.from({ length: n }, (_, j) => argmax((i) => 2 * sim[i][j] - rSrc[i]));
      const ids = Array.from({ length: n }, (_, i) => i);
      return { src: Int32Array.from([...ids, ...back]), tgt: Int32Array.from([...fwd, ...ids]) };
    }

    it('re-weights a keep-1 induction from the last map when the cap stops the loop', () => {
      expect(off.history.map((h) => h.keepProb)).toEqual([0.1, 0.1]);
      expect(off.deterministicFinish).toBe(false);
      expect(on.deterministicFinish).toBe(true);
      expect(on.history.slice(0, -1)).toEqual(off.history); // the same draws up to the cap
      expect(on.history.at(-1)).toMatchObject({ iteration: 3, keepProb: 1 });
      expect(on.iterations).toBe(off.iterations + 1);
      const expected = keepOneInduction(off.dictionary);
      expect(on.dictionary).toEqual(expected);
      // The stochastic dictionary the old ending re-weighted is another one (keep 0.1 drops 90 % of the scores).
      let same = 0;
      for (let k = 0; k < expected.tgt.length; k++) if (off.dictionary.src[k] === expected.src[k] && off.dictionary.tgt[k] === expected.tgt[k]) same++;
      expect(same / expected.tgt.length).toBeLessThan(0.5);
      // And each final map is VecMap's whitened / re-weighted map of its own last dictionary.
      const x = vecmapNormalize(p.src.vectors, 16);
      const z = vecmapNormalize(p.tgt.vectors, 16);
      expect(on.srcMapping).toEqual(Float32Array.from(advancedMap(x, z, 16, on.dictionary, 0.5, 0.5).wx));
      expect(off.srcMapping).toEqual(Float32Array.from(advancedMap(x, z, 16, off.dictionary, 0.5, 0.5).wx));
      // Which is what makes a capped run usable: P@1 of the finished map against the dropout one.
      const truth = parseDictionary(trueDictionary(0, 300));
      const pOn = evaluateTranslation(on.mappedSrc, on.mappedTgt, truth).precisionAt[1];
      const pOff = evaluateTranslation(off.mappedSrc, off.mappedTgt, truth).precisionAt[1];
      expect(pOn).toBeGreaterThan(pOff + 0.1);
    });

    it('changes nothing when the loop reaches keep 1 before the cap', () => {
      const o2 = { ...o, maxIterations: 1000 };
      const a = vecmapSelfLearning(p.src, p.tgt, seed, o2);
      const b = vecmapSelfLearning(p.src, p.tgt, seed, { ...o2, deterministicFinish: false });
      expect(a.deterministicFinish).toBe(false);
      expect(a.history.at(-1)?.keepProb).toBe(1);
      expect(a.srcMapping).toEqual(b.srcMapping);
      expect(a.history).toEqual(b.history);
      expect(() => vecmapSelfLearning(p.src, p.tgt, seed, { deterministicFinish: 'yes' as unknown as boolean })).toThrow(/deterministicFinish/);
    });
  });

  it('rejects seed rows outside the spaces', () => {
    const p = rotatedPair(clusteredSpace(50, 4, 2), 3);
    expect(() => vecmapSelfLearning(p.src, p.tgt, { src: [0, 1], tgt: [1, 50] })).toThrow(/pairs\[1\]/);
    expect(() => vecmapSelfLearning(p.src, p.tgt, { src: [], tgt: [] })).toThrowError(InvalidOptionError);
  });
});

describe('collapse detection', () => {
  it('flags a mapping whose translations concentrate on a few targets', () => {
    const p = rotatedPair(clusteredSpace(600, 32, 1), 7, 0.1);
    const rank1 = new Float32Array(32 * 32);
    for (let i = 0; i < 32; i++) rank1[i * 32] = 1; // every word onto one line
    const bad = diagnoseMapping(unitRows(applyMapping(p.src, rank1)), unitRows(p.tgt), 32, { maxRank: 600 });
    expect(bad).toMatchObject({ collapsed: true, reason: 'concentrated' });
    expect(bad.distinctRatio).toBeLessThan(0.05);
    const good = diagnoseMapping(unitRows(applyMapping(p.src, p.rotation)), unitRows(p.tgt), 32, { maxRank: 600 });
    expect(good).toMatchObject({ collapsed: false, reason: 'none' });
    expect(good.meanCosine).toBeGreaterThan(good.chanceMeanCosine + 0.3);
  });

  it('flags refinement that started from a wrong seed on unrelated spaces', () => {
    const a = gaussianSpace(600, 32, 1);
    const b = gaussianSpace(600, 32, 2);
    const seed = { src: Int32Array.from({ length: 50 }, (_, i) => i), tgt: Int32Array.from({ length: 50 }, (_, i) => (i * 7) % 600) };
    const r = refine(a, b, { seed }, { iterations: 3, maxRank: 600, criterionRank: 600 });
    expect(r.diagnosis.collapsed).toBe(true);
    const diag = diagnoseMapping(unitRows(applyMapping(a, r.mapping)), unitRows(b), 32, { maxRank: 600 });
    expect(diag.reason).toBe(r.diagnosis.reason);
    expect(diag.meanCosine).toBeCloseTo(r.diagnosis.meanCosine, 6);
  });
  it('flags a wrong rotation that self-learning overfits to a high criterion (the old chance test passed it)', () => {
    // Two unrelated clustered spaces: refinement from a random start matches clusters to clusters, so its
    // criterion is far above a random rotation's (as on real ELTeC vectors), yet the translations are arbitrary.
    const a = clusteredSpace(600, 32, 1, 20, 0.3);
    const b = { ...clusteredSpace(600, 32, 2, 20, 0.3), words: Array.from({ length: 600 }, (_, i) => `t${i}`) };
    const r = refine(a, b, { mapping: randomOrthogonal(32, 5) }, { iterations: 3, maxRank: 600, criterionRank: 600, collapse: { seed: 3 } });
    const g = r.diagnosis;
    expect(g.meanCosine - g.chanceMeanCosine).toBeGreaterThan(0.3 * (1 - g.chanceMeanCosine)); // the old rule: "fine"
    expect(g.sharedStrings).toBe(0);
    expect(g.nullAgreement).toBeLessThan(0.1);
    expect(g).toMatchObject({ collapsed: true, reason: 'no-better-than-self-learning' });
    // The right rotation of a structured pair is not flagged: the null, when it succeeds, agrees with it.
    const p = rotatedPair(clusteredSpace(600, 32, 1, 20, 0.3), 7, 0.1);
    const good = diagnoseMapping(unitRows(applyMapping(p.src, p.rotation)), unitRows(p.tgt), 32, { maxRank: 600, seed: 3 });
    expect(good).toMatchObject({ collapsed: false, reason: 'none' });
    expect(good.nullMeanCosine).not.toBeNaN();
  });

  it('flags a mapping that translates shared spellings to other words (identical strings)', () => {
    // A sign-symmetric cloud (every vector has its negation as another word) maps perfectly onto the target
    // under −R as well as R: the criterion cannot tell them apart, but −R sends every name to another name.
    const base = clusteredSpace(200, 16, 4, 10, 0.4);
    const words = Array.from({ length: 400 }, (_, i) => `name${i}`);
    const v = new Float32Array(400 * 16);
    for (let i = 0; i < 200; i++) for (let t = 0; t < 16; t++) {
      v[2 * i * 16 + t] = base.vectors[i * 16 + t];
      v[(2 * i + 1) * 16 + t] = -base.vectors[i * 16 + t];
    }
    const src = { words, vectors: v, dim: 16 };
    const p = rotatedPair(src, 9, 0.02, 1);
    const tgt = { ...p.tgt, words }; // window 1: row i is the translation of row i, spelled the same
    const o = { maxRank: 400, words: { src: words, tgt: words }, nullIterations: 0 };
    const good = diagnoseMapping(unitRows(applyMapping(src, p.rotation)), unitRows(tgt), 16, o);
    expect(good).toMatchObject({ collapsed: false, reason: 'none', sharedStrings: 400 });
    expect(good.identicalRate).toBeGreaterThan(0.9);
    const flipped = p.rotation.map((x) => -x);
    const bad = diagnoseMapping(unitRows(applyMapping(src, flipped)), unitRows(tgt), 16, o);
    expect(bad.meanCosine).toBeCloseTo(good.meanCosine, 2);
    expect(bad.identicalRate).toBeLessThan(0.01);
    expect(bad).toMatchObject({ collapsed: true, reason: 'misses-identical-strings' });
    expect(() => diagnoseMapping(unitRows(tgt), unitRows(tgt), 16, { minIdenticalRate: 2 })).toThrowError(InvalidOptionError);
  });
});
