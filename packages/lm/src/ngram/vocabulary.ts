/**
 * The n-gram vocabulary with NLTK's `Vocabulary(counts, unk_cutoff, unk_label)` semantics:
 * - raw counts are kept for every word seen (pads included), whatever the cutoff;
 * - a word is in the vocabulary when its count >= `unkCutoff`; others are looked up as the unknown label;
 * - `size` is NLTK's `len(vocab)`: the words at or above the cutoff plus one for the unknown label. NLTK's
 *   quirk is kept: if the text itself contains the unknown label (`<UNK>`), it is counted twice.
 *
 * Ids: the in-vocabulary words and the unknown label get ids 0..V-1 in code-point order (Python's string
 * order), so an id order is NLTK's `sorted(...)` order, which `generate` samples in. That order (and NLTK's
 * cutoff and `len`) is why this is not @nlpkit/tokenize's `Vocab` (ids by count, specials first), the toolkit's
 * shared vocabulary type; `toVocab` / `fromVocab` convert between the two (counts kept, ids re-ordered).
 */
import { Vocab, VocabCounter } from '@nlpkit/tokenize/vocab';
import { InvalidOptionError } from '../errors.js';
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

/**
 * Raw word counts from text bytes (`countNgramsFromBytes`): `words[id]`, `counts[id]`, the ids already in
 * code-point order (`sorted`, from the bytes), and a lookup of a raw word's id (-1: not seen). The vocabulary
 * then neither sorts strings nor hashes them until a word is looked up as a string.
 */
export class SortedWordCounts {
  constructor(
    readonly words: string[],
    readonly counts: Float64Array,
    readonly sorted: Uint32Array,
    readonly find: (word: string) => number,
  ) {}
}

export class NgramVocabulary {
  /** Words by id (code-point order): the words at or above the cutoff and the unknown label. */
  readonly words: readonly string[];
  /** The id every out-of-vocabulary word maps to. */
  readonly unkId: number;
  /** NLTK's `len(vocab)` (see the file comment). */
  readonly size: number;
  /** Every raw word (then the unknown label, if not one of them) by raw id, and its id or -1 below the cutoff. */
  private readonly rawWords: string[];
  private readonly ids: Int32Array;
  private readonly rawSize: number;
  private readonly raw: Float64Array;
  /** Raw word → raw id; built on the first string lookup when the counts came as `SortedWordCounts`. */
  private indexCache: WordIndex | undefined;

  /**
   * @param rawCounts every word seen and its count (pads included, as NLTK's vocabulary text has them)
   * @param unkCutoff words with counts below it map to `unkLabel` (NLTK's `unk_cutoff`, >= 1)
   */
  constructor(
    rawCounts: ReadonlyMap<string, number> | IndexedWordCounts | SortedWordCounts,
    readonly unkCutoff: number,
    readonly unkLabel: string = DEFAULT_UNK_LABEL,
  ) {
    if (rawCounts instanceof SortedWordCounts) {
      const rawSize = rawCounts.words.length;
      this.rawSize = rawSize;
      this.raw = rawCounts.counts;
      const seen = rawCounts.find(unkLabel);
      const unkRaw = seen >= 0 ? seen : rawSize;
      this.rawWords = seen >= 0 ? rawCounts.words : [...rawCounts.words, unkLabel];
      const raw = rawCounts.counts;
      const kept: number[] = [];
      let unkPlaced = false;
      for (const r of rawCounts.sorted) {
        if (r === unkRaw || raw[r] < unkCutoff) continue;
        if (!unkPlaced && compareCodePoints(unkLabel, this.rawWords[r]) < 0) {
          kept.push(unkRaw);
          unkPlaced = true;
        }
        kept.push(r);
      }
      if (!unkPlaced) kept.push(unkRaw);
      this.size = kept.length - 1 + (seen >= 0 ? 1 : 0) + (rawSize > 0 ? 1 : 0);
      this.ids = new Int32Array(this.rawWords.length).fill(-1);
      const words = new Array<string>(kept.length);
      for (let i = 0; i < kept.length; i++) {
        words[i] = this.rawWords[kept[i]];
        this.ids[kept[i]] = i;
      }
      this.words = Object.freeze(words);
      this.unkId = this.ids[unkRaw];
      return;
    }
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
    const all = index.words;
    const unkSeen = index.get(unkLabel) >= 0;
    const unkRaw = index.add(unkLabel); // after the raw words, when not one of them
    // Raw ids of the vocabulary, then sorted by their words.
    const keptRaw: number[] = [];
    for (let r = 0; r < rawSize; r++) if (raw[r] >= unkCutoff && r !== unkRaw) keptRaw.push(r);
    // `<UNK>` in the text is iterated once as a counted item and once as the label (NLTK's __iter__).
    this.size = keptRaw.length + (unkSeen ? 1 : 0) + (rawSize > 0 ? 1 : 0);
    keptRaw.push(unkRaw);
    const order = sortByWord(keptRaw, all);
    const kept = new Array<string>(order.length);
    const ids = new Int32Array(index.size).fill(-1);
    for (let i = 0; i < order.length; i++) {
      kept[i] = all[order[i]];
      ids[order[i]] = i;
    }
    this.words = Object.freeze(kept);
    this.indexCache = index;
    this.rawWords = index.words;
    this.ids = ids;
    this.unkId = ids[index.get(unkLabel)];
  }

