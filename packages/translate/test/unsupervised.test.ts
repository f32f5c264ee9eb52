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
  vecmapUnsupervised,
  type EmbeddingSpace,
} from '../src/index.js';
import { clusteredSpace, rotatedPair, trueDictionary } from './synthetic.js';

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
});
