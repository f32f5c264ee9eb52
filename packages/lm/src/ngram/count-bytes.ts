/**
 * Counting from UTF-8 text in memory (a file's bytes): one scan hashes each token's bytes into raw ids
 * (`ByteWordIndex`, no string per token), then the vocabulary is fixed (strings only for the distinct words),
 * the ids remapped and the n-grams counted by prefix buckets (`countBucketed`). The same counts as `countNgrams` on
 * the lines split on whitespace, and as `countNgramsFromFiles` on a file holding these bytes (tested).
 */
import { EmptyTrainingDataError, InvalidOptionError } from '../errors.js';
import { ByteWordIndex, checkUtf8, IdBuffer, scanLines, scanTarget, textStart } from './byte-words.js';
import { rememberByteIndex } from './text-scorer.js';
import { NgramCounts } from './ngram-counts.js';
import { type CountOptions, resolveCountOptions } from './options.js';
import { countBucketed } from './bucket-count.js';
import { keepShape } from './keep-shapes.js';
import { BOS, EOS, NgramVocabulary, SortedWordCounts } from './vocabulary.js';

let twinKept = false;

/**
 * Counts the n-grams of orders 1..`order` of UTF-8 text, one sentence per line, words split on whitespace
 * (`countNgramsFromFiles`' reading of a file), each sentence padded with order-1 `<s>` and `</s>`.
 * `source` names the text in errors.
 * @example
 * const c = countNgramsFromBytes(readFileSync('train.txt'), { order: 3 }, 'train.txt');
 */
export function countNgramsFromBytes(bytes: Uint8Array, options: CountOptions, source = 'text'): NgramCounts {
  if (!twinKept) {
    // A tiny count made once and kept, so that the shapes of counts, vocabularies and indexes live on between
    // real counts and the code compiled for them is not thrown away (see keep-shapes.ts).
    twinKept = true;
    keepShape(countNgramsFromBytes(Buffer.from('a b c\n'), { order: 3 }));
  }
  const { order, unkCutoff, unkLabel } = resolveCountOptions(options);
  if (!(bytes instanceof Uint8Array)) throw new InvalidOptionError('bytes', bytes, 'a Uint8Array (UTF-8 text)');
  checkUtf8(bytes, source);
  const pads = order - 1;
  const index = new ByteWordIndex(1 << 14);
  const bos = pads > 0 ? index.addString(BOS) : 0;
  const eos = pads > 0 ? index.addString(EOS) : 0;
  const out = new IdBuffer(Math.max(1 << 16, (bytes.length >>> 2) + 1024), Math.max(1 << 12, bytes.length >>> 6));
  scanLines(bytes, textStart(bytes), bytes.length, scanTarget(index, true, pads, bos, eos), out);
  if (out.count === 0) throw new EmptyTrainingDataError(`${source} (no lines)`);
  if (out.len === 0) throw new EmptyTrainingDataError(`${source} (${out.count} lines, all empty)`);
  const ids = out.ids;
  const len = out.len;
  const raw = tally(ids, len, index.size);
  // The vocabulary's order comes from sorting the bytes; strings are made once per distinct word.
  const sorted = new SortedWordCounts(index.words(), raw, index.sortedIds(), (w) => index.findString(w));
  const vocab = new NgramVocabulary(sorted, unkCutoff, unkLabel);
  rememberByteIndex(vocab, index);
  const remap = vocab.rawIdMap();
  remapIds(ids, len, remap);
  return new NgramCounts(countBucketed(ids, out.ends, out.count, order, vocab.idCount), vocab);
}

// The per-token loops live in small functions of typed arrays only: in the function above, which reads option
// objects and makes the vocabulary, a shape freed between calls (see keep-shapes.ts) threw its compiled code
// away, and these million-iteration loops then ran unoptimised until recompiled.

/** How many times each raw id occurs in `ids[0..len)`. */
function tally(ids: Uint32Array, len: number, size: number): Float64Array {
  const raw = new Float64Array(size);
  for (let i = 0; i < len; i++) raw[ids[i]]++;
  return raw;
}

function remapIds(ids: Uint32Array, len: number, remap: Uint32Array): void {
  for (let i = 0; i < len; i++) ids[i] = remap[ids[i]];
}

/** The shape of the word-count records: one tiny instance kept (see keep-shapes.ts). */
keepShape(new SortedWordCounts([], new Float64Array(0), new Uint32Array(0), () => -1));
