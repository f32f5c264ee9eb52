/**
 * GloVe's vocabulary, as vocab_count builds it: every word (newlines are not words) seen at least
 * minCount times, by descending count, equal counts in byte order — C's strcmp on `char`, which is
 * signed on x86, so bytes >= 0x80 (non-ASCII) sort before ASCII. Words are GloVe ids 1..V in that order.
 *
 * With maxVocab, vocab_count first sorts without a tie-break (glibc's qsort over its hash-table order:
 * effectively random among equal counts) and cuts; we cut the fully ordered list instead, so which
 * words of the boundary count survive may differ from GloVe's (the order of those kept does not).
 */
import { EmptyCorpusError, EmptyVocabularyError } from '../errors.js';
import type { CorpusCounts } from '../corpus/count-corpus.js';
import { WordTable } from '../corpus/word-table.js';

export interface GloveVocab {
  /** words[r] is GloVe id r + 1. */
  words: string[];
  counts: Float64Array;
  /** Byte-level lookup of the kept words: table id = GloVe id - 1. */
  table: WordTable;
  /** GloVe id (1-based) of each counting-table id, 0 for a dropped word or `</s>`. */
  remap: Int32Array;
}

export function buildGloveVocab(c: CorpusCounts, minCount: number, maxVocab: number): GloveVocab {
  const distinct = c.table.size - 1; // id 0 is `</s>`
  if (c.total - c.counts[0]! === 0) throw new EmptyCorpusError(c.source);
  const { pool, offsets } = c.table.toData();
  const order: number[] = [];
  for (let id = 1; id < c.table.size; id++) if (c.counts[id]! >= minCount) order.push(id);
  order.sort((a, b) => c.counts[b]! - c.counts[a]! || compareSignedBytes(pool, offsets[a]!, offsets[a + 1]!, offsets[b]!, offsets[b + 1]!));
  if (maxVocab > 0 && order.length > maxVocab) order.length = maxVocab;
  if (order.length === 0) throw new EmptyVocabularyError(c.source, distinct, minCount);
  const words = order.map((id) => c.table.word(id));
  const counts = new Float64Array(order.length);
  const remap = new Int32Array(c.table.size);
  order.forEach((id, r) => {
    counts[r] = c.counts[id]!;
    remap[id] = r + 1;
  });
  return { words, counts, table: WordTable.of(words), remap };
}

/** C's strcmp over `char` on x86 (signed): the first differing byte decides, as a signed value. */
function compareSignedBytes(pool: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): number {
  for (;;) {
    const x = a < aEnd ? (pool[a]! << 24) >> 24 : 0;
    const y = b < bEnd ? (pool[b]! << 24) >> 24 : 0;
    if (x !== y || x === 0) return x - y;
    a++;
    b++;
  }
}
