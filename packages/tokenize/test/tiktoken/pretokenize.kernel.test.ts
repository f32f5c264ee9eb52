/**
 * The hand-written scanners (`pretokenize.kernel.ts`) against their readable twin, tiktoken's regexes
 * rewritten for JavaScript (`pretokenize.reference.ts`): for each pattern family the pieces must be the
 * same, on the hard cases, on real text, and on random strings. (Both use the JavaScript engine's
 * Unicode tables; agreement with tiktoken itself is checked by the encoding tests.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanCl100k, scanO200k, scanR50k, type PieceScanner } from '../../src/tiktoken/pretokenize.kernel.js';
import { pretokenizeReference, type PatternFamily } from '../../src/tiktoken/pretokenize.reference.js';
import { SEED, tiktokenText } from './arbitraries.js';
import { HARD_CASES } from './fixtures/hard-cases.js';
import { codeSamples, hasSharedData, proseSamples } from './samples.js';

const SCANNERS: Record<PatternFamily, PieceScanner> = { r50k: scanR50k, cl100k: scanCl100k, o200k: scanO200k };
const FAMILIES = Object.keys(SCANNERS) as PatternFamily[];

const utf8 = new TextEncoder();
// ignoreBOM: keep a leading U+FEFF, which is text here (the default would strip it).
const fromUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The pieces the kernel scanner produces, walking `scan(buf, p, end)` over the UTF-8 of `text`. */
function kernelPieces(text: string, family: PatternFamily): string[] {
  const buf = utf8.encode(text);
  const scan = SCANNERS[family];
  const pieces: string[] = [];
  for (let p = 0; p < buf.length; ) {
    const q = scan(buf, p, buf.length);
    if (!(q > p && q <= buf.length)) throw new Error(`${family}: scan returned ${q} at ${p} of ${buf.length}`);
    pieces.push(fromUtf8.decode(buf.subarray(p, q))); // fatal: a piece must end on a code point boundary
    p = q;
  }
  return pieces;
}

/** The kernel sees lone surrogates as U+FFFD (what TextEncoder makes of them), so the regex gets the same. */
const referencePieces = (text: string, family: PatternFamily): string[] => pretokenizeReference(text.toWellFormed(), family);

/** Edge cases for the scanners' backtracking: optional prefixes, `\s+(?!\S)`, contractions at the end. */
const EDGE_CASES = [
  '', ' ', '  ', 'a', "'", "'s", "'S", "'ſ", "'l", "'L", "'lL", "'r", 'x\'', " 's", "a's", "A'S", 'ǅ\'Ll',
  ' \n', '\n ', ' \r\n a', '  a', '   1', ' \u00a0a', '\u3000a', '\u0085a', 'a\u0085', '\ufeffa', ' \ufeff',
  '\u0301', ' \u0301', '.\u0301', 'a\u0301', 'A\u0301b', '\u0301a', '\n\u0301', '\u0301\u0301A', 'Ab\u0301C',
  'ABCdef', 'abcDEF', 'ABC', 'ʰʰ', 'ǅǅa', 'aǅ', '123456', '١٢٣٤', '½½½½', '1a', 'a1', '!a', '!!a', '\ta', '\t\ta',
  'a/b', 'a//\n', '!/', ' !/\r\n', '\r\n\r\n', ' \n\n ', 'x \n\t y', '😀a', ' 😀', '\u200da', '\ud800a', 'a\udc00',
];

describe('kernel scanners equal the reference regexes', () => {
  for (const family of FAMILIES) {
    it(`${family}: edge cases and hard cases`, () => {
      for (const text of [...EDGE_CASES, ...HARD_CASES.map((c) => c.text)]) {
        expect(kernelPieces(text, family), JSON.stringify(text)).toEqual(referencePieces(text, family));
      }
    });

    it(`${family}: real text and code`, () => {
      const samples = [...(hasSharedData ? proseSamples() : []), ...codeSamples()];
      for (const s of samples) {
        const text = s.text.slice(0, 20_000);
        const ours = kernelPieces(text, family);
        const ref = referencePieces(text, family);
        const i = ours.findIndex((p, k) => p !== ref[k]);
        expect(i < 0 && ours.length === ref.length, `${s.name}: first difference at piece ${i}: ${JSON.stringify(ours.slice(i, i + 3))} vs ${JSON.stringify(ref.slice(i, i + 3))}`).toBe(true);
      }
    });

    it(`${family}: random text`, () => {
      fc.assert(
        fc.property(tiktokenText(40), (text) => {
          expect(kernelPieces(text, family)).toEqual(referencePieces(text, family));
        }),
        { seed: SEED + 10, numRuns: 3000 },
      );
    });
  }
});
