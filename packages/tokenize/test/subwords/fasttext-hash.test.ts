import { describe, expect, it } from 'vitest';
import { fasttextHash } from '../../src/subwords/index.js';
import { fasttextFixtures } from './fixtures.js';

describe('fasttextHash', () => {
  const { hashes } = fasttextFixtures();

  it("equals fastText's 32-bit hash of every fixture n-gram (recovered from two buckets by the CRT)", () => {
    expect(hashes.length).toBeGreaterThan(300);
    for (const { text, hash } of hashes) expect([text, fasttextHash(text)]).toEqual([text, hash]);
  });

  it('hashes strings as their UTF-8 bytes', () => {
    const enc = new TextEncoder();
    for (const { text, hash } of hashes) expect(fasttextHash(enc.encode(text))).toBe(hash);
  });

  it('differs from textbook FNV-1a exactly when a byte is ≥ 0x80', () => {
    const fnv1a = (bytes: Uint8Array): number => {
      let h = 0x811c9dc5;
      for (const b of bytes) h = Math.imul(h ^ b, 16777619) >>> 0;
      return h;
    };
    const enc = new TextEncoder();
    const ascii = hashes.filter((h) => /^[\x00-\x7f]*$/.test(h.text));
    const other = hashes.filter((h) => !/^[\x00-\x7f]*$/.test(h.text));
    expect(ascii.length).toBeGreaterThan(0);
    expect(other.length).toBeGreaterThan(0);
    for (const { text, hash } of ascii) expect(fnv1a(enc.encode(text))).toBe(hash);
    for (const { text, hash } of other) expect(fnv1a(enc.encode(text))).not.toBe(hash);
  });

  it('hashes the empty input to the FNV offset basis', () => {
    expect(fasttextHash('')).toBe(2166136261);
    expect(fasttextHash(new Uint8Array(0))).toBe(2166136261);
  });
});
