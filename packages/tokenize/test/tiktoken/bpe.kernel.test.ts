/**
 * The heap-based merge of long pieces (≥ LARGE_PIECE bytes) gives tiktoken's ids: pieces just around
 * the threshold, long letter runs, a 300-byte word, repeated characters, up to 1 MB. The wasm tiktoken
 * is quadratic on long pieces (a 100 KB piece takes ~9 s, 1 MB aborts), so at 1 MB the expected ids are
 * tiktoken's own output on the same text at ~4 KB, continued: that output is checked to be one block
 * of ids repeated, and the 1 MB text is the same block of text repeated. No timings are asserted: a
 * quadratic merge would simply run past the test timeout.
 */
import { describe, expect, it } from 'vitest';
import { getEncoding, type EncodingName } from '../../src/index.js';
import { LARGE_PIECE } from '../../src/tiktoken/bpe.kernel.js';
import { HARD_CASES } from './fixtures/hard-cases.js';
import { compareWithTiktoken, describeMismatch, firstDifference, tiktokenOrdinary } from './oracle.js';

/** One encoding per distinct rank table (gpt2 = r50k_base; p50k_edit has p50k_base's ranks). */
const TABLES: EncodingName[] = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];

/** Deterministic pseudo-random generator (mulberry32), so the inputs are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomLetters(n: number, alphabet: string, seed: number): string {
  const next = rng(seed);
  const chars = [...alphabet];
  const out: string[] = [];
  for (let bytes = 0; bytes < n; ) {
    const ch = chars[Math.floor(next() * chars.length)];
    out.push(ch);
    bytes += Buffer.byteLength(ch);
  }
  return out.join('');
}

/** The letters of the hard cases run together: one long word in many scripts, no spaces. */
const ALL_LETTERS = HARD_CASES.map((c) => c.text.replace(/[^\p{L}\p{M}]/gu, '')).join('');

/** Cut `s` to at most `bytes` UTF-8 bytes, on a code point boundary. */
function cutBytes(s: string, bytes: number): string {
  let n = 0;
  let end = 0;
  for (const ch of s) {
    n += Buffer.byteLength(ch);
    if (n > bytes) break;
    end += ch.length;
  }
  return s.slice(0, end);
}

