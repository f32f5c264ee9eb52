import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyedVectors } from '@nlpkit/embed';
import { describe, expect, it } from 'vitest';
import {
  applyMapping,
  buildDictionary,
  CslsPenalties,
  DictionaryFormatError,
  EmptyDictionaryError,
  InvalidOptionError,
  evaluateTranslation,
  meanCosine,
  parseDictionary,
  procrustes,
  readDictionary,
  refine,
  resolveDictionary,
  retrieve,
  topKDot,
  unitRows,
  type EmbeddingSpace,
} from '../src/index.js';
import { dotMatrix, meanTopKBothWays } from '../src/mapping/knn.kernel.js';
import { Rng } from '../src/random.js';
import { clusteredSpace, randomOrthogonal, rotatedPair, trueDictionary } from './synthetic.js';

const easy = rotatedPair(clusteredSpace(2000, 32, 1), 7, 0.05);
const heldOut = parseDictionary(trueDictionary(1000, 1500), 'held-out');

describe('Procrustes', () => {
  it('recovers the rotation from a seed dictionary (P@1 = 100 % on held-out pairs)', () => {
    const w = procrustes(easy.src, easy.tgt, resolveDictionary(parseDictionary(trueDictionary(0, 1000)), easy.src, easy.tgt));
    let err = 0;
    for (let i = 0; i < w.length; i++) err += (w[i] - easy.rotation[i]) ** 2;
    expect(Math.sqrt(err)).toBeLessThan(0.05);
    const mapped = applyMapping(easy.src, w);
    for (const method of ['nn', 'csls'] as const) {
      const e = evaluateTranslation(mapped, easy.tgt, heldOut, { method });
      expect(e.precisionAt[1]).toBe(1);
      expect(e.queries).toBe(500);
    }
    // The identity (no mapping) translates almost nothing.
    expect(evaluateTranslation(easy.src, easy.tgt, heldOut, { method: 'nn' }).precisionAt[10]).toBeLessThan(0.1);
  });

  it('CSLS beats NN on a noisy, hubby pair', () => {
    const hard = rotatedPair(clusteredSpace(2000, 32, 3), 9, 1.0);
    const w = procrustes(hard.src, hard.tgt, resolveDictionary(parseDictionary(trueDictionary(0, 1000)), hard.src, hard.tgt));
    const mapped = applyMapping(hard.src, w);
    const test = parseDictionary(trueDictionary(1000, 1500));
    const nn = evaluateTranslation(mapped, hard.tgt, test, { method: 'nn' });
    const csls = evaluateTranslation(mapped, hard.tgt, test, { method: 'csls' });
    expect(csls.precisionAt[1]).toBeGreaterThan(nn.precisionAt[1] + 0.05);
    // NN's translations concentrate on hubs: fewer distinct targets than CSLS's.
    const distinct = (method: 'nn' | 'csls'): number => {
      const ids = Int32Array.from({ length: 500 }, (_, i) => 1000 + i);
      const x = unitRows(mapped);
      const q = new Float32Array(500 * 32);
      ids.forEach((r, i) => q.set(x.subarray(r * 32, r * 32 + 32), i * 32));
      const y = unitRows(hard.tgt);
      if (method === 'nn') return new Set(topKDot(q, y, 32, 1).index).size;
      return new Set(buildDictionary(x, y, 32, { build: 'S2T', maxRank: 2000 }).tgt.subarray(1000, 1500)).size;
    };
    expect(distinct('csls')).toBeGreaterThan(distinct('nn'));
  });
});

describe('top-k kernel', () => {
  it('equals sorting every score, with a bias and self-exclusion', () => {
    const rng = new Rng(5);
    const d = 7;
    const q = Float32Array.from({ length: 13 * d }, () => rng.normal());
    const b = Float32Array.from({ length: 41 * d }, () => rng.normal());
    const bias = Float32Array.from({ length: 41 }, () => rng.normal());
    const r = topKDot(q, b, d, 5, { scale: 2, bias, excludeSelf: true });
    for (let i = 0; i < 13; i++) {
      const all = Array.from({ length: 41 }, (_, j) => {
        let s = 0;
        for (let t = 0; t < d; t++) s += q[i * d + t] * b[j * d + t];
        return { j, s: 2 * s - bias[j] };
      })
        .filter((x) => x.j !== i)
        .sort((x, y) => y.s - x.s);
      expect(Array.from(r.index.subarray(i * 5, i * 5 + 5))).toEqual(all.slice(0, 5).map((x) => x.j));
      for (let t = 0; t < 5; t++) expect(r.score[i * 5 + t]).toBeCloseTo(all[t].s, 4);
    }
  });
});

