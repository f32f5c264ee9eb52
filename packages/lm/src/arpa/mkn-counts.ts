/**
 * `MknCounts`: the n-gram counts lmplz's modified Kneser–Ney starts from (lm/builder/corpus_count.cc and
 * adjust_counts.cc). Each sentence is `<s> w1 … wn </s>`; for every position the suffixes ending there
 * are counted up to the model order, stopping at (and including) `<s>`. Highest-order n-grams and
 * n-grams starting with `<s>` keep raw counts; every other lower-order n-gram gets its adjusted count,
 * the number of distinct words seen to its left. Vocabulary ids are lmplz's: `<unk>` 0, `<s>` 1,
 * `</s>` 2, then words in order of first appearance.
 *
 * Each order m ≥ 2 is kept as 16-byte records in insertion order (suffix entry, first word, count,
 * context entry; one cache line for a probe's comparison and the count it bumps) behind an
 * open-addressing index of (entry, hash) slots. The hash is of the n-gram's words (`pairHash` folded
 * leftwards from the last word), so every order's probe address comes from the word ids alone. Each
 * n-gram's context (its first m-1 words) is the (m-1)-gram that ended one position earlier, so it is
 * recorded on insertion instead of looked up afterwards (that lookup was a tenth of an order-5
 * training). Entries never move: growing rehashes the index only. The estimator reads the records in
 * place (`records`); `tables` is a copy per field for other callers.
 * (Tried, no faster: slots that are the entries, sorted into output order after counting — sorting
 * the sparse slots cost more than the estimator's sorts over dense arrays; and touching all of a
 * sentence's slots before probing, so the misses overlap. The probes' misses are most of counting.)
 */
import { CorpusError, OrderError } from '../errors.js';
import { pairHash } from './pair-hash.js';
import { FNV, VocabIndex } from './vocab-index.js';

export const BOS_ID = 1;
export const EOS_ID = 2;

/** The m-grams of one order (`MknCounts.tables`), in insertion order, as one array per field. */
export interface CountTable {
  readonly length: number;
  /** Index of the suffix (last m-1 words) in the order below (a word id for bigrams). */
  readonly suffix: Uint32Array;
  /** First word. */
  readonly left: Uint32Array;
  /** Index of the context (first m-1 words) in the order below (a word id for bigrams). */
  readonly context: Uint32Array;
  /** Raw count (highest order, n-grams starting with `<s>`) or adjusted count (the rest). */
  readonly count: Uint32Array;
}

/** Int32 fields of a counting record: suffix entry, first word, count (uint32), context entry. */
export const REC = 4;

/**
 * One order while counting: each entry one 16-byte record (`REC`), so a probe that matches reads one
 * line for the comparison and the count it bumps (the order below's adjusted count is in the record
 * the previous probe just read); behind an index of (entry + 1, hash) slots, at most half full.
 */
class CountHash {
  rec: Int32Array;
  /** Words-hash of each entry (`pairHash(hash of the suffix's words, first word)`; a unigram's is its id): for rehashing. */
  hashes: Int32Array;
  slots: Int32Array;
  mask: number;
  length = 0;

  constructor(initial: number) {
    let cap = 16;
    while (cap < initial) cap *= 2;
    this.rec = new Int32Array(cap * REC);
    this.hashes = new Int32Array(cap);
    this.slots = new Int32Array(cap * 4);
    this.mask = cap * 2 - 1;
  }

