/**
 * The two passes of file counting over one byte range of one file (run inline or in a worker):
 * `vocabRange` counts the words, `countRange` counts the n-grams with the final ids.
 *
 * A range starts at a line start and ends after a `\n` (or at the end of the file); every line is one
 * sentence, its words split on whitespace (JavaScript's `\s`), an empty line an empty sentence: NLTK's
 * `[line.split() for line in f]`. Files are UTF-8; invalid bytes are an error naming the file.
 *
 * Memory: the ids of a chunk are buffered until they (and their sort arrays) would pass `budgetBytes`, then
 * counted by prefix buckets (`countBucketed`) into a `TrieData` run; runs are merged as they come (a binary-counter cascade: each count is merged O(log runs) times).
 * The text is never held whole, but the distinct n-grams (the final counts) must fit in memory.
 */
import { createReadStream } from 'node:fs';
import { InvalidOptionError } from '../errors.js';
import { countBucketed } from './bucket-count.js';
import { mergeTries, type TrieData } from './trie-data.js';
import { WordIndex } from './word-index.js';

export interface ByteRange {
  file: string;
  /** Index of the file in the caller's list (for error messages). */
  fileIndex: number;
  start: number;
  /** Exclusive. */
  end: number;
  /**
   * Bytes read so far by every pass over every range, added to as they are read: a counter the caller shares
   * with its workers (a SharedArrayBuffer) and polls for a progress bar. Optional.
   */
  progress?: BigInt64Array;
}

export interface VocabResult {
  words: string[];
  counts: Float64Array;
  sentences: number;
}

const WS = /\s+/;
/** Initial id buffer size (it grows up to the budget). */
const BATCH = 1 << 18;

async function forEachLine(r: ByteRange, onLine: (line: string) => void): Promise<void> {
  if (r.end <= r.start) return;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carry = '';
  let offset = r.start;
  const stream = createReadStream(r.file, { start: r.start, end: r.end - 1, highWaterMark: 1 << 20 });
  for await (const buf of stream as AsyncIterable<Buffer>) {
    let text: string;
    try {
      text = decoder.decode(buf, { stream: true });
    } catch {
      throw new InvalidOptionError(`files[${r.fileIndex}]`, r.file, `UTF-8 text (invalid bytes in ${offset}..${offset + buf.length})`);
    }
    offset += buf.length;
    if (r.progress !== undefined) Atomics.add(r.progress, 0, BigInt(buf.length));
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      onLine(carry + text.slice(from, nl));
      carry = '';
      from = nl + 1;
    }
    carry += text.slice(from);
  }
  try {
    carry += decoder.decode();
  } catch {
    throw new InvalidOptionError(`files[${r.fileIndex}]`, r.file, `UTF-8 text (truncated sequence at byte ${offset})`);
  }
  if (carry.length > 0) onLine(carry);
}

function splitWords(line: string): string[] {
  const t = line.trim();
  return t.length === 0 ? [] : t.split(WS);
}

/** Pass 1: word counts and the number of sentences (lines) of the range. */
export async function vocabRange(r: ByteRange): Promise<VocabResult> {
  // A typed-array word hash and a count array, not a Map<string, number> (see `WordIndex`).
  const index = new WordIndex(1 << 14);
  let counts = new Float64Array(1 << 14);
  let sentences = 0;
  await forEachLine(r, (line) => {
    sentences++;
    for (const w of splitWords(line)) {
      const id = index.add(w);
      if (id === counts.length) {
        const grown = new Float64Array(id * 2);
        grown.set(counts);
        counts = grown;
      }
      counts[id]++;
    }
  });
  return { words: index.words, counts: counts.slice(0, index.size), sentences };
}

export interface CountRangeOptions {
  order: number;
  /** Word ids: `words[id]` (the vocabulary's id order). */
  words: readonly string[];
  unkId: number;
  bosId: number;
  eosId: number;
  budgetBytes: number;
}

/** Pass 2: the n-gram counts of the range, as one `TrieData`. */
export async function countRange(r: ByteRange, o: CountRangeOptions): Promise<TrieData> {
  const ids = new WordIndex(o.words.length);
  for (const w of o.words) ids.add(w); // id = index in o.words
  const pads = o.order - 1;
  const stack: { trie: TrieData; level: number }[] = [];
  // The ids of whole lines are buffered and counted (`countBucketed`) into a run when they reach the
  // budget: ~36 bytes per buffered id (the ids, positions and words by bucket, the entry per position, the new
  // entries and their counts).
  const maxIds = Math.max(1024, Math.floor(o.budgetBytes / 36));
  let buf = new Uint32Array(Math.min(maxIds, BATCH) + 1024);
  let ends = new Uint32Array(4096);
  let len = 0;
  let count = 0;
  const flush = (): void => {
    let run = { trie: countBucketed(buf, ends, count, o.order, o.words.length), level: 0 };
    len = 0;
    count = 0;
    while (stack.length > 0 && stack[stack.length - 1].level === run.level) {
      const top = stack.pop()!;
      run = { trie: mergeTries(top.trie, run.trie), level: run.level + 1 };
    }
    stack.push(run);
  };
  await forEachLine(r, (line) => {
    const words = splitWords(line);
    const need = len + words.length + 2 * pads;
    if (need > buf.length) {
      const grown = new Uint32Array(need * 2);
      grown.set(buf.subarray(0, len));
      buf = grown;
    }
    if (count === ends.length) {
      const grown = new Uint32Array(count * 2);
      grown.set(ends);
      ends = grown;
    }
    for (let p = 0; p < pads; p++) buf[len++] = o.bosId;
    for (const w of words) {
      const id = ids.get(w);
      buf[len++] = id < 0 ? o.unkId : id;
    }
    for (let p = 0; p < pads; p++) buf[len++] = o.eosId;
    ends[count++] = len;
    if (len >= maxIds) flush();
  });
  if (count > 0 || stack.length === 0) flush();
  let out = stack.pop()!.trie;
  while (stack.length > 0) out = mergeTries(stack.pop()!.trie, out);
  return out;
}
