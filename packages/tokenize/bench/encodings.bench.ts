/**
 * Encode, decode and count throughput (MB/s of UTF-8 text) of our OpenAI encodings against tiktoken
 * (wasm), js-tiktoken and gpt-tokenizer, in one process on the same text: ~4 MB of the tokenizer corpus
 * as ~1 MB documents, and the same text as ~100-character lines (the per-call overhead regime).
 * Every peer's token count is checked against ours first, so a fast wrong answer cannot win.
 */
import { loadBenchText, type BenchText } from './corpus.js';
import { fmt, markdownTable, mbPerSec, ratio, time, type BenchResult } from './harness.js';
import { loadPeers, PEER_NAMES, type BenchEncoding, type Peer, type PeerName } from './peers.js';

const ENCODINGS: BenchEncoding[] = ['cl100k_base', 'o200k_base'];
/**
 * One warm-up pass, then up to 3 timed passes within ~2.5 s. A pass that takes over 1.5 s (the
 * slowest peers need ~4 s for 4 MB) is timed once, as its own warm-up, to keep `pnpm bench` short.
 */
const TIMING = { warmup: 1, runs: 3, minSampleMs: 20, maxTotalMs: 2500, singleSampleAboveMs: 1500 };

type Op = 'encode' | 'decode' | 'count';
type Regime = 'documents' | 'lines' | 'unseen documents';

/** Text none of the libraries has seen before its one timed pass (caches cold, JIT warm). */
const UNSEEN_BYTES = 1_000_000;

export async function run(): Promise<BenchResult> {
  const text = loadBenchText();
  const unseen = loadBenchText(UNSEEN_BYTES, undefined, undefined, text.bytes);
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const name of ENCODINGS) {
    const peers = await loadPeers(name);
    try {
      checkCounts(name, peers, text, notes);
      for (const regime of ['documents', 'lines'] as const) {
        const texts = regime === 'documents' ? text.docs : text.lines;
        const encodeSpeeds = new Map<PeerName, number>();
        for (const op of ['encode', 'decode', 'count'] as const) {
          const speeds = new Map<PeerName, number>();
          for (const peer of peers) {
            // A count that is `encode().length` runs the encode code path: its row repeats encode's figure.
            const reused = op === 'count' && peer.countIsEncode ? encodeSpeeds.get(peer.name) : undefined;
            speeds.set(peer.name, reused ?? measure(peer, op, texts, text.bytes));
            process.stderr.write('.');
          }
          if (op === 'encode') for (const [k, v] of speeds) encodeSpeeds.set(k, v);
          rows.push(row(name, regime, op, speeds));
        }
      }
      const firstPass = new Map<PeerName, number>();
      for (const peer of peers) firstPass.set(peer.name, measureFirstPass(peer, unseen));
      rows.push(row(name, 'unseen documents', 'encode', firstPass));
    } finally {
      for (const p of peers) p.free();
    }
  }
  process.stderr.write('\n');
  const headers = ['encoding', 'text', 'op', ...PEER_NAMES.map((p) => `${p} MB/s`), 'ours ÷ best peer', ...PEER_NAMES.slice(1).map((p) => `÷ ${p}`)];
  const markdown = [
    `Text: ${fmt(text.bytes / 1e6)} MB sampled from every section of ${text.source}; ` +
      `"documents" = ${text.docs.length} documents of ~1 MB, "lines" = the same text as ${text.lines.length} lines of ~100 characters (one call each).`,
    'MB/s of UTF-8 input (decode: of the text the ids decode to), median of up to 3 timed passes after one warm-up (passes over 1.5 s: timed once); higher is better.',
    '`decode` includes reading the decoded string once (`indexOf`), so a string built by concatenation is flattened as a caller would.',
    '`count`: ours `count()`, gpt-tokenizer `countTokens()`; tiktoken and js-tiktoken have no count, so their row repeats `encode` (users call `encode().length`).',
    `nlpkit and gpt-tokenizer cache merge results across calls, which repeated passes over the same text favour; "unseen documents" is one pass over ${fmt(unseen.bytes / 1e6)} MB of other text from the same sections, after all the rest (caches warm with other text, as in a long-running process).`,
    '',
    markdownTable(headers, rows),
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
  return { title: 'OpenAI encodings: throughput vs tiktoken, js-tiktoken, gpt-tokenizer', markdown };
}

function measure(peer: Peer, op: Op, texts: readonly string[], bytes: number): number {
  let fn: () => unknown;
  if (op === 'encode') {
    fn = () => {
      let n = 0;
      for (const t of texts) n += peer.encode(t).length;
      return n;
    };
  } else if (op === 'count') {
    fn = () => {
      let n = 0;
      for (const t of texts) n += peer.count(t);
      return n;
    };
  } else {
    const ids = texts.map((t) => peer.encode(t));
    fn = () => {
      let n = 0;
      // indexOf reads the whole string: a library that returns a rope of token strings pays for
      // flattening it here, as a caller using the text would, instead of never.
      for (const x of ids) n += peer.decode(x).indexOf('\u0000') + 1;
      return n;
    };
  }
  return mbPerSec(bytes, time(fn, TIMING).ms);
}

/** One timed pass of `encode` over text the peer has not seen. */
function measureFirstPass(peer: Peer, text: BenchText): number {
  const t0 = performance.now();
  for (const d of text.docs) peer.encode(d);
  return mbPerSec(text.bytes, performance.now() - t0);
}

/** Every peer must produce our token count on the benchmark text; a mismatch is noted under the table. */
function checkCounts(name: BenchEncoding, peers: Peer[], text: BenchText, notes: string[]): void {
  const counts = peers.map((p) => text.docs.reduce((n, d) => n + p.encode(d).length, 0));
  for (let k = 1; k < peers.length; k++) {
    if (counts[k] !== counts[0]) notes.push(`- ${name}: ${peers[k].name} gives ${counts[k]} tokens on the benchmark text, ours ${counts[0]}.`);
  }
}

function row(name: string, regime: Regime, op: Op, speeds: Map<PeerName, number>): string[] {
  const ours = speeds.get('nlpkit');
  const others = PEER_NAMES.slice(1);
  const best = Math.max(...others.map((p) => speeds.get(p) ?? 0));
  return [
    name,
    regime,
    op,
    ...PEER_NAMES.map((p) => fmt(speeds.get(p) ?? NaN)),
    ratio(ours, best),
    ...others.map((p) => ratio(ours, speeds.get(p))),
  ];
}
