/**
 * word2vec training: our trainer vs word2vec C (and gensim, `--gensim`) on the same corpus and
 * hyper-parameters (dim 100, window 5, negative 5, sample 1e-4, min count 5), in the four modes.
 *
 *   speed (default): a slice of the Wikipedia corpus (`--mb`, default 20 MB ≈ 3.4M words), 1 epoch, 1 thread,
 *     words per CPU-second (user + sys: the machine is shared, wall time is not comparable); then our
 *     sg+ns on 2 threads against 1 (Hogwild scaling); `--js-ops` adds our JavaScript fallback kernel.
 *   --quality: the full corpus (17.5M words), 5 epochs, 2 threads; analogy accuracy on questions-words.txt
 *     restricted to the 30,000 most frequent words (gensim's evaluate_word_analogies through /usr/bin/python3).
 *     `--c-quality` also trains and scores word2vec C (minutes of CPU per mode). `--modes cbow-ns,sg-ns` picks modes;
 *     `--eval-only` re-scores the vectors a previous run left in /tmp/nlpkit-embed-bench.
 *
 * word2vec C is built by scripts/build-word2vec-c.sh into ~/.cache/nlpkit/word2vec/word2vec.
 */
import { existsSync, mkdirSync, openSync, closeSync, writeFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { KeyedVectors } from '../src/vectors/keyed-vectors.js';
import { trainWord2VecWith } from '../src/train/train-word2vec.js';
import { QUESTIONS, sliceOf, unpackedCorpus, WORK } from './corpus.js';
import type { SubBenchResult } from './index.js';

const C_BIN = join(homedir(), '.cache/nlpkit/word2vec/word2vec');
const PYTHON = '/usr/bin/python3';
const HYPER = { dim: 100, window: 5, negative: 5, sample: 1e-4, minCount: 5 } as const;

type Mode = { model: 'sg' | 'cbow'; loss: 'ns' | 'hs'; name: string };
const MODES: Mode[] = [
  { model: 'sg', loss: 'ns', name: 'sg+ns' },
  { model: 'sg', loss: 'hs', name: 'sg+hs' },
  { model: 'cbow', loss: 'ns', name: 'cbow+ns' },
  { model: 'cbow', loss: 'hs', name: 'cbow+hs' },
];

interface Run {
  words: number;
  cpu: number;
  wall: number;
}

export async function run(args: string[]): Promise<SubBenchResult> {
  const flag = (f: string): boolean => args.includes(f);
  const value = (f: string): string | undefined => (args.indexOf(f) >= 0 ? args[args.indexOf(f) + 1] : undefined);
  const modes = value('--modes') ? MODES.filter((m) => value('--modes')!.split(',').includes(m.name.replace('+', '-'))) : MODES;
  mkdirSync(WORK, { recursive: true });
  const full = await unpackedCorpus('word2vec');
  const haveC = existsSync(C_BIN);
  if (!haveC) console.error(`[word2vec] ${C_BIN} missing: build it with scripts/build-word2vec-c.sh SOURCE_DIR; C columns skipped`);
  if (flag('--quality')) return quality(full, modes, haveC && flag('--c-quality'), flag('--eval-only'));
  return speed(full, modes, Number(value('--mb') ?? 20), haveC, flag('--gensim'), flag('--js-ops'));
}

async function speed(full: string, modes: Mode[], mb: number, haveC: boolean, gensim: boolean, jsOps: boolean): Promise<SubBenchResult> {
  const file = sliceOf(full, mb * 1e6);
  const rows: string[] = [];
  let vocabNote = '';
  let sgNsOne: Run | undefined;
  const cmd = (m: Mode, threads: number): string =>
    `word2vec -train slice.txt -cbow ${m.model === 'cbow' ? 1 : 0} -hs ${m.loss === 'hs' ? 1 : 0} -negative ${m.loss === 'ns' ? 5 : 0} -size 100 -window 5 -sample 1e-4 -min-count 5 -iter 1 -threads ${threads}`;
  for (const m of modes) {
    console.error(`[word2vec] speed ${m.name}…`);
    const { run: ours, kv } = await runOurs(m, file, 1, 1, false);
    if (m.name === 'sg+ns') sgNsOne = ours;
    const c = haveC ? runC(m, file, 1, 1, ours.words, undefined, vocabNote ? undefined : join(WORK, 'c.vocab')) : undefined;
    if (c && !vocabNote) vocabNote = compareVocab(kv, join(WORK, 'c.vocab'));
    const js = jsOps ? (await runOurs(m, file, 1, 1, true)).run : undefined;
    const g = gensim ? runGensim(m, file, 1, 2) : undefined;
    rows.push(
      `| ${m.name} | ${k(ours)} | ${c ? k(c) : '–'} | ${c ? ratio(ours, c) : '–'} |` +
        (jsOps ? ` ${js ? k(js) : '–'} |` : '') +
        (gensim ? ` ${g ? `${k(g)} (${ratio(ours, g)})` : '–'} |` : ''),
    );
    console.error(`  ours ${k(ours)}  C ${c ? k(c) : '–'}  js ${js ? k(js) : '–'}  gensim ${g ? k(g) : '–'}`);
  }
  console.error('[word2vec] scaling sg+ns, 2 threads…');
  const one = sgNsOne ?? (await runOurs(MODES[0]!, file, 1, 1, false)).run;
  const two = (await runOurs(MODES[0]!, file, 1, 2, false)).run;
  const c2 = haveC ? runC(MODES[0]!, file, 1, 2, one.words) : undefined;
  const words = one.words;
  const md = [
    `Corpus: the first ${mb} MB of wiki-en-17m (${(words / 1e6).toFixed(2)}M words counted by word2vec C's rules, \`</s>\` included), 1 epoch,`,
    `dim 100, window 5, negative 5 (ns), sample 1e-4, min count 5, 1 thread. Words per CPU-second (user + sys of the`,
    `whole process, vocabulary pass included), in thousands: the machine is shared, so CPU time, not wall time.`,
    `word2vec C: \`gcc -O3 -march=native -funroll-loops\` (scripts/build-word2vec-c.sh). ${vocabNote}`,
    '',
    '| mode | ours (k words/CPU-s) | word2vec C | ours / C |' +
      (jsOps ? ' ours, JavaScript ops |' : '') +
      (gensim ? ' gensim 4.2 workers=2 (ours / gensim) |' : ''),
    '| --- | ---: | ---: | ---: |' + (jsOps ? ' ---: |' : '') + (gensim ? ' ---: |' : ''),
    ...rows,
    '',
    `Hogwild, sg+ns: 1 thread ${k(one)}k words/CPU-s (${one.wall.toFixed(1)} s wall); 2 threads ${k(two)}k words/CPU-s`,
    `(${two.wall.toFixed(1)} s wall; ${(two.words / two.cpu / (one.words / one.cpu) * 100).toFixed(0)} % of the 1-thread rate per CPU-second)` +
      (c2 ? `; word2vec C on 2 threads ${k(c2)}k words/CPU-s.` : '.'),
    '',
    `Commands: \`cd packages/embed && npx tsx --conditions=@nlpkit/source bench/index.ts train [--gensim] [--js-ops]\`;`,
    `C as \`${cmd(MODES[0]!, 1)}\` (flags per mode).`,
  ];
  return { title: 'word2vec training speed: ours vs word2vec C', markdown: md.join('\n') };
}

async function quality(full: string, modes: Mode[], withC: boolean, evalOnly: boolean): Promise<SubBenchResult> {
  // word2vec C's scores as measured for the issue on this machine (same settings), for when --c-quality is not given.
  const issueC: Record<string, number> = { 'sg+ns': 36.7, 'sg+hs': 37.2, 'cbow+ns': 36.6, 'cbow+hs': 29.8 };
  for (const m of modes) {
    const tag = `${m.model}-${m.loss}`;
    const out = join(WORK, `ours-${tag}.txt`);
    const result: QualityResult = existsSync(join(WORK, `quality-${tag}.json`))
      ? (JSON.parse(readFileSync(join(WORK, `quality-${tag}.json`), 'utf8')) as QualityResult)
      : { ours: NaN, cpuMinutes: NaN };
    if (!evalOnly) {
      console.error(`[word2vec] quality ${m.name} (full corpus, 5 epochs, 2 threads)…`);
      const { run: r, kv } = await runOurs(m, full, 5, 2, false);
      writeWord2VecText(kv, out);
      result.cpuMinutes = r.cpu / 60;
    }
    result.ours = analogy(out);
    if (withC) {
      const cOut = join(WORK, `c-${tag}.txt`);
      runC(m, full, 5, 2, 0, cOut);
      result.c = analogy(cOut);
    }
    writeFileSync(join(WORK, `quality-${tag}.json`), JSON.stringify(result));
    console.error(`  ${m.name}: ours ${result.ours.toFixed(2)} %${result.c !== undefined ? `, C ${result.c.toFixed(2)} %` : ''}`);
  }
  // The table shows every mode scored so far (results are kept in ${WORK}), so modes can be run one at a time.
  const rows: string[] = [];
  for (const m of MODES) {
    const file = join(WORK, `quality-${m.model}-${m.loss}.json`);
    if (!existsSync(file)) continue;
    const q = JSON.parse(readFileSync(file, 'utf8')) as QualityResult;
    const c = q.c ?? issueC[m.name]!;
    const diff = q.ours - c;
    rows.push(
      `| ${m.name} | ${q.ours.toFixed(1)} | ${c.toFixed(1)}${q.c === undefined ? ' (issue)' : ''} | ${diff >= 0 ? '+' : ''}${diff.toFixed(1)} | ${Number.isFinite(q.cpuMinutes) ? q.cpuMinutes.toFixed(1) : '–'} |`,
    );
  }
  const md = [
    'Full wiki-en-17m (17.5M words), 5 epochs, 2 threads, dim 100, window 5, negative 5, sample 1e-4, min count 5, seed 1.',
    'Analogy accuracy (%) on questions-words.txt restricted to the 30,000 most frequent words: gensim 4.2',
    "`KeyedVectors.evaluate_word_analogies(restrict_vocab=30000)` on the word2vec text file each tool wrote.",
    '',
    '| mode | ours | word2vec C | ours − C | our CPU minutes |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    'Command: `cd packages/embed && npx tsx --conditions=@nlpkit/source bench/index.ts train --quality [--c-quality] [--modes cbow-ns,sg-ns]`',
    '(one mode at a time is fine: the table keeps the modes scored before). "(issue)": word2vec C\'s score as measured',
    'for the issue with the same settings; `--c-quality` re-measures it here.',
  ];
  return { title: 'word2vec training quality: analogies vs word2vec C', markdown: md.join('\n'), block: 'train-quality' };
}

interface QualityResult {
  ours: number;
  c?: number;
  cpuMinutes: number;
}

async function runOurs(m: Mode, file: string, epochs: number, threads: number, jsOps: boolean): Promise<{ run: Run; kv: KeyedVectors }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const kv = await trainWord2VecWith({ files: [file] }, { ...HYPER, model: m.model, loss: m.loss, epochs, threads, seed: 1 }, { jsOps });
  const c = process.cpuUsage(c0);
  const words = kv.counts!.reduce((s, x) => s + x, 0) * epochs;
  return { run: { words, cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000 }, kv };
}