describe('top-k kernel, WebAssembly SIMD tile (dims a multiple of 4)', () => {
  it('equals float64 brute force for odd row counts, blocks past 256 base rows and every pass', () => {
    const rng = new Rng(9);
    for (const [m, n, d] of [
      [7, 301, 12],
      [5, 600, 300],
    ]) {
      const q = Float32Array.from({ length: m * d }, () => rng.normal());
      const b = Float32Array.from({ length: n * d }, () => rng.normal());
      const exact = (i: number, j: number): number => {
        let s = 0;
        for (let t = 0; t < d; t++) s += q[i * d + t] * b[j * d + t];
        return s;
      };
      const full = dotMatrix(q, b, d);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(Math.abs(full[i * n + j] - exact(i, j))).toBeLessThan(1e-3);
      const r = topKDot(q, b, d, 3);
      for (let i = 0; i < m; i++) {
        const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => exact(i, y) - exact(i, x));
        expect(Array.from(r.index.subarray(i * 3, i * 3 + 3))).toEqual(order.slice(0, 3));
      }
      const both = meanTopKBothWays(q, b, d, 2);
      const col = (j: number): number => {
        const s = Array.from({ length: m }, (_, i) => exact(i, j)).sort((x, y) => y - x);
        return (s[0] + s[1]) / 2;
      };
      for (const j of [0, 1, n - 2, n - 1]) expect(both.cols[j]).toBeCloseTo(col(j), 3);
    }
  });
});

/** Hand-made 2-D spaces: source word i points at angle θ_i, targets at known angles. */
function angles(words: string[], deg: number[]): EmbeddingSpace {
  const v = new Float32Array(deg.length * 2);
  deg.forEach((a, i) => {
    v[2 * i] = Math.cos((a * Math.PI) / 180);
    v[2 * i + 1] = Math.sin((a * Math.PI) / 180);
  });
  return { words, vectors: v, dim: 2 };
}

