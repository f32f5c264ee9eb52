/**
 * `MknCounts`: the n-gram counts lmplz's modified Kneser–Ney starts from (lm/builder/corpus_count.cc and
 * adjust_counts.cc). Each sentence is `<s> w1 … wn </s>`; for every position the suffixes ending there
 * are counted up to the model order, stopping at (and including) `<s>`. Highest-order n-grams and
 * n-grams starting with `<s>` keep raw counts; every other lower-order n-gram gets its adjusted count,
 * the number of distinct words seen to its left. Vocabulary ids are lmplz's: `<unk>` 0, `<s>` 1,
 * `</s>` 2, then words in order of first appearance.
 */
import { CorpusError, OrderError } from '../errors.js';
import { GrowableTable } from './growable-table.js';
import { pairHash } from './pair-hash.js';
import { FNV, VocabIndex } from './vocab-index.js';

export const BOS_ID = 1;
export const EOS_ID = 2;

export class MknCounts {
  /** Words are hashed while each line is scanned and looked up without cutting them out (`VocabIndex`). */
  private readonly vocab = new VocabIndex();
  /** Adjusted counts of the unigrams, by word id. */
  unigramCounts = new Float64Array(1024);
  /** `tables[m - 2]`: the m-grams for m = 2..order. */
  readonly tables: GrowableTable[] = [];
  sentences = 0;
  tokens = 0;
  private sentence = new Uint32Array(256);

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
    // At most 2M entries up front (~70 MB a table): a big corpus grows its tables as before.
    const initial = Math.max(1 << 12, Math.min(Number.isFinite(expectedTokens) ? Math.floor(expectedTokens) : 0, 1 << 21));
    for (let m = 2; m <= order; m++) this.tables.push(new GrowableTable(initial, this.tables[m - 3]));
  }

  /** Words by id: `<unk>`, `<s>`, `</s>`, then first appearance. */
  get words(): readonly string[] {
    return this.vocab.words;
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
        if (id < 0) {
          id = vocab.add(text.slice(start, i));
          if (id >= this.unigramCounts.length) {
            const grown = new Float64Array(this.unigramCounts.length * 2);
            grown.set(this.unigramCounts);
            this.unigramCounts = grown;
          }
        } else if (id <= EOS_ID) {
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
    this.countSentence(ids, n);
    this.sentences++;
    this.tokens += n - 2;
  }

  /** Counts the suffixes ending at each position of `ids[0..n)` (ids[0] is `<s>`). */
  private countSentence(ids: Uint32Array, n: number): void {
    const order = this.order;
    const tables = this.tables;
    const uni = this.unigramCounts;
    if (order === 1) {
      // Unigrams are the highest order: raw counts.
      for (let i = 1; i < n; i++) uni[ids[i]]++;
      return;
    }
    for (let i = 1; i < n; i++) {
      let node = ids[i];
      // The words-hash of the growing n-gram (see GrowableTable): each probe's address from the ids alone.
      let hash = node;
      for (let k = 1; k < order && i - k >= 0; k++) {
        const left = ids[i - k];
        const t = tables[k - 1];
        hash = pairHash(hash, left);
        const e = t.findOrInsertHashed(hash, node, left);
        // A new (k+1)-gram is one more distinct left word for its suffix (adjusted counts).
        if (t.isNew) {
          if (k === 1) uni[node]++;
          else tables[k - 2].count[node]++;
        }
        if (k + 1 === order || left === BOS_ID) t.count[e]++;
        if (left === BOS_ID) break;
        node = e;
      }
    }
  }
}
