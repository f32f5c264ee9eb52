/**
 * The vocabulary pass of fastText training: one read of the corpus (files, `.gz` too, or lines in memory)
 * by `../corpus`'s `countCorpus` (byte-level scanning into a `WordTable`), then fastText's dictionary:
 * words seen ≥ minCount times, by descending count (ties: first seen first, `</s>` before all; fastText's
 * sort leaves them unordered), `</s>` (a newline) included as a word, as fastText does.
 *
 * What the training passes read: files are streamed again from disk in every pass (`train-input.ts`), so
 * only the dictionary's lookup table is kept — memory does not grow with the corpus. Lines given in
 * memory cannot be read twice, so for them the corpus is kept as dictionary ids (4 bytes a word).
 */
import { EmptyCorpusError, EmptyVocabularyError } from '../errors.js';
import { checkFiles, countCorpus, isFileCorpus, WordTable, type WordTableData } from '../corpus/index.js';
import { ENTRY_WORD, FastTextDictionary } from './dictionary.js';

export type FastTextCorpus = { files: readonly string[] } | Iterable<string> | AsyncIterable<string>;

/** Where the training threads read the corpus from (see `train-input.ts`). */
export type CorpusSource =
  | { kind: 'files'; files: { path: string; size: number }[]; table: WordTableData }
  | { kind: 'ids'; ids: Int32Array };

export interface PreparedCorpus {
  dictionary: FastTextDictionary;
  source: CorpusSource;
  /** Corpus length in the units threads start at: bytes (files) or ids. */
  length: number;
}

export async function prepareCorpus(corpus: FastTextCorpus, minCount: number, subwords: { minn: number; maxn: number; bucket: number }): Promise<PreparedCorpus> {
  if (isFileCorpus(corpus)) await checkFiles(corpus.files);
  const counted = await countCorpus(corpus);
  const { table, counts } = counted;
  if (counted.total === 0) throw new EmptyCorpusError(counted.source);

  // fastText's threshold(): keep count ≥ minCount, sort by descending count.
  const kept: number[] = [];
  for (let i = 0; i < table.size; i++) if (counts[i] >= minCount) kept.push(i);
  if (kept.length === 0) throw new EmptyVocabularyError(counted.source, table.size, minCount);
  kept.sort((a, b) => counts[b] - counts[a] || a - b);
  const data = table.toData();
  const bytes = kept.map((t) => data.pool.slice(data.offsets[t], data.offsets[t + 1]));
  const dictionary = new FastTextDictionary(
    { bytes, counts: kept.map((t) => counts[t]), types: new Uint8Array(kept.length).fill(ENTRY_WORD), ntokens: counted.total },
    subwords,
  );

  if (counted.files) {
    // The lookup the threads map words with: entry i of the dictionary is id i.
    const lookup = new WordTable(bytes.length);
    for (const b of bytes) lookup.add(b, 0, b.length);
    const length = counted.files.reduce((s, f) => s + f.size, 0);
    return { dictionary, source: { kind: 'files', files: counted.files, table: lookup.toData() }, length };
  }
  const remap = new Int32Array(table.size).fill(-1);
  kept.forEach((t, i) => (remap[t] = i));
  const raw = counted.ids!;
  let m = 0;
  for (let i = 0; i < raw.length; i++) if (remap[raw[i]] >= 0) m++;
  const ids = new Int32Array(new SharedArrayBuffer(Math.max(4, m * 4)), 0, m);
  m = 0;
  for (let i = 0; i < raw.length; i++) {
    const id = remap[raw[i]];
    if (id >= 0) ids[m++] = id;
  }
  return { dictionary, source: { kind: 'ids', ids }, length: m };
}
