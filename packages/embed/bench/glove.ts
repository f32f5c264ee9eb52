/**
 * GloVe: ours vs Stanford GloVe (built from source by scripts/build-glove.sh into ~/.cache/nlpkit/glove)
 * on the Wikipedia corpus, in the issue's two settings: A = x_max 100, window 5 (GloVe's defaults, tuned
 * for billion-word corpora) and B = x_max 10, window 15 (GloVe's demo.sh). Both sides: min count 5,
 * 1 GB memory cap, seed 1.
 *
 *   speed (default): a slice (`--mb`, default 10 MB ≈ 1.7M words), 1 thread, CPU seconds (user + sys:
 *     the machine is shared, wall time is not comparable) of cooccur, shuffle and one training iteration
 *     (mean over `--iterations`, default 2), dim 50; also checks that the vocabularies and record
 *     counts are the same.
 *   --quality: the full corpus (17.5M words), 15 iterations, `--dim` (default 50), 2 threads; analogy
 *     accuracy on questions-words.txt restricted to the 30,000 most frequent words (our
 *     evaluateAnalogies for both). `--settings A` or `B` runs one; `--mb N` a slice (a dry run);
 *     `--only ours|glove` one side (two processes can share the cores). Results are kept per setting
 *     in /tmp/nlpkit-embed-bench/glove-quality-*.json, so a run can be split.
 */
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { trainGloveWith } from '../src/glove/train-glove.js';
import { readVectors } from '../src/formats/read-vectors.js';
import { writeVectors } from '../src/formats/write-vectors.js';
import { evaluateAnalogies } from '../src/eval/analogies.js';
import type { KeyedVectors } from '../src/vectors/keyed-vectors.js';
import { QUESTIONS, sliceOf, unpackedCorpus, WORK } from './corpus.js';
import type { SubBenchResult } from './index.js';

const GLOVE = join(homedir(), '.cache/nlpkit/glove');
const MEMORY_MB = 1024;

interface Setting {
  name: 'A' | 'B';
  xMax: number;
  window: number;
}
const SETTINGS: Setting[] = [
  { name: 'A', xMax: 100, window: 5 },
  { name: 'B', xMax: 10, window: 15 },
];

interface Timings {
  cooccur: number;
  shuffle: number;
  /** CPU seconds per training iteration. */
  iteration: number;
  records: number;
  vocab: number;
  /** Cost after the last iteration. */
  cost: number;
}

export async function run(args: string[]): Promise<SubBenchResult> {
  const value = (f: string): string | undefined => (args.indexOf(f) >= 0 ? args[args.indexOf(f) + 1] : undefined);
  mkdirSync(WORK, { recursive: true });
  const full = await unpackedCorpus('glove');
  const haveC = existsSync(join(GLOVE, 'glove'));
  if (!haveC) console.error(`[glove] ${GLOVE}/glove missing: build it with scripts/build-glove.sh SOURCE_DIR; GloVe columns skipped`);
  const settings = value('--settings') ? SETTINGS.filter((s) => value('--settings')!.split(',').includes(s.name)) : SETTINGS;
  if (args.includes('--quality')) {
    // `--mb N` scores a slice instead of the full corpus (a dry run of the pipeline).
    const file = value('--mb') ? sliceOf(full, Number(value('--mb')) * 1e6) : full;
    const corpusName = value('--mb') ? `The first ${value('--mb')} MB of wiki-en-17m (${(countWords(file) / 1e6).toFixed(2)}M words)` : 'Full corpus (17.5M words)';
    return quality(file, settings, Number(value('--dim') ?? 50), haveC, corpusName, value('--only'), args);
  }
  return speed(full, settings, Number(value('--mb') ?? 10), Number(value('--iterations') ?? 2), haveC);
}

