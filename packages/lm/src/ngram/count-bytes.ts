/**
 * Counting from UTF-8 text in memory (a file's bytes): one scan hashes each token's bytes into raw ids
 * (`ByteWordIndex`, no string per token), then the vocabulary is fixed (strings only for the distinct words),
 * the ids remapped and the n-grams counted by prefix buckets (`countBucketed`). The same counts as `countNgrams` on
 * the lines split on whitespace, and as `countNgramsFromFiles` on a file holding these bytes (tested).
 *
 * With WebAssembly the scan and the counting run in count-kernel.wat instead (the same raw ids, word table and
 * counts; test/count-kernel.test.ts), and only the vocabulary is made here. Brown's training text (1.07M words,
 * 5.7 MB), `countNgramsFromFiles` + Laplace `fromCounts`, CPU ms, medians of 8, old and new interleaved in one
 * process (load ~5, 23:10 UTC): bigrams 164 → 72, trigrams 241 → 119. What is left of a bigram call: the scan
 * ~25 ms, sorting the words' bytes ~8 (`sortedIds`), the vocabulary ~5, the radix sort ~9, keys and runs ~8,
 * copying the results out into fresh arrays ~7 (their page faults).
 */
import { EmptyTrainingDataError, InvalidOptionError } from '../errors.js';
import { ByteWordIndex, checkUtf8, IdBuffer, scanLines, scanTarget, textStart } from './byte-words.js';
import { rememberByteIndex } from './text-scorer.js';
import { NgramCounts } from './ngram-counts.js';
import { type CountOptions, resolveCountOptions } from './options.js';
import { countBucketed } from './bucket-count.js';
import { CountKernel } from './count-kernel.js';
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
  return countBytes(bytes, options, source, undefined);
}

/**
 * `countNgramsFromBytes` with a kernel the caller acquired (and releases), whose `textArea` may hold `bytes`
 * (count-file.ts reads a file there); undefined: acquired here when there is WebAssembly.
 */
export function countBytes(bytes: Uint8Array, options: CountOptions, source: string, held: CountKernel | undefined): NgramCounts {
  if (!twinKept) {
    // A tiny count made once and kept, so that the shapes of counts, vocabularies and indexes live on between
    // real counts and the code compiled for them is not thrown away (see keep-shapes.ts). Made on the first
    // count, not at import.
    twinKept = true;
    keepShape(new SortedWordCounts([], new Float64Array(0), new Uint32Array(0), () => -1));
    keepShape(countNgramsFromBytes(Buffer.from('a b c\n'), { order: 3 }));
  }
  const { order, unkCutoff, unkLabel } = resolveCountOptions(options);
  if (!(bytes instanceof Uint8Array)) throw new InvalidOptionError('bytes', bytes, 'a Uint8Array (UTF-8 text)');
  checkUtf8(bytes, source);
  const kernel = held ?? CountKernel.acquire();
  if (kernel !== undefined) {
    try {
      const counts = countInKernel(kernel, bytes, order, unkCutoff, unkLabel, source);
      if (counts !== undefined) return counts;
    } finally {
      if (held === undefined) kernel.release();
    }
  }
  const pads = order - 1;
  const index = new ByteWordIndex(1 << 14);
  const bos = pads > 0 ? index.addString(BOS) : 0;
  const eos = pads > 0 ? index.addString(EOS) : 0;
  const out = new IdBuffer(Math.max(1 << 16, (bytes.length >>> 2) + 1024), Math.max(1 << 12, bytes.length >>> 6));
  scanLines(bytes, textStart(bytes), bytes.length, scanTarget(index, true, pads, bos, eos), out);
  checkScanned(out.count, out.len, source);
  const ids = out.ids;
  const len = out.len;
  const vocab = vocabularyOf(index, tally(ids, len, index.size), unkCutoff, unkLabel);
  remapIds(ids, len, vocab.rawIdMap());
  return new NgramCounts(countBucketed(ids, out.ends, out.count, order, vocab.idCount), vocab);
}

/**
 * The same count through the WebAssembly kernel (count-kernel.ts): the same raw ids, index and raw counts from
 * its scan, the same vocabulary made from them here, the same counts from its radix sorts (or, when some
 * order's keys would not fit 64 bits, from `countBucketed` over its ids); undefined for a text too big for it.
 */
function countInKernel(
  kernel: CountKernel,
  bytes: Uint8Array,
  order: number,
  unkCutoff: number,
  unkLabel: string,
  source: string,
): NgramCounts | undefined {
  const scanned = kernel.scan(bytes, textStart(bytes), order - 1, BOS, EOS);
  if (scanned === undefined) return undefined; // too big for the kernel's memory: counted in JavaScript
  checkScanned(scanned.count, scanned.len, source);
  const vocab = vocabularyOf(scanned.index, scanned.raw, unkCutoff, unkLabel);
  const trie = kernel.count(vocab.rawIdMap(), order, vocab.idCount);
  if (trie !== undefined) return new NgramCounts(trie, vocab);
  const { ids, ends } = kernel.scanned();
  return new NgramCounts(countBucketed(ids.slice(), ends.slice(), scanned.count, order, vocab.idCount), vocab);
}

function checkScanned(count: number, len: number, source: string): void {
  if (count === 0) throw new EmptyTrainingDataError(`${source} (no lines)`);
  if (len === 0) throw new EmptyTrainingDataError(`${source} (${count} lines, all empty)`);
}

/** The vocabulary of the raw words of `index` counted `raw` times; its order comes from sorting their bytes. */
function vocabularyOf(index: ByteWordIndex, raw: Float64Array, unkCutoff: number, unkLabel: string): NgramVocabulary {
  // Strings are made once per distinct word.
  const sorted = new SortedWordCounts(index.words(), raw, index.sortedIds(), (w) => index.findString(w));
  const vocab = new NgramVocabulary(sorted, unkCutoff, unkLabel);
  rememberByteIndex(vocab, index);
  return vocab;
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

