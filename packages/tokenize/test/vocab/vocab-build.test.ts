import { describe, expect, it } from 'vitest';
import { InvalidOptionError, InvalidTokenIdError, UnknownTokenError } from '../../src/errors.js';
import { DEFAULT_SPECIALS, Vocab, VocabCounter } from '../../src/vocab/index.js';
import { thrown } from '../thrown.js';

const corpus = [
  ['b', 'a', 'c'],
  ['a', 'd', 'b'],
  ['e', 'a'],
];
// counts: a 3, b 2, c 1, d 1, e 1; first seen: b, a, c, d, e

describe('Vocab.build ordering', () => {
  it('puts specials first in the order given, then count descending, ties by first occurrence', () => {
    const v = Vocab.build(corpus, { specials: ['<pad>', '<unk>'] });
    expect(v.tokens).toEqual(['<pad>', '<unk>', 'a', 'b', 'c', 'd', 'e']);
    expect(v.specials).toEqual(['<pad>', '<unk>']);
    expect(v.unkId).toBe(1);
  });

  it('uses the default specials <unk> <pad> <bos> <eos>', () => {
    const v = Vocab.build(corpus);
    expect(v.tokens.slice(0, 4)).toEqual([...DEFAULT_SPECIALS]);
    expect(v.tokens.slice(0, 4)).toEqual(['<unk>', '<pad>', '<bos>', '<eos>']);
    expect(v.size).toBe(9);
  });

  it('breaks ties by first occurrence: reversing the input order reverses tied tokens', () => {
    const tied = ['z', 'y', 'x', 'w'];
    expect(Vocab.build([tied], { specials: [] }).tokens).toEqual(['z', 'y', 'x', 'w']);
    expect(Vocab.build([[...tied].reverse()], { specials: [] }).tokens).toEqual(['w', 'x', 'y', 'z']);
  });

  it("breaks ties by code point with tieBreak: 'codepoint', whatever the input order", () => {
    const a = Vocab.build([['z', 'y', 'é', 'x', 'x']], { specials: [], tieBreak: 'codepoint' });
    const b = Vocab.build([['é', 'x', 'y', 'x', 'z']], { specials: [], tieBreak: 'codepoint' });
    expect(a.tokens).toEqual(['x', 'y', 'z', 'é']);
    expect(b.tokens).toEqual(a.tokens);
  });

  it('is deterministic: the same input gives the same ids', () => {
    const big = Array.from({ length: 2000 }, (_, i) => [`t${i % 97}`, `u${(i * 7) % 13}`, `t${i % 5}`]);
    const v1 = Vocab.build(big);
    const v2 = Vocab.build(big);
    expect(v1.tokens).toEqual(v2.tokens);
    expect(v1.toText()).toBe(v2.toText());
    const counts = v1.tokens.slice(4).map((t) => v1.countOf(t));
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]);
  });

  it('accepts a flat iterable of tokens, a generator, and token arrays mixed with tokens', () => {
    function* gen(): Generator<string> {
      yield 'a';
      yield 'b';
      yield 'a';
    }
    expect(Vocab.build(gen(), { specials: [] }).tokens).toEqual(['a', 'b']);
    expect(Vocab.build(['a', ['b', 'b'], 'c'], { specials: [] }).tokens).toEqual(['b', 'a', 'c']);
  });

  it('builds from an async iterable', async () => {
    async function* lines(): AsyncGenerator<string[]> {
      yield ['x', 'y'];
      yield ['y'];
    }
    const v = await Vocab.buildAsync(lines(), { specials: ['<unk>'] });
    expect(v.tokens).toEqual(['<unk>', 'y', 'x']);
  });

  it('rejects a bare string as the corpus (it would count characters)', () => {
    expect(thrown(() => Vocab.build('hello' as unknown as string[]))).toBeInstanceOf(InvalidOptionError);
  });
});

