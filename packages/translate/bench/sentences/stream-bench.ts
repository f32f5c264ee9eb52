/**
 * Speed of streamed phrase-table training (issue 9 §4, `train-unsup` streaming): `trainPhraseTable` on
 * arrays in memory against `trainPhraseTableStream` re-reading two files for each pass, chunk sizes 10,000
 * and 1,000, on the 14,500-line mono halves paired line by line (not translations: timing only, the same work
 * as a back-translation round's table). Prints CPU seconds, the ratio to the in-memory path, and whether the
 * tables are identical.
 *
 *   npx tsx --conditions=@nlpkit/source bench/sentences/stream-bench.ts [--pair en-fr]
 */
import { fileSentences } from '../../src/backtranslation/sentence-files.js';
import { trainPhraseTable, trainPhraseTableStream, type ParallelSource } from '../../src/phrase/extract.js';
import type { MosesLang } from '@nlpkit/tokenize';
import { monoTokens, readLines } from './data.js';

const args = process.argv.slice(2);
const i = args.indexOf('--pair');
const [L1, L2] = (i >= 0 ? args[i + 1] : 'en-fr').split('-') as [MosesLang, MosesLang];
const cpu = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const [f1, f2] = [await monoTokens(L1), await monoTokens(L2)];
const text = (t: string[]): string[][] => t.map((l) => l.split(' ').filter((w) => w !== ''));

let t0 = cpu();
const a = text(await readLines(f1));
const b = text(await readLines(f2));
const memory = trainPhraseTable(a, b);
const memoryCpu = cpu() - t0;
const reference = [...memory.table.lines()].join('');
console.log(`in memory: ${memoryCpu.toFixed(2)} CPU s (reading included), ${memory.stats.entries} entries`);

const corpus: ParallelSource = {
  async *open() {
    const ia = fileSentences(f1).open()[Symbol.asyncIterator]();
    const ib = fileSentences(f2).open()[Symbol.asyncIterator]();
    for (;;) {
      const [x, y] = await Promise.all([ia.next(), ib.next()]);
      if (x.done || y.done) return;
      yield [x.value, y.value] as const;
    }
  },
};
for (const chunkSize of [10000, 1000]) {
  t0 = cpu();
  const streamed = await trainPhraseTableStream(corpus, { chunkSize });
  const c = cpu() - t0;
  const same = [...streamed.table.lines()].join('') === reference;
  console.log(`streamed, chunk ${chunkSize}: ${c.toFixed(2)} CPU s, ${(c / memoryCpu).toFixed(2)}× in memory, identical table: ${same}`);
}
