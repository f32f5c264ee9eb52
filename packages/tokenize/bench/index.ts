/**
 * `pnpm bench`: runs every `bench/*.bench.ts` (or those whose name contains one of the CLI arguments),
 * prints each table, and records it in BENCHMARKS.md at the repository root, between
 * `<!-- tokenize:start -->` and `<!-- tokenize:end -->`. Each bench has its own sub-block, stamped with
 * machine and date, so running a subset updates only that subset and keeps the rest of the file.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { machineDescription, today, type BenchResult } from './harness.js';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const BENCHMARKS_MD = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const START = '<!-- tokenize:start -->';
const END = '<!-- tokenize:end -->';
/** Benches listed here run first, in this order; any other `*.bench.ts` follows alphabetically. */
const ORDER = ['encodings', 'exactness', 'startup', 'pathological', 'words'];

interface BenchModule {
  run(): Promise<BenchResult>;
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const names = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .filter((n) => filters.length === 0 || filters.some((f) => n.includes(f)));
  if (names.length === 0) throw new Error(`No bench matches ${filters.join(', ')}; benches are bench/*.bench.ts`);

  const machine = machineDescription();
  console.log(`Machine: ${machine}\n`);
  const blocks = new Map<string, string>();
  for (const name of names) {
    const started = performance.now();
    console.error(`[bench] ${name}…`);
    const mod = (await import(pathToFileURL(join(BENCH_DIR, `${name}.bench.ts`)).href)) as BenchModule;
    const result = await mod.run();
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.log(`## ${result.title}\n\n${result.markdown}\n`);
    console.error(`[bench] ${name} done in ${seconds} s`);
    blocks.set(name, `### ${result.title}\n\n_${machine}; ${today()}; \`pnpm bench ${name}\` (${seconds} s)._\n\n${result.markdown}\n`);
  }
  writeBenchmarksMd(blocks);
  console.error(`[bench] tables written to ${BENCHMARKS_MD}`);
}

function rank(name: string): number {
  const i = ORDER.indexOf(name);
  return i < 0 ? ORDER.length : i;
}

/** Replaces the sub-blocks of the benches that ran inside the tokenize section; keeps everything else. */
function writeBenchmarksMd(blocks: Map<string, string>): void {
  let file = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, 'utf8') : '# Benchmarks\n';
  let start = file.indexOf(START);
  let end = file.indexOf(END);
  if (start < 0 || end < start) {
    file = `${file.trimEnd()}\n\n${START}\n## @nlpkit/tokenize\n\nRun with \`pnpm bench\` in packages/tokenize (optionally naming benches: \`pnpm bench encodings\`).\n${END}\n`;
    start = file.indexOf(START);
    end = file.indexOf(END);
  }
  let section = file.slice(start + START.length, end);
  for (const [name, block] of blocks) {
    const open = `<!-- tokenize/${name}:start -->`;
    const close = `<!-- tokenize/${name}:end -->`;
    const wrapped = `${open}\n${block}${close}`;
    const i = section.indexOf(open);
    const j = section.indexOf(close);
    if (i >= 0 && j > i) section = section.slice(0, i) + wrapped + section.slice(j + close.length);
    else section = insertInOrder(section, name, wrapped);
  }
  writeFileSync(BENCHMARKS_MD, file.slice(0, start + START.length) + section + file.slice(end));
}

/** Puts a new sub-block before the first existing one that sorts after it (by `ORDER`, then name). */
function insertInOrder(section: string, name: string, wrapped: string): string {
  const re = /<!-- tokenize\/([\w.-]+):start -->/g;
  for (const m of section.matchAll(re)) {
    const other = m[1];
    if (rank(other) > rank(name) || (rank(other) === rank(name) && other.localeCompare(name) > 0)) {
      return `${section.slice(0, m.index)}${wrapped}\n\n${section.slice(m.index)}`;
    }
  }
  return `${section.trimEnd()}\n\n${wrapped}\n`;
}

await main();
