/**
 * Randomized exactness: thousands of generated strings (fixed seed) that mix the character classes
 * the patterns care about, encoded by us and by the real tiktoken for every encoding, ordinary and with
 * all special tokens allowed; decoding gives the text back (lone surrogates as U+FFFD); `count`
 * agrees with `encode`; the default rejects special-token text exactly where tiktoken would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DisallowedSpecialTokenError, getEncoding } from '../../src/index.js';
import { SEED, tiktokenText } from './arbitraries.js';
import { ENCODING_NAMES, firstDifference, tiktokenAllSpecial, tiktokenOrdinary, type EncodingName } from './oracle.js';

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => firstDifference(a, b) < 0;

/** Throws (so fast-check reports it with the counterexample) when our ids differ from tiktoken's. */
function expectIds(name: EncodingName, mode: string, ours: Uint32Array, theirs: Uint32Array): void {
  if (!same(ours, theirs)) throw new Error(`${name} (${mode}): ours [${ours.join(', ')}] vs tiktoken [${theirs.join(', ')}]`);
}

describe('random text, every encoding', () => {
  it('ids equal tiktoken (ordinary and all special allowed)', () => {
    fc.assert(
      fc.property(tiktokenText(24), (text) => {
        for (const name of ENCODING_NAMES) {
          const enc = getEncoding(name);
          expectIds(name, 'ordinary', enc.encodeOrdinary(text), tiktokenOrdinary(name, text));
          expectIds(name, 'allowedSpecial all', enc.encode(text, { allowedSpecial: 'all' }), tiktokenAllSpecial(name, text));
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('longer strings: ids equal tiktoken', () => {
    fc.assert(
      fc.property(tiktokenText(400), (text) => {
        for (const name of ENCODING_NAMES) expectIds(name, 'ordinary', getEncoding(name).encodeOrdinary(text), tiktokenOrdinary(name, text));
      }),
      { seed: SEED + 1, numRuns: 300 },
    );
  });

  it('decode(encode(x)) is x.toWellFormed(), ordinary and with special tokens', () => {
    fc.assert(
      fc.property(tiktokenText(24), (text) => {
        for (const name of ENCODING_NAMES) {
          const enc = getEncoding(name);
          expect(enc.decode(enc.encodeOrdinary(text)), `${name} ordinary`).toBe(text.toWellFormed());
          expect(enc.decode(enc.encode(text, { allowedSpecial: 'all' })), `${name} allowedSpecial all`).toBe(text.toWellFormed());
        }
      }),
      { seed: SEED + 3, numRuns: 1000 },
    );
  });

  it('default options: throws on special-token text (first occurrence), else equals encodeOrdinary; count = length', () => {
    fc.assert(
      fc.property(tiktokenText(24), (text) => {
        for (const name of ENCODING_NAMES) {
          const enc = getEncoding(name);
          let first = -1;
          let token = '';
          for (const t of Object.keys(enc.specialTokens)) {
            const at = text.indexOf(t);
            if (at >= 0 && (first < 0 || at < first)) [first, token] = [at, t];
          }
          if (first < 0) {
            const ids = enc.encode(text);
            expect(same(ids, enc.encodeOrdinary(text)), name).toBe(true);
            expect(enc.count(text), name).toBe(ids.length);
            continue;
          }
          expect(() => enc.encode(text), name).toThrow(DisallowedSpecialTokenError);
          expect(() => enc.encode(text), name).toThrow(expect.objectContaining({ token, index: first }));
          const opts = { allowedSpecial: 'all' } as const;
          expect(enc.count(text, opts), name).toBe(enc.encode(text, opts).length);
        }
      }),
      { seed: SEED + 2, numRuns: 1000 },
    );
  });
});

it('the generator reaches the classes it is meant to mix', () => {
  const samples = fc.sample(tiktokenText(24), { seed: SEED, numRuns: 500 }).join('');
  for (const re of [/'[sS\u017f]/u, /\p{Lt}/u, /\p{Lm}/u, /\p{M}/u, /\p{Nl}|\p{No}/u, /\u0085/u, /\ufeff/u, /\p{Extended_Pictographic}/u, /<\|endoftext\|>/u]) {
    expect(samples, String(re)).toMatch(re);
  }
  expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(samples), 'lone surrogate').toBe(true);
});