const LONG_PIECES: Array<[string, string]> = [
  [`${LARGE_PIECE - 1} × 'a'`, 'a'.repeat(LARGE_PIECE - 1)],
  [`${LARGE_PIECE} × 'a'`, 'a'.repeat(LARGE_PIECE)],
  [`${LARGE_PIECE + 1} × 'a'`, 'a'.repeat(LARGE_PIECE + 1)],
  [`random lower-case, ${LARGE_PIECE} bytes`, randomLetters(LARGE_PIECE, 'abcdefghijklmnopqrstuvwxyz', 1)],
  ['random lower-case, 2 KB', randomLetters(2048, 'abcdefghijklmnopqrstuvwxyz', 2)],
  ['random mixed case, 2 KB', randomLetters(2048, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 3)],
  ['random Cyrillic, 2 KB', randomLetters(2048, 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя', 4)],
  ['random CJK, 2 KB', randomLetters(2048, '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年', 5)],
  ['300-byte word in many scripts', cutBytes(ALL_LETTERS, 300)],
  ['whole hard-case letters as one word', ALL_LETTERS],
  ['digits, 1 KB', randomLetters(1024, '0123456789', 6)],
  ['punctuation, 1 KB', randomLetters(1024, '!"#$%&()*+,-./:;<=>?@[]^_`{|}~', 7)],
  ['spaces then a letter', `${' '.repeat(1500)}x`],
  ['newlines and spaces', `${'\n '.repeat(700)}x`],
  ['random lower-case, 4 KB', randomLetters(4096, 'abcdefghijklmnopqrstuvwxyz', 8)],
];

describe('long pieces equal tiktoken (heap-based merge)', () => {
  it('the long inputs really are long pieces', () => {
    expect(Buffer.byteLength(cutBytes(ALL_LETTERS, 300))).toBeGreaterThan(290);
    expect(Buffer.byteLength(ALL_LETTERS)).toBeGreaterThan(2 * LARGE_PIECE);
  });
  for (const name of TABLES) {
    it.each(LONG_PIECES)(`${name}: %s`, (_, text) => {
      expect(describeMismatch(compareWithTiktoken(name, text))).toBe('ids equal');
    });
  }
});

/**
 * Long inputs made of one unit repeated (1 MB for a character and a word, 256 KB for the rest, to keep
 * the suite fast). tiktoken's ids for ~4 KB of it are one group of ids repeated plus a tail (e.g.
 * 8 × 'a' → one token in cl100k_base); ours must be the same group repeated more times, then the tail.
 */
const MB = 1 << 20;
const REPEATED: Array<[string, string, number]> = [
  ["1 MB of 'a'", 'a', MB],
  ['1 MB of the alphabet (one word)', 'abcdefghijklmnopqrstuvwxyz', MB],
  ["256 KB of 'hello'", 'hello', MB / 4],
  ['256 KB of spaces', ' ', MB / 4],
  ['256 KB of 中文', '中文', MB / 4],
  ['256 KB of 😀', '😀', MB / 4],
  ['256 KB of !', '!', MB / 4],
  ['256 KB of é', 'é', MB / 4],
];

describe('long runs of one repeated unit', () => {
  for (const name of TABLES) {
    it.each(REPEATED)(`${name}: %s`, (_, unit, size) => {
      const enc = getEncoding(name);
      const probe = unit.repeat(Math.ceil(4096 / Buffer.byteLength(unit)));
      const ids = tiktokenOrdinary(name, probe);
      const period = smallestPeriod(ids);
      expect(period, 'tiktoken output on 4 KB repeats a group of ids').toBeGreaterThan(0);
      const block = ids.slice(0, period);
      const blockText = enc.decode(block);
      const groups = Math.floor(ids.length / period) - 1; // keep at least one token in the tail
      const tail = ids.slice(groups * period);
      const tailText = enc.decode(tail);
      expect(blockText.repeat(groups) + tailText).toBe(probe);

      const bigGroups = Math.ceil(size / Buffer.byteLength(blockText));
      const big = blockText.repeat(bigGroups) + tailText;
      const expected = new Uint32Array(bigGroups * period + tail.length);
      for (let k = 0; k < bigGroups; k++) expected.set(block, k * period);
      expected.set(tail, bigGroups * period);
      const ours = enc.encodeOrdinary(big);
      expect(firstDifference(ours, expected)).toBe(-1);
      expect(enc.decode(ours) === big).toBe(true);
    });
  }

  it.each([['cl100k_base'], ['o200k_base']] as const)('%s: 1 MB word of random letters round-trips', (name) => {
    const enc = getEncoding(name);
    const word = randomLetters(MB, 'abcdefghijklmnopqrstuvwxyz', 9);
    const ids = enc.encodeOrdinary(word);
    expect(ids.length).toBeGreaterThan(MB / 8);
    expect(enc.decode(ids) === word).toBe(true);
    // The first 4 KB alone agree with tiktoken.
    const head = word.slice(0, 4096);
    expect(firstDifference(enc.encodeOrdinary(head), tiktokenOrdinary(name, head))).toBe(-1);
  });
});

/** Smallest p ≤ 64 such that ids[i] = ids[i - p] for all i before the last group, or 0. */
function smallestPeriod(ids: Uint32Array): number {
  for (let p = 1; p <= 64 && 3 * p < ids.length; p++) {
    let ok = true;
    for (let i = p; i < ids.length - p && ok; i++) ok = ids[i] === ids[i - p];
    if (ok) return p;
  }
  return 0;
}
