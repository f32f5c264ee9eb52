/**
 * `offsetsJson` converts the library's UTF-16 offsets to code points (Python's str indices) and UTF-8
 * bytes, checked against direct conversions of the prefix (`[...s].length`, `Buffer.byteLength`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetsJson, type OffsetUnit } from '../../src/cli/offsets.js';

function reference(text: string, starts: number[], ends: number[], unit: OffsetUnit): string {
  const conv = (i: number) => (unit === 'utf16' ? i : unit === 'byte' ? Buffer.byteLength(text.slice(0, i)) : [...text.slice(0, i)].length);
  return JSON.stringify(starts.map((s, k) => [conv(s), conv(ends[k])]));
}

/** Sorted, non-overlapping spans on code point boundaries, as tokenizers produce. */
const spans = fc
  .tuple(fc.string({ unit: fc.constantFrom('a', ' ', 'é', '中', '😀', '\u0301'), maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }))
  .map(([text, raw]) => {
    const bounds = [...new Set(raw.map((r) => (text.length === 0 ? 0 : r % (text.length + 1))))]
      .filter((i) => !(i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00))
      .sort((a, b) => a - b);
    const starts: number[] = [];
    const ends: number[] = [];
    for (let k = 0; k + 1 < bounds.length; k += 2) {
      starts.push(bounds[k]);
      ends.push(bounds[k + 1]);
    }
    return { text, starts, ends };
  });

describe('offsetsJson', () => {
  it.each(['codepoint', 'byte', 'utf16'] as const)('gives %s offsets', (unit) => {
    fc.assert(
      fc.property(spans, ({ text, starts, ends }) => {
        expect(offsetsJson(text, Uint32Array.from(starts), Uint32Array.from(ends), unit)).toBe(reference(text, starts, ends, unit));
      }),
    );
  });

  it('matches its documented example', () => {
    expect(offsetsJson('é😀x', Uint32Array.of(0, 1, 3), Uint32Array.of(1, 3, 4), 'byte')).toBe('[[0,2],[2,6],[6,7]]');
    expect(offsetsJson('é😀x', Uint32Array.of(0, 1, 3), Uint32Array.of(1, 3, 4), 'codepoint')).toBe('[[0,1],[1,2],[2,3]]');
  });

  it('stays right when offsets go backwards', () => {
    expect(offsetsJson('😀a😀', Uint32Array.of(3, 0), Uint32Array.of(5, 2), 'codepoint')).toBe('[[2,3],[0,1]]');
  });
});
