import { NgramTable } from './ngram-table.js';
import { WordTable } from './word-table.js';

/**
 * The working memory of the statistics loops, shared by all calls (one thread, and the loops call no
 * user code): many small calls, such as sentence-level scores, then allocate nothing. Count arrays
 * are zeroed by their users before use (not after), so an exception leaves nothing to clean up.
 */
export interface Workspace {
  words: WordTable;
  ngrams: NgramTable;
  /** Item ids of one sentence (words or code points). */
  items: Int32Array;
  /** Per-position n-gram ids of the order being built (the prefixes of the next order). */
  prev: Int32Array;
  /** A copy of the hypothesis's item ids. */
  hyp: Int32Array;
  /** Counts per segment n-gram id. */
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;
  /** Per-segment n-gram ids (BLEU: the hypothesis's, order by order). */
  ids: Int32Array;
}

const ws: Workspace = {
  words: new WordTable(),
  ngrams: new NgramTable(),
  // sized so that typical corpora never take the growth paths (see counting/spans.ts)
  items: new Int32Array(4096),
  prev: new Int32Array(4096),
  hyp: new Int32Array(4096),
  a: new Int32Array(1 << 14),
  b: new Int32Array(1 << 14),
  c: new Int32Array(1 << 14),
  ids: new Int32Array(1 << 14),
};

/** The workspace, with `items`/`prev`/`hyp`/`ids` of at least `items` entries and counts of at least `ids`. */
export function workspace(items: number, ids: number): Workspace {
  if (ws.items.length < items) {
    ws.items = new Int32Array(2 * items);
    ws.prev = new Int32Array(2 * items);
    ws.hyp = new Int32Array(2 * items);
  }
  if (ws.ids.length < items) ws.ids = new Int32Array(2 * items);
  if (ws.a.length < ids) {
    ws.a = new Int32Array(2 * ids);
    ws.b = new Int32Array(2 * ids);
    ws.c = new Int32Array(2 * ids);
  }
  return ws;
}

