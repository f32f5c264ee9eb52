/**
 * The NumPy RNG port draws exactly what NumPy 1.24's default_rng draws (test/fixtures/numpy-rng.json,
 * written by scripts/gen-significance-fixtures.py): SeedSequence words, raw PCG64 outputs, choice()
 * index matrices, bounded integers over ranges that make Lemire's method reject, and bool matrices
 * followed by choice() (sacreBLEU's AR order, where a buffered 32-bit half carries over).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { numpyMean, numpySum } from '../src/significance/numpy-math.js';
import { boolMatrix, boundedIntegers, choiceIndices, Pcg64, seedSequenceState } from '../src/significance/numpy-rng.js';
import { sumRowsF32 } from '../src/significance/resample.kernel.js';

interface RngCase {
  seed: number;
  seedSequence: number[];
  raw64: string[];
  choice: { n: number; rows: number; values: number[] };
  integers: { n: number; values: number[] }[];
  arSequence: { rows: number; n: number; bools: number[]; choiceRows: number; choice: number[] }[];
}
interface RngFixture {
  cases: RngCase[];
  big: {
    seed: number;
    n: number;
    rows: number;
    first: number[];
    last: number[];
    sum: number;
    weightedSum: number;
    boolRows: number;
    boolSum: number;
    boolWeightedSum: number;
  };
  sums: { n: number; sum: number; mean: number }[];
  float32Sums: { seed: number; n: number; width: number; rows: number; sums: number[][] };
}

const fx = JSON.parse(readFileSync(new URL('./fixtures/numpy-rng.json', import.meta.url), 'utf8')) as RngFixture;

const words = (seed: number): number[] => {
  const out: number[] = [];
  for (let n = seed; n > 0; n = Math.floor(n / 2 ** 32)) out.push(n % 2 ** 32);
  return out.length ? out : [0];
};

describe('NumPy default_rng port', () => {
  for (const c of fx.cases) {
    describe(`seed ${c.seed}`, () => {
      it('SeedSequence.generate_state', () => {
        expect(Array.from(seedSequenceState(words(c.seed), 8))).toEqual(c.seedSequence);
      });
      it('raw 64-bit PCG64 outputs', () => {
        const g = new Pcg64(c.seed);
        const got = c.raw64.map(() => {
          const [hi, lo] = g.nextUint64Parts();
          return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
        });
        expect(got).toEqual(c.raw64);
      });
      it('choice(n, size=(rows, n), replace=True)', () => {
        expect(Array.from(choiceIndices(new Pcg64(c.seed), c.choice.n, c.choice.rows))).toEqual(c.choice.values);
      });
      it('integers(0, n, int64) in sequence, incl. ranges where Lemire rejects', () => {
        const g = new Pcg64(c.seed);
        for (const { n, values } of c.integers) expect(Array.from(boundedIntegers(g, n, values.length)), `n=${n}`).toEqual(values);
      });
      it('integers(2, dtype=bool) then choice (sacreBLEU AR order; an odd draw count leaves a buffered half)', () => {
        expect(c.arSequence).toHaveLength(2);
        for (const s of c.arSequence) {
          const g = new Pcg64(c.seed);
          expect(Array.from(boolMatrix(g, s.rows, s.n)), `${s.rows}x${s.n}`).toEqual(s.bools);
          expect(Array.from(choiceIndices(g, s.n, s.choiceRows)), `${s.rows}x${s.n}`).toEqual(s.choice);
        }
      });
    });
  }

  it('a 100 x 3004 bootstrap matrix and a 50 x 3004 bool matrix (checksums)', () => {
    const b = fx.big;
    const idx = choiceIndices(new Pcg64(b.seed), b.n, b.rows);
    expect(Array.from(idx.subarray(0, 20))).toEqual(b.first);
    expect(Array.from(idx.subarray(idx.length - 20))).toEqual(b.last);
    let sum = 0;
    let weighted = 0;
    for (let i = 0; i < idx.length; i++) {
      sum += idx[i];
      weighted += idx[i] * (i % 1009);
    }
    expect(sum).toBe(b.sum);
    expect(weighted).toBe(b.weightedSum);
    const bools = boolMatrix(new Pcg64(b.seed), b.boolRows, b.n);
    let bs = 0;
    let bw = 0;
    for (let i = 0; i < bools.length; i++) {
      bs += bools[i];
      bw += bools[i] * (i % 1009);
    }
    expect(bs).toBe(b.boolSum);
    expect(bw).toBe(b.boolWeightedSum);
  });

  it('np.sum / np.mean: pairwise summation in 8192-element chunks, bit for bit', () => {
    for (const { n, sum, mean } of fx.sums) {
      const x = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 10007) / 13 + i * 1e-3);
      expect(numpySum(x), `n=${n}`).toBe(sum);
      expect(numpyMean(x), `n=${n}`).toBe(mean);
    }
  });

  it('bootstrap sums in float32, row after row, as stats_np[idxs][r].sum(0) (values past 2^24, so rounding shows)', () => {
    const f = fx.float32Sums;
    const stats = Float32Array.from({ length: f.n * f.width }, (_, i) => ((i * 7919 + 104729) % 100003) * 1000.5);
    const idx = choiceIndices(new Pcg64(f.seed), f.n, f.rows);
    const acc = new Float32Array(f.width);
    const got = Array.from({ length: f.rows }, (_, r) => {
      sumRowsF32(stats, f.width, idx, r * f.n, f.n, acc);
      return Array.from(acc);
    });
    expect(got).toEqual(f.sums);
    // and exact float64 sums would differ: the test can fail
    const exact = Array.from({ length: f.width }, (_, k) => {
      let t = 0;
      for (let j = 0; j < f.n; j++) t += stats[idx[j] * f.width + k];
      return t;
    });
    expect(exact).not.toEqual(f.sums[0]);
  });

    it('rejects seeds NumPy would not take the same way', () => {
    expect(() => new Pcg64(-1)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'seed' }));
    expect(() => new Pcg64(1.5)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });

  it('seed null draws from OS entropy (two generators differ)', () => {
    const a = choiceIndices(new Pcg64(null), 1000, 2);
    const b = choiceIndices(new Pcg64(null), 1000, 2);
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });
});
