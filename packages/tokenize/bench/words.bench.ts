/**
 * Word, char and sentence tokenizers of @nlpkit/tokenize against their JavaScript peers (`natural`'s
 * tokenizers; `Array.from` and `Intl.Segmenter` for chars), paragraph by paragraph over English,
 * French and German novels (eltec-mono), in MB/s of UTF-8 input.
 *
 * Each side runs in a child process of its own: `natural` loads ~75 MB of data at import, and a
 * heap that size slows every allocation-heavy function in the process, ours included. The two
 * sides alternate (A B A B) and each keeps its best round, so a busy machine hurts both alike.
 * Run alone: `npx tsx --conditions=@nlpkit/source bench/words.bench.ts`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { codePoints, getWordTokenizer, graphemes, splitSentences, type MosesLang } from '../src/index.js';
import { fmt, machineDescription, markdownTable, mbPerSec, time, utf8Bytes, type BenchResult } from './harness.js';

/** The project's shared data (`/work/shared/data` in dev and CI), beside the repository. */
const DATA = fileURLToPath(new URL('../../../../shared/data/eltec-mono', import.meta.url));
/** Paragraphs of each corpus to read: about 3 MB of English, 1 MB each of French and German. */
const BUDGET: Record<Corpus, number> = { en: 3e6, fr: 1e6, de: 1e6 };
const ROUNDS = 2;

type Corpus = 'en' | 'fr' | 'de';
type Side = 'nlpkit' | 'peer';

interface Task {
  name: string;
  corpus: Corpus;
  ours: string;
  /** The peer, or undefined where JavaScript has none. */
  peer?: string;
  note?: string;
}

const TASKS: readonly Task[] = [
  { name: 'whitespace', corpus: 'en', ours: "`getWordTokenizer('whitespace')`", peer: '`natural.RegexpTokenizer({ pattern: /\\s+/ })`' },
  { name: 'words + punctuation', corpus: 'en', ours: "`getWordTokenizer('unicode')`", peer: '`natural.WordPunctTokenizer`' },
  { name: 'words (peer drops punctuation)', corpus: 'en', ours: "`getWordTokenizer('unicode')`", peer: '`natural.WordTokenizer`', note: 'natural keeps only A–Z, А–Я, 0–9, _ and drops the rest' },
  { name: 'words (peer drops punctuation) ', corpus: 'en', ours: "`getWordTokenizer('unicode')`", peer: '`natural.AggressiveTokenizer`', note: "natural keeps only A–Z, 0–9, ' - / and drops the rest" },
  { name: 'Penn Treebank', corpus: 'en', ours: "`getWordTokenizer('treebank')`", peer: '`natural.TreebankWordTokenizer`', note: "natural's is a simplified port; ours gives NLTK's tokens" },
  { name: 'Penn Treebank + offsets', corpus: 'en', ours: '`.tokenizeWithOffsets()`' },
  { name: 'Moses en', corpus: 'en', ours: "`getWordTokenizer('moses', { lang: 'en' })`" },
  { name: 'Moses fr', corpus: 'fr', ours: "`getWordTokenizer('moses', { lang: 'fr' })`" },
  { name: 'Moses de', corpus: 'de', ours: "`getWordTokenizer('moses', { lang: 'de' })`" },
  { name: 'sentences', corpus: 'en', ours: '`splitSentences`', peer: '`natural.SentenceTokenizer`' },
  { name: 'code points', corpus: 'en', ours: '`codePoints`', peer: '`Array.from`' },
  { name: 'grapheme clusters', corpus: 'en', ours: '`graphemes`', peer: '`Intl.Segmenter` (grapheme)' },
];

