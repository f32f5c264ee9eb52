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
  vecmapUnsupervised,
  type EmbeddingSpace,
} from '../src/index.js';
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