  /** Room for `more` entries: doubles the arrays and rehashes the index if needed. */
  reserve(more: number): void {
    let cap = this.hashes.length;
    if (this.length + more <= cap) return;
    while (cap < this.length + more) cap *= 2;
    const rec = new Int32Array(cap * REC);
    rec.set(this.rec);
    this.rec = rec;
    const hashes = new Int32Array(cap);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const slots = new Int32Array(cap * 4);
    const mask = cap * 2 - 1;
    for (let i = 0; i < this.length; i++) {
      const hash = hashes[i];
      let h = hash & mask;
      while (slots[2 * h] !== 0) h = (h + 1) & mask;
      slots[2 * h] = i + 1;
      slots[2 * h + 1] = hash;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** The entries as one array per field. */
  fields(): CountTable {
    const len = this.length;
    const t = { length: len, suffix: new Uint32Array(len), left: new Uint32Array(len), context: new Uint32Array(len), count: new Uint32Array(len) };
    const rec = this.rec;
    for (let e = 0; e < len; e++) {
      t.suffix[e] = rec[e * REC];
      t.left[e] = rec[e * REC + 1];
      t.count[e] = rec[e * REC + 2];
      t.context[e] = rec[e * REC + 3];
    }
    return t;
  }
}

/**
 * Word bytes → id for `addBytes` (the vocabulary grows as the text comes): FNV-1a over the UTF-8
 * bytes, open addressing, each slot (id + 1, hash, offset, length: one cache line) pointing into one
 * growing array of the words' bytes. Lines are never decoded: only a new word becomes a string.
 */
class ByteWords {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private slots = new Int32Array(4 * 4096);
  private mask = 4095;
  private count = 0;

  /** The id of `b[start..end)` whose FNV-1a hash is `hash` (int32), or -1. */
  find(b: Uint8Array, start: number, end: number, hash: number): number {
    const { slots, bytes, mask } = this;
    const len = end - start;
    for (let h = hash & mask; ; h = (h + 1) & mask) {
      const id = slots[4 * h] - 1;
      if (id < 0) return -1;
      if (slots[4 * h + 1] === hash && slots[4 * h + 3] === len) {
        const at = slots[4 * h + 2];
        let k = 0;
        while (k < len && bytes[at + k] === b[start + k]) k++;
        if (k === len) return id;
      }
    }
  }

  /** Maps the (absent) word `b[start..end)` to `id`. */
  add(b: Uint8Array, start: number, end: number, hash: number, id: number): void {
    const len = end - start;
    if (this.used + len > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + len));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    this.bytes.set(b.subarray(start, end), this.used);
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    this.place(hash, id, this.used, len);
    this.used += len;
    this.count++;
  }

  private place(hash: number, id: number, at: number, len: number): void {
    const { slots, mask } = this;
    let h = hash & mask;
    while (slots[4 * h] !== 0) h = (h + 1) & mask;
    slots[4 * h] = id + 1;
    slots[4 * h + 1] = hash;
    slots[4 * h + 2] = at;
    slots[4 * h + 3] = len;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = old.length / 2 - 1;
    for (let s = 0; s < old.length; s += 4) if (old[s] !== 0) this.place(old[s + 1], old[s] - 1, old[s + 2], old[s + 3]);
  }
}

export class MknCounts {
  /** Words are hashed while each line is scanned and looked up without cutting them out (`VocabIndex`). */
  private readonly vocab = new VocabIndex();
  /** Adjusted counts of the unigrams, by word id. */
  unigramCounts = new Float64Array(1024);
  /** `hashes[m - 2]`: the m-grams for m = 2..order while counting. */
  private readonly hashes: CountHash[] = [];
  /** `tables` as last made, and the sentence count then. */
  private fieldTables: CountTable[] = [];
  private fieldsAt = -1;
  sentences = 0;
  tokens = 0;
  private sentence = new Uint32Array(256);
  private readonly byteWords = new ByteWords();
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** Entries of the m-grams ending at the previous / current position (`[m - 2]`): the contexts of the next position's n-grams. */
  private prevChain: Uint32Array;
  private chain: Uint32Array;

  /**
   * @param expectedTokens roughly how many tokens will come (e.g. the input's bytes / 6), to size the
   *   tables once instead of doubling them from small (rehashing was ~8% of a Brown order-5 training);
   *   a wrong guess costs only memory or a few doublings.
   */
  constructor(
    readonly order: number,
    expectedTokens = 0,
  ) {
    if (!Number.isInteger(order) || order < 1 || order > 255) throw new OrderError(order, 255);
    for (const w of ['<unk>', '<s>', '</s>']) this.vocab.add(w);
    // At most 2M entries up front (~60 MB a table): a big corpus grows its tables.
    const initial = Math.max(1 << 12, Math.min(Number.isFinite(expectedTokens) ? Math.floor(expectedTokens) : 0, 1 << 21));
    for (let m = 2; m <= order; m++) this.hashes.push(new CountHash(initial));
    this.prevChain = new Uint32Array(order);
    this.chain = new Uint32Array(order);
  }

