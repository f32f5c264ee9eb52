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
import { WordIndex } from './word-index.js';

/** NLTK's default unknown label (`nltk.lm.Vocabulary(unk_label="<UNK>")`). */
export const DEFAULT_UNK_LABEL = '<UNK>';
/** The pads of NLTK's `pad_both_ends`. */
export const BOS = '<s>';
export const EOS = '</s>';

const SURROGATE = /[\uD800-\uDFFF]/;

/** Raw word counts already interned (`counts[id]` for `index.words[id]`): the counting path's input, no Map. */
export class IndexedWordCounts {
  constructor(
    readonly index: WordIndex,
    readonly counts: Float64Array,
  ) {}
}

export class NgramVocabulary {
  /** Words by id (code-point order): the words at or above the cutoff and the unknown label. */
  readonly words: readonly string[];
  /** The id every out-of-vocabulary word maps to. */
  readonly unkId: number;
  /** NLTK's `len(vocab)` (see the file comment). */
  readonly size: number;
  /** Every raw word (then the unknown label, if not one of them); its id or -1 below the cutoff. */
  private readonly index: WordIndex;
  private readonly ids: Int32Array;
  private readonly rawSize: number;
  private readonly raw: Float64Array;

  /**
   * @param rawCounts every word seen and its count (pads included, as NLTK's vocabulary text has them)
   * @param unkCutoff words with counts below it map to `unkLabel` (NLTK's `unk_cutoff`, >= 1)
   */
  constructor(
    rawCounts: ReadonlyMap<string, number> | IndexedWordCounts,
    readonly unkCutoff: number,
    readonly unkLabel: string = DEFAULT_UNK_LABEL,
  ) {
    let index: WordIndex;
    let raw: Float64Array;
    if (rawCounts instanceof IndexedWordCounts) {
      index = rawCounts.index;
      raw = rawCounts.counts;
    } else {
      index = new WordIndex(rawCounts.size);
      raw = new Float64Array(rawCounts.size);
      for (const [w, c] of rawCounts) raw[index.add(w)] = c;
    }
    const rawSize = index.size;
    this.rawSize = rawSize;
    this.raw = raw;
    const kept: string[] = [];
    const all = index.words;
    for (let r = 0; r < rawSize; r++) if (raw[r] >= unkCutoff && all[r] !== unkLabel) kept.push(all[r]);
    const unkSeen = index.get(unkLabel) >= 0;
    // `<UNK>` in the text is iterated once as a counted item and once as the label (NLTK's __iter__).
    this.size = kept.length + (unkSeen ? 1 : 0) + (rawSize > 0 ? 1 : 0);
    kept.push(unkLabel);
    // UTF-16 order is code-point order unless a word has a surrogate pair; the plain sort is ~5× faster.
    if (kept.some((w) => SURROGATE.test(w))) kept.sort(compareCodePoints);
    else kept.sort();
    this.words = Object.freeze(kept);
    index.add(unkLabel); // after the raw words, when not one of them
    const ids = new Int32Array(index.size).fill(-1);
    for (let i = 0; i < kept.length; i++) ids[index.get(kept[i])] = i;
    this.index = index;
    this.ids = ids;
    this.unkId = ids[index.get(unkLabel)];
  }

  /** Number of ids (in-vocabulary words plus the unknown label). */
  get idCount(): number {
    return this.words.length;
  }

  /** The id of `word`: its own when in the vocabulary, else `unkId` (NLTK's `lookup`). */
  lookup(word: string): number {
    if (typeof word !== 'string') return this.unkId;
    const r = this.index.get(word);
    if (r < 0) return this.unkId;
    const id = this.ids[r];
    return id < 0 ? this.unkId : id;
  }

  /** The id of `word` without mapping it to the unknown label: undefined when it is out of the vocabulary. */
  idOf(word: string): number | undefined {
    if (typeof word !== 'string') return undefined;
    const r = this.index.get(word);
    const id = r < 0 ? -1 : this.ids[r];
    return id < 0 ? undefined : id;
  }

  /** Whether `word` is in the vocabulary (NLTK's `word in vocab`; the unknown label always is). */
  has(word: string): boolean {
    return this.idOf(word) !== undefined;
  }

  /** NLTK's `vocab[word]`: the raw count, or the cutoff for the unknown label. */
  rawCount(word: string): number {
    if (word === this.unkLabel) return this.unkCutoff;
    if (typeof word !== 'string') return 0;
    const r = this.index.get(word);
    return r >= 0 && r < this.rawSize ? this.raw[r] : 0;
  }

  /** Every word seen with its raw count, in first-seen order. */
  *rawCounts(): IterableIterator<[string, number]> {
    const words = this.index.words;
    for (let r = 0; r < this.rawSize; r++) yield [words[r], this.raw[r]];
  }

  /** The id of each raw word of `counts` given to the constructor as `IndexedWordCounts` (OOV → `unkId`). */
  rawIdMap(): Uint32Array {
    const out = new Uint32Array(this.rawSize);
    for (let r = 0; r < this.rawSize; r++) out[r] = this.ids[r] < 0 ? this.unkId : this.ids[r];
    return out;
  }
}