async function speed(full: string, settings: Setting[], mb: number, iterations: number, haveC: boolean): Promise<SubBenchResult> {
  const file = sliceOf(full, mb * 1e6);
  const rows: string[] = [];
  const notes: string[] = [];
  for (const s of settings) {
    console.error(`[glove] speed, setting ${s.name} (x_max ${s.xMax}, window ${s.window}) on ${file}…`);
    const { t: ours, kv } = await runOurs(file, s, 50, iterations, 1);
    const c = haveC ? runGlove(file, s, 50, iterations, 1, join(WORK, 'glove-speed')) : undefined;
    console.error(`  ours ${JSON.stringify(ours)}\n  GloVe ${JSON.stringify(c)}`);
    const cell = (a: number, b: number | undefined): string => `${a.toFixed(2)} | ${b !== undefined ? b.toFixed(2) : '–'} | ${b !== undefined ? (b / a).toFixed(2) + '×' : '–'}`;
    rows.push(`| ${s.name}: x_max ${s.xMax}, window ${s.window} | ${cell(ours.cooccur, c?.cooccur)} | ${cell(ours.shuffle, c?.shuffle)} | ${cell(ours.iteration, c?.iteration)} |`);
    if (c) {
      const sameVocab = compareVocab(kv, join(WORK, 'glove-speed.vocab.txt'));
      notes.push(
        `Setting ${s.name}: ${sameVocab ? `same vocabulary as vocab_count (${ours.vocab} words)` : 'vocabularies differ'}; ` +
          `${ours.records.toLocaleString('en')} co-occurrence records (GloVe: ${c.records.toLocaleString('en')}); ` +
          `cost after ${iterations} iterations ${ours.cost.toFixed(4)} (GloVe ${c.cost.toFixed(4)}).`,
      );
    }
  }
  const words = countWords(file);
  const md = [
    `Slice: the first ${mb} MB of the Wikipedia corpus (${(words / 1e6).toFixed(2)}M words); dim 50, min count 5, memory cap 1 GB, 1 thread;`,
    `CPU seconds (user + sys). Ratio = GloVe / ours (above 1: we are faster). Training: CPU seconds per iteration, mean of ${iterations}.`,
    '',
    '| setting | cooccur ours | GloVe | ratio | shuffle ours | GloVe | ratio | train/iter ours | GloVe | ratio |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    `Command: \`npx tsx --conditions=@nlpkit/source bench/index.ts glove --mb ${mb} --iterations ${iterations}\`. GloVe built with scripts/build-glove.sh.`,
  ];
  return { title: 'GloVe: counting, shuffling and training speed vs Stanford GloVe', markdown: md.join('\n') };
}

interface QualityResult {
  ours?: number;
  glove?: number;
  oursCpuMinutes?: number;
  gloveCpuMinutes?: number;
}

async function quality(full: string, settings: Setting[], dim: number, haveC: boolean, corpusName: string, only: string | undefined, args: string[]): Promise<SubBenchResult> {
  const rows: string[] = [];
  for (const s of settings) {
    const json = join(WORK, `glove-quality-${s.name}-${dim}-${basename(full)}.json`);
    const load = (): QualityResult => (existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as QualityResult) : {});
    // Re-read before each write: an ours-only and a GloVe-only run (`--only`) may share the file.
    const save = (part: QualityResult): void => writeFileSync(json, JSON.stringify({ ...load(), ...part }));
    const r = load();
    if (r.ours === undefined && only !== 'glove') {
      console.error(`[glove] quality ${s.name}: ours on ${full}, 15 iterations, 2 threads…`);
      const c0 = process.cpuUsage();
      const { kv } = await runOurs(full, s, dim, 15, 2);
      const c = process.cpuUsage(c0);
      r.oursCpuMinutes = (c.user + c.system) / 60e6;
      await writeVectors(join(WORK, `glove-ours-${s.name}-${dim}-${basename(full)}`), kv);
      r.ours = await analogy(kv);
      save({ ours: r.ours, oursCpuMinutes: r.oursCpuMinutes });
      console.error(`  ours ${r.ours.toFixed(2)} %`);
    }
    if (haveC && r.glove === undefined && only !== 'ours') {
      console.error(`[glove] quality ${s.name}: Stanford GloVe on ${full}…`);
      const prefix = join(WORK, `glove-c-${s.name}-${dim}-${basename(full, '.txt')}`); // per slice: runs on two slices may overlap
      const t = runGlove(full, s, dim, 15, 2, prefix);
      r.gloveCpuMinutes = (t.cooccur + t.shuffle + t.iteration * 15) / 60;
      // GloVe's header counts the vocabulary; the <unk> row it appends is past it.
      r.glove = await analogy(await readVectors(`${prefix}.vectors.txt`, { format: 'word2vec-text', limit: t.vocab }));
      save({ glove: r.glove, gloveCpuMinutes: r.gloveCpuMinutes });
      console.error(`  GloVe ${r.glove.toFixed(2)} %`);
    }
    Object.assign(r, load());
    const f = (x: number | undefined, d = 1): string => (x === undefined ? '–' : x.toFixed(d));
    rows.push(`| ${s.name}: x_max ${s.xMax}, window ${s.window} | ${f(r.ours)} % | ${f(r.glove)} % | ${f(r.oursCpuMinutes)} | ${f(r.gloveCpuMinutes)} |`);
  }
  const md = [
    `${corpusName}, dim ${dim}, min count 5, 15 iterations, 2 threads, memory cap 1 GB; W + C (GloVe's -model 2).`,
    'Analogy accuracy on questions-words.txt, 30,000 most frequent words, scored by our evaluateAnalogies (gensim-exact) for both.',
    '',
    '| setting | ours | Stanford GloVe | ours CPU min | GloVe CPU min |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Command: \`npx tsx --conditions=@nlpkit/source bench/index.ts glove ${args.filter((a) => a !== '--no-write').join(' ')}\` (the issue quotes 12.5 % for GloVe in setting A, full corpus).`,
  ];
  return { title: 'GloVe: analogy accuracy vs Stanford GloVe', markdown: md.join('\n'), block: 'glove-quality' };
}

