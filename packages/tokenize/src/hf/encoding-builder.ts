/**
 * The mutable encoding the tokenizer builds and the post-processors merge (Rust tokenizers' `Encoding`):
 * parallel arrays, one entry per token, plus the overflowing parts left by truncation and the token
 * range of each input sequence. Offsets live in two number arrays so no per-token tuple exists until
 * the final `Encoding` is handed out.
 */
import { EncodingResult, type Encoding } from './encoding.js';

export type Direction = 'left' | 'right';

/**
 * Added to the offsets of the second sequence while they are code points that still have to become
 * UTF-16 units: it tells, after merging, which text an offset belongs to (see Tokenizer.encode).
 */
export const PAIR_OFFSET_BIAS = 2 ** 30;

export class EncodingBuilder {
  ids: number[] = [];
  words: (number | null)[] = [];
  starts: number[] = [];
  ends: number[] = [];
  overflowing: EncodingBuilder[] = [];
  /** Sequence id → [start, end) token range; empty means "everything is sequence 0". */
  sequenceRanges = new Map<number, [number, number]>();

  // Built on first read (callers of `encodeIds`, and those who read only ids, never pay for them):
  // null until then, with what building them takes. Nothing changes an element of a builder's array
  // in place, so a maker may read the ids array as it was when the maker was set.
  private _tokens: string[] | null = [];
  private makeTokens: (() => string[]) | null = null;
  // Type ids and masks while not built: runs of one value, flat [value, count, value, count, …]
  // (a sequence is one run; merging lazy ones joins their runs).
  private _typeIds: number[] | null = [];
  private typeIdRuns: number[] = [];
  private _specialTokensMask: number[] | null = [];
  private specialTokensMaskRuns: number[] = [];
  private _attentionMask: number[] | null = [];
  private attentionMaskRuns: number[] = [];

  get tokens(): string[] {
    if (this._tokens === null) {
      this._tokens = this.makeTokens!();
      this.makeTokens = null;
    }
    return this._tokens;
  }
  set tokens(tokens: string[]) {
    this._tokens = tokens;
    this.makeTokens = null;
  }
  /** The tokens as they are now, built (once) when the returned function is first called. */
  private tokensThunk(): () => string[] {
    const tokens = this._tokens;
    if (tokens !== null) return () => tokens;
    const make = this.makeTokens!;
    let made: string[] | null = null;
    return () => (made ??= make());
  }

  /** Sets the tokens to what `make` returns, called on first read. */
  setTokensLazily(make: () => string[]): void {
    this._tokens = null;
    this.makeTokens = make;
  }

  get typeIds(): number[] {
    return (this._typeIds ??= fromRuns(this.typeIdRuns));
  }
  set typeIds(typeIds: number[]) {
    this._typeIds = typeIds;
  }
  get specialTokensMask(): number[] {
    return (this._specialTokensMask ??= fromRuns(this.specialTokensMaskRuns));
  }
  set specialTokensMask(mask: number[]) {
    this._specialTokensMask = mask;
  }
  get attentionMask(): number[] {
    return (this._attentionMask ??= fromRuns(this.attentionMaskRuns));
  }
  set attentionMask(mask: number[]) {
    this._attentionMask = mask;
  }

  /** Sets the masks to `special` and 1 for `n` tokens, built when first read. */
  private setMasksLazily(special: number, n: number): void {
    this._specialTokensMask = null;
    this.specialTokensMaskRuns = [special, n];
    this._attentionMask = null;
    this.attentionMaskRuns = [1, n];
  }

  get length(): number {
    return this.ids.length;
  }

  /** Appends one token. */
  push(id: number, token: string, start: number, end: number, word: number | null, typeId: number, special = 0): void {
    this.ids.push(id);
    this.tokens.push(token);
    this.starts.push(start);
    this.ends.push(end);
    this.words.push(word);
    this.typeIds.push(typeId);
    this.specialTokensMask.push(special);
    this.attentionMask.push(1);
  }

  /**
   * An encoding of `n` tokens of type `typeId` whose ids, offsets and words the caller fills in, and
   * whose tokens it sets (eagerly or lazily); type ids and masks are built when first read.
   */
  static allocate(n: number, typeId: number): EncodingBuilder {
    const e = new EncodingBuilder();
    e.ids = new Array<number>(n);
    e.starts = new Array<number>(n);
    e.ends = new Array<number>(n);
    e.words = new Array<number | null>(n);
    e.setTypeIds(typeId, n);
    e.setMasksLazily(0, n);
    return e;
  }

  /** An encoding made of special tokens only (what a template inserts): no words, offsets (0, 0). */
  static special(ids: readonly number[], tokens: readonly string[], typeId: number): EncodingBuilder {
    const e = new EncodingBuilder();
    const n = ids.length;
    e.ids = ids.slice();
    e.tokens = tokens.slice();
    e.starts = constantArray(n, 0);
    e.ends = constantArray(n, 0);
    e.words = constantArray<number | null>(n, null);
    e.setTypeIds(typeId, n);
    e.setMasksLazily(1, n);
    return e;
  }