  private get index(): WordIndex {
    if (this.indexCache === undefined) {
      const index = new WordIndex(this.rawWords.length);
      for (const w of this.rawWords) index.add(w);
      this.indexCache = index;
    }
    return this.indexCache;
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
    const words = this.rawWords;
    for (let r = 0; r < this.rawSize; r++) yield [words[r], this.raw[r]];
  }

  /**
   * This vocabulary as @nlpkit/tokenize's `Vocab` (save/load as text or JSON, encode/decode, shared with embed):
   * every raw word with its count, those below the cutoff left out (`minCount`), the unknown label first as its
   * one special, the rest by count then code point. Its ids are `Vocab`'s, not these.
   */
  toVocab(): Vocab {
    const counter = new VocabCounter();
    for (let r = 0; r < this.rawSize; r++) if (this.raw[r] > 0) counter.add(this.rawWords[r], this.raw[r]);
    return Vocab.fromCounter(counter, { minCount: this.unkCutoff, specials: [this.unkLabel], tieBreak: 'codepoint' });
  }

  /**
   * An NLTK vocabulary over the words and counts of a `Vocab` (@nlpkit/tokenize), with NLTK's `unk_cutoff`:
   * `Vocabulary(counts, unk_cutoff, unk_label)` for those counts. The `Vocab`'s specials are words like any
   * other when counted, and left out when their count is 0.
   * @example NgramVocabulary.fromVocab(await Vocab.load('vocab.txt'), 2)
   */
  static fromVocab(vocab: Vocab, unkCutoff = 1, unkLabel: string = DEFAULT_UNK_LABEL): NgramVocabulary {
    if (!(vocab instanceof Vocab)) throw new InvalidOptionError('vocab', vocab, "a Vocab of @nlpkit/tokenize");
    if (!Number.isSafeInteger(unkCutoff) || unkCutoff < 1) throw new InvalidOptionError('unkCutoff', unkCutoff, 'an integer >= 1');
    if (typeof unkLabel !== 'string') throw new InvalidOptionError('unkLabel', unkLabel, 'a string');
    const counts = new Map<string, number>();
    for (const token of vocab.tokens) {
      const n = vocab.countOf(token);
      if (n > 0) counts.set(token, n);
    }
    return new NgramVocabulary(counts, unkCutoff, unkLabel);
  }

  /** The id of each raw word of `counts` given to the constructor as `IndexedWordCounts` (OOV → `unkId`). */
  rawIdMap(): Uint32Array {
    const out = new Uint32Array(this.rawSize);
    for (let r = 0; r < this.rawSize; r++) out[r] = this.ids[r] < 0 ? this.unkId : this.ids[r];
    return out;
  }
}

/**
 * The raw ids `rawIds` ordered by their words `words[id]` in code-point order (Python's string order).
 * UTF-16 order equals it unless a word has a surrogate pair (then a comparator sort). Otherwise an MSD
 * radix sort, two code units per level (an LSD radix sort of 32-bit keys), each group of equal units
 * sorted by the next two. A comparator sort of Brown's 56k words took
 * 45–75 ms (a fifth of a bigram count); see BENCHMARKS.md for the count now.
 */
function sortByWord(rawIds: readonly number[], words: readonly string[]): number[] {
  let surrogates = false;
  for (let i = 0; i < rawIds.length && !surrogates; i++) surrogates = SURROGATE.test(words[rawIds[i]]);
  if (surrogates) return [...rawIds].sort((a, b) => compareCodePoints(words[a], words[b]));
  return sortLevel([...rawIds], words, 0);
}

function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts `ids` (whose words agree on their first `depth` code units) by their words. */
function sortLevel(ids: number[], words: readonly string[], depth: number): number[] {
  const n = ids.length;
  // Small groups, and words that differ only past many equal units (or by trailing U+0000s), by comparison.
  if (n <= 24 || depth >= 32) return ids.sort((a, b) => compareUnits(words[a], words[b]));
  let keys = new Uint32Array(n);
  let pos = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const w = words[ids[i]];
    // A missing unit counts as 0: a word that ends here sorts before the longer ones.
    const c0 = w.length > depth ? w.charCodeAt(depth) : 0;
    const c1 = w.length > depth + 1 ? w.charCodeAt(depth + 1) : 0;
    keys[i] = ((c0 << 16) | c1) >>> 0;
    pos[i] = i;
  }
  // LSD radix sort of the 32-bit keys, 8 bits a pass (stable; a pass whose byte is constant is skipped).
  let keys2 = new Uint32Array(n);
  let pos2 = new Uint32Array(n);
  const count = new Int32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(keys[i] >>> shift) & 255]++;
    if (count[(keys[0] >>> shift) & 255] === n) continue;
    for (let b = 0, sum = 0; b < 256; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = count[(keys[i] >>> shift) & 255]++;
      keys2[at] = keys[i];
      pos2[at] = pos[i];
    }
    [keys, keys2] = [keys2, keys];
    [pos, pos2] = [pos2, pos];
  }
  const out = new Array<number>(n);
  for (let i = 0; i < n; ) {
    const units = keys[i];
    let j = i + 1;
    while (j < n && keys[j] === units) j++;
    if (j - i === 1) out[i] = ids[pos[i]];
    else {
      const group = new Array<number>(j - i);
      for (let k = i; k < j; k++) group[k - i] = ids[pos[k]];
      const sorted = sortLevel(group, words, depth + 2);
      for (let k = i; k < j; k++) out[k] = sorted[k - i];
    }
    i = j;
  }
  return out;
}
