/**
 * `pnpm bench [name…] [-- flags]` for @nlpkit/translate: a dispatcher over the sub-benches, each run as its own
 * process (they are scripts with their own flags; the flags go to every named one):
 *  - `timing` — the mapping hot paths on random spaces (mapping-timing.ts; about a minute);
 *  - `tour` — the README tour's dictionary step, scored on MUSE en-fr when ../shared/data is there (seconds);
 *  - `words` — the P@1 table on trained vectors (word-translation.ts; vectors from scripts/train-word-vectors.sh;
 *    its defaults take hours on 2 cores);
 *  - `pipeline` — unsup-pipeline.sh, issue 9 §2 from nothing: vectors, the fully unsupervised chain of
 *    dictionaries, and their gap to supervised Procrustes by repeated 5-fold CV over all of MUSE 0-5000 (about 125
 *    minutes; steps already done are skipped, so deleting its cv-gap/ folder redoes only the gaps);
 *  - `sentences` — the Multi30k BLEU table (sentences/run-all.sh; hours).
 * No name runs the quick ones, `timing` and `tour`. The peers of these benches (MUSE, VecMap, Moses, Lample et
 * al.'s systems) are research code we do not install: the quality benches print our numbers, and BENCHMARKS.md
 * puts them beside the published ones.
 *
 *   pnpm --filter @nlpkit/translate bench timing -- 20000 300
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const here = import.meta.dirname;
// tsx's own CLI under this Node, so the sub-bench runs the TypeScript source exactly as `pnpm bench` does.
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const tsx = (file: string) => [process.execPath, tsxCli, '--conditions=@nlpkit/source', join(here, file)];
const BENCHES: Record<string, string[]> = {
  timing: tsx('mapping-timing.ts'),
  tour: tsx('tour-dictionary.ts'),
  words: tsx('word-translation.ts'),
  pipeline: ['bash', join(here, 'unsup-pipeline.sh')],
  sentences: ['bash', join(here, 'sentences/run-all.sh')],
};
const QUICK = ['timing', 'tour'];

const args = process.argv.slice(2).filter((a) => a !== '--');
const names = args.filter((a) => a in BENCHES);
const flags = args.filter((a) => !(a in BENCHES));
let failed = 0;
for (const name of names.length > 0 ? names : QUICK) {
  const [command, ...rest] = BENCHES[name];
  console.log(`\n## bench ${name}\n`);
  // The scripts resolve their data relative to packages/translate, as when run by hand.
  const r = spawnSync(command, [...rest, ...flags], { stdio: 'inherit', cwd: join(here, '..') });
  if (r.status !== 0) {
    console.error(`bench ${name}: exit ${r.status ?? r.signal}`);
    failed++;
  }
}
process.exitCode = failed > 0 ? 1 : 0;