describe('P@k', () => {
  // Targets at 0°, 10°, 20°, … 90°; sources at 0°, 42°, 88°.
  const tgt = angles(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  const src = angles(['x', 'y', 'z'], [0, 42, 88]);
  it('counts a hit when any listed target is within the top k', () => {
    // NN ranks: x → a first; y (42°) → e f d g c h b, so b is 7th; z (88°) → j i h g, so g is 4th. q and w are unknown words.
    const dict = parseDictionary('x a\ny b\ny q\nz g\nz c\nw a\n', 'hand');
    const e = evaluateTranslation(src, tgt, dict, { method: 'nn', ks: [1, 4, 5, 7] });
    expect(e.queries).toBe(3);
    expect(e.precisionAt[1]).toBeCloseTo(1 / 3, 12);
    expect(e.precisionAt[4]).toBeCloseTo(2 / 3, 12);
    expect(e.precisionAt[5]).toBeCloseTo(2 / 3, 12);
    expect(e.precisionAt[7]).toBeCloseTo(1, 12);
    expect(e.coverage).toEqual({ pairs: 6, pairsCovered: 4, sources: 4, sourcesCovered: 3 });
  });
});

describe('dictionaries', () => {
  it('names the file and line of a malformed line', () => {
    let err: unknown;
    try {
      parseDictionary('a b\n\nc d e\n', 'en-de.txt');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DictionaryFormatError);
    expect(err).toMatchObject({ code: 'DICTIONARY_FORMAT', file: 'en-de.txt', line: 3 });
    expect(parseDictionary('a\tb\r\nc  d\n').pairs).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('throws EmptyDictionaryError with counts when no pair is usable', () => {
    let err: unknown;
    try {
      resolveDictionary(parseDictionary('w1 nope\nnope t1\nw2 t2\n', 'd.txt'), easy.src, { ...easy.tgt, words: easy.tgt.words.map((w) => `_${w}`) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EmptyDictionaryError);
    expect(err).toMatchObject({ code: 'EMPTY_DICTIONARY', source: 'd.txt', pairs: 3, missingSource: 1, missingTarget: 3 });
  });

  it('reads files, naming the path in errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nlpkit-translate-'));
    const good = join(dir, 'good.txt');
    const bad = join(dir, 'bad.txt');
    await writeFile(good, 'the der\nthe die\nhouse haus\n');
    await writeFile(bad, 'the der\nhouse\n');
    expect((await readDictionary(good)).pairs).toHaveLength(3);
    await expect(readDictionary(bad)).rejects.toMatchObject({ code: 'DICTIONARY_FORMAT', file: bad, line: 2 });
    await rm(dir, { recursive: true });
  });

  it('accepts KeyedVectors from @nlpkit/embed as a space', () => {
    const kv = new KeyedVectors([...easy.src.words], easy.src.vectors, easy.src.dim);
    const e = evaluateTranslation(applyMapping(kv, easy.rotation), easy.tgt, heldOut, { method: 'nn', ks: [1] });
    expect(e.precisionAt[1]).toBeGreaterThan(0.99);
  });
});

describe('dictionary induction and refinement', () => {
  it('S2T&T2S keeps mutual best pairs only, within maxRank', () => {
    const w = procrustes(easy.src, easy.tgt, resolveDictionary(parseDictionary(trueDictionary(0, 500)), easy.src, easy.tgt));
    const x = unitRows(applyMapping(easy.src, w));
    const y = unitRows(easy.tgt);
    const penalties = new CslsPenalties(x, y, 32);
    const both = buildDictionary(x, y, 32, { maxRank: 1000, penalties });
    const s2t = buildDictionary(x, y, 32, { maxRank: 1000, build: 'S2T', penalties });
    const union = buildDictionary(x, y, 32, { maxRank: 1000, build: 'S2T|T2S', penalties });
    expect(both.size).toBeLessThanOrEqual(s2t.size);
    expect(union.size).toBeGreaterThanOrEqual(s2t.size);
    for (let i = 0; i < both.size; i++) {
      expect(both.src[i]).toBeLessThan(1000);
      expect(both.tgt[i]).toBeLessThan(1000);
      expect(easy.perm[both.src[i]]).toBe(both.tgt[i]);
    }
    expect(both.size).toBeGreaterThan(900);
  });

  it('maxSize keeps the most confident pairs per direction; minScore drops low-scoring ones', () => {
    // A half-trained map (seed of 60 pairs, noisy spaces) so that pairs differ in confidence.
    const pair = rotatedPair(clusteredSpace(1000, 32, 5), 9, 0.8);
    const seed = resolveDictionary(parseDictionary(trueDictionary(0, 60)), pair.src, pair.tgt);
    const x = unitRows(applyMapping(pair.src, procrustes(pair.src, pair.tgt, seed)));
    const y = unitRows(pair.tgt);
    const penalties = new CslsPenalties(x, y, 32);
    const all = buildDictionary(x, y, 32, { maxRank: 1000, build: 'S2T', penalties });
    const top = buildDictionary(x, y, 32, { maxRank: 1000, build: 'S2T', penalties, maxSize: 200 });
    expect(all.size).toBe(1000);
    expect(top.size).toBe(200);
    // The same best targets, restricted to a subset, and the kept pairs are more often right than all pairs.
    const target = new Map(Array.from(all.src, (s, i) => [s, all.tgt[i]]));
    for (let i = 0; i < top.size; i++) expect(top.tgt[i]).toBe(target.get(top.src[i]));
    const right = (p: { src: Int32Array; tgt: Int32Array; size: number }) => p.src.filter((s, i) => pair.perm[s] === p.tgt[i]).length / p.size;
    expect(right(top)).toBeGreaterThan(right(all) + 0.2); // 0.79 vs 0.40 here
    // Margins: every kept source's best-minus-second CSLS score is at least every dropped one's.
    const r = retrieve(x, y, 32, Int32Array.from({ length: 1000 }, (_, i) => i), 2, { penalties });
    const margin = (s: number) => r.score[s * 2] - r.score[s * 2 + 1];
    const kept = new Set(top.src);
    const keptMin = Math.min(...[...kept].map(margin));
    const droppedMax = Math.max(...Array.from({ length: 1000 }, (_, s) => s).filter((s) => !kept.has(s)).map(margin));
    expect(keptMin).toBeGreaterThanOrEqual(droppedMax);
    // minScore: only pairs above it, and exactly those of the unfiltered build.
    const cut = r.score[Array.from({ length: 1000 }, (_, s) => s).sort((p, q) => r.score[p * 2] - r.score[q * 2])[500] * 2];
    const high = buildDictionary(x, y, 32, { maxRank: 1000, build: 'S2T', penalties, minScore: cut });
    expect(high.size).toBe(Array.from({ length: 1000 }, (_, s) => s).filter((s) => r.score[s * 2] > cut).length);
    expect(() => buildDictionary(x, y, 32, { maxSize: 0 })).toThrow(InvalidOptionError);
  });

  it('the criterion separates the true mapping from a random one', () => {
    const y = unitRows(easy.tgt);
    const good = meanCosine(unitRows(applyMapping(easy.src, easy.rotation)), y, 32);
    const bad = meanCosine(unitRows(applyMapping(easy.src, randomOrthogonal(32, 99))), y, 32);
    expect(good).toBeGreaterThan(0.95);
    expect(bad).toBeLessThan(good - 0.2);
  });

  it('reaches high P@1 from a small, noisy seed dictionary', () => {
    const pair = rotatedPair(clusteredSpace(1000, 32, 11), 13, 0.3);
    const rng = new Rng(3);
    // 40 seed pairs among the 500 most frequent, a quarter of them wrong.
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) {
      const s = rng.int(500);
      lines.push(`w${s} t${i % 4 === 0 ? rng.int(1000) : s}`);
    }
    const seed = resolveDictionary(parseDictionary(lines.join('\n')), pair.src, pair.tgt);
    const test = parseDictionary(trueDictionary(500, 1000));
    const before = evaluateTranslation(applyMapping(pair.src, procrustes(pair.src, pair.tgt, seed)), pair.tgt, test);
    const r = refine(pair.src, pair.tgt, { seed }, { iterations: 3, maxRank: 800, criterionRank: 800 });
    const after = evaluateTranslation(applyMapping(pair.src, r.mapping), pair.tgt, test);
    expect(r.history).toHaveLength(4);
    expect(r.history[0].dictionarySize).toBe(seed.src.length);
    expect(r.criterion).toBe(Math.max(...r.history.map((h) => h.criterion)));
    expect(after.precisionAt[1]).toBeGreaterThan(0.95);
    expect(after.precisionAt[1]).toBeGreaterThan(before.precisionAt[1]);
    expect(r.diagnosis.collapsed).toBe(false);
  });

  it('reweight maps both sides (VecMap final step) and keeps the translations of a good map', () => {
    const pair = rotatedPair(clusteredSpace(1000, 32, 11), 13, 0.3);
    const seed = resolveDictionary(parseDictionary(trueDictionary(0, 300)), pair.src, pair.tgt);
    const test = parseDictionary(trueDictionary(500, 1000));
    const r = refine(pair.src, pair.tgt, { seed }, { iterations: 1, maxRank: 800, criterionRank: 800, reweight: 0.5 });
    expect(r.tgtMapping).toBeDefined();
    const mapped = applyMapping(pair.src, r.mapping, { normalize: true });
    const mappedTgt = applyMapping(pair.tgt, r.tgtMapping as Float32Array, { normalize: true });
    expect(evaluateTranslation(mapped, mappedTgt, test).precisionAt[1]).toBeGreaterThan(0.95);
    // Not a rotation any more: re-weighting scales the directions by the singular values.
    const wwt = dotMatrix(r.mapping, r.mapping, 32);
    expect(Math.abs(wwt[0] - 1) + Math.abs(wwt[33] - 1)).toBeGreaterThan(0.01);
    expect(refine(pair.src, pair.tgt, { seed }, { iterations: 1, maxRank: 800, criterionRank: 800 }).tgtMapping).toBeUndefined();
  });

  it("reduce keeps only the final step's strongest directions (VecMap's dimensionality reduction)", () => {
    const pair = rotatedPair(clusteredSpace(1000, 32, 11), 13, 0.3);
    const seed = resolveDictionary(parseDictionary(trueDictionary(0, 300)), pair.src, pair.tgt);
    const test = parseDictionary(trueDictionary(500, 1000));
    const o = { iterations: 1, maxRank: 800, criterionRank: 800, reweight: 0.5 };
    const full = refine(pair.src, pair.tgt, { seed }, o);
    const cut = refine(pair.src, pair.tgt, { seed }, { ...o, reduce: 24 });
    for (const [w, wFull] of [[cut.mapping, full.mapping], [cut.tgtMapping!, full.tgtMapping!]]) {
      for (let r = 0; r < 32; r++) {
        // The same refinement and final step, then the 8 weakest output columns cut.
        expect(Array.from(w.subarray(r * 32, r * 32 + 24))).toEqual(Array.from(wFull.subarray(r * 32, r * 32 + 24)));
        expect(Array.from(w.subarray(r * 32 + 24, (r + 1) * 32))).toEqual(new Array(8).fill(0));
      }
    }
    const mapped = applyMapping(pair.src, cut.mapping, { normalize: true });
    const mappedTgt = applyMapping(pair.tgt, cut.tgtMapping!, { normalize: true });
    expect(evaluateTranslation(mapped, mappedTgt, test).precisionAt[1]).toBeGreaterThan(0.9);
    expect(() => refine(pair.src, pair.tgt, { seed }, { iterations: 1, reduce: 24 })).toThrow(InvalidOptionError);
    expect(() => refine(pair.src, pair.tgt, { seed }, { ...o, reduce: 33 })).toThrow(/reduce.*an integer from 1 to 32/);
    expect(() => refine(pair.src, pair.tgt, { seed }, { ...o, reduce: 0 })).toThrow(InvalidOptionError);
  });

  it('anchors join every induced dictionary; patience stops early', () => {
    const pair = rotatedPair(clusteredSpace(1000, 32, 11), 13, 0.3);
    const seed = resolveDictionary(parseDictionary(trueDictionary(600, 700)), pair.src, pair.tgt);
    // maxRank 500: the induced pairs are all among the 500 most frequent, the seed's all beyond, so the
    // anchored dictionaries are exactly 100 pairs bigger than the plain ones.
    const o = { iterations: 2, maxRank: 500, criterionRank: 500 };
    const plain = refine(pair.src, pair.tgt, { seed }, o);
    const anchored = refine(pair.src, pair.tgt, { seed }, { ...o, anchors: 'seed' });
    expect(anchored.history[0].dictionarySize).toBe(100);
    expect(plain.history[1].dictionarySize).toBeLessThanOrEqual(500);
    expect(anchored.history[1].dictionarySize).toBe(plain.history[1].dictionarySize + 100);
    // Explicit anchor pairs from a mapping start.
    const fromMap = refine(pair.src, pair.tgt, { mapping: pair.rotation }, { ...o, iterations: 1, anchors: seed });
    expect(fromMap.history[1].dictionarySize).toBeGreaterThan(100);
    expect(() => refine(pair.src, pair.tgt, { mapping: pair.rotation }, { ...o, anchors: 'seed' })).toThrow(InvalidOptionError);
    // From the true rotation the criterion cannot improve: patience 1 stops after one more iteration.
    const early = refine(pair.src, pair.tgt, { mapping: pair.rotation }, { iterations: 10, maxRank: 500, criterionRank: 500, patience: 1 });
    expect(early.history.length).toBeLessThan(11);
    expect(early.history.length - 1 - early.bestIteration).toBe(1);
  });
});