function paragraphs(corpus: Corpus): string[] {
  const text = gunzipSync(readFileSync(`${DATA}/${corpus}.txt.gz`)).toString('utf8');
  const out: string[] = [];
  let bytes = 0;
  for (const line of text.split('\n')) {
    if (bytes >= BUDGET[corpus]) break;
    out.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  return out;
}

/** Sum of the lengths of what `tokenize` returns for each paragraph: one function per contender, so each call site stays monomorphic. */
type Loop = (lines: readonly string[]) => number;

function ourLoops(): Record<string, Loop> {
  const ws = getWordTokenizer('whitespace');
  const uni = getWordTokenizer('unicode');
  const tb = getWordTokenizer('treebank');
  const moses = (lang: MosesLang): Loop => {
    const tok = getWordTokenizer('moses', { lang });
    return (lines) => {
      let n = 0;
      for (const l of lines) n += tok.tokenize(l).length;
      return n;
    };
  };
  return {
    whitespace: (lines) => {
      let n = 0;
      for (const l of lines) n += ws.tokenize(l).length;
      return n;
    },
    'words + punctuation': (lines) => {
      let n = 0;
      for (const l of lines) n += uni.tokenize(l).length;
      return n;
    },
    'Penn Treebank': (lines) => {
      let n = 0;
      for (const l of lines) n += tb.tokenize(l).length;
      return n;
    },
    'Penn Treebank + offsets': (lines) => {
      let n = 0;
      for (const l of lines) n += tb.tokenizeWithOffsets(l).ends.length;
      return n;
    },
    'Moses en': moses('en'),
    'Moses fr': moses('fr'),
    'Moses de': moses('de'),
    sentences: (lines) => {
      let n = 0;
      for (const l of lines) n += splitSentences(l).tokens.length;
      return n;
    },
    'code points': (lines) => {
      let n = 0;
      for (const l of lines) n += codePoints(l).tokens.length;
      return n;
    },
    'grapheme clusters': (lines) => {
      let n = 0;
      for (const l of lines) n += graphemes(l).tokens.length;
      return n;
    },
  };
}

interface Natural {
  RegexpTokenizer: new (o: { pattern: RegExp }) => { tokenize(s: string): string[] };
  WordPunctTokenizer: new () => { tokenize(s: string): string[] };
  WordTokenizer: new () => { tokenize(s: string): string[] };
  AggressiveTokenizer: new () => { tokenize(s: string): string[] };
  TreebankWordTokenizer: new () => { tokenize(s: string): string[] };
  SentenceTokenizer: new () => { tokenize(s: string): string[] };
}

function peerLoops(): Record<string, Loop> {
  const natural = createRequire(import.meta.url)('natural') as Natural;
  const ws = new natural.RegexpTokenizer({ pattern: /\s+/ });
  const wordPunct = new natural.WordPunctTokenizer();
  const word = new natural.WordTokenizer();
  const aggressive = new natural.AggressiveTokenizer();
  const treebank = new natural.TreebankWordTokenizer();
  const sentences = new natural.SentenceTokenizer();
  const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
  return {
    whitespace: (lines) => {
      let n = 0;
      for (const l of lines) n += ws.tokenize(l).length;
      return n;
    },
    'words + punctuation': (lines) => {
      let n = 0;
      for (const l of lines) n += wordPunct.tokenize(l).length;
      return n;
    },
    'words (peer drops punctuation)': (lines) => {
      let n = 0;
      for (const l of lines) n += word.tokenize(l).length;
      return n;
    },
    'words (peer drops punctuation) ': (lines) => {
      let n = 0;
      for (const l of lines) n += aggressive.tokenize(l).length;
      return n;
    },
    'Penn Treebank': (lines) => {
      let n = 0;
      for (const l of lines) n += treebank.tokenize(l).length;
      return n;
    },
    sentences: (lines) => {
      let n = 0;
      for (const l of lines) n += sentences.tokenize(l).length;
      return n;
    },
    'code points': (lines) => {
      let n = 0;
      for (const l of lines) n += Array.from(l).length;
      return n;
    },
    'grapheme clusters': (lines) => {
      let n = 0;
      for (const l of lines) for (const seg of segmenter.segment(l)) n += seg.segment.length > 0 ? 1 : 0;
      return n;
    },
  };
}

interface Measured {
  mbps: number;
  tokens: number;
}

/** In a child process: times every task of one side and prints `{ task: Measured }` as JSON. */
function measureSide(side: Side): void {
  const loops = side === 'nlpkit' ? ourLoops() : peerLoops();
  // The words rows share our `unicode` loop.
  if (side === 'nlpkit') loops['words (peer drops punctuation)'] = loops['words (peer drops punctuation) '] = loops['words + punctuation'];
  const corpora = new Map<Corpus, { lines: string[]; bytes: number }>();
  const result: Record<string, Measured> = {};
  for (const task of TASKS) {
    const loop = loops[task.name];
    if (!loop) continue;
    let data = corpora.get(task.corpus);
    if (!data) {
      const lines = paragraphs(task.corpus);
      data = { lines, bytes: utf8Bytes(lines) + lines.length };
      corpora.set(task.corpus, data);
    }
    const { lines, bytes } = data;
    // Start each task from a clean heap (the decompressed corpora and the last task's tokens are garbage).
    (globalThis as { gc?: () => void }).gc?.();
    const tokens = loop(lines);
    const t = time(() => loop(lines), { warmup: 2, runs: 5, maxTotalMs: 3000 });
    result[task.name] = { mbps: mbPerSec(bytes, t.minMs), tokens };
  }
  // A marked line: a dependency of natural (dotenv) prints to stdout too.
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(result)}\n`);
}

const RESULT_MARK = 'words.bench result: ';

function runSide(side: Side): Record<string, Measured> {
  const script = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [...process.execArgv, '--expose-gc', script, `--side=${side}`], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (!line) throw new Error(`words.bench: the ${side} process printed no result:\n${out}`);
  return JSON.parse(line.slice(RESULT_MARK.length)) as Record<string, Measured>;
}

/** The benchmark: both sides, alternating, best round each; returns a markdown table. */
export async function run(): Promise<BenchResult> {
  const best: Record<Side, Record<string, Measured>> = { nlpkit: {}, peer: {} };
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of ['nlpkit', 'peer'] as const) {
      for (const [task, m] of Object.entries(runSide(side))) {
        if (!best[side][task] || m.mbps > best[side][task].mbps) best[side][task] = m;
      }
    }
  }
  const rows = TASKS.map((task) => {
    const ours = best.nlpkit[task.name];
    const peer = task.peer ? best.peer[task.name] : undefined;
    return [
      task.name.trim(),
      task.ours,
      ours ? fmt(ours.mbps) : '–',
      task.peer ?? '–',
      peer ? fmt(peer.mbps) : '–',
      ours && peer ? `${fmt(ours.mbps / peer.mbps)}×` : '–',
      ours ? `${ours.tokens}${peer ? ` / ${peer.tokens}` : ''}` : '–',
      task.note ?? '',
    ];
  });
  const sizes = (['en', 'fr', 'de'] as const).map((c) => `${c} ${fmt(BUDGET[c] / 1e6)} MB`).join(', ');
  const markdown = [
    `Paragraph by paragraph over eltec-mono novels (${sizes}); best of ${ROUNDS} alternating rounds, each side in its own process. ${machineDescription()}.`,
    '',
    markdownTable(['task', 'nlpkit', 'MB/s', 'peer', 'MB/s', 'nlpkit/peer', 'tokens (nlpkit / peer)', 'note'], rows),
  ].join('\n');
  return { title: 'Word, char and sentence tokenizers', markdown };
}

const side = process.argv.find((a) => a.startsWith('--side='))?.slice('--side='.length) as Side | undefined;
if (side) measureSide(side);
else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await run();
  console.log(`## ${result.title}\n\n${result.markdown}`);
}