describe('minCount, maxSize, specials', () => {
  it('drops tokens below minCount but keeps specials', () => {
    const v = Vocab.build(corpus, { minCount: 2, specials: ['<unk>'] });
    expect(v.tokens).toEqual(['<unk>', 'a', 'b']);
    expect(Vocab.build(corpus, { minCount: 4, specials: ['<unk>'] }).tokens).toEqual(['<unk>']);
  });

  it('counts specials toward maxSize', () => {
    const v = Vocab.build(corpus, { maxSize: 4, specials: ['<unk>', '<pad>'] });
    expect(v.tokens).toEqual(['<unk>', '<pad>', 'a', 'b']);
    expect(Vocab.build(corpus, { maxSize: 2, specials: ['<unk>', '<pad>'] }).tokens).toEqual(['<unk>', '<pad>']);
    expect(Vocab.build(corpus, { maxSize: 100, specials: [] }).size).toBe(5);
  });

  it('cuts ties at maxSize by the tie-break order', () => {
    expect(Vocab.build(corpus, { maxSize: 3, specials: [] }).tokens).toEqual(['a', 'b', 'c']);
    expect(Vocab.build([['e', 'd', 'c']], { maxSize: 2, specials: [] }).tokens).toEqual(['e', 'd']);
  });

  it('rejects bad options with InvalidOptionError naming the option', () => {
    expect(thrown(() => Vocab.build(corpus, { maxSize: 1, specials: ['<unk>', '<pad>'] }))).toMatchObject({ option: 'maxSize' });
    expect(thrown(() => Vocab.build(corpus, { minCount: -1 }))).toMatchObject({ option: 'minCount' });
    expect(thrown(() => Vocab.build(corpus, { minCount: 1.5 }))).toMatchObject({ option: 'minCount' });
    expect(thrown(() => Vocab.build(corpus, { specials: ['<unk>', '<unk>'] }))).toMatchObject({ option: 'specials' });
    expect(thrown(() => Vocab.build(corpus, { specials: [''] }))).toMatchObject({ option: 'specials' });
    expect(thrown(() => Vocab.build([['a', '']]))).toBeInstanceOf(InvalidOptionError);
  });

  it('gives a special that also occurs in the corpus one id, first, with its corpus count', () => {
    const v = Vocab.build([['<eos>', 'a', '<eos>', '<eos>']], { specials: ['<unk>', '<eos>'] });
    expect(v.tokens).toEqual(['<unk>', '<eos>', 'a']);
    expect(v.countOf('<eos>')).toBe(3);
    expect(v.countOf('<unk>')).toBe(0);
    expect(v.isSpecial('<eos>')).toBe(true);
    expect(v.isSpecial('a')).toBe(false);
  });
});

describe('lookups, counts, encode/decode', () => {
  const v = Vocab.build(corpus, { specials: ['<unk>', '<pad>'] });

  it('maps tokens and ids both ways', () => {
    v.tokens.forEach((t, i) => {
      expect(v.idOf(t)).toBe(i);
      expect(v.tokenOf(i)).toBe(t);
      expect(v.has(t)).toBe(true);
    });
    expect(v.tokenOf(-1)).toBeUndefined();
    expect(v.tokenOf(v.size)).toBeUndefined();
    expect(v.tokenOf(1.5)).toBeUndefined();
  });

  it('gives unknown tokens the <unk> id, but has() says no', () => {
    expect(v.idOf('zebra')).toBe(0);
    expect(v.has('zebra')).toBe(false);
    expect(v.encode(['a', 'zebra', 'b'])).toEqual(Uint32Array.from([2, 0, 3]));
  });

  it('without <unk>: idOf is undefined and encode throws UnknownTokenError with the position', () => {
    const w = Vocab.build(corpus, { specials: ['<pad>'] });
    expect(w.unkId).toBeUndefined();
    expect(w.idOf('zebra')).toBeUndefined();
    const e = thrown(() => w.encode(['a', 'zebra']));
    expect(e).toBeInstanceOf(UnknownTokenError);
    expect(e).toMatchObject({ token: 'zebra', position: 1, code: 'UNKNOWN_TOKEN' });
  });

  it('decodes ids and rejects bad ones with InvalidTokenIdError', () => {
    const ids = v.encode(['a', 'b', 'e']);
    expect(ids).toBeInstanceOf(Uint32Array);
    expect(v.decode(ids)).toEqual(['a', 'b', 'e']);
    expect(v.decode([0, 1])).toEqual(['<unk>', '<pad>']);
    for (const bad of [v.size, -1, 2.5, Number.NaN]) {
      const e = thrown(() => v.decode([2, bad]));
      expect(e).toBeInstanceOf(InvalidTokenIdError);
      expect(e).toMatchObject({ position: 1 });
    }
  });

  it('reports counts', () => {
    expect(v.countOf('a')).toBe(3);
    expect(v.countOf('b')).toBe(2);
    expect(v.countOf('zebra')).toBe(0);
  });
});

describe('VocabCounter', () => {
  it('counts incrementally and streams into Vocab.fromCounter', () => {
    const c = new VocabCounter();
    c.addTokens(['a', 'b']).add('a').add('c', 5);
    expect(c.countOf('a')).toBe(2);
    expect(c.countOf('c')).toBe(5);
    expect(c.countOf('x')).toBe(0);
    expect(c.size).toBe(3);
    expect(c.total).toBe(8);
    expect([...c.entries()]).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 5],
    ]);
    expect(Vocab.fromCounter(c, { specials: [] }).tokens).toEqual(['c', 'a', 'b']);
  });

  it('rejects a count that is not a positive integer', () => {
    expect(thrown(() => new VocabCounter().add('a', 0))).toBeInstanceOf(InvalidOptionError);
    expect(thrown(() => new VocabCounter().add('a', 1.5))).toBeInstanceOf(InvalidOptionError);
  });
});
