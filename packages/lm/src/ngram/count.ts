/**
 * In-memory counting: sentences (arrays of words) → `NgramCounts`. One pass interns the words and keeps
 * the padded text as a Uint32Array of temporary ids; the vocabulary (with its cutoff) is then fixed, the
 * ids remapped, and the n-grams counted. Equals NLTK's
 * `vocab_text, ngrams = padded_everygram_pipeline(n, sents)`; `Vocabulary(vocab_text, unk_cutoff)`;
 * `NgramCounter(vocab.lookup(s) for s in ngrams)`.
 */
import { EmptyTrainingDataError, InvalidOptionError } from '../errors.js';
import { NgramCounts } from './ngram-counts.js';
import { type CountOptions, resolveCountOptions } from './options.js';
import { countBucketed } from './bucket-count.js';
import { BOS, EOS, IndexedWordCounts, NgramVocabulary } from './vocabulary.js';
import { WordIndex } from './word-index.js';

/**
 * Counts the n-grams of orders 1..`order` in `sentences`, each padded with order-1 `<s>` and `</s>`.
 * @example
 * const c = countNgrams([['a', 'b'], ['a', 'c']], { order: 2 });
 * c.count(['a', 'b']); // 1
 * c.countOf('<s>');    // 2
 */
export function countNgrams(sentences: Iterable<readonly string[]>, options: CountOptions): NgramCounts {
  const { order, unkCutoff, unkLabel } = resolveCountOptions(options);
  if (typeof sentences === 'string' || sentences == null || typeof (sentences as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new InvalidOptionError('sentences', sentences, 'an iterable of sentences (arrays of words)');
  }
  // One typed-array hash (no Map, no closure) interns each token; the raw counts are a histogram of the ids.
  const index = new WordIndex(1 << 14);
  const pads = order - 1;
  const bos = pads > 0 ? index.add(BOS) : -1;
  const eos = pads > 0 ? index.add(EOS) : -1;
  let buf = new Uint32Array(1 << 16);
  let len = 0;
  let ends = new Uint32Array(1 << 12);
  let s = 0;
  for (const sentence of sentences) {
    if (sentence == null || typeof sentence === 'string' || typeof (sentence as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new InvalidOptionError(`sentences[${s}]`, sentence, 'an array of words (strings)');
    }
    const sent: readonly string[] = Array.isArray(sentence) ? sentence : Array.from(sentence);
    const n = sent.length;
    const need = len + n + 2 * pads;
    if (need > buf.length) {
      const grown = new Uint32Array(Math.max(need, buf.length * 2));
      grown.set(buf.subarray(0, len));
      buf = grown;
    }
    if (s === ends.length) {
      const grown = new Uint32Array(s * 2);
      grown.set(ends);
      ends = grown;
    }
    for (let p = 0; p < pads; p++) buf[len++] = bos;
    len = internWords(sent, s, index, buf, len);
    for (let p = 0; p < pads; p++) buf[len++] = eos;
    ends[s++] = len;
  }
  if (s === 0) throw new EmptyTrainingDataError('sentences (no sentence given)');
  if (len === 0) throw new EmptyTrainingDataError(`sentences (${s} sentences, all empty)`);
  const raw = new Float64Array(index.size);
  for (let i = 0; i < len; i++) raw[buf[i]]++;
  const vocab = new NgramVocabulary(new IndexedWordCounts(index, raw), unkCutoff, unkLabel);
  const remap = vocab.rawIdMap();
  for (let i = 0; i < len; i++) buf[i] = remap[buf[i]];
  return new NgramCounts(countBucketed(buf, ends, s, order, vocab.idCount), vocab);
}

/** Writes the ids of `sent`'s words at `buf[len..]`; a small function so that it is optimized after a few sentences. */
function internWords(sent: readonly string[], s: number, index: WordIndex, buf: Uint32Array, len: number): number {
  for (let i = 0; i < sent.length; i++) {
    const w = sent[i];
    if (typeof w !== 'string' || w.length === 0) throw new InvalidOptionError(`sentences[${s}][${i}]`, w, 'a non-empty string');
    buf[len++] = index.add(w);
  }
  return len;
}
