/**
 * Our ids equal the real tiktoken's on real text: prose from the shared corpora (several languages),
 * source code, and the hand-written hard cases (scripts, emoji, marks, odd whitespace, contractions,
 * lone surrogates), for every encoding; and decoding gives the text back.
 */
import { describe, expect, it } from 'vitest';
import { getEncoding } from '../../src/index.js';
import { HARD_CASES } from './fixtures/hard-cases.js';
import { compareWithTiktoken, describeMismatch, ENCODING_NAMES } from './oracle.js';
import { codeSamples, hasSharedData, proseSamples } from './samples.js';

describe.skipIf(!hasSharedData)('prose from ../shared/data', () => {
  const samples = hasSharedData ? proseSamples() : [];
  it('samples are non-trivial', () => {
    for (const s of samples) expect(s.text.length, s.name).toBeGreaterThan(10_000);
  });
  for (const name of ENCODING_NAMES) {
    it.each(samples.map((s) => [s.name, s] as const))(`${name}: %s`, (_, sample) => {
      expect(describeMismatch(compareWithTiktoken(name, sample.text))).toBe('ids equal');
    });
  }
});

describe('code', () => {
  const samples = codeSamples();
  for (const name of ENCODING_NAMES) {
    it.each(samples.map((s) => [s.name, s] as const))(`${name}: %s`, (_, sample) => {
      expect(describeMismatch(compareWithTiktoken(name, sample.text))).toBe('ids equal');
    });
  }
});

describe('hard cases', () => {
  for (const name of ENCODING_NAMES) {
    it.each(HARD_CASES.map((c) => [c.name, c] as const))(`${name}: %s`, (_, c) => {
      expect(describeMismatch(compareWithTiktoken(name, c.text, 'ordinary'))).toBe('ids equal');
      expect(describeMismatch(compareWithTiktoken(name, c.text, 'all'))).toBe('ids equal');
    });
  }

  it.each(ENCODING_NAMES.map((n) => [n]))('%s: decode(encode(x)) is x with lone surrogates as U+FFFD', (name) => {
    const enc = getEncoding(name);
    for (const c of HARD_CASES) {
      expect(enc.decode(enc.encode(c.text, { allowedSpecial: 'all' })), c.name).toBe(c.text.toWellFormed());
    }
  });

  it('lone surrogates encode as U+FFFD, as in tiktoken', () => {
    const enc = getEncoding('cl100k_base');
    expect(Array.from(enc.encode('a\ud800b'))).toEqual(Array.from(enc.encode('a\ufffdb')));
  });
});
