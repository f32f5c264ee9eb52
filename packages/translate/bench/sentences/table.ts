/**
 * Prints the BENCHMARKS.md table from the JSON files `bleu-table.ts` wrote under WORK (both pairs, both
 * dictionaries), beside Lample et al. 2018's published numbers and the issue's measured floors.
 *
 *   npx tsx --conditions=@nlpkit/source bench/sentences/table.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORK } from './data.js';

const DIRS = ['en-fr', 'fr-en', 'de-en', 'en-de'] as const;
// Lample et al. 2018 (ICLR), Table 2, Multi30k test2016, and the floors of issue 9 §3 (measured there).
const PUBLISHED: [string, number[]][] = [
  ['Lample et al. 2018: word-by-word', [8.54, 16.77, 15.72, 5.39]],
  ['Lample et al. 2018: oracle word reordering', [11.62, 24.88, 18.27, 6.79]],
  ['Lample et al. 2018: unsupervised NMT, iteration 1', [27.48, 28.07, 23.69, 19.32]],
  ['Lample et al. 2018: unsupervised NMT, iteration 3', [32.76, 32.07, 26.26, 22.74]],
  ['Lample et al. 2018: supervised', [56.83, 50.77, 38.38, 35.16]],
  ['issue floor: word-by-word, ground-truth dictionary, most frequent target', [4.14, 7.93, 17.58, 5.63]],
];

interface Row {
  row: string;
  [dir: string]: unknown;
}
const rows = new Map<string, Map<string, { tok: number; sacre: number }>>();
const order: string[] = [];
const meta: string[] = [];
for (const dict of ['gt', 'gt-simultaneous', 'induced', 'induced-comparable', 'induced-comparable-t05']) {
  for (const pair of ['en-fr', 'en-de']) {
    const f = join(WORK, `bleu-${pair}-${dict}.json`);
    if (!existsSync(f)) continue;
    const j = JSON.parse(readFileSync(f, 'utf8')) as { rows: Row[]; monoN: number; rounds: number; load: number[]; dict: string };
    meta.push(`${pair} ${dict.startsWith('gt') ? `ground-truth (${dict})` : `induced (${j.dict})`}: ${j.monoN} mono sentences a side, ${j.rounds} rounds, load ${j.load.map((x) => x.toFixed(1)).join('/')}`);
    for (const r of j.rows) {
      if (dict === 'gt-simultaneous' && !r.row.includes('simultaneous')) continue; // shared rows come from the main run
      if (r.row.startsWith('round-trip') || r.row.startsWith('val ')) continue; // val scores, not test scores
      if (!rows.has(r.row)) {
        rows.set(r.row, new Map());
        order.push(r.row);
      }
      for (const d of DIRS) if (r[d]) rows.get(r.row)!.set(d, r[d] as { tok: number; sacre: number });
    }
  }
}
console.log(`| system | ${DIRS.join(' | ')} |`);
console.log(`|---|${DIRS.map(() => '--:').join('|')}|`);
for (const name of order) {
  const r = rows.get(name)!;
  console.log(`| ${name} | ${DIRS.map((d) => (r.has(d) ? `${r.get(d)!.tok.toFixed(2)} (${r.get(d)!.sacre.toFixed(2)})` : '—')).join(' | ')} |`);
}
for (const [name, v] of PUBLISHED) console.log(`| ${name} | ${v.map((x) => x.toFixed(2)).join(' | ')} |`);
console.log();
for (const m of meta) console.log(`- ${m}`);
