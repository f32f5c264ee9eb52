// The model API around the NLTK-checked estimators: options, errors, perplexity plumbing, generation extras.
import { describe, expect, it } from 'vitest';
import { countNgrams, InvalidOptionError, NgramModel, OrderError, padSentence, paddedNgrams } from '@nlpkit/lm';

const SENTS = [
  ['the', 'cat', 'sat'],
  ['the', 'dog', 'sat'],
  ['a', 'cat', 'ran'],
  ['the', 'cat', 'ran'],
];

describe('NgramModel options', () => {
  it('rejects invalid options with the option named', () => {
    const bad: [object, string][] = [
      [{ order: 2, smoothing: 'good-turing' }, 'smoothing'],
      [{ order: 2, smoothing: 'lidstone' }, 'gamma'],
      [{ order: 2, smoothing: 'lidstone', gamma: 0 }, 'gamma'],
      [{ order: 2, smoothing: 'mle', gamma: 0.5 }, 'gamma'],
      [{ order: 2, smoothing: 'kneser-ney', discount: 1.5 }, 'discount'],
      [{ order: 2, smoothing: 'absolute-discounting', discount: -0.1 }, 'discount'],
      [{ order: 2, smoothing: 'witten-bell', discount: 0.5 }, 'discount'],
      [{ order: 1, smoothing: 'kn' }, 'order'],
      [{ order: 2, smoothing: 'stupid-backoff', alpha: 0 }, 'alpha'],
      [{ order: 2, smoothing: 'laplace', alpha: 0.4 }, 'alpha'],
      [{ order: 0 }, 'order'],
    ];
    expect(() => NgramModel.train(SENTS, undefined as never)).toThrow(expect.objectContaining({ option: 'options' }));
    for (const [o, option] of bad) {
      expect(() => NgramModel.train(SENTS, o as never), JSON.stringify(o)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option }));
    }
  });

  it('fills in NLTK defaults', () => {
    expect(NgramModel.train(SENTS, { order: 2, smoothing: 'kn' }).options.discount).toBe(0.1);
    expect(NgramModel.train(SENTS, { order: 2, smoothing: 'absolute-discounting' }).options.discount).toBe(0.75);
    expect(NgramModel.train(SENTS, { order: 2, smoothing: 'stupid-backoff' }).options.alpha).toBe(0.4);
    expect(NgramModel.train(SENTS, { order: 2 }).options.smoothing).toBe('mle');
  });

  it('aliases score the same as the long names', () => {
    const counts = countNgrams(SENTS, { order: 3 });
    for (const [a, b] of [
      ['kn', 'kneser-ney'],
      ['wb', 'witten-bell'],
    ] as const) {
      const x = NgramModel.fromCounts(counts, { smoothing: a });
      const y = NgramModel.fromCounts(counts, { smoothing: b });
      expect(x.score('sat', ['the', 'cat'])).toBe(y.score('sat', ['the', 'cat']));
    }
  });
});

describe('NgramModel scoring', () => {
  const lm = NgramModel.train(SENTS, { order: 3, smoothing: 'mle' });

  it('refuses contexts longer than order-1', () => {
    expect(() => lm.score('sat', ['a', 'the', 'cat'])).toThrow(OrderError);
    expect(() => lm.scoreIds(0, [0, 0, 0])).toThrow(expect.objectContaining({ code: 'ORDER', order: 4, maxOrder: 3 }));
  });

  it('maps OOV words to <UNK> in the word and the context', () => {
    const sb = NgramModel.train(SENTS, { order: 2, smoothing: 'laplace' });
    expect(sb.score('zebra', ['the'])).toBe(sb.score('<UNK>', ['the']));
    expect(sb.score('cat', ['zebra'])).toBe(sb.score('cat', ['<UNK>']));
  });

  it('logScore is base 2 with -Infinity for zero', () => {
    expect(lm.score('cat', ['the'])).toBe(2 / 3);
    expect(lm.logScore('cat', ['the'])).toBeCloseTo(Math.log2(2 / 3), 15);
    expect(lm.logScore('dog', ['a'])).toBe(-Infinity);
  });

  it('perplexity(sentences) is perplexityOfNgrams over the padded order-n n-grams', () => {
    const wb = NgramModel.train(SENTS, { order: 3, smoothing: 'witten-bell' });
    const test = [['the', 'cat', 'ran'], ['a', 'dog']];
    const ngrams = test.flatMap((s) => [...paddedNgrams(s, 3)]);
    expect(ngrams[0]).toEqual(['<s>', '<s>', 'the']);
    expect(padSentence(['x'], 3)).toEqual(['<s>', '<s>', 'x', '</s>', '</s>']);
    expect(wb.perplexity(test)).toBe(wb.perplexityOfNgrams(ngrams));
    expect(wb.crossEntropy(test)).toBe(wb.entropyOfNgrams(ngrams));
    expect(2 ** wb.crossEntropy(test)).toBe(wb.perplexity(test));
    expect(lm.perplexity([['a', 'dog']])).toBe(Infinity);
    expect(() => wb.perplexityOfNgrams([])).toThrow(InvalidOptionError);
  });

  it('stupid backoff multiplies alpha per order backed off', () => {
    const sb = NgramModel.train(SENTS, { order: 3, smoothing: 'stupid-backoff', alpha: 0.5 });
    const uni = sb.counts.countOf('dog') / sb.counts.total(1);
    expect(sb.score('dog', ['cat', 'a'])).toBe(0.5 * (0.5 * uni));
    expect(sb.score('cat', ['<s>', 'the'])).toBe(2 / 3);
  });
});

describe('NgramModel.generate', () => {
  const lm = NgramModel.train(SENTS, { order: 2, smoothing: 'mle' });

  it('is reproducible per seed and continues the text seed', () => {
    expect(lm.generate(8, { seed: 5 })).toEqual(lm.generate(8, { seed: 5 }));
    // After "dog" the only continuation is "sat"; after "sat", "</s>".
    expect(lm.generate(2, { seed: 1, textSeed: ['dog'] })).toEqual(['sat', '</s>']);
    expect(lm.generate(0)).toEqual([]);
  });

  it('topK 1 always takes the most probable continuation', () => {
    for (const seed of [0, 1, 2, 3]) expect(lm.generate(3, { seed, topK: 1, textSeed: ['<s>'] })).toEqual(['the', 'cat', 'ran']);
  });

  it('a low temperature sharpens towards the most probable word', () => {
    const picks = Array.from({ length: 40 }, (_, seed) => lm.generate(1, { seed, textSeed: ['the'], temperature: 0.05 })[0]);
    expect(picks.every((w) => w === 'cat')).toBe(true);
    const plain = Array.from({ length: 40 }, (_, seed) => lm.generate(1, { seed, textSeed: ['the'] })[0]);
    expect(plain).toContain('dog');
  });

  it('rejects bad options', () => {
    expect(() => lm.generate(-1)).toThrow(expect.objectContaining({ option: 'numWords' }));
    expect(() => lm.generate(1, { seed: 0.5 })).toThrow(expect.objectContaining({ option: 'seed' }));
    expect(() => lm.generate(1, { topK: 0 })).toThrow(expect.objectContaining({ option: 'topK' }));
    expect(() => lm.generate(1, { temperature: 0 })).toThrow(expect.objectContaining({ option: 'temperature' }));
  });
});
