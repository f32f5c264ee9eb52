/**
 * The ByteLevel post-processor: adds no tokens, only trims the offsets of tokens that start or end
 * with spaces (`Ġ` in byte-level tokens) so they point at the word itself.
 */
import { BYTE_TO_CHAR } from '../byte-level.js';
import { PAIR_OFFSET_BIAS, type EncodingBuilder } from '../encoding-builder.js';
import type { JsonReader } from '../json-reader.js';
import { isWhitespace } from '../normalized-string.js';
import type { JsonObject } from '../stages.js';
import { EncodingsProcessor } from './base.js';

export class ByteLevelProcessing extends EncodingsProcessor {
  constructor(
    readonly addPrefixSpace: boolean,
    readonly trimOffsets: boolean,
    readonly useRegex: boolean,
  ) {
    super();
  }

  static fromJSON(reader: JsonReader): ByteLevelProcessing {
    return new ByteLevelProcessing(reader.boolean('add_prefix_space'), reader.boolean('trim_offsets'), reader.boolean('use_regex', true));
  }

  addedTokens(): number {
    return 0;
  }

  processEncodings(encodings: EncodingBuilder[]): EncodingBuilder[] {
    if (this.trimOffsets) for (const e of encodings) trimOffsetsDeep(e, this.addPrefixSpace);
    encodings.forEach((e, i) => e.setSequenceId(i));
    return encodings;
  }

  toJSON(): JsonObject {
    return { type: 'ByteLevel', add_prefix_space: this.addPrefixSpace, trim_offsets: this.trimOffsets, use_regex: this.useRegex };
  }
}

const SPACE_CHAR = BYTE_TO_CHAR[0x20]!.charCodeAt(0);

/** Trims an encoding and its overflowing parts (Rust's `process_offsets`). */
export function trimOffsetsDeep(encoding: EncodingBuilder, addPrefixSpace: boolean): void {
  trimOffsets(encoding, addPrefixSpace);
  for (const o of encoding.overflowing) trimOffsets(o, addPrefixSpace);
}

/**
 * Moves each offset past the token's leading and trailing spaces (`Ġ` or whitespace), counting one
 * unit per character; a single leading space the pre-tokenizer added (first token, add_prefix_space)
 * is kept.
 */
function trimOffsets(e: EncodingBuilder, addPrefixSpace: boolean): void {
  for (let i = 0; i < e.length; i++) {
    const token = e.tokens[i]!;
    let leading = 0;
    while (leading < token.length && isSpaceLike(token.charCodeAt(leading))) leading++;
    if (leading === token.length) {
      // All spaces: Rust counts the same characters from both ends.
      trimBoth(e, i, leading, leading, addPrefixSpace);
      continue;
    }
    let trailing = 0;
    while (isSpaceLike(token.charCodeAt(token.length - 1 - trailing))) trailing++;
    if (leading > 0 || trailing > 0) trimBoth(e, i, leading, trailing, addPrefixSpace);
  }
}

function trimBoth(e: EncodingBuilder, i: number, leading: number, trailing: number, addPrefixSpace: boolean): void {
  if (leading > 0) {
    const isFirst = i === 0 || e.starts[i] === 0 || e.starts[i] === PAIR_OFFSET_BIAS;
    if (isFirst && addPrefixSpace && leading === 1) leading = 0;
    e.starts[i] = Math.min(e.starts[i]! + leading, e.ends[i]!);
  }
  if (trailing > 0 && e.ends[i]! >= trailing) e.ends[i] = Math.max(e.ends[i]! - trailing, e.starts[i]!);
}

/** `Ġ` or a Unicode whitespace character (Rust's `char::is_whitespace`). */
function isSpaceLike(c: number): boolean {
  return c === SPACE_CHAR || isWhitespace(c);
}
