/**
 * The cost of the first encode after import, per library: a fresh Node process imports the library,
 * loads one encoding and encodes one paragraph, timing each step (ms). This is what a CLI or a
 * serverless function pays on every start. Ours runs from the built `dist/`, as users get it.
 */
import { distProblem, runModule } from './child.js';
import { fmt, markdownTable, median, type BenchResult } from './harness.js';
import { PEER_NAMES, type BenchEncoding, type PeerName } from './peers.js';

const ENCODINGS: BenchEncoding[] = ['cl100k_base', 'o200k_base'];
const REPEATS = 3;

const PARAGRAPH =
  'The quick brown fox jumps over the lazy dog. Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich. ' +
  'Съешь же ещё этих мягких французских булок. 我能吞下玻璃而不伤身体。 const x = f(1, 2); // 😀\n';

/** How each library is imported and loaded, as its README shows. */
const STEPS: Record<PeerName, { importFrom: string; load: string; encode: string }> = {
  nlpkit: { importFrom: '@nlpkit/tokenize', load: 'm.getEncoding(NAME)', encode: 'enc.encode(TEXT)' },
  tiktoken: { importFrom: 'tiktoken', load: 'm.get_encoding(NAME)', encode: 'enc.encode(TEXT)' },
  'js-tiktoken': { importFrom: 'js-tiktoken', load: 'm.getEncoding(NAME)', encode: 'enc.encode(TEXT)' },
  'gpt-tokenizer': { importFrom: 'gpt-tokenizer/encoding/NAME', load: 'm', encode: 'enc.encode(TEXT)' },
};

function script(peer: PeerName, name: BenchEncoding): string {
  const s = STEPS[peer];
  return `
const NAME = ${JSON.stringify(name)}, TEXT = ${JSON.stringify(PARAGRAPH)};
const t0 = performance.now();
const m = await import(${JSON.stringify(s.importFrom.replace('NAME', name))});
const t1 = performance.now();
const enc = ${s.load};
const t2 = performance.now();
const ids = ${s.encode};
const t3 = performance.now();
console.log(JSON.stringify({ import: t1 - t0, load: t2 - t1, first: t3 - t2, tokens: ids.length }));`;
}

interface Steps {
  import: number;
  load: number;
  first: number;
  tokens: number;
}

export async function run(): Promise<BenchResult> {
  const rows: string[][] = [];
  const problem = distProblem();
  for (const name of ENCODINGS) {
    for (const peer of PEER_NAMES) {
      const samples: Array<Steps & { wall: number }> = [];
      for (let k = 0; k < REPEATS; k++) {
        const r = await runModule(script(peer, name), 30_000);
        if (!r.ok) throw new Error(`${peer} ${name}: child failed${r.timedOut ? ' (timed out)' : ''}: ${r.stderr.slice(0, 500)}`);
        samples.push({ ...(JSON.parse(r.stdout) as Steps), wall: r.wallMs });
        process.stderr.write('.');
      }
      const med = (f: (s: Steps & { wall: number }) => number): string => {
        const ms = median(samples.map(f).sort((a, b) => a - b));
        return ms < 0.05 ? '0' : fmt(ms);
      };
      rows.push([name, peer, med((s) => s.import), med((s) => s.load), med((s) => s.first), med((s) => s.import + s.load + s.first), med((s) => s.wall)]);
    }
  }
  process.stderr.write('\n');
  const markdown = [
    `A fresh \`node\` process per run imports the library, loads the encoding and encodes one ${PARAGRAPH.length}-character paragraph (mixed scripts); median of ${REPEATS} runs, ms, lower is better.`,
    '"process" is the wall time of the whole child process (Node start-up included).',
    'gpt-tokenizer builds its encoder while its module is imported, so its "load" is 0. js-tiktoken: `getEncoding` from the main entry (all ranks bundled).',
    ...(problem ? [`**Warning: ${problem}.**`] : []),
    '',
    markdownTable(['encoding', 'library', 'import', 'load encoding', 'first encode', 'total', 'process'], rows),
  ].join('\n');
  return { title: 'OpenAI encodings: cost of the first encode after import', markdown };
}
