/**
 * The vocabulary pass of fastText training: one read of the corpus (files, `.gz` too, or lines in
 * memory) through `../corpus`'s byte-level `WordScanner` and `WordTable`, counting words and keeping the
 * corpus as word ids (4 bytes a word), then fastText's dictionary: words seen ≥ minCount times, by
 * descending count (ties: first seen first; fastText's sort leaves them unordered), `</s>` (a newline)
 * included as a word, as fastText does. The training passes read the kept ids, not the files.
 */
import { EmptyCorpusError, EmptyVocabularyError, InvalidOptionError } from '../errors.js';
import { fileChunks, WordScanner, WordTable } from '../corpus/index.js';
import { ENTRY_WORD, FastTextDictionary } from './dictionary.js';

export type FastTextCorpus = { files: readonly string[] } | Iterable<string> | AsyncIterable<string>;

export interface PreparedCorpus {
  dictionary: FastTextDictionary;
  /** The corpus as dictionary ids (words under minCount left out), in a SharedArrayBuffer. */
  ids: Int32Array;
  source: string;
}

const encoder = new TextEncoder();
const NEWLINE = new Uint8Array([10]);

export async function prepareCorpus(corpus: FastTextCorpus, minCount: number, subwords: { minn: number; maxn: number; bucket: number }): Promise<PreparedCorpus> {
  const table = new WordTable(1 << 16);
  let counts = new Float64Array(1 << 16);
  let ids = new Int32Array(1 << 16);
  let n = 0;
  const scanner = new WordScanner((bytes, start, end) => {
    const id = table.add(bytes, start, end);
    if (id >= counts.length) {
      const grown = new Float64Array(counts.length * 2);
      grown.set(counts);
      counts = grown;
    }
    counts[id]++;
    if (n === ids.length) {
      const grown = new Int32Array(ids.length * 2);
      grown.set(ids);
      ids = grown;
    }
    ids[n++] = id;
  });
  let source: string;
  if (typeof corpus === 'object' && corpus !== null && 'files' in corpus && Array.isArray(corpus.files)) {
    source = corpus.files.join(', ') || '<no files>';
    for (const path of corpus.files) {
      for await (const chunk of fileChunks(path)) scanner.push(chunk);
      scanner.flush();
    }
  } else {
    if (typeof corpus === 'string' || corpus === null || typeof corpus !== 'object' || (!(Symbol.iterator in corpus) && !(Symbol.asyncIterator in corpus))) {
      throw new InvalidOptionError('corpus', corpus, '{ files: [...] }, or an iterable or async iterable of lines');
    }
    source = '<in-memory corpus>';
    for await (const line of corpus as AsyncIterable<string>) {
      scanner.push(encoder.encode(line));
      scanner.push(NEWLINE);
    }
    scanner.flush();
  }
  if (n === 0) throw new EmptyCorpusError(source);

  // fastText's threshold(): keep count ≥ minCount, sort by descending count.
  const kept: number[] = [];
  for (let i = 0; i < table.size; i++) if (counts[i] >= minCount) kept.push(i);
  if (kept.length === 0) throw new EmptyVocabularyError(source, table.size, minCount);
  kept.sort((a, b) => counts[b] - counts[a] || a - b);
  const remap = new Int32Array(table.size).fill(-1);
  kept.forEach((t, i) => (remap[t] = i));
  const dictionary = new FastTextDictionary(
    {
      bytes: kept.map((t) => encoder.encode(table.word(t))),
      counts: kept.map((t) => counts[t]),
      types: new Uint8Array(kept.length).fill(ENTRY_WORD),
      ntokens: n,
    },
    subwords,
  );
  let m = 0;
  for (let i = 0; i < n; i++) if (remap[ids[i]] >= 0) m++;
  const out = new Int32Array(new SharedArrayBuffer(Math.max(4, m * 4)), 0, m);
  m = 0;
  for (let i = 0; i < n; i++) {
    const id = remap[ids[i]];
    if (id >= 0) out[m++] = id;
  }
  return { dictionary, ids: out, source };
}
