/**
 * `FastTextDictionary`: fastText's vocabulary as its `.bin` stores it — entries (words, then labels) with
 * their counts and types, the corpus token count — plus every word's subword rows (its own id, then its
 * n-gram rows: fastText's `getSubwords`), flattened into two typed arrays for the trainer.
 */
import type { FastTextArgs } from './args.js';
import { IntList, pushSubwordRows } from './subwords.js';

export const ENTRY_WORD = 0;
export const ENTRY_LABEL = 1;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export interface DictionaryEntries {
  /** Each entry's bytes (no NUL), words first then labels. */
  bytes: readonly Uint8Array[];
  /** Counts (fastText int64; exact below 2^53). */
  counts: ArrayLike<number>;
  /** ENTRY_WORD or ENTRY_LABEL per entry. */
  types: ArrayLike<number>;
  /** Corpus tokens counted when the dictionary was built (fastText `ntokens_`). */
  ntokens: number;
}

export class FastTextDictionary {
  /** Entries as strings (invalid UTF-8 shown as U+FFFD). */
  readonly words: readonly string[];
  readonly bytes: readonly Uint8Array[];
  readonly counts: Float64Array;
  readonly types: Uint8Array;
  readonly nwords: number;
  readonly nlabels: number;
  readonly ntokens: number;
  /** `subwordRows.subarray(subwordStart[i], subwordStart[i + 1])`: entry i's rows, its own id first. */
  readonly subwordStart: Uint32Array;
  readonly subwordRows: Int32Array;
  private readonly ids = new Map<string, number>();

  constructor(
    entries: DictionaryEntries,
    private readonly args: Pick<FastTextArgs, 'minn' | 'maxn' | 'bucket'>,
  ) {
    const size = entries.bytes.length;
    this.bytes = entries.bytes;
    this.words = entries.bytes.map((b) => decoder.decode(b));
    this.counts = Float64Array.from(entries.counts);
    this.types = Uint8Array.from(entries.types);
    let nwords = 0;
    while (nwords < size && this.types[nwords] === ENTRY_WORD) nwords++;
    this.nwords = nwords;
    this.nlabels = size - nwords;
    this.ntokens = entries.ntokens;
    for (let i = 0; i < size; i++) if (!this.ids.has(this.words[i])) this.ids.set(this.words[i], i);
    // initNgrams: every entry (labels too, as fastText) gets its id then its n-gram rows.
    const rows = new IntList();
    this.subwordStart = new Uint32Array(size + 1);
    for (let i = 0; i < size; i++) {
      rows.push(i);
      pushSubwordRows(this.bytes[i], args.minn, args.maxn, args.bucket, nwords, rows);
      this.subwordStart[i + 1] = rows.length;
    }
    this.subwordRows = rows.toArray();
  }

  get size(): number {
    return this.bytes.length;
  }

  /** The entry id of `word`, or -1. */
  id(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  /**
   * The input rows fastText averages for `word` (`Dictionary::getSubwords`): for a known word its id and
   * n-grams; for an unknown word only its n-grams (none for `</s>`).
   */
  subwords(word: string): Int32Array {
    const id = this.id(word);
    if (id >= 0) return this.subwordRows.subarray(this.subwordStart[id], this.subwordStart[id + 1]);
    const rows: number[] = [];
    pushSubwordRows(encoder.encode(word), this.args.minn, this.args.maxn, this.args.bucket, this.nwords, rows);
    return Int32Array.from(rows);
  }
}
