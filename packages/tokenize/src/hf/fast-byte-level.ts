/**
 * A shortcut through the byte-level pipelines of GPT-2-like and Llama 3-like files: a ByteLevel
 * pre-tokenizer (GPT-2 regex) or a Split on Llama 3's regex followed by a ByteLevel without regex,
 * neither adding a prefix space, before a BPE model without dropout.
 *
 * For a split whose alignments are still the identity (no normalizer changed its length) this does
 * what the pre-tokenizer, the model and the offset conversion would do, without a NormalizedString,
 * match tuple or byte-level string per piece: the scanner finds the pieces, and each piece's tokens,
 * with offsets relative to the piece in the split's units, come from a cache keyed by the piece's
 * text (computed on a miss by the model on the piece's byte-level form, offsets mapped back from
 * bytes to characters exactly as the byte-level alignments would map them).
 * Results are deterministic, so the cache only changes speed; the tests compare both paths with Rust.
 */
import { BYTE_TO_CHAR } from './byte-level.js';
import { BPE } from './models/bpe.js';
import { TokenCache } from './models/token-cache.js';
import { ByteLevelPreTokenizer } from './pre-tokenizers/byte-level.js';
import { LLAMA3_PATTERN, gpt2PieceEnd, llama3PieceEnd } from './pre-tokenizers/piece-scanners.js';
import { SequencePreTokenizer } from './pre-tokenizers/sequence.js';
import { SplitPreTokenizer } from './pre-tokenizers/split.js';
import type { Model, PreTokenizer } from './stages.js';
import { TokenBuffer } from './token-buffer.js';

/** The end of the piece starting at `p` (< s.length). */
export type PieceScanner = (s: string, p: number) => number;

/** Pieces cached; the cache is emptied when it holds this many. */
const CACHE_CAPACITY = 50_000;

const wholeText: PieceScanner = (s) => s.length;

/** The scanner equivalent to `pre` (for the pipelines this shortcut knows), or null. */
export function byteLevelScanner(pre: PreTokenizer | null): PieceScanner | null {
  if (pre instanceof ByteLevelPreTokenizer) {
    if (pre.addPrefixSpace) return null;
    return pre.useRegex ? gpt2PieceEnd : wholeText;
  }
  if (pre instanceof SequencePreTokenizer && pre.preTokenizers.length === 2) {
    const [split, byteLevel] = pre.preTokenizers;
    if (
      split instanceof SplitPreTokenizer &&
      split.pattern.kind === 'regex' &&
      split.pattern.source === LLAMA3_PATTERN &&
      split.behavior === 'Isolated' &&
      !split.invert &&
      byteLevel instanceof ByteLevelPreTokenizer &&
      !byteLevel.addPrefixSpace &&
      !byteLevel.useRegex
    ) {
      return llama3PieceEnd;
    }
  }
  return null;
}

export class FastByteLevel {
  private readonly cache = new TokenCache(CACHE_CAPACITY);
  private readonly buffer = new TokenBuffer(64);
  /** For each byte-level unit of a non-ASCII piece: start and end of its character in the piece. */
  private unitStart = new Int32Array(256);
  private unitEnd = new Int32Array(256);

  private constructor(
    readonly scan: PieceScanner,
    private readonly model: Model,
  ) {}

  /** The shortcut for these stages, or null when they are not a pipeline it reproduces. */
  static create(pre: PreTokenizer | null, model: Model): FastByteLevel | null {
    const scan = byteLevelScanner(pre);
    if (scan === null || !(model instanceof BPE) || (model.dropout !== null && model.dropout !== 0)) return null;
    return new FastByteLevel(scan, model);
  }

  /**
   * Appends the tokens of the piece `text[start, end)` of a split with identity alignments to `out`,
   * with offsets in the whole input (`shift` is where the split starts in it).
   */
  tokenizePiece(text: string, start: number, end: number, shift: number, out: TokenBuffer): void {
    const base = shift + start;
    if (this.cache.getRange(text, start, end, base, out) >= 0) return;
    const first = out.length;
    this.compute(text.slice(start, end), base, out);
    this.cache.setRange(text, start, end, 0, out, first, out.length, base);
  }

