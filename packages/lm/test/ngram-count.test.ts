// Counting: in-memory vs files (threads, runs and merges), vocabulary quirks, and bad input.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Vocab } from '@nlpkit/tokenize';
import {
  countNgrams,
  countNgramsFromFiles,
  EmptyTrainingDataError,
  InvalidOptionError,
  NgramModel,
  type NgramCounts,
  NgramVocabulary,
  OrderError,
  PyRandom,
  compareCodePoints,
} from '@nlpkit/lm';

const dir = mkdtempSync(join(tmpdir(), 'nlpkit-ngram-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A seeded corpus with a Zipf-ish word distribution, some empty lines and non-ASCII words. */
function corpus(lines: number, seed: number): string[][] {
  const rng = new PyRandom(seed);
  const words = ['the', 'a', 'of', 'jury', 'said', 'é', '😀', 'ﬁ', 'x', 'y', 'z', 'w', 'q'];
  const out: string[][] = [];
  for (let i = 0; i < lines; i++) {
    const n = Math.floor(rng.random() * 12);
    const s: string[] = [];
    for (let j = 0; j < n; j++) s.push(words[Math.floor(rng.random() ** 2 * words.length)] + (rng.random() < 0.05 ? String(i % 50) : ''));
    out.push(s);
  }
  return out;
}

function dump(c: NgramCounts): string[] {
  const out: string[] = [];
  for (let k = 1; k <= c.order; k++) for (const [g, n] of c.entries(k)) out.push(`${g.join(' ')}\t${n}`);
  return out;
}

describe('countNgramsFromFiles', () => {
  const sents = corpus(6000, 1);
  const file = join(dir, 'corpus.txt');
  // Tabs and repeated spaces split words like single spaces; a final line without '\n' still counts.
  writeFileSync(file, sents.map((s, i) => (i % 7 === 0 ? s.join('\t  ') : s.join(' '))).join('\n'));

  for (const [threads, budgetBytes] of [
    [0, undefined],
    [2, undefined],
    [3, 4096],
  ] as const) {
    it(`equals in-memory counting (threads ${threads}, budget ${budgetBytes ?? 'default'})`, async () => {
      expect(readFileSync(file).length).toBeGreaterThan(64 << 10); // so that threads cut the file
      for (const unkCutoff of [1, 3]) {
        const want = countNgrams(sents, { order: 3, unkCutoff });
        const got = await countNgramsFromFiles([file], { order: 3, unkCutoff, threads, budgetBytes });
        expect(got.vocab.words).toEqual(want.vocab.words);
        expect(got.vocab.size).toBe(want.vocab.size);
        expect(dump(got)).toEqual(dump(want));
      }
    });
  }

  it('reports progress: never backwards, ending at the files\' size, in both passes and on every path', async () => {
    const size = readFileSync(file).length;
    for (const [threads, budgetBytes] of [
      [0, undefined],
      [2, 4096],
    ] as const) {
      const calls: [number, number][] = [];
      const got = await countNgramsFromFiles([file], { order: 2, threads, budgetBytes, onProgress: (done, total) => calls.push([done, total]) });
      expect(dump(got)).toEqual(dump(countNgrams(sents, { order: 2 })));
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.at(-1)).toEqual([size, size]);
      for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
    }
  });

  it('counts several files as one corpus', async () => {
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    writeFileSync(a, 'a b c\n\nb c\n');
    writeFileSync(b, 'c a\n');
    const got = await countNgramsFromFiles([a, b], { order: 2 });
    const want = countNgrams([['a', 'b', 'c'], [], ['b', 'c'], ['c', 'a']], { order: 2 });
    expect(dump(got)).toEqual(dump(want));
    expect(got.countOf('<s>')).toBe(4);
  });

  it('refuses empty files, missing files and invalid UTF-8, naming the file', async () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    await expect(countNgramsFromFiles([empty], { order: 2 })).rejects.toBeInstanceOf(EmptyTrainingDataError);
    await expect(countNgramsFromFiles([join(dir, 'missing.txt')], { order: 2 })).rejects.toMatchObject({ code: 'ENOENT' });
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, Buffer.from([0x61, 0x20, 0xff, 0x0a]));
    await expect(countNgramsFromFiles([bad], { order: 2 })).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'files[0]' });
  });
});

