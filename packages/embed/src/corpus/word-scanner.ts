/**
 * `WordScanner`: word2vec C's tokenizer on raw bytes. Words are split on space, tab and newline; a
 * newline is also a word of its own, `</s>` (the sentence end); carriage returns are dropped (so CRLF
 * files read like LF files). Chunks may cut words anywhere: the unfinished tail is carried over.
 * Every word reaches `sink(bytes, start, end)` as a byte range — nothing is decoded to a string.
 *
 * Two differences from word2vec C's ReadWord, both to drop nothing silently: words longer than 99
 * bytes are kept whole (C truncates them), and the last word of an input without a final newline is
 * kept (C's feof check drops it).
 */

export type WordSink = (bytes: Uint8Array, start: number, end: number) => void;

/** The bytes of `</s>`, the word a newline stands for. */
export const SENTENCE_END = new TextEncoder().encode('</s>');

const SPACE = 32;
const TAB = 9;
const NL = 10;
const CR = 13;

export class WordScanner {
  private carry = new Uint8Array(256);
  private carryLen = 0;

  constructor(private readonly sink: WordSink) {}

  /** Scans `chunk`; a word cut at its end is completed by the next push (or `flush`). */
  push(chunk: Uint8Array): void {
    const sink = this.sink;
    const n = chunk.length;
    let i = 0;
    if (this.carryLen > 0) {
      while (i < n && !isSeparator(chunk[i]!)) i++;
      this.append(chunk, 0, i);
      if (i === n) return;
      this.emitCarry();
    }
    let start = -1;
    let hasCr = false;
    for (; i < n; i++) {
      const c = chunk[i]!;
      if (c === SPACE || c === NL || c === TAB) {
        if (start >= 0) {
          if (hasCr) this.emitWithoutCr(chunk, start, i);
          else sink(chunk, start, i);
          start = -1;
          hasCr = false;
        }
        if (c === NL) sink(SENTENCE_END, 0, SENTENCE_END.length);
      } else if (start < 0) {
        start = i;
        if (c === CR) hasCr = true;
      } else if (c === CR) {
        hasCr = true;
      }
    }
    if (start >= 0) this.append(chunk, start, n);
  }

  /** Ends the input: a pending word is emitted. */
  flush(): void {
    if (this.carryLen > 0) this.emitCarry();
  }

  private append(chunk: Uint8Array, start: number, end: number): void {
    const need = this.carryLen + end - start;
    if (need > this.carry.length) {
      const grown = new Uint8Array(Math.max(need, this.carry.length * 2));
      grown.set(this.carry.subarray(0, this.carryLen));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(start, end), this.carryLen);
    this.carryLen = need;
  }

  private emitCarry(): void {
    const len = this.carryLen;
    this.carryLen = 0;
    this.emitWithoutCr(this.carry, 0, len);
  }

  /** Removes CRs in place (the range is scratch or about to be passed over) and emits what is left. */
  private emitWithoutCr(bytes: Uint8Array, start: number, end: number): void {
    let w = start;
    for (let r = start; r < end; r++) if (bytes[r] !== CR) bytes[w++] = bytes[r]!;
    if (w > start) this.sink(bytes, start, w);
  }
}

export function isSeparator(c: number): boolean {
  return c === SPACE || c === NL || c === TAB;
}