  /** `tables[m - 2]`: the m-grams for m = 2..order, in insertion order (made from the counting records when first read after new lines). */
  get tables(): readonly CountTable[] {
    if (this.fieldsAt !== this.sentences) {
      this.fieldTables = this.hashes.map((h) => h.fields());
      this.fieldsAt = this.sentences;
    }
    return this.fieldTables;
  }

  /**
   * The counting records of the m-grams (m = 2..order), four Int32s an entry: suffix entry, first word,
   * count (uint32: read it `>>> 0`), context entry. For the estimator, which reads them in place (no copies).
   */
  records(m: number): { readonly length: number; readonly rec: Int32Array } {
    return this.hashes[m - 2];
  }

  /** Words by id: `<unk>`, `<s>`, `</s>`, then first appearance. */
  get words(): readonly string[] {
    return this.vocab.words;
  }

  /** The word → id index of `words` (shared, not copied: the model's vocabulary is this one). */
  get vocabIndex(): VocabIndex {
    return this.vocab;
  }

  /**
   * Counts the lines of `b` (UTF-8; a line ends at "\n" or at the end of `b`, so pass pieces that end
   * at line ends, as `byteLineBatches` gives them), `firstLine` being the number of the first in
   * errors; returns how many lines there were. Words are looked up from the bytes (`ByteWords`), which
   * saves decoding the text and cutting it into line strings (a few hundredths of a second of an
   * order-3 count on Brown; the probes are the rest).
   */
  addBytes(b: Uint8Array, source = '<input>', firstLine = this.sentences + 1): number {
    let line = firstLine;
    for (let i = 0, len = b.length; i < len; ) {
      let end = b.indexOf(10, i);
      if (end < 0) end = len;
      this.addLineBytes(b, i, end, source, line++);
      i = end + 1;
    }
    return line - firstLine;
  }

  private addLineBytes(b: Uint8Array, from: number, to: number, source: string, line: number): void {
    const maxWords = ((to - from) >> 1) + 3;
    if (this.sentence.length < maxWords) this.sentence = new Uint32Array(maxWords * 2);
    const ids = this.sentence;
    const words = this.byteWords;
    let n = 0;
    ids[n++] = BOS_ID;
    let start = -1;
    let h = 0;
    for (let i = from; i <= to; i++) {
      const c = i < to ? b[i] : 32;
      if (c === 32 || c === 9 || c === 13 || c === 0) {
        if (start < 0) continue;
        let id = words.find(b, start, i, h);
        if (id < 0) id = this.newWord(b, start, i, h, source, line);
        ids[n++] = id;
        start = -1;
      } else if (start < 0) {
        start = i;
        h = Math.imul(FNV.offset ^ c, FNV.prime);
      } else h = Math.imul(h ^ c, FNV.prime);
    }
    ids[n++] = EOS_ID;
    this.countSentence(ids, n, source, line);
    this.sentences++;
    this.tokens += n - 2;
  }

  /** The id of a word `addBytes` has not seen as these bytes: decoded, then found or added by its text (invalid UTF-8 decodes as U+FFFD, as in `addLine`). */
  private newWord(b: Uint8Array, start: number, end: number, hash: number, source: string, line: number): number {
    const text = this.decoder.decode(b.subarray(start, end));
    if (text === '<s>' || text === '</s>' || text === '<unk>') throw new CorpusError(source, line, `the training text contains ${text}, which the model reserves; remove or rename it`);
    // Other bytes with the same text are only possible where decoding replaced invalid UTF-8.
    let id = text.includes('\ufffd') ? this.vocab.find(text) : -1;
    if (id < 0) id = this.addWord(text);
    this.byteWords.add(b, start, end, hash, id);
    return id;
  }

