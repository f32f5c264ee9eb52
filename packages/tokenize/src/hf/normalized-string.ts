/**
 * A string under normalization that remembers, for every UTF-16 unit of the normalized text, the range
 * of the original text it came from — the basis of exact offsets (Rust tokenizers' NormalizedString,
 * with UTF-16 units where Rust uses bytes; a surrogate pair always moves as one).
 * CONTRACT (filled in by the normalizers work): the signatures below are used by tokenizer.ts.
 */
export class NormalizedString {
  constructor(original: string) {
    void original;
    throw new Error('TODO: NormalizedString');
  }
  /** The text this string started from (the slice of the input it covers). */
  get original(): string {
    throw new Error('TODO');
  }
  /** The text after normalization. */
  get normalized(): string {
    throw new Error('TODO');
  }
  /** Where `original` starts in the whole input (UTF-16). */
  get originalShift(): number {
    throw new Error('TODO');
  }
  /** The UTF-16 range of the whole input that the normalized range [start, end) came from. */
  originalRange(start: number, end: number): [number, number] {
    void start;
    void end;
    throw new Error('TODO');
  }
  /** The normalized range [start, end) as its own NormalizedString, keeping alignments and shift. */
  slice(start: number, end: number): NormalizedString {
    void start;
    void end;
    throw new Error('TODO');
  }
}