describe('NgramVocabulary and @nlpkit/tokenize\'s Vocab', () => {
  const sents = corpus(400, 3);
  it('toVocab: the words at or above the cutoff with their counts, the unknown label first; fromVocab: back', () => {
    for (const unkCutoff of [1, 2, 4]) {
      const v = countNgrams(sents, { order: 2, unkCutoff }).vocab;
      const tv = v.toVocab();
      expect(tv.tokenOf(0)).toBe(v.unkLabel);
      expect(tv.isSpecial(v.unkLabel)).toBe(true);
      const kept = v.words.filter((w) => w !== v.unkLabel);
      expect([...tv.tokens].slice(1).sort()).toEqual([...kept].sort());
      for (const w of kept) expect(tv.countOf(w)).toBe(v.rawCount(w));
      // By count, descending (then code point).
      for (let i = 2; i < tv.size; i++) expect(tv.countOf(tv.tokenOf(i - 1)!)).toBeGreaterThanOrEqual(tv.countOf(tv.tokenOf(i)!));
      const back = NgramVocabulary.fromVocab(tv, unkCutoff);
      expect(back.words).toEqual(v.words);
      expect(back.size).toBe(v.size);
      for (const w of ['the', 'zzz-unseen', ...v.words.slice(0, 20)]) expect(back.lookup(w)).toBe(v.lookup(w));
    }
  });

  it('fromVocab is NLTK\'s cutoff over the Vocab\'s counts; bad arguments are typed errors', () => {
    const tv = Vocab.build([['a', 'a', 'b', 'c', 'c', 'c']], { specials: ['<unk>', '<pad>'] });
    const v = NgramVocabulary.fromVocab(tv, 2);
    expect(v.words).toEqual(['<UNK>', 'a', 'c']);
    expect(v.lookup('b')).toBe(v.unkId);
    expect(v.size).toBe(3);
    expect(() => NgramVocabulary.fromVocab(tv, 0)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'unkCutoff' }));
    expect(() => NgramVocabulary.fromVocab({} as Vocab)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'vocab' }));
  });
});

describe('countNgrams', () => {
  it("pads like NLTK's padded_everygram_pipeline and counts every order", () => {
    const c = countNgrams([['a', 'b']], { order: 3 });
    // <s> <s> a b </s> </s>: 6 unigrams, 5 bigrams, 4 trigrams.
    expect([1, 2, 3].map((k) => c.total(k))).toEqual([6, 5, 4]);
    expect(c.count(['<s>', '<s>', 'a'])).toBe(1);
    expect(c.count(['b', '</s>', '</s>'])).toBe(1);
    expect(c.count(['a', 'b', 'c'])).toBe(0);
    // Order 1: no pads.
    expect(countNgrams([['a', 'b']], { order: 1 }).total(1)).toBe(2);
  });

  it('sorts ids by code point, as Python sorts strings', () => {
    const c = countNgrams([['\uFB01', '\u{1F600}', 'a', 'Z']], { order: 1 });
    expect(c.vocab.words).toEqual(['<UNK>', 'Z', 'a', '\uFB01', '\u{1F600}']);
    expect(['\u{1F600}', '\uFB01'].sort(compareCodePoints)).toEqual(['\uFB01', '\u{1F600}']);
  });

  it('finds n-grams by ids and walks the trie', () => {
    const c = countNgrams([['a', 'b', 'a', 'b']], { order: 2 });
    const [a, b] = [c.vocab.lookup('a'), c.vocab.lookup('b')];
    const idx = c.find([a, b], 0, 2);
    expect(c.counts[1][idx]).toBe(2);
    expect(c.ngram(2, idx)).toEqual(['a', 'b']);
    expect(c.find([b, b], 0, 2)).toBe(-1);
    expect(c.contextTotal[0][a]).toBe(2);
  });

  it('rejects bad input with typed errors naming it', () => {
    expect(() => countNgrams([['a']], { order: 0 })).toThrow(InvalidOptionError);
    expect(() => countNgrams([['a']], { order: 1.5 })).toThrow(InvalidOptionError);
    expect(() => countNgrams([['a']], { order: 2, unkCutoff: 0 })).toThrow(/unkCutoff/);
    expect(() => countNgrams([], { order: 2 })).toThrow(EmptyTrainingDataError);
    expect(() => countNgrams([[]], { order: 1 })).toThrow(EmptyTrainingDataError);
    expect(() => countNgrams('a b' as never, { order: 2 })).toThrow(InvalidOptionError);
    expect(() => countNgrams([['a'], ['b', '']], { order: 2 })).toThrow(expect.objectContaining({ option: 'sentences[1][1]' }));
    expect(() => countNgrams([['a'], 'b' as never], { order: 2 })).toThrow(expect.objectContaining({ option: 'sentences[1]' }));
    const c = countNgrams([['a']], { order: 2 });
    expect(() => c.count(['a', 'b', 'c'])).toThrow(OrderError);
    expect(() => c.count([])).toThrow(expect.objectContaining({ code: 'ORDER', order: 0, maxOrder: 2 }));
    expect(() => c.distinctCount(3)).toThrow(OrderError);
  });
});

