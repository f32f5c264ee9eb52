/**
 * The word2vec vocabulary: `</s>` first (always kept, as word2vec C keeps it), then the words seen at
 * least minCount times by descending count, equal counts in order of first occurrence (word2vec C's
 * qsort is glibc's merge sort, hence stable over its first-seen array). The ordering and cut-off are
 * @nlpkit/tokenize's `Vocab.fromCounter`, fed from our byte-level counts: counting itself stays on
 * bytes (`corpus/`), because a string and a Map lookup per token would cost more than the rest of
 * the vocabulary pass; only the distinct words become strings.
 */
import { Vocab, VocabCounter } from '@nlpkit/tokenize';
import { EmptyCorpusError, EmptyVocabularyError } from '../errors.js';
import type { CorpusCounts } from '../corpus/count-corpus.js';
import { WordTable } from '../corpus/word-table.js';

export const SENTENCE_END = '</s>';

export interface Word2VecVocab {
  /** Words by id: `</s>` at 0, then by descending count. */
  words: string[];
  counts: Float64Array;
  /** Sum of counts: the words a training epoch sees (word2vec C's train_words). */
  trainWords: number;
  /** Byte-level lookup of the kept words, by final id. */
  table: WordTable;
  /** Final id of each counting-table id, or -1 for a dropped word. */
  remap: Int32Array;
}

export function buildVocab(c: CorpusCounts, minCount: number, maxVocabSize: number): Word2VecVocab {
  const rawWords = c.table.words();
  if (c.total - c.counts[0]! === 0) throw new EmptyCorpusError(c.source);
  const counter = new VocabCounter();
  for (let i = 1; i < rawWords.length; i++) counter.add(rawWords[i]!, c.counts[i]!);
  if (c.counts[0]! > 0) counter.add(SENTENCE_END, c.counts[0]!);
  const vocab = Vocab.fromCounter(counter, {
    specials: [SENTENCE_END],
    minCount,
    maxSize: maxVocabSize > 0 ? maxVocabSize : Infinity,
    tieBreak: 'first-seen',
  });
  if (vocab.size <= 1) throw new EmptyVocabularyError(c.source, rawWords.length - 1, minCount);
  const words = vocab.tokens.slice();
  const counts = new Float64Array(words.length);
  let trainWords = 0;
  for (let i = 0; i < words.length; i++) {
    counts[i] = vocab.countOf(words[i]!);
    trainWords += counts[i]!;
  }
  const remap = new Int32Array(rawWords.length);
  for (let i = 0; i < rawWords.length; i++) remap[i] = vocab.idOf(rawWords[i]!) ?? -1;
  return { words, counts, trainWords, table: WordTable.of(words), remap };
}
