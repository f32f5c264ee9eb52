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
  typeIds: number[] = [];
  tokens: string[] = [];
  words: (number | null)[] = [];
  starts: number[] = [];
  ends: number[] = [];
  specialTokensMask: number[] = [];
  attentionMask: number[] = [];
  overflowing: EncodingBuilder[] = [];
  /** Sequence id → [start, end) token range; empty means "everything is sequence 0". */
  sequenceRanges = new Map<number, [number, number]>();

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

  /** An encoding of `n` tokens of type `typeId` whose ids, tokens, offsets and words the caller fills in. */
  static allocate(n: number, typeId: number): EncodingBuilder {
    const e = new EncodingBuilder();
    e.ids = new Array<number>(n);
    e.tokens = new Array<string>(n);
    e.starts = new Array<number>(n);
    e.ends = new Array<number>(n);
    e.words = new Array<number | null>(n);
    e.typeIds = new Array<number>(n).fill(typeId);
    e.specialTokensMask = new Array<number>(n).fill(0);
    e.attentionMask = new Array<number>(n).fill(1);
    return e;
  }

  /** An encoding made of special tokens only (what a template inserts): no words, offsets (0, 0). */
  static special(ids: readonly number[], tokens: readonly string[], typeId: number): EncodingBuilder {
    const e = new EncodingBuilder();
    for (let i = 0; i < ids.length; i++) e.push(ids[i]!, tokens[i]!, 0, 0, null, typeId, 1);
    return e;
  }

  /** Marks the whole encoding as sequence `sequenceId`. */
  setSequenceId(sequenceId: number): void {
    this.sequenceRanges.set(sequenceId, [0, this.length]);
  }

  setTypeIds(typeId: number): void {
    this.typeIds = new Array<number>(this.length).fill(typeId);
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
    append(this.ids, pair.ids);
    append(this.typeIds, pair.typeIds);
    append(this.tokens, pair.tokens);
    append(this.words, pair.words);
    for (let i = 0; i < pair.length; i++) {
      this.starts.push(pair.starts[i]! + shift);
      this.ends.push(pair.ends[i]! + shift);
    }
    append(this.specialTokensMask, pair.specialTokensMask);
    append(this.attentionMask, pair.attentionMask);
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
    if (this.sequenceRanges.size === 0) return new Array<number | null>(n).fill(0);
    const out = new Array<number | null>(n).fill(null);
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
      this.tokens,
      this.attentionMask,
      this.typeIds,
      this.specialTokensMask,
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

  private assign(o: EncodingBuilder): void {
    this.ids = o.ids;
    this.typeIds = o.typeIds;
    this.tokens = o.tokens;
    this.words = o.words;
    this.starts = o.starts;
    this.ends = o.ends;
    this.specialTokensMask = o.specialTokensMask;
    this.attentionMask = o.attentionMask;
    this.overflowing = o.overflowing;
    this.sequenceRanges = o.sequenceRanges;
  }
}

function append<T>(to: T[], from: readonly T[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i]!);
}
