// NLTK-style interpolated models written as backoff (ARPA) models: every conditional probability must
// survive the conversion up to float32 rounding; Laplace/Lidstone are refused. And seeded generation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, NgramModel, formatArpa, generateText, ngramModelToArpa, parseArpa, readArpa } from '../src/index.js';

const sents = readFileSync(join(import.meta.dirname, 'fixtures/kenlm/brown-o4.train.txt'), 'utf8')
  .trim()
  .split('\n')
  .slice(0, 60)
  .map((l) => l.split(' '));

describe('ngramModelToArpa', () => {
  for (const smoothing of ['kn', 'wb', 'absolute-discounting'] as const) {
    it(`${smoothing}: p(w | context) equals NLTK's for seen and unseen words (float32)`, () => {
      const model = NgramModel.train(sents, { order: 3, smoothing });
      const arpa = parseArpa(formatArpa(ngramModelToArpa(model)));
      expect(arpa.counts[0]).toBe(model.vocab.words.length);
      let checked = 0;
      for (const s of sents.slice(0, 15)) {
        for (let i = 2; i < s.length; i++) {
          for (const w of [s[i], 'the', 'of', ',']) {
            const context = [s[i - 2], s[i - 1]];
            const p = model.score(w, context);
            if (p === 0) continue;
            expect(Math.abs(arpa.logProb(w, context) - Math.log10(p))).toBeLessThan(2e-6);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(500);
    });
  }

  it('refuses Laplace and Lidstone with the reason', () => {
    const model = NgramModel.train(sents.slice(0, 5), { order: 2, smoothing: 'lidstone', gamma: 0.1 });
    expect(() => ngramModelToArpa(model)).toThrow(InvalidOptionError);
    expect(() => ngramModelToArpa(model)).toThrow(/not a backoff weight times a lower-order probability/);
  });
});

describe('generateText', () => {
  it('is reproducible per seed, stays in the vocabulary, and counts words', async () => {
    const model = await readArpa(join(import.meta.dirname, 'fixtures/kenlm/brown-o3.arpa'));
    const a = generateText(model, { numWords: 30, seed: 5 });
    expect(generateText(model, { numWords: 30, seed: 5 })).toEqual(a);
    expect(a.flat()).toHaveLength(30);
    for (const w of a.flat()) expect(model.index(w)).toBeGreaterThan(0);
    expect(a.flat()).not.toContain('<s>');
    const greedy = generateText(model, { numWords: 8, seed: 1, topK: 1 });
    expect(generateText(model, { numWords: 8, seed: 99, topK: 1 })).toEqual(greedy);
    expect(() => generateText(model, { numWords: 3, temperature: 0 })).toThrow(InvalidOptionError);
  });
});