  /** Appends the piece's tokens to `out`, offsets plus `base`. */
  private compute(piece: string, base: number, out: TokenBuffer): void {
    let ascii = true;
    for (let i = 0; i < piece.length; i++) {
      if (piece.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    const buf = this.buffer;
    buf.clear();
    if (ascii) {
      // One byte-level character per character: the offsets stay as they are.
      let bytes = '';
      for (let i = 0; i < piece.length; i++) bytes += BYTE_TO_CHAR[piece.charCodeAt(i)]!;
      this.model.tokenize(bytes, buf);
      for (let t = 0; t < buf.length; t++) out.push(buf.ids[t]!, base + buf.starts[t]!, base + buf.ends[t]!);
      return;
    }
    const bytes = this.toBytes(piece);
    this.model.tokenize(bytes, buf);
    const us = this.unitStart;
    const ue = this.unitEnd;
    for (let t = 0; t < buf.length; t++) {
      const s = buf.starts[t]!;
      const e = buf.ends[t]!;
      // NormalizedString.originalRange on the byte-level alignments.
      if (s === e) out.push(buf.ids[t]!, base + s, base + e);
      else if (s > e || e > bytes.length) out.push(buf.ids[t]!, s, e);
      else out.push(buf.ids[t]!, base + us[s]!, base + ue[e - 1]!);
    }
  }

  /** The byte-level form of `piece`, filling unitStart/unitEnd (what `toByteLevel` aligns). */
  private toBytes(piece: string): string {
    let out = '';
    let u = 0;
    for (let i = 0; i < piece.length; ) {
      const c = piece.charCodeAt(i);
      let len = 1;
      let cp = c;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < piece.length) {
        const d = piece.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          len = 2;
          cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        }
      }
      if (u + 4 > this.unitStart.length) this.growUnits();
      // UTF-8 of the code point (a lone surrogate is written as U+FFFD, as TextEncoder does).
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
      if (cp < 0x80) {
        out += BYTE_TO_CHAR[cp]!;
        this.setUnits(u++, i, i + len);
      } else if (cp < 0x800) {
        out += BYTE_TO_CHAR[0xc0 | (cp >> 6)]! + BYTE_TO_CHAR[0x80 | (cp & 0x3f)]!;
        this.setUnits(u++, i, i + len);
        this.setUnits(u++, i, i + len);
      } else if (cp < 0x10000) {
        out += BYTE_TO_CHAR[0xe0 | (cp >> 12)]! + BYTE_TO_CHAR[0x80 | ((cp >> 6) & 0x3f)]! + BYTE_TO_CHAR[0x80 | (cp & 0x3f)]!;
        for (let k = 0; k < 3; k++) this.setUnits(u++, i, i + len);
      } else {
        out +=
          BYTE_TO_CHAR[0xf0 | (cp >> 18)]! +
          BYTE_TO_CHAR[0x80 | ((cp >> 12) & 0x3f)]! +
          BYTE_TO_CHAR[0x80 | ((cp >> 6) & 0x3f)]! +
          BYTE_TO_CHAR[0x80 | (cp & 0x3f)]!;
        for (let k = 0; k < 4; k++) this.setUnits(u++, i, i + len);
      }
      i += len;
    }
    return out;
  }

  private setUnits(u: number, start: number, end: number): void {
    this.unitStart[u] = start;
    this.unitEnd[u] = end;
  }

  private growUnits(): void {
    const n = this.unitStart.length * 2;
    const s = new Int32Array(n);
    const e = new Int32Array(n);
    s.set(this.unitStart);
    e.set(this.unitEnd);
    this.unitStart = s;
    this.unitEnd = e;
  }
}
