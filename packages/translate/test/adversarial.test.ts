import { describe, expect, it } from 'vitest';
import { adversarialMapping, applyMapping, evaluateTranslation, InvalidOptionError, parseDictionary, refine } from '../src/index.js';
import { Discriminator } from '../src/mapping/discriminator.js';
import { Rng } from '../src/random.js';
import { clusteredSpace, rotatedPair, trueDictionary } from './synthetic.js';

describe('discriminator', () => {
  it('back-propagates the exact input gradient of mean BCE (finite differences)', () => {
    const rng = new Rng(3);
    const dis = new Discriminator({ inputDim: 5, layers: 2, hidden: 7, slope: 0.2, inputDropout: 0 }, rng);
    const rows = 6;
    const x = Float32Array.from({ length: rows * 5 }, () => rng.normal());
    const labels = Float32Array.from({ length: rows }, (_, i) => (i < 3 ? 0.9 : 0.1));
    const loss = (xx: Float32Array): number => {
      const p = new Float32Array(rows);
      dis.forward(xx, rows, false, p);
      let l = 0;
      for (let r = 0; r < rows; r++) l -= labels[r] * Math.log(p[r]) + (1 - labels[r]) * Math.log(1 - p[r]);
      return l / rows;
    };
    const probs = new Float32Array(rows);
    const grad = new Float32Array(rows * 5);
    dis.forward(x, rows, false, probs);
    const l0 = dis.backward(probs, labels, rows, 0, grad);
    expect(l0).toBeCloseTo(loss(x), 5);
    for (let i = 0; i < x.length; i++) {
      const up = x.slice();
      const down = x.slice();
      up[i] += 1e-2;
      down[i] -= 1e-2;
      expect(grad[i]).toBeCloseTo((loss(up) - loss(down)) / 2e-2, 5);
    }
    // An SGD step lowers the loss.
    dis.forward(x, rows, false, probs);
    dis.backward(probs, labels, rows, 0.5);
    expect(loss(x)).toBeLessThan(l0);
  });
});

describe('MUSE adversarial mapping', () => {
  // An easy case: 8 dims, 32 Zipf-sized tight clusters, the target a rotation far enough from the identity that
  // translating without a map gets ~3 % P@1.
  const pair = rotatedPair(clusteredSpace(400, 8, 1, 32, 0.1), 7, 0.05, 8, 0.6);
  const dict = parseDictionary(trueDictionary(0, 400));
  const o = { epochs: 2, iterationsPerEpoch: 200, disHidden: 16, seed: 1, criterionRank: 400, collapse: { maxRank: 400 } };

  it('recovers the rotation from no dictionary (then refined, as MUSE)', () => {
    const oracle = evaluateTranslation(applyMapping(pair.src, pair.rotation), pair.tgt, dict).precisionAt[1];
    const none = evaluateTranslation(pair.src, pair.tgt, dict).precisionAt[1];
    const adv = adversarialMapping(pair.src, pair.tgt, o);
    expect(adv.history).toHaveLength(2);
    expect(adv.diagnosis.collapsed).toBe(false);
    const advP1 = evaluateTranslation(applyMapping(pair.src, adv.mapping), pair.tgt, dict).precisionAt[1];
    expect(advP1).toBeGreaterThan(none + 0.05);
    const refined = refine(pair.src, pair.tgt, { mapping: adv.mapping }, { iterations: 3, maxRank: 400, criterionRank: 400 });
    const p1 = evaluateTranslation(applyMapping(pair.src, refined.mapping), pair.tgt, dict).precisionAt[1];
    expect(none).toBeLessThan(0.1);
    expect(p1).toBeGreaterThan(oracle - 0.02);
    let err = 0;
    for (let i = 0; i < 64; i++) err += (refined.mapping[i] - pair.rotation[i]) ** 2;
    expect(Math.sqrt(err)).toBeLessThan(0.1);
  });

  it('is reproducible for a seed and keeps W near-orthogonal', () => {
    const short = { ...o, epochs: 1, iterationsPerEpoch: 20 };
    const a = adversarialMapping(pair.src, pair.tgt, short);
    const b = adversarialMapping(pair.src, pair.tgt, short);
    expect(a.mapping).toEqual(b.mapping);
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        let s = 0;
        for (let t = 0; t < 8; t++) s += a.mapping[i * 8 + t] * a.mapping[j * 8 + t];
        expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(0.02);
      }
    }
    expect(() => adversarialMapping(pair.src, pair.tgt, { disSmooth: 0.7 })).toThrowError(InvalidOptionError);
  });
});
