/**
 * Inputs that make a naive BPE quadratic: 1 MB of one character, a 1 MB word with no spaces, 1 MB of
 * spaces (each is a single pre-tokenized piece), and 32 KB of one character to show the trend. Each library encodes each input in a fresh process
 * killed after a time limit, so a peer that would take minutes is reported as "> N s" instead of
 * hanging the run. Ours also encodes 100 MB of mixed text in this process: time, and that it finishes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEncoding } from '@nlpkit/tokenize';
import { distProblem, runModule } from './child.js';
import { loadBenchText } from './corpus.js';
import { fmt, markdownTable, mbPerSec, type BenchResult } from './harness.js';
import { PEER_NAMES, type BenchEncoding, type PeerName } from './peers.js';

const NAME: BenchEncoding = 'cl100k_base';
const LIMIT_S = 6;
const MB = 1 << 20;

/** Loads the encoding, then times one ordinary encode of the file's text (import and load not timed). */
const SCRIPTS: Record<PeerName, (file: string) => string> = {
  nlpkit: (f) => `const { getEncoding } = await import('@nlpkit/tokenize'); const enc = getEncoding('${NAME}');
    ${timed(f, 'enc.encodeOrdinary(text)')}`,
  tiktoken: (f) => `const { get_encoding } = await import('tiktoken'); const enc = get_encoding('${NAME}');
    ${timed(f, 'enc.encode_ordinary(text)')}`,
  'js-tiktoken': (f) => `const { Tiktoken } = await import('js-tiktoken/lite'); const ranks = (await import('js-tiktoken/ranks/${NAME}')).default;
    const enc = new Tiktoken(ranks); ${timed(f, 'enc.encode(text, [], [])')}`,
  'gpt-tokenizer': (f) => `const enc = (await import('gpt-tokenizer/encoding/${NAME}')).default;
    ${timed(f, 'enc.encode(text, { disallowedSpecial: new Set() })')}`,
};

function timed(file: string, call: string): string {
  return `const text = (await import('node:fs')).readFileSync(${JSON.stringify(file)}, 'utf8');
    const t0 = performance.now(); const ids = ${call}; const ms = performance.now() - t0;
    console.log(JSON.stringify({ ms, tokens: ids.length }));`;
}

export async function run(): Promise<BenchResult> {
  const bench = loadBenchText();
  const english = bench.docs[0].replace(/[^\p{L}]/gu, '');
  const inputs: Array<[string, string]> = [
    ["32 KB of 'a' (for scale)", 'a'.repeat(MB / 32)],
    ["1 MB of 'a'", 'a'.repeat(MB)],
    ['1 MB word (English letters, no spaces)', english.repeat(Math.ceil(MB / english.length)).slice(0, MB)],
    ['1 MB of spaces', ' '.repeat(MB)],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'nlpkit-bench-'));
  const rows: string[][] = [];
  try {
    for (const [label, text] of inputs) {
      const file = join(dir, 'input.txt');
      writeFileSync(file, text);
      const cells: string[] = [];
      for (const peer of PEER_NAMES) {
        const r = await runModule(SCRIPTS[peer](file), LIMIT_S * 1000);
        process.stderr.write('.');
        if (r.timedOut) cells.push(`> ${LIMIT_S} s`);
        else if (!r.ok) cells.push(`fails after ${fmt(r.wallMs / 1000)} s: ${firstLine(r.stderr)}`);
        else cells.push(`${fmt((JSON.parse(r.stdout) as { ms: number }).ms / 1000)} s`);
      }
      rows.push([label, ...cells]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stderr.write('\n');

  // 100 MB of mixed text, ours only, in this process.
  const big = bench.docs.join('').repeat(Math.ceil(100e6 / bench.bytes));
  const bigBytes = Buffer.byteLength(big);
  const enc = getEncoding(NAME);
  const t0 = performance.now();
  const tokens = enc.encode(big).length;
  const ms = performance.now() - t0;

  const markdown = [
    `${NAME}; seconds for one ordinary encode (loading not included); each library in a fresh process killed after ${LIMIT_S} s (including its ~0.5 s of loading). Ours from the built dist/.`,
    ...(distProblem() ? [`**Warning: ${distProblem()}.**`] : []),
    '',
    markdownTable(['input', ...PEER_NAMES], rows),
    '',
    `100 MB of mixed text (the ${fmt(bench.bytes / 1e6)} MB benchmark sample repeated), ours only: ${fmt(bigBytes / 1e6)} MB → ${tokens} tokens in ${fmt(ms / 1000)} s (${fmt(mbPerSec(bigBytes, ms))} MB/s).`,
  ].join('\n');
  return { title: 'OpenAI encodings: pathological inputs', markdown };
}

function firstLine(s: string): string {
  const lines = s.split('\n').filter((l) => /Error/.test(l));
  return (lines[0] ?? s.split('\n')[0] ?? '').trim().slice(0, 80);
}
