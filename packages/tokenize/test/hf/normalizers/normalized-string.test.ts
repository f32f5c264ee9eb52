import { describe, expect, test } from 'vitest';
import { NormalizedString, type SplitDelimiterBehavior } from '../../../src/hf/normalized-string.js';
import { PreTokenizedString } from '../../../src/hf/pre-tokenized-string.js';
import { stringPattern } from '../../../src/hf/regex/pattern.js';
import { TokenBuffer } from '../../../src/hf/token-buffer.js';

/** Each normalized unit's range in the whole input. */
function unitRanges(n: NormalizedString): Array<[number, number]> {
  return [...Array(n.normalized.length).keys()].map((i) => n.originalRange(i, i + 1));
}

describe('NormalizedString', () => {
  test.each<[SplitDelimiterBehavior, string[]]>([
    ['Removed', ['the', 'final', 'countdown']],
    ['Isolated', ['the', '-', 'final', '-', '-', 'countdown']],
    ['MergedWithPrevious', ['the-', 'final-', '-', 'countdown']],
    ['MergedWithNext', ['the', '-final', '-', '-countdown']],
    ['Contiguous', ['the', '-', 'final', '--', 'countdown']],
  ])('split %s (empty pieces dropped)', (behavior, expected) => {
    const pieces = new NormalizedString('the-final--countdown').split(stringPattern('-'), behavior);
    expect(pieces.map((p) => p.normalized).filter((p) => p !== '')).toEqual(expected);
  });

  test('split with invert keeps what matched as the delimiters', () => {
    const pieces = new NormalizedString('ab-ab').split(stringPattern('ab'), 'Removed', true);
    expect(pieces.map((p) => p.normalized)).toEqual(['ab', 'ab']);
  });

  test('slices keep their place in the whole input', () => {
    const n = new NormalizedString('Hello world');
    const world = n.slice(6, 11);
    expect(world.original).toBe('world');
    expect(world.originalShift).toBe(6);
    expect(world.originalRange(1, 3)).toEqual([7, 9]);
  });

  test('prepended text is aligned like the first character, appended text like the last', () => {
    const n = new NormalizedString('ab');
    n.prepend('>>').append('<');
    expect(n.normalized).toBe('>>ab<');
    expect(unitRanges(n)).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
      [1, 2],
      [1, 2],
    ]);
    const empty = new NormalizedString('');
    empty.prepend('x');
    expect(empty.normalized).toBe('');
    empty.append('y');
    expect(unitRanges(empty)).toEqual([[0, 0]]);
  });

  test('an empty range converts to itself (as in Rust), shifted', () => {
    const n = new NormalizedString('  abc');
    n.strip();
    const piece = n.slice(1, 3);
    expect(piece.originalShift).toBe(3);
    expect(piece.originalRange(1, 1)).toEqual([4, 4]);
  });

  test('uppercase and lowercase change lengths per character', () => {
    const n = new NormalizedString('ßİ😀Σ');
    n.uppercase();
    expect(n.normalized).toBe('SSİ😀Σ');
    expect(unitRanges(n)).toEqual([
      [0, 1],
      [0, 1],
      [1, 2],
      [2, 4],
      [2, 4],
      [4, 5],
    ]);
    const m = new NormalizedString('aΣ');
    m.lowercase();
    // Rust lowercases per character: never the final form ς.
    expect(m.normalized).toBe('aσ');
  });

  test('strip removes Unicode white space at either end, keeping the rest aligned', () => {
    const n = new NormalizedString('\u3000\u0085 a b\u00a0');
    n.strip();
    expect(n.normalized).toBe('a b');
    expect(n.originalRange(0, 3)).toEqual([3, 6]);
    const all = new NormalizedString(' \t ');
    all.strip();
    expect(all.normalized).toBe('');
  });

  test('filter and clear', () => {
    const n = new NormalizedString('a1b22c');
    n.filter((cp) => cp < 0x30 || cp > 0x39);
    expect(n.normalized).toBe('abc');
    expect(unitRanges(n)).toEqual([
      [0, 1],
      [2, 3],
      [5, 6],
    ]);
    expect(n.clear()).toBe(3);
    expect(n.normalized).toBe('');
  });

  test('replace aligns the replacement like the last character of the match', () => {
    const n = new NormalizedString('xaby');
    n.replace(stringPattern('ab'), 'ZZZ');
    expect(n.normalized).toBe('xZZZy');
    expect(unitRanges(n)).toEqual([
      [0, 1],
      [2, 3],
      [2, 3],
      [2, 3],
      [3, 4],
    ]);
  });
});

describe('PreTokenizedString', () => {
  test('split drops empty pieces and leaves tokenized splits alone', () => {
    const p = new PreTokenizedString('a b');
    p.split((_, n) => n.split(stringPattern(' '), 'Removed'));
    expect(p.getSplits()).toEqual([
      ['a', [0, 1]],
      ['b', [2, 3]],
    ]);
    p.splits[0]!.tokens = new TokenBuffer();
    p.normalize((n) => n.uppercase());
    p.tokenize((n, out) => out.push(7, 0, n.normalized.length));
    expect(p.getSplits()).toEqual([
      ['a', [0, 1]],
      ['B', [2, 3]],
    ]);
    expect(p.splits[1]!.tokens!.length).toBe(1);
  });
});