  /** Adds a new word to the vocabulary, growing the unigram counts to hold its id. */
  private addWord(text: string): number {
    const id = this.vocab.add(text);
    if (id >= this.unigramCounts.length) {
      const grown = new Float64Array(this.unigramCounts.length * 2);
      grown.set(this.unigramCounts);
      this.unigramCounts = grown;
    }
    return id;
  }

  /** Splits a line as lmplz does (on NUL, tab, newline, CR and space) and counts it; `source`/`line` name it in errors. */
  addLine(text: string, source = '<input>', line = this.sentences + 1): void {
    const maxWords = (text.length >> 1) + 3;
    if (this.sentence.length < maxWords) this.sentence = new Uint32Array(maxWords * 2);
    const ids = this.sentence;
    const vocab = this.vocab;
    let n = 0;
    ids[n++] = BOS_ID;
    let start = -1;
    let h = 0;
    for (let i = 0, len = text.length; i <= len; i++) {
      const c = i < len ? text.charCodeAt(i) : 32;
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0) {
        if (start < 0) continue;
        let id = vocab.findRange(text, start, i, h >>> 0);
        if (id < 0) id = this.addWord(text.slice(start, i));
        else if (id <= EOS_ID) {
          throw new CorpusError(source, line, `the training text contains ${vocab.words[id]}, which the model reserves; remove or rename it`);
        }
        ids[n++] = id;
        start = -1;
      } else if (start < 0) {
        start = i;
        h = Math.imul(FNV.offset ^ c, FNV.prime);
      } else h = Math.imul(h ^ c, FNV.prime);
    }
    ids[n++] = EOS_ID;
    this.countSentence(ids, n, source, line);
    this.sentences++;
    this.tokens += n - 2;
  }

  /** Counts the suffixes ending at each position of `ids[0..n)` (ids[0] is `<s>`). */
  private countSentence(ids: Uint32Array, n: number, source: string, line: number): void {
    const order = this.order;
    const uni = this.unigramCounts;
    if (order === 1) {
      // Unigrams are the highest order: raw counts.
      for (let i = 1; i < n; i++) uni[ids[i]]++;
      return;
    }
    const tables = this.hashes;
    // A sentence adds at most n - 1 entries per order: room first, so the loop below never grows.
    for (let k = 0; k < tables.length; k++) tables[k].reserve(n);
    let prev = this.prevChain;
    let cur = this.chain;
    for (let i = 1; i < n; i++) {
      let node = ids[i];
      let hash = node;
      for (let k = 1; k < order && i - k >= 0; k++) {
        const left = ids[i - k];
        const t = tables[k - 1];
        const { slots, mask, rec } = t;
        hash = pairHash(hash, left);
        let h = hash & mask;
        let e: number;
        for (;;) {
          e = slots[2 * h] - 1;
          if (e < 0) {
            // New: one more distinct left word for its suffix (adjusted counts), and its context is
            // the k-gram that ended at i - 1 (for bigrams the word itself).
            e = t.length++;
            slots[2 * h] = e + 1;
            slots[2 * h + 1] = hash;
            rec[e * REC] = node;
            rec[e * REC + 1] = left;
            rec[e * REC + 3] = k === 1 ? left : prev[k - 2];
            t.hashes[e] = hash;
            if (k === 1) uni[node]++;
            else tables[k - 2].rec[node * REC + 2]++;
            break;
          }
          if (slots[2 * h + 1] === hash && rec[e * REC] === node && rec[e * REC + 1] === left) break;
          h = (h + 1) & mask;
        }
        if (k + 1 === order || left === BOS_ID) {
          // Counts are uint32 in Int32 fields: -1 is the largest.
          if (rec[e * REC + 2] === -1) throw new CorpusError(source, line, `a ${k + 1}-gram occurs more than 2^32 - 1 times`);
          rec[e * REC + 2]++;
        }
        cur[k - 1] = e;
        if (left === BOS_ID) break;
        node = e;
      }
      const swap = prev;
      prev = cur;
      cur = swap;
    }
    this.prevChain = prev;
    this.chain = cur;
  }
}
