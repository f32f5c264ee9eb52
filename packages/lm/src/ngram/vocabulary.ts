/**
 * The n-gram vocabulary with NLTK's `Vocabulary(counts, unk_cutoff, unk_label)` semantics:
 * - raw counts are kept for every word seen (pads included), whatever the cutoff;
 * - a word is in the vocabulary when its count >= `unkCutoff`; others are looked up as the unknown label;
 * - `size` is NLTK's `len(vocab)`: the words at or above the cutoff plus one for the unknown label. NLTK's
 *   quirk is kept: if the text itself contains the unknown label (`<UNK>`), it is counted twice.
 *
 * Ids: the in-vocabulary words and the unknown label get ids 0..V-1 in code-point order (Python's string
 * order), so an id order is NLTK's `sorted(...)` order, which `generate` samples in.
 */
import { compareCodePoints } from './codepoint.js';

/** NLTK's default unknown label (`nltk.lm.Vocabulary(unk_label="<UNK>")`). */
export const DEFAULT_UNK_LABEL = '<UNK>';
/** The pads of NLTK's `pad_both_ends`. */
export const BOS = '<s>';
export const EOS = '</s>';

const SURROGATE = /[\uD800-\uDFFF]/;

export class NgramVocabulary {
  /** Words by id (code-point order): the words at or above the cutoff and the unknown label. */
  readonly words: readonly string[];
  /** The id every out-of-vocabulary word maps to. */
  readonly unkId: number;
  /** NLTK's `len(vocab)` (see the file comment). */
  readonly size: number;
  private readonly ids = new Map<string, number>();
  private readonly raw: ReadonlyMap<string, number>;

  /**
   * @param rawCounts every word seen and its count (pads included, as NLTK's vocabulary text has them)
   * @param unkCutoff words with counts below it map to `unkLabel` (NLTK's `unk_cutoff`, >= 1)
   */
  constructor(
    rawCounts: ReadonlyMap<string, number>,
    readonly unkCutoff: number,
    readonly unkLabel: string = DEFAULT_UNK_LABEL,
  ) {
    this.raw = rawCounts;
    const kept: string[] = [];
    for (const [w, c] of rawCounts) if (w !== unkLabel && c >= unkCutoff) kept.push(w);
    // `<UNK>` in the text is iterated once as a counted item and once as the label (NLTK's __iter__).
    this.size = kept.length + (rawCounts.has(unkLabel) ? 1 : 0) + (rawCounts.size > 0 ? 1 : 0);
    kept.push(unkLabel);
    // UTF-16 order is code-point order unless a word has a surrogate pair; the plain sort is ~5× faster.
    if (kept.some((w) => SURROGATE.test(w))) kept.sort(compareCodePoints);
    else kept.sort();
    this.words = Object.freeze(kept);
    kept.forEach((w, i) => this.ids.set(w, i));
    this.unkId = this.ids.get(unkLabel)!;
  }

  /** Number of ids (in-vocabulary words plus the unknown label). */
  get idCount(): number {
    return this.words.length;
  }

  /** The id of `word`: its own when in the vocabulary, else `unkId` (NLTK's `lookup`). */
  lookup(word: string): number {
    return this.ids.get(word) ?? this.unkId;
  }

  /** The id of `word` without mapping it to the unknown label: undefined when it is out of the vocabulary. */
  idOf(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** Whether `word` is in the vocabulary (NLTK's `word in vocab`; the unknown label always is). */
  has(word: string): boolean {
    return this.ids.has(word);
  }

  /** NLTK's `vocab[word]`: the raw count, or the cutoff for the unknown label. */
  rawCount(word: string): number {
    return word === this.unkLabel ? this.unkCutoff : (this.raw.get(word) ?? 0);
  }

  /** Every word seen with its raw count, in first-seen order. */
  rawCounts(): IterableIterator<[string, number]> {
    return this.raw.entries();
  }
}