  /** Marks the whole encoding as sequence `sequenceId`. */
  setSequenceId(sequenceId: number): void {
    this.sequenceRanges.set(sequenceId, [0, this.length]);
  }

  setTypeIds(typeId: number, n = this.length): void {
    this._typeIds = null;
    this.typeIdRuns = [typeId, n];
  }

  clone(): EncodingBuilder {
    const e = this.sliceOf(0, this.length);
    e.overflowing = this.overflowing.map((o) => o.clone());
    for (const [k, r] of this.sequenceRanges) e.sequenceRanges.set(k, [r[0], r[1]]);
    return e;
  }

  /** Tokens [start, stop) as a new encoding without overflowing or sequence ranges. */
  private sliceOf(start: number, stop: number): EncodingBuilder {
    const e = new EncodingBuilder();
    e.ids = this.ids.slice(start, stop);
    e.typeIds = this.typeIds.slice(start, stop);
    e.tokens = this.tokens.slice(start, stop);
    e.words = this.words.slice(start, stop);
    e.starts = this.starts.slice(start, stop);
    e.ends = this.ends.slice(start, stop);
    e.specialTokensMask = this.specialTokensMask.slice(start, stop);
    e.attentionMask = this.attentionMask.slice(start, stop);
    return e;
  }

  /**
   * Keeps at most `maxLength` tokens; the rest goes to `overflowing`, in windows of `maxLength`
   * that overlap by `stride` tokens (Rust's `Encoding::truncate`, which panics where we throw).
   */
  truncate(maxLength: number, stride: number, direction: Direction): void {
    const n = this.length;
    if (maxLength >= n) return;
    if (maxLength === 0) {
      const whole = this.cloneShallow();
      this.reset();
      this.overflowing.push(whole);
      return;
    }
    if (stride >= maxLength) {
      throw new RangeError(`stride (${stride}) must be strictly less than the truncation max length (${maxLength}, special tokens excluded)`);
    }
    this.sequenceRanges.clear();
    const step = maxLength - stride;
    const parts: [number, number][] = [];
    if (direction === 'right') {
      for (let start = 0; start < n; start += step) {
        const stop = Math.min(start + maxLength, n);
        parts.push([start, stop]);
        if (stop === n) break;
      }
    } else {
      for (let last = n - 1; last >= 0; last -= step) {
        const stop = last + 1;
        const start = Math.max(0, stop - maxLength);
        parts.push([start, stop]);
        if (start === 0) break;
      }
    }
    const first = this.sliceOf(parts[0]![0], parts[0]![1]);
    for (let i = 1; i < parts.length; i++) first.overflowing.push(this.sliceOf(parts[i]![0], parts[i]![1]));
    this.assign(first);
  }

  /** Appends `pair` (Rust's `merge_with`), combining the overflowing parts of both sides. */
  mergeWith(pair: EncodingBuilder, growingOffsets: boolean): void {
    if (this.length === 0 && this.overflowing.length === 0 && this.sequenceRanges.size === 0 && !growingOffsets) {
      // Merging into nothing: take the pair's arrays over (the pair is not used afterwards).
      this.assign(pair);
      return;
    }
    const overflowings: EncodingBuilder[] = [];
    for (const mine of this.overflowing) {
      const a = mine.clone();
      a.mergeWith(pair.clone(), growingOffsets);
      overflowings.push(a);
      for (const theirs of pair.overflowing) {
        const b = mine.clone();
        b.mergeWith(theirs.clone(), growingOffsets);
        overflowings.push(b);
      }
    }
    for (const theirs of pair.overflowing) {
      const c = this.clone();
      c.mergeWith(theirs.clone(), growingOffsets);
      overflowings.push(c);
    }
    const n = this.length;
    for (const [k, r] of pair.sequenceRanges) this.sequenceRanges.set(k, [n + r[0], n + r[1]]);
    const shift = growingOffsets && n > 0 ? this.ends[n - 1]! : 0;
    // New arrays (concat copies in one builtin): arrays may be shared with the builders merged.
    const tokensLeft = this.tokensThunk();
    const tokensRight = pair.tokensThunk();
    this.ids = this.ids.concat(pair.ids);
    if (this._typeIds === null && pair._typeIds === null) this.typeIdRuns = this.typeIdRuns.concat(pair.typeIdRuns);
    else this.typeIds = this.typeIds.concat(pair.typeIds);
    this.setTokensLazily(() => tokensLeft().concat(tokensRight()));
    this.words = this.words.concat(pair.words);
    if (shift === 0) {
      this.starts = this.starts.concat(pair.starts);
      this.ends = this.ends.concat(pair.ends);
    } else {
      const starts = this.starts.slice();
      const ends = this.ends.slice();
      for (let i = 0; i < pair.length; i++) {
        starts.push(pair.starts[i]! + shift);
        ends.push(pair.ends[i]! + shift);
      }
      this.starts = starts;
      this.ends = ends;
    }
    if (this._specialTokensMask === null && pair._specialTokensMask === null) {
      this.specialTokensMaskRuns = this.specialTokensMaskRuns.concat(pair.specialTokensMaskRuns);
    } else {
      this.specialTokensMask = this.specialTokensMask.concat(pair.specialTokensMask);
    }
    if (this._attentionMask === null && pair._attentionMask === null) {
      this.attentionMaskRuns = this.attentionMaskRuns.concat(pair.attentionMaskRuns);
    } else {
      this.attentionMask = this.attentionMask.concat(pair.attentionMask);
    }
    this.overflowing = overflowings;
  }