describe('NgramVocabulary (NLTK Vocabulary semantics)', () => {
  it('orders thousands of words as sort() does (radix levels, prefixes, U+0000, shared stems)', () => {
    const rng = new PyRandom(5);
    const letters = ['a', 'b', 'c', '\0', 'Z', '-', 'é'];
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      let w = i % 3 === 0 ? 'co' : i % 3 === 1 ? 'con' : '';
      const len = 1 + Math.floor(rng.random() * 6);
      for (let k = 0; k < len; k++) w += letters[Math.floor(rng.random() * letters.length)];
      counts.set(w, 1 + (i % 2));
    }
    for (const w of ['a', 'a\0', 'a\0\0', 'co', 'co\0']) counts.set(w, 2);
    const v = new NgramVocabulary(counts, 2);
    const want = [...[...counts].filter(([, c]) => c >= 2).map(([w]) => w), '<UNK>'].sort();
    expect(v.words).toEqual(want);
  });
  interface VocabCase {
    words?: string[];
    unkCutoff?: number;
    size: number;
    items?: string[];
    lookup?: string[];
    laplaceTrain?: string[][];
    query?: [string, string[]];
    score?: number;
  }
  const fx = JSON.parse(readFileSync(new URL('./fixtures/nltk-toy.json', import.meta.url), 'utf8')) as { vocab: VocabCase[] };
  for (const v of fx.vocab) {
    if (v.words) {
      it(`len, items and lookup: ${JSON.stringify(v.words)} cutoff ${v.unkCutoff}`, () => {
        const raw = new Map<string, number>();
        for (const w of v.words!) raw.set(w, (raw.get(w) ?? 0) + 1);
        const vocab = new NgramVocabulary(raw, v.unkCutoff!);
        expect(vocab.size).toBe(v.size);
        expect(vocab.words).toEqual(v.items);
        const probes = [...new Set(v.words)].sort(compareCodePoints).concat('zzz');
        expect(probes.map((w) => vocab.words[vocab.lookup(w)])).toEqual(v.lookup);
      });
    } else {
      it('Laplace over a text containing <UNK> (len(vocab) counts it twice)', () => {
        const lm = NgramModel.train(v.laplaceTrain!, { order: 2, smoothing: 'laplace' });
        expect(lm.vocab.size).toBe(v.size);
        expect(lm.score(v.query![0], v.query![1])).toBe(v.score);
      });
    }
  }
});
