/**
 * What `Tokenizer.encode` returns: one entry per token in each array (Rust tokenizers' `Encoding`,
 * with the getters turned into plain fields).
 */
export interface Encoding {
  ids: number[];
  tokens: string[];
  /** [start, end) of each token in the input: UTF-16 units, or code points with `offsets: 'codepoint'`. */
  offsets: [number, number][];
  /** 1 for real tokens, 0 for padding. */
  attentionMask: number[];
  /** Segment of each token (0 for the first sequence, 1 for the pair in BERT-like templates). */
  typeIds: number[];
  /** 1 for tokens added by the post-processor or padding, 0 otherwise. */
  specialTokensMask: number[];
  /** Index of the pre-tokenized word each token comes from; null for special and padding tokens. */
  wordIds: (number | null)[];
  /** Which input sequence (0 or 1) each token comes from; null for special and padding tokens. */
  sequenceIds: (number | null)[];
  /** The parts cut off by truncation, each post-processed and padded like the main encoding. */
  overflowing: Encoding[];
}

/**
 * The Encoding handed to callers. Everything but `ids` and `wordIds` is built on first read: one
 * [start, end] array per token is the costliest part of a large encoding, and callers that only
 * want ids never pay for the tokens, masks and type ids either.
 */
export class EncodingResult implements Encoding {
  private _offsets: [number, number][] | null = null;
  private _sequenceIds: (number | null)[] | null = null;
  private _overflowing: Encoding[] | null = null;
  private _tokens: string[] | null = null;
  private _attentionMask: number[] | null = null;
  private _typeIds: number[] | null = null;
  private _specialTokensMask: number[] | null = null;

  constructor(
    readonly ids: number[],
    private readonly makeTokens: () => string[],
    private readonly makeAttentionMask: () => number[],
    private readonly makeTypeIds: () => number[],
    private readonly makeSpecialTokensMask: () => number[],
    readonly wordIds: (number | null)[],
    private readonly starts: readonly number[],
    private readonly ends: readonly number[],
    private readonly makeSequenceIds: () => (number | null)[],
    private readonly makeOverflowing: () => Encoding[],
  ) {}

  get tokens(): string[] {
    return (this._tokens ??= this.makeTokens());
  }

  get attentionMask(): number[] {
    return (this._attentionMask ??= this.makeAttentionMask());
  }

  get typeIds(): number[] {
    return (this._typeIds ??= this.makeTypeIds());
  }

  get specialTokensMask(): number[] {
    return (this._specialTokensMask ??= this.makeSpecialTokensMask());
  }

  get offsets(): [number, number][] {
    if (this._offsets === null) {
      const n = this.starts.length;
      const out: [number, number][] = [];
      for (let i = 0; i < n; i++) out.push([this.starts[i]!, this.ends[i]!]);
      this._offsets = out;
    }
    return this._offsets;
  }

  get sequenceIds(): (number | null)[] {
    return (this._sequenceIds ??= this.makeSequenceIds());
  }

  get overflowing(): Encoding[] {
    return (this._overflowing ??= this.makeOverflowing());
  }

  /** A plain object with every field (what JSON.stringify and test matchers see). */
  toJSON(): Encoding {
    return {
      ids: this.ids,
      tokens: this.tokens,
      offsets: this.offsets,
      attentionMask: this.attentionMask,
      typeIds: this.typeIds,
      specialTokensMask: this.specialTokensMask,
      wordIds: this.wordIds,
      sequenceIds: this.sequenceIds,
      overflowing: this.overflowing.map((o) => (o instanceof EncodingResult ? o.toJSON() : o)),
    };
  }

  /** console.log and util.inspect show every field, not the private lazy state. */
  [Symbol.for('nodejs.util.inspect.custom')](): Encoding {
    return this.toJSON();
  }
}

/** How offsets are counted: UTF-16 code units (JavaScript string indices) or Unicode code points. */
export type OffsetUnit = 'utf16' | 'codepoint';

/** Maps UTF-16 indices of `text` to code point indices (index text.length included). */
export function codePointIndex(text: string): Uint32Array {
  const map = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    // The low half of a surrogate pair maps to the same code point as its high half.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        map[++i] = cp;
      }
    }
    cp++;
  }
  map[text.length] = cp;
  return map;
}

/** Maps code point indices of `text` to UTF-16 indices (index of the end included). */
export function codePointToUnit(text: string): Uint32Array {
  const map = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; cp++) {
    map[cp] = i;
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  map[cp] = text.length;
  return map.subarray(0, cp + 1);
}

const SURROGATE = /[\uD800-\uDFFF]/;

export function hasSurrogate(text: string): boolean {
  return SURROGATE.test(text);
}
