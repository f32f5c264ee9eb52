/**
 * The list every tokenizer of the package appends its tokens to: token strings, plus their
 * offsets when the caller asked for them (`tokenize()` skips that work).
 *
 * Performance notes: offsets go into plain arrays of small integers and become typed arrays once,
 * at the end. Growing typed arrays instead cost a fresh ArrayBuffer per call, which for
 * paragraph-sized inputs took a third of the whitespace tokenizer's time (Node 20).
 */
import type { TokenSpans } from './types.js';

/** What `SpanBuilder.expandPlaceholders` asks for the tokens of each placeholder. */
export interface PlaceholderFiller {
  expand(placeholder: number, out: SpanBuilder): void;
}

export class SpanBuilder {
  readonly tokens: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** `withOffsets`: record offsets too (for `finish()`). */
  constructor(readonly withOffsets: boolean) {}

  get length(): number {
    return this.tokens.length;
  }

  /** Appends `token`, which covers `start`..`end` of the original text. */
  push(token: string, start: number, end: number): void {
    this.tokens.push(token);
    if (this.withOffsets) {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** Drops the entries from index `length` on (undoes pushes). */
  truncate(length: number): void {
    this.tokens.length = length;
    if (this.withOffsets) {
      this.starts.length = length;
      this.ends.length = length;
    }
  }

  /**
   * Replaces placeholder entries: the entries at indices `at` (increasing) are dropped and, in their
   * place, `filler.expand(i, this)` pushes the tokens of the i-th placeholder. Used by tokenizers
   * that settle some chunks of text only after the rest has been scanned.
   */
  expandPlaceholders(at: readonly number[], filler: PlaceholderFiller): void {
    const tokens = this.tokens.splice(0);
    const starts = this.starts.splice(0);
    const ends = this.ends.splice(0);
    let from = 0;
    for (let i = 0; i < at.length; i++) {
      for (let k = from; k < at[i]; k++) this.push(tokens[k], starts[k], ends[k]);
      filler.expand(i, this);
      from = at[i] + 1;
    }
    for (let k = from; k < tokens.length; k++) this.push(tokens[k], starts[k], ends[k]);
  }

  /** The spans collected so far (offsets empty unless `withOffsets`). */
  finish(): TokenSpans {
    return { tokens: this.tokens, starts: Uint32Array.from(this.starts), ends: Uint32Array.from(this.ends) };
  }
}

/**
 * A `PlaceholderFiller` over tokens already placed in the original text, in text order: placeholder k
 * gets the tokens that start before `chunkEnds[k]` and after those of the placeholders before it.
 * A token with a negative start covers no original text (Moses' placeholder `X`) and is dropped.
 */
export class SpanFeed implements PlaceholderFiller {
  private t = 0;
  constructor(
    private readonly tokens: readonly string[],
    private readonly starts: ArrayLike<number>,
    private readonly ends: ArrayLike<number>,
    private readonly chunkEnds: ArrayLike<number>,
  ) {}

  expand(placeholder: number, out: SpanBuilder): void {
    const end = this.chunkEnds[placeholder];
    for (; this.t < this.tokens.length && this.starts[this.t] < end; this.t++) {
      if (this.starts[this.t] >= 0) out.push(this.tokens[this.t], this.starts[this.t], this.ends[this.t]);
    }
  }
}
