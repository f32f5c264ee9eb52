// The fast paths against their reference implementations on random corpora: radix-sort counting vs the
// hash-table `TrieBuilder` (still used by file counting) and a naive string counter; the sentence scorer
// behind `perplexity` vs scoring each padded n-gram through the estimators; `WordIndex` vs a Map.
import { describe, expect, it } from 'vitest';
import {
  CorpusError,
  countNgrams,
  countNgramsFromBytes,
  EmptyTrainingDataError,
  InvalidOptionError,
  KneserNeyStats,
  NgramModel,
  type NgramCounts,
  paddedNgrams,
  PyRandom,
  SMOOTHINGS,
  TrieBuilder,
} from '@nlpkit/lm';
import { searchWord } from '../src/ngram/ngram-counts.js';
import { WordIndex } from '../src/ngram/word-index.js';
import { textBlock } from '../src/ngram/text-scorer.js';

/** Zipf-ish random sentences over a vocabulary of `v` words (some non-BMP), with empty sentences. */
function corpus(lines: number, v: number, seed: number): string[][] {
  const rng = new PyRandom(seed);
  const words = Array.from({ length: v }, (_, i) => (i % 17 === 3 ? `😀${i}` : i % 11 === 5 ? `é${i}` : `w${i}`));
  const word = (): string => words[Math.floor(rng.random() ** 3 * v)];
  return Array.from({ length: lines }, () => Array.from({ length: Math.floor(rng.random() * 14) }, word));
}

function dump(c: NgramCounts): string[] {
  const out: string[] = [];
  for (let k = 1; k <= c.order; k++) for (const [g, n] of c.entries(k)) out.push(`${g.join(' ')}\t${n}`);
  return out;
}

describe('countNgrams (radix sort)', () => {
  it('equals the hash-table builder and a naive count, orders 1–5, with cutoffs', () => {
    for (const [seed, v] of [
      [1, 30],
      [3, 3000],
    ]) {
      const sents = corpus(300, v, seed);
      for (const order of [1, 2, 3, 5]) {
        for (const unkCutoff of [1, 2]) {
          const got = countNgrams(sents, { order, unkCutoff });
          // Reference 1: the same padded ids through TrieBuilder (hash tables + counting sorts).
          const pads = order - 1;
          const ids: number[] = [];
          const ends: number[] = [];
          for (const s of sents) {
            for (let p = 0; p < pads; p++) ids.push(got.vocab.lookup('<s>'));
            for (const w of s) ids.push(got.vocab.lookup(w));
            for (let p = 0; p < pads; p++) ids.push(got.vocab.lookup('</s>'));
            ends.push(ids.length);
          }
          const b = new TrieBuilder(order, got.vocab.idCount);
          b.addSentences(Uint32Array.from(ids), ends, ends.length);
          const ref = b.finalize();
          for (let k = 1; k <= order; k++) {
            expect(got.counts[k - 1], `order ${order} k ${k}`).toEqual(ref.counts[k - 1]);
            expect(got.words[k - 1]).toEqual(ref.words[k - 1]);
            expect(got.parents[k - 1]).toEqual(ref.parents[k - 1]);
          }
          // Reference 2: strings, a Map per order.
          const naive = new Map<string, number>();
          for (const s of sents) {
            const p = [...Array(pads).fill('<s>'), ...s, ...Array(pads).fill('</s>')].map((w) => got.vocab.words[got.vocab.lookup(w)]);
            for (let i = 0; i < p.length; i++) for (let k = 1; k <= order && i + k <= p.length; k++) {
              const key = `${k}|${p.slice(i, i + k).join(' ')}`;
              naive.set(key, (naive.get(key) ?? 0) + 1);
            }
          }
          const want = [...naive].map(([key, n]) => `${key.slice(key.indexOf('|') + 1)}\t${n}`).sort();
          expect(dump(got).sort()).toEqual(want);
          // find / child agree with the entries (the hash index).
          let lost = 0;
          for (let k = 2; k <= order; k++) {
            for (let j = 0; j < got.words[k - 1].length; j += 5) if (got.find(got.ngramIds(k, j), 0, k) !== j) lost++;
          }
          expect(lost).toBe(0);
        }
      }
    }
  });
});

