/**
 * fastText training: ours vs Debian's `fasttext` 0.9.2 on the same slice of Wikipedia and the same
 * hyper-parameters (dim 100, ws 5, neg 5, t 1e-4, minCount 5, subwords 3–6, bucket 2,000,000).
 *
 *   speed (default): the first `--mb` MB (default 6 ≈ 1M words) of wiki-en-17m, `--epochs` (default 1),
 *     1 thread; words per CPU-second (user + sys; the machine is shared, wall time is not comparable),
 *     words = fastText's ntokens × epochs, the whole run (dictionary pass, 2M-bucket initialisation, writing
 *     the .bin and .vec, which fastText always does) counted.
 *   --quality: `--mb` (default: the whole corpus, 17.5M words), 5 epochs, `--threads` (default 2); analogy
 *     accuracy on questions-words.txt restricted to the 30,000 most frequent words, by our
 *     `evaluateAnalogies` (gensim's rules) on the `.vec` each tool wrote, in all and split into the semantic
 *     (first five) and syntactic (`gram*`) sections.
 *   `--model cbow` trains CBOW instead of skip-gram. `--ours-only` skips Debian fasttext (its numbers on the full
 *     corpus as measured for the issue are then shown: 32.6k words/CPU-s, analogies 56.9 %, syntactic 68.6 %).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateAnalogies, type AnalogyResult } from '../src/eval/index.js';
import { trainFastText } from '../src/fasttext/index.js';
import { readVectors, writeVectors } from '../src/formats/index.js';
import { QUESTIONS, sliceOf, unpackedCorpus, WORK } from './corpus.js';
import type { SubBenchResult } from './index.js';

interface Run {
  words: number;
  cpu: number;
  wall: number;
}

export async function run(args: string[]): Promise<SubBenchResult> {
  const value = (f: string): string | undefined => (args.indexOf(f) >= 0 ? args[args.indexOf(f) + 1] : undefined);
  const quality = args.includes('--quality');
  const model = value('--model') === 'cbow' ? 'cbow' : 'sg';
  const epochs = Number(value('--epochs') ?? (quality ? 5 : 1));
  const threads = Number(value('--threads') ?? (quality ? 2 : 1));
  const mb = value('--mb');
  mkdirSync(WORK, { recursive: true });
  const full = await unpackedCorpus('fasttext');
  const file = mb === undefined && quality ? full : sliceOf(full, Number(mb ?? 6) * 1e6);
  const tag = `${model}-${epochs}e-${threads}t-${mb ?? (quality ? 'full' : '6')}`;

  console.error(`[fasttext] ours: ${model}, ${epochs} epoch(s), ${threads} thread(s) on ${file}…`);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const ours = await trainFastText({ files: [file] }, { model, epoch: epochs, threads, seed: 1, dim: 100, minCount: 5 });
  // fastText always writes its .bin and .vec: so do we, inside the timing.
  const oursVec = join(WORK, `ours-${tag}.vec`);
  await ours.save(join(WORK, `ours-${tag}.bin`));
  await writeVectors(oursVec, ours.toKeyedVectors());
  const c = process.cpuUsage(c0);
  const oursRun: Run = { words: ours.dictionary.ntokens * epochs, cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000 };
  console.error(`  ours ${k(oursRun)}k words/CPU-s (${oursRun.cpu.toFixed(1)} CPU-s, ${oursRun.wall.toFixed(1)} s wall)`);

  const prefix = join(WORK, `fasttext-${tag}`);
  const cmd = ['fasttext', model === 'sg' ? 'skipgram' : 'cbow', '-input', file, '-output', prefix, '-dim', '100', '-epoch', String(epochs), '-thread', String(threads), '-minCount', '5', '-verbose', '0'];
  const oursOnly = args.includes('--ours-only');
  let ftRun: Run | undefined;
  if (!oursOnly) {
    console.error('[fasttext] Debian fasttext…');
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S %e', ...cmd], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`fasttext failed: ${r.stderr}`);
    const [user, sys, wall] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    ftRun = { words: oursRun.words, cpu: user + sys, wall };
    console.error(`  fasttext ${k(ftRun)}k words/CPU-s (${ftRun.cpu.toFixed(1)} CPU-s, ${wall.toFixed(1)} s wall)`);
  }

  const md = [
    `Corpus: ${file === full ? 'all of wiki-en-17m' : `the first ${mb ?? 6} MB of wiki-en-17m`} (${(ours.dictionary.ntokens / 1e6).toFixed(2)}M tokens, \`</s>\` included;`,
    `${ours.dictionary.nwords} words ≥ minCount 5), fastText ${model === 'sg' ? 'skip-gram' : 'CBOW'} + ns, dim 100, ws 5, neg 5, t 1e-4, subwords 3–6, bucket 2M,`,
    `${epochs} epoch(s), ${threads} thread(s). Words per CPU-second (user + sys of the whole run, dictionary pass and`,
    'initialisation and writing the .bin and .vec included, as fastText always writes both), in thousands: the',
    'machine is shared, so CPU time, not wall time.',
    '',
    '| tool | k words/CPU-s | CPU s | wall s |',
    '| --- | ---: | ---: | ---: |',
    `| ours | ${k(oursRun)} | ${oursRun.cpu.toFixed(1)} | ${oursRun.wall.toFixed(1)} |`,
    ftRun
      ? `| Debian fasttext 0.9.2 | ${k(ftRun)} | ${ftRun.cpu.toFixed(1)} | ${ftRun.wall.toFixed(1)} |`
      : '| Debian fasttext 0.9.2 (issue: full corpus, 5 epochs, skip-gram) | 32.6 | | |',
    `| ours / fasttext | ${(oursRun.words / oursRun.cpu / (ftRun ? ftRun.words / ftRun.cpu : 32_600)).toFixed(2)}× | | |`,
  ];
  if (quality) {
    const a = await evaluateAnalogies(ours.toKeyedVectors(), QUESTIONS, { restrictVocab: 30000 });
    const b = ftRun ? await evaluateAnalogies(await readVectors(`${prefix}.vec`), QUESTIONS, { restrictVocab: 30000 }) : undefined;
    console.error(`  analogies: ours ${(a.accuracy * 100).toFixed(1)} %${b ? `, fasttext ${(b.accuracy * 100).toFixed(1)} %` : ''}`);
    md.push(
      '',
      'Analogy accuracy on questions-words.txt restricted to the 30,000 most frequent words (our `evaluateAnalogies`,',
      "gensim's rules, on each tool's `.vec`):",
      '',
      '| tool | analogies (%) | semantic | syntactic | OOV questions |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| ours | ${(a.accuracy * 100).toFixed(1)} | ${split(a)} | ${a.oov} |`,
      b ? `| Debian fasttext 0.9.2 | ${(b.accuracy * 100).toFixed(1)} | ${split(b)} | ${b.oov} |` : '| Debian fasttext 0.9.2 (issue: full corpus, 5 epochs) | 56.9 | | 68.6 | |',
    );
  }
  md.push(
    '',
    `Commands: \`cd packages/embed && npx tsx --conditions=@nlpkit/source bench/index.ts fasttext ${args.join(' ')}\`; fasttext as`,
    `\`${cmd.join(' ').replace(file, 'CORPUS').replace(prefix, 'OUT')}\`.`,
  );
  return { title: `fastText training: ours vs Debian fasttext (${model === 'sg' ? 'skip-gram' : 'CBOW'}${quality ? ', quality' : ''})`, markdown: md.join('\n') };
}

/** Semantic (the first five sections) and syntactic (`gram*`) accuracy, as two table cells. */
function split(r: AnalogyResult): string {
  const acc = (syntactic: boolean): string => {
    let right = 0;
    let all = 0;
    for (const s of r.sections.slice(0, -1)) {
      if (s.section.startsWith('gram') !== syntactic) continue;
      right += s.correct;
      all += s.correct + s.incorrect;
    }
    return all > 0 ? ((100 * right) / all).toFixed(1) : '–';
  };
  return `${acc(false)} | ${acc(true)}`;
}

function k(r: Run): string {
  return (r.words / r.cpu / 1000).toFixed(1);
}
