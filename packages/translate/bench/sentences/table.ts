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
// Tagged runs whose row names need telling apart (their rows are labelled by dictionary and temperature only).
const SUFFIX: Record<string, string> = { 'induced-comparable-t05-r6-lmt2': ', LMs + Task-2 captions', 'induced-comparable-t10-r6-lmt2': ', LMs + Task-2 captions' };
const FINAL: Record<string, string> = {
  'induced-comparable-t05-r6': 'temperature 0.05',
  'induced-comparable-t05-r6-lmt2': 'temperature 0.05, LMs + Task-2 captions',
  'induced-comparable-t10-r6-lmt2': 'temperature 0.1, LMs + Task-2 captions',
};
const add = (name: string, d: string, v: { tok: number; sacre: number }): void => {
  if (!rows.has(name)) {
    rows.set(name, new Map());
    order.push(name);
  }
  rows.get(name)!.set(d, v);
};
for (const dict of ['gt', 'gt-simultaneous', 'induced', 'induced-comparable', 'induced-comparable-t05', 'induced-comparable-t05-r6', 'induced-comparable-t05-r6-lmt2', 'induced-comparable-t10-r6-lmt2']) {
  for (const pair of ['en-fr', 'en-de']) {
    const f = join(WORK, `bleu-${pair}-${dict}.json`);
    if (!existsSync(f)) continue;
    const j = JSON.parse(readFileSync(f, 'utf8')) as { rows: Row[]; monoN: number; rounds: number; load: number[]; dict: string };
    meta.push(`${pair} ${dict.startsWith('gt') ? `ground-truth (${dict})` : `induced (${j.dict}, ${dict})`}: ${j.monoN} mono sentences a side, ${j.rounds} rounds, load ${j.load.map((x) => x.toFixed(1)).join('/')}`);
    const suffix = SUFFIX[dict] ?? '';
    const named = (row: string): string => (suffix ? row.replace(/\)$/, `${suffix})`) : row);
    for (const r of j.rows) {
      if (dict === 'gt-simultaneous' && !r.row.includes('simultaneous')) continue; // shared rows come from the main run
      if (r.row.startsWith('round-trip') || r.row.startsWith('val ')) continue; // val scores, not test scores
      for (const d of DIRS) if (r[d]) add(named(r.row), d, r[d] as { tok: number; sacre: number });
    }
    // The final system of each direction: the round with the best val BLEU (never chosen on test).
    if (FINAL[dict]) {
      const pairDirs = [pair, pair.split('-').reverse().join('-')];
      for (const d of pairDirs) {
        let best = -1;
        let bestVal = -Infinity;
        for (let round = 0; round <= j.rounds; round++) {
          const v = j.rows.find((r) => r.row === `val BLEU, ${round === 0 ? 'word by word' : `round ${round}`}`)?.[d] as { bleu: number } | undefined;
          if (v && v.bleu > bestVal) [best, bestVal] = [round, v.bleu];
        }
        const testRow = j.rows.find((r) => r.row.startsWith(best === 0 ? 'word-by-word' : `back-translation round ${best} `));
        if (best >= 0 && testRow?.[d]) add(`final: round with the best val BLEU (comparable re-induction, ${FINAL[dict]})`, d, testRow[d] as { tok: number; sacre: number });
        meta.push(`${d} ${dict}: best val BLEU ${bestVal.toFixed(2)} at round ${best}`);
      }
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
