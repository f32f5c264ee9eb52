/**
 * `pnpm bench [name…] [-- flags]` for @nlpkit/lm: a small dispatcher over the sub-benches, each a module
 * exporting `run(argv)`: `kenlm` (lmplz training and query throughput vs ours, kenlm.ts) and `nltk`
 * (the NLTK-exact n-gram models vs NLTK, nltk.ts). No name runs them all.
 *
 *   pnpm --filter @nlpkit/lm bench kenlm --kenlm /path/to/kenlm/build
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const BENCHES = ['kenlm', 'nltk', 'neural'] as const;

const args = process.argv.slice(2);
const names = args.filter((a) => (BENCHES as readonly string[]).includes(a));
const flags = args.filter((a) => !(BENCHES as readonly string[]).includes(a));
for (const name of names.length > 0 ? names : BENCHES) {
  const file = join(import.meta.dirname, `${name}.ts`);
  if (!existsSync(file)) {
    console.log(`(bench ${name}: ${file} is not there yet; skipped)`);
    continue;
  }
  const mod = (await import(pathToFileURL(file).href)) as { run(argv: string[]): Promise<void> };
  console.log(`\n## bench ${name}\n`);
  await mod.run(flags);
}
