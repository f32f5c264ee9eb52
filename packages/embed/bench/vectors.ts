/**
 * Speed of the query side against gensim 4.2 on the same files: reading word2vec binary and text,
 * top-10 neighbour queries, and analogy evaluation on questions-words.txt (restrict 30000). The vectors
 * are synthetic (seeded): the words of questions-words.txt first, then fillers, so every question is
 * answered. CPU seconds: ours in-process (process.cpuUsage), gensim's measured inside Python
 * (time.process_time) around each step, so imports are not counted.
 *
 *   tsx --conditions=@nlpkit/source bench/vectors.ts [--words 30000] [--dim 100] [--queries 1000] [--no-gensim]
 *
 * Exports `run(argv)` for bench/index.ts (sub-bench "vectors").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateAnalogies, KeyedVectors, readVectors, writeVectors } from '../src/index.js';

const QUESTIONS = process.env.NLPKIT_QUESTIONS ?? '/work/shared/data/eval/questions-words.txt';
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

const GENSIM = `
import json, sys, time
from gensim.models import KeyedVectors
bin_path, txt_path, questions, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
out = {}
t = time.process_time(); kv = KeyedVectors.load_word2vec_format(bin_path, binary=True); out['read binary'] = time.process_time() - t
t = time.process_time(); KeyedVectors.load_word2vec_format(txt_path, binary=False); out['read text'] = time.process_time() - t
kv.fill_norms()
words = kv.index_to_key
t = time.process_time()
for i in range(n): kv.most_similar(words[(i * 7919) % len(words)], topn=10)
out['top-10 queries'] = time.process_time() - t
t = time.process_time(); score, _ = kv.evaluate_word_analogies(questions, restrict_vocab=30000); out['analogies'] = time.process_time() - t
out['accuracy'] = score
print(json.dumps(out))
`;

const wall: Record<string, number> = {};

/** CPU seconds of the whole process (worker threads included) running `f`; wall seconds go to `wall[name]`. */
async function cpu(f: () => unknown, name = ''): Promise<number> {
  const t = process.cpuUsage();
  const w = performance.now();
  await f();
  const d = process.cpuUsage(t);
  if (name) wall[name] = (performance.now() - w) / 1000;
  return (d.user + d.system) / 1e6;
}

/** A deterministic PRNG (mulberry32) and Gaussian-ish values (sum of uniforms). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticVectors(words: number, dim: number): KeyedVectors {
  const vocab: string[] = [];
  const seen = new Set<string>();
  for (const line of readFileSync(QUESTIONS, 'utf8').split('\n')) {
    if (line.startsWith(':')) continue;
    for (const w of line.split(/\s+/)) if (w && !seen.has(w) && vocab.length < words) (seen.add(w), vocab.push(w));
  }
  for (let i = 0; vocab.length < words; i++) vocab.push(`filler${i}`);
  const r = rng(1);
  const v = new Float32Array(words * dim);
  for (let i = 0; i < v.length; i++) v[i] = r() + r() + r() - 1.5;
  return new KeyedVectors(vocab, v, dim);
}

export async function run(argv: readonly string[]): Promise<void> {
  const arg = (name: string, dflt: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  const words = arg('--words', 30000);
  const dim = arg('--dim', 100);
  const queries = arg('--queries', 1000);
  const dir = mkdtempSync(join(tmpdir(), 'nlpkit-embed-bench-'));
  try {
    const kv = syntheticVectors(words, dim);
    const bin = join(dir, 'v.bin');
    const txt = join(dir, 'v.txt');
    await writeVectors(bin, kv);
    await writeVectors(txt, kv);
    const ours: Record<string, number> = {};
    let loaded = kv;
    ours['read binary'] = await cpu(async () => (loaded = await readVectors(bin)));
    ours['read text'] = await cpu(() => readVectors(txt));
    void loaded.normalized;
    ours['top-10 queries'] = await cpu(() => {
      for (let i = 0; i < queries; i++) loaded.mostSimilar([loaded.words[(i * 7919) % words]], [], { topN: 10 });
    });
    let accuracy = 0;
    ours['analogies'] = await cpu(async () => (accuracy = (await evaluateAnalogies(loaded, QUESTIONS, { restrictVocab: 30000 })).accuracy), 'analogies');
    let theirs: Record<string, number> | undefined;
    if (!argv.includes('--no-gensim')) {
      const p = spawnSync(PYTHON, ['-c', GENSIM, bin, txt, QUESTIONS, String(queries)], { encoding: 'utf8' });
      if (p.status === 0) theirs = JSON.parse(p.stdout) as Record<string, number>;
      else console.log(`gensim not run (${PYTHON}): ${p.stderr.trim().split('\n').at(-1)}`);
    }
    console.log(`vectors: ${words} words × ${dim} dims; ${queries} queries; analogies restrict 30000 (CPU seconds)`);
    console.log(`${'step'.padEnd(16)}${'ours'.padStart(10)}${'gensim'.padStart(10)}${'ratio'.padStart(8)}`);
    for (const step of Object.keys(ours)) {
      const g = theirs?.[step];
      console.log(`${step.padEnd(16)}${ours[step].toFixed(2).padStart(10)}${(g === undefined ? '-' : g.toFixed(2)).padStart(10)}${(g === undefined ? '' : `${(g / ours[step]).toFixed(2)}x`).padStart(8)}`);
    }
    console.log(`analogies wall time (ours, all cores): ${wall['analogies'].toFixed(2)} s`);
    console.log(`analogy accuracy: ours ${accuracy.toFixed(6)}${theirs ? `, gensim ${theirs.accuracy.toFixed(6)}` : ''}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(process.argv.slice(2));