describe('perplexity (sentence scorer)', () => {
  it('equals NLTK-style entropy over the padded n-grams bit for bit, every smoothing, orders 1–4, with OOV', () => {
    const train = corpus(500, 200, 7);
    const test = [...corpus(60, 260, 8), [], ['never-seen', 'w0', 'also-unseen']];
    for (const order of [1, 2, 3, 4]) {
      const counts = countNgrams(train, { order, unkCutoff: 2 });
      for (const smoothing of SMOOTHINGS) {
        if ((smoothing === 'kn' || smoothing === 'kneser-ney') && order < 2) continue;
        const lm = NgramModel.fromCounts(counts, smoothing === 'lidstone' ? { smoothing, gamma: 0.3 } : { smoothing });
        const ngrams = test.flatMap((s) => [...paddedNgrams(s, order)]);
        const want = lm.entropyOfNgrams(ngrams);
        expect(lm.crossEntropy(test), `${smoothing} order ${order}`).toBe(want);
        expect(lm.perplexity(test)).toBe(2 ** want);
      }
    }
  });

  it('rejects sentences that are not arrays of words, and text with no n-gram', () => {
    const lm = NgramModel.train(corpus(50, 20, 1), { order: 2, smoothing: 'laplace' });
    expect(() => lm.perplexity('the cat' as never)).toThrow(expect.objectContaining({ option: 'sentences' }));
    expect(() => lm.perplexity([['a'], 'b' as never])).toThrow(expect.objectContaining({ option: 'sentences[1]' }));
    expect(() => NgramModel.train([['a']], { order: 1 }).perplexity([[]])).toThrow(expect.objectContaining({ option: 'ngrams' }));
  });
});

describe('KneserNeyStats (galloping suffix search)', () => {
  it('left extensions N1+(• g) equal a count over the n-gram strings', () => {
    const c = countNgrams(corpus(400, 300, 5), { order: 4 });
    const s = new KneserNeyStats(c);
    let wrong = 0;
    for (let k = 1; k < 4; k++) {
      const left = new Map<string, number>();
      for (const [g] of c.entries(k + 1)) left.set(g.slice(1).join(' '), (left.get(g.slice(1).join(' ')) ?? 0) + 1);
      for (let j = 0; j < c.counts[k - 1].length; j++) {
        if (c.counts[k - 1][j] === 0) continue;
        if (s.leftExt[k - 1][j] !== (left.get(c.ngram(k, j).join(' ')) ?? 0)) wrong++;
      }
    }
    expect(wrong).toBe(0);
  });
});

describe('searchWord (interpolation, then halving)', () => {
  it('finds every word and only those, in uniform, clustered and skewed sorted ranges', () => {
    const rng = new PyRandom(11);
    let wrong = 0;
    for (let t = 0; t < 60; t++) {
      const n = 1 + Math.floor(rng.random() * 3000);
      const set = new Set<number>();
      for (let i = 0; i < n; i++) {
        const r = rng.random();
        // uniform, a dense cluster, or a few huge outliers
        set.add(t % 3 === 0 ? Math.floor(r * 1e6) : t % 3 === 1 ? Math.floor(r * n * 1.5) : r < 0.02 ? Math.floor(r * 4e9) : i);
      }
      const words = Uint32Array.from([...set].sort((a, b) => a - b));
      for (let q = 0; q < 200; q++) {
        const w = q % 2 === 0 ? words[Math.floor(rng.random() * words.length)] : Math.floor(rng.random() * 1.1 * words[words.length - 1]);
        const lo = Math.floor(rng.random() * 3) === 0 ? Math.floor(rng.random() * words.length) : 0;
        const want = words.indexOf(w, lo);
        if (searchWord(words, lo, words.length, w) !== want) wrong++;
      }
    }
    expect(wrong).toBe(0);
  });
});

