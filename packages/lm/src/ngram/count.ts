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
import { TrieBuilder } from './trie-data.js';
import { BOS, EOS, NgramVocabulary } from './vocabulary.js';

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
  const interned = new Map<string, number>();
  const seen: string[] = [];
  const rawCount: number[] = [];
  const intern = (w: string, n: number): number => {
    let id = interned.get(w);
    if (id === undefined) {
      id = seen.length;
      interned.set(w, id);
      seen.push(w);
      rawCount.push(0);
    }
    rawCount[id] += n;
    return id;
  };
  const pads = order - 1;
  const bos = pads > 0 ? intern(BOS, 0) : -1;
  const eos = pads > 0 ? intern(EOS, 0) : -1;
  let buf = new Uint32Array(1 << 16);
  let len = 0;
  const ends: number[] = [];
  let s = 0;
  for (const sent of sentences) {
    if (sent == null || typeof sent === 'string' || typeof (sent as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new InvalidOptionError(`sentences[${s}]`, sent, 'an array of words (strings)');
    }
    const need = len + sent.length + 2 * pads;
    if (need > buf.length) {
      const grown = new Uint32Array(Math.max(need, buf.length * 2));
      grown.set(buf.subarray(0, len));
      buf = grown;
    }
    for (let p = 0; p < pads; p++) buf[len++] = bos;
    let i = 0;
    for (const w of sent) {
      if (typeof w !== 'string' || w.length === 0) throw new InvalidOptionError(`sentences[${s}][${i}]`, w, 'a non-empty string');
      buf[len++] = intern(w, 1);
      i++;
    }
    for (let p = 0; p < pads; p++) buf[len++] = eos;
    ends.push(len);
    s++;
  }
  if (s === 0) throw new EmptyTrainingDataError('sentences (no sentence given)');
  if (pads > 0) {
    rawCount[bos] += pads * s;
    rawCount[eos] += pads * s;
  }
  if (len === 0) throw new EmptyTrainingDataError(`sentences (${s} sentences, all empty)`);
  const raw = new Map<string, number>();
  for (let i = 0; i < seen.length; i++) raw.set(seen[i], rawCount[i]);
  const vocab = new NgramVocabulary(raw, unkCutoff, unkLabel);
  const remap = new Uint32Array(seen.length);
  for (let i = 0; i < seen.length; i++) remap[i] = vocab.lookup(seen[i]);
  for (let i = 0; i < len; i++) buf[i] = remap[buf[i]];
  const builder = new TrieBuilder(order, vocab.idCount);
  builder.addSentences(buf, ends, ends.length);
  return new NgramCounts(builder.finalize(), vocab);
}