async function analogy(kv: KeyedVectors): Promise<number> {
  const r = await evaluateAnalogies(kv, QUESTIONS, { restrictVocab: 30000 });
  return r.accuracy * 100;
}

async function runOurs(file: string, s: Setting, dim: number, iterations: number, threads: number): Promise<{ t: Timings; kv: KeyedVectors }> {
  const t: Timings = { cooccur: 0, shuffle: 0, iteration: 0, records: 0, vocab: 0, cost: 0 };
  let last = process.cpuUsage();
  const lap = (): number => {
    const c = process.cpuUsage(last);
    last = process.cpuUsage();
    return (c.user + c.system) / 1e6;
  };
  let trainCpu = 0;
  const kv = await trainGloveWith(
    { files: [file] },
    { dim, window: s.window, xMax: s.xMax, iterations, minCount: 5, threads, seed: 1, memoryMB: MEMORY_MB, spillDir: WORK,
      onProgress: (p) => {
        trainCpu += lap();
        t.cost = p.cost;
        console.error(`  iteration ${p.iteration}: cost ${p.cost.toFixed(4)}, ${p.seconds.toFixed(1)} s`);
      } },
    {
      onStage: (stage, _seconds, records) => {
        const cpu = lap();
        if (stage === 'vocab') t.cooccur += cpu; // cooccur's own pass includes reading the vocabulary
        if (stage === 'cooccur') t.cooccur += cpu;
        if (stage === 'shuffle') t.shuffle = cpu;
        t.records = records;
      },
    },
  );
  t.iteration = trainCpu / iterations;
  t.vocab = kv.size;
  return { t, kv };
}

/** vocab_count, cooccur, shuffle and glove, each timed by /usr/bin/time (vocab_count counts into cooccur's time, as ours). */
function runGlove(file: string, s: Setting, dim: number, iterations: number, threads: number, prefix: string): Timings {
  const vocab = `${prefix}.vocab.txt`;
  const cooc = `${prefix}.cooc.bin`;
  const shuf = `${prefix}.shuf.bin`;
  const mem = String(MEMORY_MB / 1024);
  const v = timed('vocab_count', ['-min-count', '5', '-verbose', '0'], file, vocab);
  const c = timed('cooccur', ['-vocab-file', vocab, '-window-size', String(s.window), '-memory', mem, '-overflow-file', `${prefix}.overflow`, '-verbose', '0'], file, cooc);
  const sh = timed('shuffle', ['-memory', mem, '-seed', '1', '-temp-file', `${prefix}.temp`, '-verbose', '0'], cooc, shuf);
  const g = timed('glove', [
    '-input-file', shuf, '-vocab-file', vocab, '-save-file', `${prefix}.vectors`, '-threads', String(threads), '-x-max', String(s.xMax),
    '-iter', String(iterations), '-vector-size', String(dim), '-binary', '0', '-write-header', '1', '-seed', '1', '-verbose', '1',
  ]);
  const costs = [...g.stderr.matchAll(/cost: ([0-9.]+)/g)];
  return {
    cooccur: v.cpu + c.cpu,
    shuffle: sh.cpu,
    iteration: g.cpu / iterations,
    records: statSync(cooc).size / 16,
    vocab: readFileSync(vocab, 'utf8').split('\n').length - 1,
    cost: Number(costs.at(-1)?.[1] ?? NaN),
  };
}

function timed(tool: string, args: string[], stdin?: string, stdout?: string): { cpu: number; stderr: string } {
  const inFd = stdin ? openSync(stdin, 'r') : 'ignore';
  const outFd = stdout ? openSync(stdout, 'w') : 'ignore';
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %e', join(GLOVE, tool), ...args], { stdio: [inFd, outFd, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  if (typeof inFd === 'number') closeSync(inFd);
  if (typeof outFd === 'number') closeSync(outFd);
  if (r.status !== 0) throw new Error(`GloVe ${tool} failed: ${r.stderr}`);
  const [user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { cpu: user! + sys!, stderr: r.stderr };
}

function compareVocab(kv: KeyedVectors, vocabFile: string): boolean {
  const lines = readFileSync(vocabFile, 'utf8').trimEnd().split('\n');
  if (lines.length !== kv.size) return false;
  return lines.every((l, i) => {
    const [w, c] = l.split(' ');
    return w === kv.words[i] && Number(c) === kv.counts![i];
  });
}

function countWords(file: string): number {
  const text = readFileSync(file, 'latin1');
  return text.split(/[ \t\n]+/).filter(Boolean).length;
}

