/** Perplexity and cross-entropy: hand-computable values in every base, exclusions, and the errors. */
import { describe, expect, it } from 'vitest';
import { crossEntropy, EmptyLogProbsError, InvalidLogProbError, InvalidOptionError, perplexity, perplexityStats } from '../src/index.js';

describe('perplexity', () => {
  it('uniform 1/4 gives perplexity 4 in every base', () => {
    expect(perplexity([Math.log(0.25), Math.log(0.25), Math.log(0.25)])).toBeCloseTo(4, 12);
    expect(perplexity([-2, -2, -2, -2], { base: 2 })).toBeCloseTo(4, 12);
    expect(perplexity([Math.log10(0.25), Math.log10(0.25)], { base: 10 })).toBeCloseTo(4, 12);
    expect(perplexity([Math.log(0.25)], { base: 'e' })).toBeCloseTo(4, 12);
  });

  it('is the geometric mean of 1/p: p = 1/2 and 1/8 give 4', () => {
    expect(perplexity([-1, -3], { base: 2 })).toBeCloseTo(4, 12);
    expect(perplexity([Math.log(0.5), Math.log(0.125)])).toBeCloseTo(4, 12);
  });

  it('cross-entropy in nats and bits', () => {
    expect(crossEntropy([-1, -3], { base: 2, unit: 'bits' })).toBeCloseTo(2, 12);
    expect(crossEntropy([-1, -3], { base: 2 })).toBeCloseTo(2 * Math.LN2, 12);
    expect(crossEntropy([-1, -1], { base: 10, unit: 'bits' })).toBeCloseTo(Math.log2(10), 12);
    const s = perplexityStats([Math.log(0.25), Math.log(0.25)]);
    expect(s).toMatchObject({ tokens: 2, excluded: 0 });
    expect(s.crossEntropyBits).toBeCloseTo(2, 12);
    expect(s.logProbSum).toBeCloseTo(2 * Math.log(0.25), 12);
  });

  it('probability 1 everywhere gives perplexity 1 and cross-entropy +0', () => {
    expect(perplexity([0, 0, -0])).toBe(1);
    expect(Object.is(crossEntropy([0, -0]), 0)).toBe(true);
  });

  it('exclude leaves tokens out of the sum and the count (OOV, </s>)', () => {
    // tokens: a (1/4), OOV (prob 1/1000 under <unk>), </s> (1/16)
    const lp = [-2, Math.log2(0.001), -4];
    expect(perplexity(lp, { base: 2, exclude: [false, true, true] })).toBeCloseTo(4, 12);
    expect(perplexity(lp, { base: 2, exclude: [false, true, false] })).toBeCloseTo(8, 12); // 2^((2+4)/2)
    expect(perplexityStats(lp, { base: 2, exclude: [false, true, false] })).toMatchObject({ tokens: 2, excluded: 1 });
  });

  it('a zero probability (-Infinity) gives Infinity unless excluded', () => {
    expect(perplexity([-1, -Infinity], { base: 2 })).toBe(Infinity);
    expect(perplexity([-1, -Infinity], { base: 2, exclude: [false, true] })).toBeCloseTo(2, 12);
  });

  it('accepts typed arrays', () => {
    expect(perplexity(new Float64Array([-2, -2]), { base: 2 })).toBeCloseTo(4, 12);
  });
});

describe('perplexity errors', () => {
  it('empty input, or everything excluded', () => {
    expect(() => perplexity([])).toThrow(EmptyLogProbsError);
    expect(() => perplexity([])).toThrow('no log-probabilities were given');
    expect(() => perplexity([-1], { exclude: [true] })).toThrow('every token is excluded');
  });

  it('NaN and positive log-probabilities, naming the index', () => {
    expect(() => perplexity([-1, NaN])).toThrow(InvalidLogProbError);
    expect(() => perplexity([-1, NaN])).toThrow('Invalid log-probability at index 1: NaN');
    expect(() => perplexity([-1, -2, 0.5], { base: 10 })).toThrow('at index 2: 0.5');
    try {
      perplexity([0.1]);
    } catch (e) {
      expect(e).toMatchObject({ index: 0, value: 0.1, code: 'INVALID_OPTION' });
    }
  });

  it('bad base or exclude length', () => {
    expect(() => perplexity([-1], { base: 3 as 2 })).toThrow(InvalidOptionError);
    expect(() => perplexity([-1, -1], { exclude: [true] })).toThrow(InvalidOptionError);
  });
});
