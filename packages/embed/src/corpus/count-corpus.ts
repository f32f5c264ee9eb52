/**
 * The vocabulary pass: one read of the corpus that counts every distinct word (a `WordTable` over its
 * bytes) and measures what the training passes need — each file's (decompressed) size, so workers can
 * be given byte ranges. An in-memory corpus (lines of text) cannot be re-read, so its words are also
 * kept as a sequence of table ids (4 bytes a word), which the training passes then read instead.
 */
import { InvalidOptionError } from '../errors.js';
import { fileChunks } from './sources.js';
import { SENTENCE_END, WordScanner } from './word-scanner.js';
import { WordTable } from './word-table.js';

export type CorpusInput = { files: readonly string[] } | Iterable<string> | AsyncIterable<string>;

export interface CorpusCounts {
  /** Every distinct word; id 0 is `</s>` (the newline), as in word2vec C. */
  table: WordTable;
  /** counts[id] for each table id. */
  counts: Float64Array;
  /** Word occurrences, `</s>` included. */
  total: number;
  /** Names the corpus in errors. */
  source: string;
  /** Files: their sizes in bytes (decompressed for .gz), in order. */
  files?: { path: string; size: number }[];
  /** In-memory corpora: every word as its table id, in order. */
  ids?: Int32Array;
}

const encoder = new TextEncoder();
const NEWLINE = new Uint8Array([10]);

export function isFileCorpus(corpus: CorpusInput): corpus is { files: readonly string[] } {
  return typeof corpus === 'object' && corpus !== null && 'files' in corpus && Array.isArray((corpus as { files: unknown }).files);
}

export async function countCorpus(corpus: CorpusInput): Promise<CorpusCounts> {
  const table = new WordTable(1 << 16);
  let counts = new Float64Array(1 << 16);
  let ids: Int32Array | undefined;
  let idCount = 0;
  let total = 0;
  const keepIds = !isFileCorpus(corpus);
  if (keepIds) ids = new Int32Array(1024);
  table.add(SENTENCE_END, 0, SENTENCE_END.length); // id 0, as in word2vec C
  const scanner = new WordScanner((bytes, start, end) => {
    const id = table.add(bytes, start, end);
    if (id >= counts.length) {
      const grown = new Float64Array(counts.length * 2);
      grown.set(counts);
      counts = grown;
    }
    counts[id]++;
    total++;
    if (ids !== undefined) {
      if (idCount === ids.length) {
        const grown = new Int32Array(ids.length * 2);
        grown.set(ids);
        ids = grown;
      }
      ids[idCount++] = id;
    }
  });

  if (isFileCorpus(corpus)) {
    const files: { path: string; size: number }[] = [];
    for (const path of corpus.files) {
      let size = 0;
      for await (const chunk of fileChunks(path)) {
        size += chunk.length;
        scanner.push(chunk);
      }
      scanner.flush(); // a file's end ends its last word
      files.push({ path, size });
    }
    return { table, counts: counts.subarray(0, table.size), total, source: corpus.files.join(', ') || '<no files>', files };
  }

  if (corpus === null || typeof corpus !== 'object' || (!(Symbol.iterator in corpus) && !(Symbol.asyncIterator in corpus))) {
    throw new InvalidOptionError('corpus', corpus, '{ files: [...] }, or an iterable or async iterable of lines');
  }
  if (typeof corpus === 'string') throw new InvalidOptionError('corpus', corpus, 'an iterable of lines, not one string');
  let line = 0;
  for await (const text of corpus as AsyncIterable<string>) {
    line++;
    if (typeof text !== 'string') throw new InvalidOptionError(`corpus line ${line}`, text, 'a string');
    scanner.push(encoder.encode(text));
    scanner.push(NEWLINE); // each item is a line: it ends a sentence
  }
  scanner.flush();
  return { table, counts: counts.subarray(0, table.size), total, source: '<in-memory corpus>', ids: ids!.subarray(0, idCount) };
}
