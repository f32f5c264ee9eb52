/**
 * Decoding and the vocabulary against the real tiktoken: every token's bytes (`tokenBytes`,
 * `decodeBytes`) equal tiktoken's, ids with no token (gaps, out of range) throw `InvalidTokenIdError`
 * with the id and its position, `nVocab` is tiktoken's max token id + 1, `decode` replaces invalid
 * UTF-8 like tiktoken's `errors="replace"`, and unknown encoding names list the known ones.
 */
import { get_encoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import { getEncoding, InvalidTokenIdError, UnknownNameError, type EncodingName } from '../../src/index.js';
import { ENCODING_NAMES, tiktoken } from './oracle.js';

/** tiktoken's id → bytes for every ordinary token, from its own `token_byte_values` and `encode_single_token`. */
function tiktokenVocabulary(name: EncodingName): Map<number, Uint8Array> {
  const tk = tiktoken(name);
  const vocab = new Map<number, Uint8Array>();
  for (const values of tk.token_byte_values()) {
    const bytes = new Uint8Array(values);
    vocab.set(tk.encode_single_token(bytes), bytes);
  }
  return vocab;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Decodes like tiktoken's Python `decode` (UTF-8 with replacement, a leading U+FEFF kept). */
const replacing = new TextDecoder('utf-8', { ignoreBOM: true });

describe.each(ENCODING_NAMES.map((n) => [n]))('%s', (name) => {
  const enc = getEncoding(name);

  it("every id: tokenBytes equals tiktoken's bytes, or throws InvalidTokenIdError where tiktoken has no token", () => {
    const vocab = tiktokenVocabulary(name);
    for (const [t, id] of Object.entries(enc.specialTokens)) vocab.set(id, new TextEncoder().encode(t));
    let maxId = 0;
    for (const id of vocab.keys()) maxId = Math.max(maxId, id);
    expect(enc.nVocab, 'nVocab = max id + 1').toBe(maxId + 1);
    const wrong: number[] = [];
    const missing: number[] = [];
    for (let id = 0; id < enc.nVocab + 3; id++) {
      const theirs = vocab.get(id);
      if (theirs) {
        if (!sameBytes(enc.tokenBytes(id), theirs)) wrong.push(id);
      } else {
        try {
          enc.tokenBytes(id);
          missing.push(id);
        } catch (e) {
          if (!(e instanceof InvalidTokenIdError && e.id === id)) throw e;
        }
      }
    }
    expect(wrong, 'ids whose bytes differ from tiktoken').toEqual([]);
    expect(missing, 'ids tiktoken has no token for').toEqual([]);
  });

  it("tokenBytes of special tokens equals tiktoken's decode_single_token_bytes", () => {
    for (const id of Object.values(enc.specialTokens)) {
      expect(Array.from(enc.tokenBytes(id))).toEqual(Array.from(tiktoken(name).decode_single_token_bytes(id)));
    }
  });

  it("decodeBytes and decode of random id sequences equal tiktoken's decode", () => {
    const valid = [...tiktokenVocabulary(name).keys(), ...Object.values(enc.specialTokens)];
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let round = 0; round < 50; round++) {
      const seq = Uint32Array.from({ length: 1 + Math.floor(next() * 200) }, () => valid[Math.floor(next() * valid.length)]);
      const theirs = tiktoken(name).decode(seq);
      expect(sameBytes(enc.decodeBytes(seq), theirs)).toBe(true);
      expect(enc.decode(seq)).toBe(replacing.decode(theirs));
      expect(enc.decode(Array.from(seq))).toBe(replacing.decode(theirs));
    }
  });

  it('decode replaces invalid UTF-8 (a token that is half a character) with U+FFFD', () => {
    // Every byte-level vocabulary has a token for the lone lead byte 0xF0 (first of a 4-byte character).
    const half = Uint32Array.of(tiktoken(name).encode_single_token(Uint8Array.of(0xf0)));
    expect(enc.decode(half)).toBe(replacing.decode(tiktoken(name).decode(half)));
    expect(enc.decode(half)).toContain('\ufffd');
    expect(enc.decode(enc.encode('\ufeffx'))).toBe('\ufeffx');
  });

  it('invalid ids throw InvalidTokenIdError with the id and its position', () => {
    const bad = [enc.nVocab, enc.nVocab + 1000, -1, 1.5, Number.NaN, 2 ** 32];
    for (const id of bad) {
      for (const [seq, position] of [
        [[id], 0],
        [[0, 1, id, 2], 2],
      ] as const) {
        let error: unknown;
        try {
          enc.decode(seq);
        } catch (e) {
          error = e;
        }
        expect(error, `id ${id}`).toBeInstanceOf(InvalidTokenIdError);
        expect(error).toMatchObject({ code: 'INVALID_TOKEN_ID', position, encoding: name });
        expect(Object.is((error as InvalidTokenIdError).id, id)).toBe(true);
        expect(() => enc.decodeBytes(seq)).toThrow(InvalidTokenIdError);
      }
    }
  });
});

describe('gaps in cl100k_base', () => {
  it.each([[100256], [100261], [100275]])('id %i: tiktoken has no token, we throw InvalidTokenIdError', (id) => {
    const enc = getEncoding('cl100k_base');
    const tk = get_encoding('cl100k_base'); // its own instance: after throwing it cannot be freed
    expect(() => tk.decode_single_token_bytes(id)).toThrow();
    expect(() => enc.decode([15339, id])).toThrow(expect.objectContaining({ code: 'INVALID_TOKEN_ID', id, position: 1 }));
    expect(() => enc.tokenBytes(id)).toThrow(InvalidTokenIdError);
  });
});

describe('getEncoding', () => {
  it('returns one shared instance per name, with tiktoken names', () => {
    for (const name of ENCODING_NAMES) {
      expect(getEncoding(name)).toBe(getEncoding(name));
      expect(getEncoding(name).name).toBe(name);
    }
  });

  it('an unknown name throws UnknownNameError listing the known encodings', () => {
    for (const bad of ['cl100k', 'o200k_harmony', '', 'CL100K_BASE']) {
      let error: unknown;
      try {
        getEncoding(bad as EncodingName);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnknownNameError);
      expect(error).toMatchObject({ code: 'UNKNOWN_NAME', kind: 'encoding', value: bad, known: [...ENCODING_NAMES] });
      for (const known of ENCODING_NAMES) expect((error as Error).message).toContain(known);
    }
  });
});
