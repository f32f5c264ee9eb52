import { describe, expect, it } from 'vitest';
import { DimensionMismatchError, KeyedVectors, TopK, UnknownWordsError, readVectors, type Neighbor } from '../src/index.js';
import { gensimFixture, readJson } from './helpers.js';

type Pairs = Array<[string, number]>;
interface Queries {
  mostSimilar: Array<{ positive: string[]; negative: string[]; topN: number; restrictVocab: number | null; result: Pairs }>;
  cosmul: Array<{ positive: string[]; negative: string[]; topN: number; result: Pairs }>;
  byVector: Array<{ vector: number[]; topN: number; restrictVocab: number | null; result: Pairs }>;
  doesntMatch: Array<{ words: string[]; result: string }>;
  similarity: Array<{ w1: string; w2: string; result: number }>;
}
const queries = readJson<Queries>('queries.json');
const kv = await readVectors(gensimFixture('eval-vectors.bin'));

function expectNeighbors(ours: Neighbor[], gensim: Pairs): void {
  expect(ours.map((n) => n.word)).toEqual(gensim.map(([w]) => w));
  ours.forEach((n, i) => {
    expect(n.similarity).toBeCloseTo(gensim[i][1], 5);
    expect(kv.words[n.index]).toBe(n.word);
  });
}

describe('KeyedVectors queries match gensim 4.2', () => {
  it.each(queries.mostSimilar.map((q, i) => [i, q] as const))('most_similar #%i', (_, q) => {
    expectNeighbors(kv.mostSimilar(q.positive, q.negative, { topN: q.topN, restrictVocab: q.restrictVocab ?? undefined }), q.result);
  });
  it.each(queries.cosmul.map((q, i) => [i, q] as const))('most_similar_cosmul #%i', (_, q) => {
    expectNeighbors(kv.mostSimilarCosMul(q.positive, q.negative, { topN: q.topN }), q.result);
  });
  it.each(queries.byVector.map((q, i) => [i, q] as const))('similar_by_vector #%i', (_, q) => {
    expectNeighbors(kv.similarByVector(Float32Array.from(q.vector), { topN: q.topN, restrictVocab: q.restrictVocab ?? undefined }), q.result);
  });
  it('doesnt_match and similarity', () => {
    for (const q of queries.doesntMatch) expect(kv.doesntMatch(q.words)).toBe(q.result);
    for (const q of queries.similarity) expect(kv.similarity(q.w1, q.w2)).toBeCloseTo(q.result, 6);
  });
});

describe('KeyedVectors', () => {
  const words = ['a', 'b', 'c', 'd'];
  const small = new KeyedVectors(words, Float32Array.from([1, 0, 0, 2, 3, 4, 0, 0]), 2, { counts: [4, 3, 2, 1] });
  it('get returns a view into the one matrix; normalized is computed once', () => {
    const v = small.get('c')!;
    expect(Array.from(v)).toEqual([3, 4]);
    expect(v.buffer).toBe(small.vectors.buffer);
    expect(small.get('zz')).toBeUndefined();
    expect(small.has('d') && !small.has('zz')).toBe(true);
    expect(Array.from(small.normalized.subarray(4, 8))).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 0]);
    expect(small.normalized).toBe(small.normalized);
    expect(Array.from(small.counts!)).toEqual([4, 3, 2, 1]);
  });
  it('excludes the query words and honours restrictVocab', () => {
    // A zero vector has similarity 0 to everything (gensim: NaN).
    expect(small.mostSimilar(['a']).map((n) => [n.word, n.similarity])).toEqual([['c', Math.fround(0.6)], ['b', 0], ['d', 0]]);
    expect(small.mostSimilar(['a'], [], { restrictVocab: 2 }).map((n) => n.word)).toEqual(['b']);
    expect(small.mostSimilar(['a'], [], { topN: 0 })).toEqual([]);
  });
  it('names unknown words and wrong dimensions', () => {
    const err = (() => {
      try {
        small.mostSimilar(['a', 'nope'], ['zip']);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UnknownWordsError);
    expect((err as UnknownWordsError).words).toEqual(['nope', 'zip']);
    expect((err as UnknownWordsError).code).toBe('UNKNOWN_WORDS');
    expect(() => small.similarity('a', 'q')).toThrow(/Not in the vocabulary: "q"/);
    expect(() => small.doesntMatch(['a', 'x'])).toThrow(UnknownWordsError);
    expect(() => small.similarByVector([1, 2, 3])).toThrow(DimensionMismatchError);
    expect(() => small.mostSimilar([[1, 2, 3]])).toThrow(/query vector #1 has dimension 3, expected 2/);
    expect(() => new KeyedVectors(['a'], new Float32Array(3), 2)).toThrow(DimensionMismatchError);
  });
});

describe('TopK', () => {
  it('keeps the k best, lower index first among equal scores', () => {
    const top = new TopK(3);
    const scores = [0.5, 0.9, 0.1, 0.9, 0.7, NaN, 0.95];
    scores.forEach((s, i) => top.push(i, s));
    const { ids, scores: best } = top.sorted();
    expect(Array.from(ids)).toEqual([6, 1, 3]);
    expect(Array.from(best)).toEqual([0.95, 0.9, 0.9]);
  });
  it('agrees with a full sort on random data', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const xs = Array.from({ length: 500 }, () => Math.round(rand() * 50) / 50);
    const top = new TopK(20);
    xs.forEach((x, i) => top.push(i, x));
    const expected = xs.map((x, i) => [x, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, 20).map(([, i]) => i);
    expect(Array.from(top.sorted().ids)).toEqual(expected);
  });
});

describe('dot kernels', () => {
  it('scoreBlock and scoreRows agree with dot for odd sizes', async () => {
    const { dot, scoreBlock, scoreRows } = await import('../src/vectors/dot.kernel.js');
    const dim = 5;
    const m = Float32Array.from({ length: 7 * dim }, (_, i) => Math.sin(i + 1));
    const q = Float64Array.from({ length: 6 * dim }, (_, i) => Math.cos(i * 3));
    const out = new Float64Array(6 * 5);
    scoreBlock(m, dim, 1, 6, q, 6, out);
    for (let j = 0; j < 6; j++) for (let i = 1; i < 6; i++) expect(out[j * 5 + i - 1]).toBeCloseTo(dot(m, i * dim, q, j * dim, dim), 12);
    const rows = new Float64Array(7);
    scoreRows(m, dim, 7, q.subarray(0, dim), rows);
    for (let i = 0; i < 7; i++) expect(rows[i]).toBeCloseTo(dot(m, i * dim, q, 0, dim), 12);
  });
});