  static merge(encodings: readonly EncodingBuilder[], growingOffsets: boolean): EncodingBuilder {
    const out = new EncodingBuilder();
    for (const e of encodings) out.mergeWith(e, growingOffsets);
    return out;
  }

  /** Pads up to `targetLength` (overflowing parts too), like Rust's `Encoding::pad`. */
  pad(targetLength: number, padId: number, padTypeId: number, padToken: string, direction: Direction): void {
    for (const o of this.overflowing) o.pad(targetLength, padId, padTypeId, padToken, direction);
    const n = targetLength - this.length;
    if (n <= 0) return;
    const fill = <T>(arr: T[], v: T): T[] => {
      const padding = new Array<T>(n).fill(v);
      if (direction === 'right') {
        append(arr, padding);
        return arr;
      }
      return padding.concat(arr);
    };
    this.ids = fill(this.ids, padId);
    this.typeIds = fill(this.typeIds, padTypeId);
    this.tokens = fill(this.tokens, padToken);
    this.words = fill<number | null>(this.words, null);
    this.attentionMask = fill(this.attentionMask, 0);
    this.specialTokensMask = fill(this.specialTokensMask, 1);
    this.starts = fill(this.starts, 0);
    this.ends = fill(this.ends, 0);
    // Rust shifts the sequence ranges on left padding only.
    if (direction === 'left') for (const r of this.sequenceRanges.values()) (r[0] += n), (r[1] += n);
  }

  /** Rewrites every offset (overflowing parts included). */
  mapOffsets(fn: (offset: number) => number): void {
    for (let i = 0; i < this.length; i++) {
      this.starts[i] = fn(this.starts[i]!);
      this.ends[i] = fn(this.ends[i]!);
    }
    for (const o of this.overflowing) o.mapOffsets(fn);
  }

  /** Sequence id of each token (null for the tokens a template added). */
  sequenceIds(): (number | null)[] {
    const n = this.length;
    if (this.sequenceRanges.size === 0) return constantArray<number | null>(n, 0);
    const out = constantArray<number | null>(n, null);
    // Rust walks ids 0..n_sequences and falls back to the whole range for a missing id.
    for (let id = 0; id < this.sequenceRanges.size; id++) {
      const [s, e] = this.sequenceRanges.get(id) ?? [0, n];
      for (let i = s; i < e && i < n; i++) out[i] = id;
    }
    return out;
  }

  /** The finished, immutable-by-convention result handed to callers. */
  toEncoding(): Encoding {
    const overflowing = this.overflowing;
    return new EncodingResult(
      this.ids,
      () => this.tokens,
      () => this.attentionMask,
      () => this.typeIds,
      () => this.specialTokensMask,
      this.words,
      this.starts,
      this.ends,
      () => this.sequenceIds(),
      () => overflowing.map((o) => o.toEncoding()),
    );
  }

  private cloneShallow(): EncodingBuilder {
    const e = new EncodingBuilder();
    e.assign(this);
    return e;
  }

  private reset(): void {
    this.assign(new EncodingBuilder());
  }

  /** Takes over `o`'s state, lazy fields as they are. */
  private assign(o: EncodingBuilder): void {
    this.ids = o.ids;
    this._tokens = o._tokens;
    this.makeTokens = o.makeTokens;
    this._typeIds = o._typeIds;
    this.typeIdRuns = o.typeIdRuns;
    this._specialTokensMask = o._specialTokensMask;
    this.specialTokensMaskRuns = o.specialTokensMaskRuns;
    this._attentionMask = o._attentionMask;
    this.attentionMaskRuns = o.attentionMaskRuns;
    this.words = o.words;
    this.starts = o.starts;
    this.ends = o.ends;
    this.overflowing = o.overflowing;
    this.sequenceRanges = o.sequenceRanges;
  }
}

/** The array of flat [value, count, …] runs. */
function fromRuns(runs: readonly number[]): number[] {
  let n = 0;
  for (let k = 1; k < runs.length; k += 2) n += runs[k]!;
  const out = new Array<number>(n);
  for (let k = 0, at = 0; k < runs.length; k += 2) {
    out.fill(runs[k]!, at, at + runs[k + 1]!);
    at += runs[k + 1]!;
  }
  return out;
}

/** `n` copies of `v`. */
export function constantArray<T>(n: number, v: T): T[] {
  return new Array<T>(n).fill(v);
}

function append<T>(to: T[], from: readonly T[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i]!);
}
