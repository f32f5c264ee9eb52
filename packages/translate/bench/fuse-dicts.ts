/**
 * Fuse induced dictionaries of one direction into one seed (`fuseByReciprocalRank` in dictionaries.ts): one
 * `source target score` line per source word, score = the summed reciprocal ranks. v30's candidate E
 * (BENCHMARKS.md) seeded a dim-300 stage this way from the dim-300 and dim-100 maps' dictionaries; it gained less
 * than seeding from the dim-100 one alone, so unsup-pipeline.sh does not use it.
 *   npx tsx --conditions=@nlpkit/source bench/fuse-dicts.ts -o fused.dict a.dict b.dict [...]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@nlpkit/tokenize';
import { fuseByReciprocalRank } from './dictionaries.js';

const { values, positionals } = parseArgs({ options: { output: { type: 'string', short: 'o' } }, allowPositionals: true });
if (values.output === undefined || positionals.length < 2) throw new Error('usage: fuse-dicts.ts -o OUT a.dict b.dict [...]');
const fused = fuseByReciprocalRank(positionals.map((f) => readFileSync(f, 'utf8')));
await writeFileAtomic(values.output, fused.map(([s, w, v]) => `${s} ${w} ${v.toFixed(4)}\n`).join(''));
console.log(`${values.output}: ${fused.length} source words fused from ${positionals.join(', ')}`);
