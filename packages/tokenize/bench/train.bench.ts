/**
 * Trainer bench: time and peak memory of training on the tok-corpus (`train.txt`, 18.6 MB; built by
 * /work/shared/scripts/build-tok-corpus.sh into ~/.cache/nlpkit/tok-corpus), then tokens per byte of
 * each trained model on `heldout.txt`. Every training run is its own child process (`/usr/bin/time -v`
 * gives its peak RSS). Compared: ours (BPE, WordPiece, Unigram), the Rust `tokenizers` npm package
 * (BPE, WordPiece; its `train(files)` ignores trainer options, so its vocabulary is always 30000) and
 * SentencePiece's `spm_train` (BPE, unigram) when installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tokenizer } from '../src/hf/tokenizer.js';
import { fmt, markdownTable, ratio, type BenchResult } from './harness.js';
import { PACKAGE_DIR } from './child.js';

/** NLPKIT_TOK_CORPUS overrides the corpus directory (for a quick dry run on small files). */
const CORPUS_DIR = process.env.NLPKIT_TOK_CORPUS ?? join(homedir(), '.cache', 'nlpkit', 'tok-corpus');
const TRAIN = join(CORPUS_DIR, 'train.txt');
const HELDOUT = join(CORPUS_DIR, 'heldout.txt');
const TIME = '/usr/bin/time';
const SPM_TRAIN = '/usr/bin/spm_train';
const SPM_ENCODE = '/usr/bin/spm_encode';

interface Run {
  label: string;
  engine: 'ours' | 'rust' | 'spm';
  model: 'bpe' | 'wordpiece' | 'unigram';
  vocabSize: number;
  threads: number;
  note?: string;
}

interface Measured extends Run {
  seconds: number;
  rssMb: number | undefined;
  tokensPerByte: number | undefined;
  vocab: number | undefined;
  error?: string;
}

const RUNS: Run[] = [
  { label: 'ours BPE byte-level', engine: 'ours', model: 'bpe', vocabSize: 32000, threads: 2 },
  { label: 'ours BPE byte-level', engine: 'ours', model: 'bpe', vocabSize: 32000, threads: 1 },
  { label: 'ours BPE byte-level', engine: 'ours', model: 'bpe', vocabSize: 30000, threads: 2 },
  { label: 'Rust BPE byte-level', engine: 'rust', model: 'bpe', vocabSize: 30000, threads: 1, note: 'vocab forced to 30000' },
  { label: 'Rust BPE byte-level', engine: 'rust', model: 'bpe', vocabSize: 30000, threads: 2, note: 'vocab forced to 30000' },
  { label: 'ours WordPiece', engine: 'ours', model: 'wordpiece', vocabSize: 30522, threads: 2 },
  { label: 'ours WordPiece', engine: 'ours', model: 'wordpiece', vocabSize: 30000, threads: 2 },
  { label: 'Rust WordPiece', engine: 'rust', model: 'wordpiece', vocabSize: 30000, threads: 1, note: 'vocab forced to 30000' },
  { label: 'ours Unigram', engine: 'ours', model: 'unigram', vocabSize: 32000, threads: 2 },
  { label: 'spm_train BPE', engine: 'spm', model: 'bpe', vocabSize: 32000, threads: 1 },
  { label: 'spm_train unigram', engine: 'spm', model: 'unigram', vocabSize: 32000, threads: 1 },
];

