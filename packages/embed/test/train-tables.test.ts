import { describe, expect, it } from 'vitest';
import { buildHuffman } from '../src/train/huffman.js';
import { aliasDraw, buildAliasTable } from '../src/train/alias-table.js';
import { buildSigmoidTables, EXP_SCALE, MAX_EXP } from '../src/train/sigmoid.js';

/** Code and points of word w, root first. */
function pathOf(h: ReturnType<typeof buildHuffman>, w: number): { code: number[]; points: number[] } {
  const n = h.lengths[w]!;
  return {
    code: Array.from(h.codes.subarray(w * h.stride, w * h.stride + n)),
    points: Array.from(h.points.subarray(w * h.stride, w * h.stride + n)),
  };
}

describe('Huffman codes (word2vec C CreateBinaryTree)', () => {
  it('matches the tree worked out by hand for counts 10, 6, 3, 1', () => {
    // Merges: (1, 3) → node 0 = 4; (node 0, 6) → node 1 = 10 (inner taken first on the tie with leaf 10);
    // (node 1, 10) → node 2 = root. The second of each pair gets bit 1.
    const h = buildHuffman([10, 6, 3, 1]);
    expect(Array.from(h.lengths)).toEqual([1, 2, 3, 3]);
    expect(pathOf(h, 0)).toEqual({ code: [1], points: [2] });
    expect(pathOf(h, 1)).toEqual({ code: [0, 1], points: [2, 1] });
    expect(pathOf(h, 2)).toEqual({ code: [0, 0, 1], points: [2, 1, 0] });
    expect(pathOf(h, 3)).toEqual({ code: [0, 0, 0], points: [2, 1, 0] });
  });

  it('gives a prefix-free code whose expected length is the Huffman optimum', () => {
    const counts = [60, 50, 30, 20, 20, 10, 5, 5, 2, 1, 1]; // sorted, as the vocabulary gives them
    const h = buildHuffman(counts);
    const codes = counts.map((_, w) => pathOf(h, w).code.join(''));
    for (let a = 0; a < codes.length; a++) {
      for (let b = 0; b < codes.length; b++) if (a !== b) expect(codes[b]!.startsWith(codes[a]!)).toBe(false);
    }
    // Optimal cost by the textbook algorithm (repeatedly merge the two smallest).
    const heap = [...counts];
    let optimum = 0;
    while (heap.length > 1) {
      heap.sort((x, y) => x - y);
      const m = heap.shift()! + heap.shift()!;
      optimum += m;
      heap.push(m);
    }
    const cost = counts.reduce((s, c, w) => s + c * h.lengths[w]!, 0);
    expect(cost).toBe(optimum);
    // Inner nodes are rows 0 … V-2 of syn1; every path starts at the root, V-2.
    for (let w = 0; w < counts.length; w++) {
      const p = pathOf(h, w).points;
      expect(p[0]).toBe(counts.length - 2);
      for (const x of p) expect(x >= 0 && x <= counts.length - 2).toBe(true);
    }
  });
});

describe('alias table of the noise distribution', () => {
  const counts = [7, 1000, 400, 250, 90, 33, 12, 5, 2, 1];

  function histogram(n: number): Float64Array {
    const table = buildAliasTable(counts);
    const hist = new Float64Array(counts.length);
    let r = 2463534242;
    for (let i = 0; i < n; i++) {
      r ^= r << 13;
      r ^= r >>> 17;
      r ^= r << 5;
      hist[aliasDraw(table, counts.length, r)]++;
    }
    return hist;
  }

  function chiSquare(hist: Float64Array, power: number): number {
    const n = hist.reduce((a, b) => a + b, 0);
    const z = counts.reduce((s, c) => s + Math.pow(c, power), 0);
    let chi = 0;
    for (let i = 0; i < counts.length; i++) {
      const e = (n * Math.pow(counts[i]!, power)) / z;
      chi += (hist[i]! - e) ** 2 / e;
    }
    return chi;
  }

  it('samples count^0.75 (chi-square, 9 degrees of freedom, p = 0.001 critical value 27.88)', () => {
    const hist = histogram(400_000);
    expect(chiSquare(hist, 0.75)).toBeLessThan(27.88);
    // The same sample is far from the raw unigram distribution: the test can tell them apart.
    expect(chiSquare(hist, 1)).toBeGreaterThan(1000);
  });

  it('keeps every column in range and thresholds consistent', () => {
    const table = buildAliasTable([5, 0, 3]);
    for (const r of [0, 1, 0x7fffffff, -1, 0x80000000, 123456789]) {
      const w = aliasDraw(table, 3, r);
      expect(w >= 0 && w < 3).toBe(true);
      expect(w).not.toBe(1); // a zero count is never drawn
    }
  });
});

describe('sigmoid tables', () => {
  it('follow word2vec C: σ at the cell start, and -log σ, -log(1-σ)', () => {
    const t = buildSigmoidTables();
    expect(t.sigmoid.length).toBe(1000);
    const f = 0.5;
    const i = ((f + MAX_EXP) * EXP_SCALE) | 0;
    const x = ((i / 1000) * 2 - 1) * MAX_EXP;
    expect(t.sigmoid[i]).toBeCloseTo(1 / (1 + Math.exp(-x)), 6);
    expect(t.lossPos[i]).toBeCloseTo(-Math.log(1 / (1 + Math.exp(-x))), 12);
    expect(t.lossNeg[i]).toBeCloseTo(-Math.log(1 - 1 / (1 + Math.exp(-x))), 12);
    expect(t.sigmoid[500]).toBeCloseTo(0.5, 6);
  });
});