/** `words`: what it trains on, all epochs (our count: the vocabularies are the same, see compareVocab). */
function runC(m: Mode, file: string, epochs: number, threads: number, words: number, output?: string, saveVocab?: string): Run {
  const args = [
    '-f', '%U %S %e', C_BIN, '-train', file, '-output', output ?? join(WORK, 'c-speed.txt'), '-cbow', m.model === 'cbow' ? '1' : '0',
    '-hs', m.loss === 'hs' ? '1' : '0', '-negative', m.loss === 'ns' ? '5' : '0', '-size', '100', '-window', '5', '-sample', '1e-4',
    '-min-count', '5', '-iter', String(epochs), '-threads', String(threads), '-alpha', m.model === 'sg' ? '0.025' : '0.05', '-debug', '0',
    ...(saveVocab ? ['-save-vocab', saveVocab] : []),
  ];
  const r = spawnSync('/usr/bin/time', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`word2vec C failed: ${r.stderr}`);
  const [user, sys, wall] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { words, cpu: user! + sys!, wall: wall! };
}

function compareVocab(kv: KeyedVectors, cVocab: string): string {
  const lines = readFileSync(cVocab, 'utf8').trim().split('\n');
  let same = lines.length === kv.size;
  for (let i = 0; same && i < lines.length; i++) {
    const [w, c] = lines[i]!.split(' ');
    if (w !== kv.words[i] || Number(c) !== kv.counts![i]) same = false;
  }
  return same
    ? `Our vocabulary equals word2vec C's \`-save-vocab\` (${kv.size} words, same order and counts).`
    : `Our vocabulary differs from word2vec C's (${kv.size} vs ${lines.length} words).`;
}