export async function run(): Promise<BenchResult> {
  if (!existsSync(TRAIN) || !existsSync(HELDOUT)) {
    return { title: 'Training', markdown: `_Skipped: ${TRAIN} is missing (run /work/shared/scripts/build-tok-corpus.sh)._` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'nlpkit-train-bench-'));
  const heldout = readFileSync(HELDOUT, 'utf8').split('\n').filter((l) => l !== '');
  const heldoutBytes = heldout.reduce((n, l) => n + Buffer.byteLength(l, 'utf8'), 0);
  const results: Measured[] = [];
  try {
    for (const r of RUNS) {
      console.error(`[bench] train: ${r.label} ${r.vocabSize} (${r.threads} thread${r.threads > 1 ? 's' : ''})…`);
      const m = measure(r, dir, heldout, heldoutBytes);
      console.error(`[bench]   ${m.error ?? `${fmt(m.seconds)} s, ${m.rssMb ?? '?'} MB, ${m.tokensPerByte?.toFixed(4) ?? '?'} tokens/byte`}`);
      results.push(m);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { title: 'Training (tokenizer trainers)', markdown: render(results) };
}

function measure(r: Run, dir: string, heldout: string[], heldoutBytes: number): Measured {
  const base = join(dir, `${r.engine}-${r.model}-${r.vocabSize}-${r.threads}`);
  const timed = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
    const useTime = existsSync(TIME);
    const started = performance.now();
    const p = spawnSync(useTime ? TIME : cmd, useTime ? ['-v', cmd, ...args] : args, { cwd: PACKAGE_DIR, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = (performance.now() - started) / 1000;
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(p.stderr ?? '');
    return { ok: p.status === 0, seconds, rssMb: rss ? Math.round(Number(rss[1]) / 1024) : undefined, stdout: p.stdout ?? '', stderr: p.stderr ?? '' };
  };
  if (r.engine === 'spm') {
    if (!existsSync(SPM_TRAIN)) return { ...r, seconds: NaN, rssMb: undefined, tokensPerByte: undefined, vocab: undefined, error: 'spm_train not installed' };
    const res = timed(SPM_TRAIN, [
      `--input=${TRAIN}`,
      `--model_prefix=${base}`,
      `--vocab_size=${r.vocabSize}`,
      `--model_type=${r.model}`,
      `--num_threads=${r.threads}`,
      '--minloglevel=2',
    ]);
    if (!res.ok) return { ...r, seconds: res.seconds, rssMb: res.rssMb, tokensPerByte: undefined, vocab: undefined, error: lastLine(res.stderr) };
    const enc = spawnSync(SPM_ENCODE, [`--model=${base}.model`, '--output_format=id'], { input: heldout.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
    const tokens = enc.stdout.split('\n').reduce((n, l) => n + (l === '' ? 0 : l.split(' ').length), 0);
    return { ...r, seconds: res.seconds, rssMb: res.rssMb, tokensPerByte: tokens / heldoutBytes, vocab: r.vocabSize };
  }
  const out = `${base}.json`;
  // RAYON_NUM_THREADS sets the Rust library's threads; ours takes its thread count as an argument.
  const env = { ...process.env, RAYON_NUM_THREADS: String(r.threads) };
  const res = timed(process.execPath, ['--import', 'tsx', 'bench/train/child.ts', r.engine, r.model, String(r.vocabSize), String(r.threads), TRAIN, out], env);
  if (!res.ok || !existsSync(out) || statSync(out).size === 0) {
    return { ...r, seconds: res.seconds, rssMb: res.rssMb, tokensPerByte: undefined, vocab: undefined, error: lastLine(res.stderr) };
  }
  const trainSeconds = (JSON.parse(res.stdout.trim().split('\n').pop()!) as { trainMs: number }).trainMs / 1000;
  const json = JSON.parse(readFileSync(out, 'utf8')) as { model: { type: string; unk_token?: string; vocab: Record<string, number> } };
  const m = json.model;
  // Rust's default WordPiece trainer has no special tokens, so its [UNK] is not in the vocabulary and
  // encoding unseen characters fails; for measuring, [UNK] gets the next id.
  if (m.type === 'WordPiece' && m.unk_token !== undefined && !(m.unk_token in m.vocab)) m.vocab[m.unk_token] = Object.keys(m.vocab).length;
  const tok = Tokenizer.fromJSON(json);
  let tokens = 0;
  for (const line of heldout) tokens += tok.encodeIds(line, { addSpecialTokens: false }).length;
  return { ...r, seconds: trainSeconds, rssMb: res.rssMb, tokensPerByte: tokens / heldoutBytes, vocab: tok.vocabSize };
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter((l) => !/^\s*(Command being timed|User time|System time|Percent|Elapsed|Average|Maximum|Major|Minor|Voluntary|Involuntary|Swaps|File system|Socket|Signals|Page size|Exit status)/.test(l)).pop() ?? 'failed';
}

function render(results: Measured[]): string {
  const rust = (model: string, threads: number): Measured | undefined =>
    results.find((x) => x.engine === 'rust' && x.model === model && x.threads === threads && !x.error);
  const rows = results.map((m) => {
    const ref = m.engine === 'ours' ? rust(m.model, 1) : undefined;
    return [
      `${m.label}${m.note ? ` (${m.note})` : ''}`,
      String(m.vocabSize),
      String(m.threads),
      m.error ? `failed: ${m.error}` : fmt(m.seconds),
      m.rssMb !== undefined ? String(m.rssMb) : '–',
      m.tokensPerByte !== undefined ? m.tokensPerByte.toFixed(4) : '–',
      ref && !m.error ? ratio(ref.seconds, m.seconds) : '–',
      ref && m.tokensPerByte !== undefined && ref.tokensPerByte !== undefined ? `${((m.tokensPerByte / ref.tokensPerByte - 1) * 100).toFixed(1)} %` : '–',
    ];
  });
  const table = markdownTable(
    ['trainer', 'vocab', 'threads', 'train s', 'peak RSS MB', 'tokens/byte (held-out)', 'speed vs Rust 1 thread', 'tokens vs Rust'],
    rows,
  );
  return `${table}

Training corpus: tok-corpus \`train.txt\` (${(statSync(TRAIN).size / 1e6).toFixed(1)} MB of multilingual prose and code); tokens per byte on \`heldout.txt\`, line by line, no special tokens (lower is better).
Times are the training call alone (ours and Rust, in a child process) or the whole \`spm_train\` process; peak RSS is the child's (\`/usr/bin/time -v\`), Node's own ~50 MB included for ours and Rust.
Ours: with \`threads\` = 2 the main thread and one worker thread count words; the merge loop and EM are single-threaded. Rust: \`RAYON_NUM_THREADS\`; its \`Tokenizer.train(files)\` ignores trainer options, so it always trains 30000 tokens (min frequency 0, no special tokens): compare it with ours at 30000.
spm_train: \`--num_threads=1\`, \`--input_sentence_size\` default (0: every sentence), \`--character_coverage\` default 0.9995, \`--max_sentence_length\` default 4192; tokens counted with \`spm_encode\`.
Reference (issue, one thread): Rust byte-level BPE 32000 9.5 s (310 MB), WordPiece 30522 11.0 s (138 MB); spm_train BPE 32000 135.5 s, unigram 64.2 s; tokens per byte: Rust BPE 0.254, WordPiece 0.249, spm BPE 0.241, spm unigram 0.246.`;
}