describe('WordIndex', () => {
  it('gives first-seen ids like a Map, through growth and hash collisions', () => {
    const rng = new PyRandom(3);
    const idx = new WordIndex(4);
    const ref = new Map<string, number>();
    let wrong = 0;
    for (let i = 0; i < 20000; i++) {
      const w = String.fromCharCode(...Array.from({ length: 1 + Math.floor(rng.random() * 4) }, () => 97 + Math.floor(rng.random() * 6)));
      if (!ref.has(w)) ref.set(w, ref.size);
      if (idx.add(w) !== ref.get(w)) wrong++;
    }
    expect(wrong).toBe(0);
    expect(idx.words).toEqual([...ref.keys()]);
    expect([...ref.keys()].map((w) => idx.get(w))).toEqual([...ref.values()]);
    expect(idx.get('zzzzzz')).toBe(-1);
    expect(idx.get('')).toBe(-1);
  });
});

describe('byte paths (countNgramsFromBytes, perplexityOfText)', () => {
  /** The string path's reading of text: lines at '\n' (a final one only when not empty), trimmed, split on \s. */
  const splitLines = (text: string): string[][] => {
    const ls = text.replace(/^\uFEFF/, '').split('\n');
    if (ls[ls.length - 1] === '') ls.pop();
    return ls.map((l) => (l.trim() ? l.trim().split(/\s+/) : []));
  };
  const long = 'x'.repeat(300);
  // JavaScript's \s (tab, CR, NBSP, U+1680, U+2000–200A, U+2028/9, U+202F, U+205F, U+3000, U+FEFF) splits words;
  // U+0085 and U+001C do not (they are not \s); words over 8 and 255 bytes, shared 8-byte prefixes, pads as words.
  const tricky = [
    '\uFEFFthe cat\tsat\r',
    '',
    '   ',
    'internationalisation internationalised intern\u00A0é\u3000😀 \u2028ﬁ\u2003a\u202Fb\u205Fc\u1680d',
    `${long} ${long}y ${long} <s> </s> <UNK> a\u0085b a\u001Cb a\uFEFFb`,
    'a b a b a',
    'no newline at the end',
  ].join('\n');
  const vocabWords = (v: number, seed: number): string[] => {
    const rng = new PyRandom(seed);
    return Array.from({ length: v }, (_, i) => `${['w', 'é', '😀', 'longer-prefix-'][i % 4]}${Math.floor(rng.random() * 1e6)}`);
  };

  it('counts what countNgrams counts on the split lines, orders 1–4, with cutoffs', () => {
    const words = vocabWords(3000, 5);
    const rng = new PyRandom(6);
    const big = Array.from({ length: 2000 }, () => Array.from({ length: Math.floor(rng.random() * 12) }, () => words[Math.floor(rng.random() ** 2 * words.length)]).join(' ')).join('\n') + '\n';
    for (const text of [tricky, big]) {
      for (const order of [1, 2, 3, 4]) {
        for (const unkCutoff of [1, 2]) {
          const want = countNgrams(splitLines(text), { order, unkCutoff });
          const got = countNgramsFromBytes(Buffer.from(text), { order, unkCutoff });
          expect(got.vocab.words).toEqual(want.vocab.words);
          expect(got.vocab.size).toBe(want.vocab.size);
          expect(got.vocab.unkId).toBe(want.vocab.unkId);
          expect(dump(got)).toEqual(dump(want));
          for (const w of ['a', 'é', long, `${long}y`, '<UNK>', 'absent']) expect(got.vocab.lookup(w)).toBe(want.vocab.lookup(w));
          for (let k = 1; k < order; k++) {
            expect(got.childStart[k - 1]).toEqual(want.childStart[k - 1]);
            expect(got.contextTotal[k - 1]).toEqual(want.contextTotal[k - 1]);
          }
        }
      }
    }
  });

  it('perplexityOfText equals perplexity of the split lines bit for bit, every smoothing, with OOV', () => {
    const train = corpus(400, 150, 9);
    const text = train.map((s) => s.join(' ')).join('\n') + '\n';
    const test = [...corpus(50, 200, 10), [], ['never-seen', 'w0', 'also-unseen']];
    const testText = test.map((s) => s.join(' ')).join('\n');
    for (const order of [1, 2, 3]) {
      const counts = countNgramsFromBytes(Buffer.from(text), { order, unkCutoff: 2 });
      const viaStrings = countNgrams(train, { order, unkCutoff: 2 });
      for (const smoothing of SMOOTHINGS) {
        if ((smoothing === 'kn' || smoothing === 'kneser-ney') && order < 2) continue;
        const options = smoothing === 'lidstone' ? { smoothing, gamma: 0.3 } : { smoothing };
        const want = NgramModel.fromCounts(viaStrings, options).perplexity(test);
        const lm = NgramModel.fromCounts(counts, options);
        expect(lm.perplexityOfText(Buffer.from(testText)), `${smoothing} order ${order}`).toBe(want);
        expect(lm.perplexityOfText(testText)).toBe(want);
        expect(lm.perplexity(test)).toBe(want);
        // A model whose counts did not come from bytes builds its own byte index.
        expect(NgramModel.fromCounts(viaStrings, options).perplexityOfText(testText)).toBe(want);
      }
    }
    const lm = NgramModel.fromCounts(countNgramsFromBytes(Buffer.from(tricky), { order: 3 }), { smoothing: 'laplace' });
    expect(lm.perplexityOfText(tricky)).toBe(lm.perplexity(splitLines(tricky)));
  });

  it('perplexityOfText over many small blocks, orders 1–5, and with word ids wider than 16 bits', () => {
    // The block scorer sorts each block's n-grams and merges them with the model: tiny blocks put sentences and
    // repeated n-grams on both sides of block edges.
    const train = corpus(300, 120, 21);
    const text = train.map((s) => s.join(' ')).join('\n') + '\n';
    const test = [...corpus(60, 160, 22), [], ['never-seen', 'w1', 'w1', 'w1']];
    const testText = test.map((s) => s.join(' ')).join('\n');
    const saved = textBlock.ids;
    try {
      for (const block of [1, 7, 64]) {
        textBlock.ids = block;
        for (const order of [1, 2, 3, 4, 5]) {
          const counts = countNgramsFromBytes(Buffer.from(text), { order, unkCutoff: 2 });
          for (const options of [{ smoothing: 'laplace' }, { smoothing: 'lidstone', gamma: 0.25 }, { smoothing: 'mle' }] as const) {
            const lm = NgramModel.fromCounts(counts, options);
            expect(lm.perplexityOfText(testText), `${options.smoothing} order ${order} block ${block}`).toBe(lm.perplexity(test));
          }
        }
      }
    } finally {
      textBlock.ids = saved;
    }
    // Over 65,536 word ids: a (context, word) pair no longer packs into 32 bits.
    const rng = new PyRandom(23);
    const big = Array.from({ length: 20000 }, () => Array.from({ length: 10 }, () => `v${Math.floor(rng.random() * 100000)}`));
    const bigTest = big.slice(0, 300).map((s) => s.map((w, i) => (i % 3 === 0 ? `u${w}` : w)));
    for (const order of [2, 3]) {
      const counts = countNgramsFromBytes(Buffer.from(big.map((s) => s.join(' ')).join('\n')), { order });
      expect(counts.vocab.idCount).toBeGreaterThan(65536);
      const lm = NgramModel.fromCounts(counts, { smoothing: 'lidstone', gamma: 0.5 });
      expect(lm.perplexityOfText(bigTest.map((s) => s.join(' ')).join('\n'))).toBe(lm.perplexity(bigTest));
    }
  });

  it('rejects invalid UTF-8 (naming the line), empty text and non-bytes', () => {
    const bad = Buffer.concat([Buffer.from('a b\nc d\ne '), Buffer.from([0xff]), Buffer.from('\n')]);
    expect(() => countNgramsFromBytes(bad, { order: 2 }, 'bad.txt')).toThrow(expect.objectContaining({ code: 'CORPUS', source: 'bad.txt', line: 3 }));
    const lm = NgramModel.train([['a']], { order: 2, smoothing: 'laplace' });
    expect(() => lm.perplexityOfText(bad, 'bad.txt')).toThrow(CorpusError);
    expect(() => countNgramsFromBytes(Buffer.from(''), { order: 2 })).toThrow(EmptyTrainingDataError);
    expect(() => countNgramsFromBytes(Buffer.from('\n \n'), { order: 1 })).toThrow(EmptyTrainingDataError);
    expect(() => countNgramsFromBytes('a b' as never, { order: 2 })).toThrow(InvalidOptionError);
    expect(() => NgramModel.train([['a']], { order: 1 }).perplexityOfText('')).toThrow(expect.objectContaining({ option: 'ngrams' }));
  });
});
