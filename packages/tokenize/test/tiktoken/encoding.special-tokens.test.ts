/**
 * Special tokens with tiktoken's semantics: text that spells one is an error by default, becomes the
 * token's id when allowed ('all' or a list), and is ordinary text when not disallowed. Ids are compared
 * with the real tiktoken's `encode(text, allowed, disallowed)`; `count` agrees with `encode`.
 */
import { get_encoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import { DisallowedSpecialTokenError, getEncoding, InvalidOptionError, type EncodeOptions } from '../../src/index.js';
import { ENCODING_NAMES, firstDifference, tiktoken, type EncodingName } from './oracle.js';

const ids = (a: ArrayLike<number>): number[] => Array.from(a);

/** tiktoken leaves an instance unfreeable after it throws, so error checks use instances of their own. */
function tiktokenThrows(name: EncodingName, text: string): boolean {
  const tk = get_encoding(name);
  try {
    tk.encode(text);
    tk.free();
    return false;
  } catch {
    return true; // not freed: wasm-bindgen reports it as still borrowed
  }
}

describe.each(ENCODING_NAMES.map((n) => [n]))('%s', (name) => {
  const enc = getEncoding(name);
  const specials = Object.keys(enc.specialTokens);
  const texts = (t: string): string[] => [t, `a${t}b`, `${t}${t}`, ` ${t}\n`, `hello world${t} again`, `😀${t}`, `x<|${t}|>`];

  it('specialTokens equal the tokens tiktoken encodes as one special id', () => {
    expect(specials.length).toBeGreaterThan(0);
    for (const t of specials) expect(ids(tiktoken(name).encode(t, 'all')), t).toEqual([enc.specialTokens[t]]);
    expect(enc.specialTokens['<|endoftext|>']).toBe(enc.eotToken);
  });

  it('default: special-token text throws DisallowedSpecialTokenError naming the token and its UTF-16 index', () => {
    for (const t of specials) {
      for (const text of texts(t)) {
        let error: unknown;
        try {
          enc.encode(text);
        } catch (e) {
          error = e;
        }
        expect(error, JSON.stringify(text)).toBeInstanceOf(DisallowedSpecialTokenError);
        const e = error as DisallowedSpecialTokenError;
        expect(e.code).toBe('DISALLOWED_SPECIAL_TOKEN');
        expect(e.token).toBe(t);
        expect(e.index).toBe(text.indexOf(t));
        expect(e.message).toContain(t);
      }
      expect(() => enc.count(`a${t}`)).toThrow(DisallowedSpecialTokenError);
    }
    // Same decision as tiktoken (a fresh instance per call: see tiktokenThrows).
    expect(tiktokenThrows(name, `a${specials[0]}b`)).toBe(true);
    expect(tiktokenThrows(name, 'a<|endoftext|b')).toBe(false);
    expect(() => enc.encode('a<|endoftext|b')).not.toThrow();
  });

  it("allowedSpecial 'all' and lists: ids equal tiktoken's", () => {
    for (const t of specials) {
      for (const text of texts(t)) {
        const check = (opts: EncodeOptions, theirs: Uint32Array): void => {
          const ours = enc.encode(text, opts);
          expect(firstDifference(ours, theirs), `${JSON.stringify(text)} ${JSON.stringify(opts)}: [${ours.join()}] vs [${theirs.join()}]`).toBe(-1);
          expect(enc.count(text, opts)).toBe(ours.length);
        };
        check({ allowedSpecial: 'all' }, tiktoken(name).encode(text, 'all'));
        check({ allowedSpecial: [t] }, tiktoken(name).encode(text, [t]));
        check({ allowedSpecial: new Set([t]) }, tiktoken(name).encode(text, [t]));
        check({ disallowedSpecial: [] }, tiktoken(name).encode(text, [], []));
        check({ allowedSpecial: [], disallowedSpecial: [] }, tiktoken(name).encode_ordinary(text));
        expect(ids(enc.encodeOrdinary(text))).toEqual(ids(tiktoken(name).encode_ordinary(text)));
        expect(ids(enc.encode(text, { allowedSpecial: 'all' }))).toContain(enc.specialTokens[t]);
        expect(ids(enc.encode(text, { disallowedSpecial: [] }))).not.toContain(enc.specialTokens[t]);
      }
    }
  });

  it('many special tokens of several kinds, interleaved with text: ids equal tiktoken\'s', () => {
    // Each kind recurs, and some kinds stop occurring early: the search for the next occurrence of
    // each kind must resume where it left off, and give up on a kind once it is exhausted.
    const parts: string[] = [];
    for (let i = 0; i < 300; i++) parts.push(`line ${i} `, specials[i % specials.length], i % 7 === 0 ? ' \n' : '');
    parts.push(specials[0], ' tail without specials '.repeat(20));
    const text = parts.join('');
    for (const opts of [{ allowedSpecial: 'all' as const }, { allowedSpecial: [specials[0]], disallowedSpecial: [] }]) {
      const theirs = opts.allowedSpecial === 'all' ? tiktoken(name).encode(text, 'all') : tiktoken(name).encode(text, [specials[0]], []);
      const ours = enc.encode(text, opts);
      expect(firstDifference(ours, theirs), JSON.stringify(opts)).toBe(-1);
      expect(enc.count(text, opts)).toBe(theirs.length);
    }
  });

  it.skipIf(specials.length < 2)('a list allows only its tokens: the others still throw, or are text when not disallowed', () => {
    const [a, b] = specials;
    const text = `x${a}y${b}z`;
    expect(() => enc.encode(text, { allowedSpecial: [a] })).toThrow(expect.objectContaining({ token: b, index: text.indexOf(b) }));
    const ours = enc.encode(text, { allowedSpecial: [a], disallowedSpecial: [] });
    expect(ids(ours)).toEqual(ids(tiktoken(name).encode(text, [a], [])));
    // Disallowing only `b`: `a` is then ordinary text, `b` still throws.
    expect(ids(enc.encode(`x${a}y`, { disallowedSpecial: [b] }))).toEqual(ids(tiktoken(name).encode(`x${a}y`, [], [b])));
    expect(() => enc.encode(text, { disallowedSpecial: [b] })).toThrow(DisallowedSpecialTokenError);
  });

  it('invalid options throw InvalidOptionError naming the option', () => {
    const bad: Array<[EncodeOptions, string]> = [
      [{ allowedSpecial: ['<|not_a_token|>'] }, 'allowedSpecial'],
      [{ disallowedSpecial: ['<|not_a_token|>'] }, 'disallowedSpecial'],
      [{ allowedSpecial: '<|endoftext|>' as unknown as 'all' }, 'allowedSpecial'],
    ];
    for (const [opts, option] of bad) {
      expect(() => enc.encode('hello', opts)).toThrow(InvalidOptionError);
      expect(() => enc.encode('hello', opts)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option }));
    }
  });
});