function runGensim(m: Mode, file: string, epochs: number, workers: number): Run {
  const py = `
import resource, time, logging
from gensim.models import Word2Vec
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF); return r.ru_utime + r.ru_stime
c0, t0 = cpu(), time.time()
m = Word2Vec(corpus_file=${JSON.stringify(file)}, vector_size=100, window=5, negative=${m.loss === 'ns' ? 5 : 0}, hs=${m.loss === 'hs' ? 1 : 0},
             sg=${m.model === 'sg' ? 1 : 0}, sample=1e-4, min_count=5, epochs=${epochs}, workers=${workers}, alpha=${m.model === 'sg' ? 0.025 : 0.05})
print(m.corpus_total_words * ${epochs}, cpu() - c0, time.time() - t0)
`;
  const r = spawnSync(PYTHON, ['-c', py], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gensim failed: ${r.stderr}`);
  const [words, cpu, wall] = r.stdout.trim().split('\n').pop()!.split(' ').map(Number);
  return { words: words!, cpu: cpu!, wall: wall! };
}

function analogy(vectors: string): number {
  const py = `
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(${JSON.stringify(vectors)}, binary=False)
score, _ = kv.evaluate_word_analogies(${JSON.stringify(QUESTIONS)}, restrict_vocab=30000)
print(score * 100)
`;
  const r = spawnSync(PYTHON, ['-c', py], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`gensim analogy evaluation failed: ${r.stderr}`);
  return Number(r.stdout.trim().split('\n').pop());
}

/** word2vec C's text format: a header line, then `word v1 … vd` per line (6 decimals, as C's %lf). */
export function writeWord2VecText(kv: KeyedVectors, path: string): void {
  const out = openSync(path, 'w');
  const parts: string[] = [`${kv.size} ${kv.dim}\n`];
  for (let i = 0; i < kv.size; i++) {
    let line = kv.words[i]!;
    for (let k = 0; k < kv.dim; k++) line += ' ' + kv.vectors[i * kv.dim + k]!.toFixed(6);
    parts.push(line + '\n');
    if (parts.length >= 2000) writeFileSync(out, parts.splice(0).join(''));
  }
  writeFileSync(out, parts.join(''));
  closeSync(out);
}

function k(r: Run): string {
  return (r.words / r.cpu / 1000).toFixed(1);
}

function ratio(a: Run, b: Run): string {
  return (a.words / a.cpu / (b.words / b.cpu)).toFixed(2) + '×';
}
