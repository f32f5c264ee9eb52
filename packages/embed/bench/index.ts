/**
 * `pnpm bench [NAME] [options]` (from packages/embed: `npx tsx --conditions=@nlpkit/source bench/index.ts train`):
 * runs one sub-bench, prints its table, and records it in /BENCHMARKS.md in the `@nlpkit/embed`
 * section, in its own block (`<!-- embed/NAME:start -->`), so each sub-bench updates only its part.
 * A sub-bench is a module exporting `run(args): Promise<{ title, markdown }>`, listed in SUBBENCHES.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

export interface SubBenchResult {
  title: string;
  /** Markdown body (tables and notes), without the title. */
  markdown: string;
  /** Name of its block in BENCHMARKS.md (default: the sub-bench's name), when one sub-bench fills several. */
  block?: string;
}

/** A sub-bench that prints its own report returns nothing (nothing is recorded). */
type SubBench = { run(args: string[]): Promise<SubBenchResult | void> };

/** Sub-bench name → module (relative to this folder). */
const SUBBENCHES: Record<string, string> = {
  train: './word2vec.ts',
  fasttext: './fasttext.ts',
  glove: './glove.ts',
  vectors: './vectors.ts',
};

const BENCHMARKS_MD = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const SECTION_START = '<!-- embed:start -->';
const SECTION_END = '<!-- embed:end -->';

export function machineDescription(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown CPU';
  return `${model}, ${cores.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  if (!name || !(name in SUBBENCHES)) {
    throw new Error(`Usage: bench/index.ts NAME [options]; NAME is one of: ${Object.keys(SUBBENCHES).join(', ')}`);
  }
  const mod = (await import(SUBBENCHES[name]!)) as SubBench;
  const result = await mod.run(args);
  if (!result) return;
  const stamp = `Machine: ${machineDescription()}. Date: ${new Date().toISOString().slice(0, 10)}.`;
  const id = result.block ?? name;
  const block = `<!-- embed/${id}:start -->\n### ${result.title}\n\n${stamp}\n\n${result.markdown.trim()}\n<!-- embed/${id}:end -->`;
  console.log(`\n${block}\n`);
  if (!args.includes('--no-write')) {
    upsertBlock(id, block);
    console.error(`[bench] recorded in ${BENCHMARKS_MD}`);
  }
}

function upsertBlock(name: string, block: string): void {
  let md = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, 'utf8') : '# Benchmarks\n';
  if (!md.includes(SECTION_START)) {
    md = `${md.trimEnd()}\n\n${SECTION_START}\n## @nlpkit/embed\n\nRun from packages/embed: \`npx tsx --conditions=@nlpkit/source bench/index.ts NAME\`.\n\n${SECTION_END}\n`;
  }
  const start = `<!-- embed/${name}:start -->`;
  const end = `<!-- embed/${name}:end -->`;
  if (md.includes(start) && md.includes(end)) {
    md = md.slice(0, md.indexOf(start)) + block + md.slice(md.indexOf(end) + end.length);
  } else {
    md = md.replace(SECTION_END, `${block}\n\n${SECTION_END}`);
  }
  writeFileSync(BENCHMARKS_MD, md);
}

await main();
