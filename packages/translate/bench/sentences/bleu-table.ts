/**
 * Regenerates the sentence-translation BLEU table (issue 9 §3) on Multi30k test2016, one language pair per
 * run (both directions):
 *
 *   npx tsx --conditions=@nlpkit/source bench/sentences/bleu-table.ts --pair en-fr [--dict gt|FILE_DIR] [--mono 14500] [--rounds 3]
 *     [--schedule sequential|simultaneous] [--no-supervised] [--no-adapt] [--no-copy] [--lm task1|task2] [--rank-step S] [--tag NAME]
 *     [--comparable task1|task2] [--temperature T] [--save DIR] [--weights DIR]
 *
 * Rows: copying the source; word-by-word + LM with the dictionary; iterative back-translation rounds 1..R
 * (phrase-based, trained only on the mono/ halves); the supervised upper bound (same phrase machinery on the
 * parallel train pairs). `--dict gt` uses the ground-truth MUSE dictionaries (0-5000 and 6500-end; the
 * 5000-6500 split is held out); `--dict DIR` reads induced dictionaries DIR/<src>-<tgt>.dict (both
 * directions). LMs: 4-gram modified Kneser–Ney (lmplz-style, `trainMkn`) on each language's mono train half.
 * BLEU: multi-bleu style (tokenised lowercase tok/ references, sacreBLEU tokenize none) and sacreBLEU 13a
 * lowercase on Moses-detokenised output against raw/ references. Writes WORK/bleu-<pair>-<dict>.json and
 * prints Markdown rows. No test-set tuning: weights are fixed defaults. Induced dictionaries are adapted to the
 * text's tokens (`adaptDictionary`: `l&apos;` finds `l`, targets `l` → `l&apos;`) and get copy candidates
 * (the source word itself when the target half has it); `--no-adapt` / `--no-copy` turn those off.
 * `--rounds 0` stops after word by word. `--comparable` re-induces both dictionaries on the mono halves as
 * comparable text (`comparableDictionary`, seeded by the adapted induced ones; `task2`: English side from the
 * Task-2 captions). Each round also logs val BLEU (the mono/val source halves against their val references).
 * `--save DIR` writes each round's systems as a model folder DIR/round-<r> (`translate run` reads it; `tune-dev.ts`
 * tunes its decoder weights on val). `--weights DIR` decodes the back-translation rounds with the weights tuned
 * on val by `tune-dev.ts --out DIR/<src>-<tgt>.json` (per direction; word by word keeps its own).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { trainMkn, type ArpaModel } from '@nlpkit/lm';
import { corpusBleu } from '@nlpkit/metrics';
import { writeFileAtomic, type MosesLang } from '@nlpkit/tokenize';
import { trainUnsupervised, type SentenceTranslator } from '../../src/backtranslation/unsupervised.js';
import { saveModel, MODEL_FORMAT, MODEL_VERSION } from '../../src/backtranslation/model-folder.js';
import { PhraseDecoder, type DecoderWeights } from '../../src/phrase/decoder.js';
import { trainPhraseTable } from '../../src/phrase/extract.js';
import { adaptDictionary, rankScores, wordCounts } from '../../src/wordbyword/adapt.js';
import { reinduceDictionary } from '../../src/wordbyword/comparable.js';
import { parseScoredDictionary, type ScoredDictionary } from '../../src/wordbyword/dictionary-table.js';
import { monoTokens, parallelTrain, readLines, scoreBleu, task2Tokens, testSet, valSet, WORK, type BleuPair, type TestSet } from './data.js';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const [L1, L2] = opt('pair', 'en-fr').split('-') as [MosesLang, MosesLang];
const dictArg = opt('dict', 'gt');
const monoN = Number(opt('mono', '14500'));
const rounds = Number(opt('rounds', '3'));
const supervised = !args.includes('--no-supervised');
const schedule = opt('schedule', 'sequential') as 'sequential' | 'simultaneous';
const adapt = dictArg !== 'gt' && !args.includes('--no-adapt');
const copyCandidates = !args.includes('--no-copy');
const tag = opt('tag', '');
const lmData = opt('lm', 'task1') as 'task1' | 'task2';
// Rank prior for unscored dictionaries: p(e|f) ∝ exp(−rankStep·r/0.1) over the candidates' ranks r (0 = uniform).
const rankStep = Number(opt('rank-step', '0'));
// `--comparable task1|task2`: re-induce the (adapted) dictionaries from the mono halves as comparable text
// (`comparableDictionary`, seeded by them); task2 reads the English side from the Task-2 captions (all 5 per
// image; German Task-2 captions measured worse on val: they are written independently, not translated).
// Softmax temperature of scored dictionaries' p(e|f) (`dictionaryTable`; default 0.1).
const temperature = args.includes('--temperature') ? Number(opt('temperature', '0.1')) : undefined;
const comparableText = opt('comparable', '') as '' | 'task1' | 'task2';
const saveDir = opt('save', '');
const weightsDir = opt('weights', '');
const tunedWeights = async (dir: string): Promise<DecoderWeights | undefined> =>
  weightsDir ? (JSON.parse(await readFile(join(weightsDir, `${dir}.json`), 'utf8')) as { tuned: DecoderWeights }).tuned : undefined;
if (saveDir) await mkdir(saveDir, { recursive: true });
const cpu = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const log = (s: string): void => void process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);

async function dictionary(src: MosesLang, tgt: MosesLang): Promise<ScoredDictionary> {
  if (dictArg === 'gt') {
    const dir = '/work/shared/data/muse-dicts';
    const a = await readFile(join(dir, `${src}-${tgt}.0-5000.txt`), 'utf8');
    const b = gunzipSync(await readFile(join(dir, `${src}-${tgt}.6500-end.txt.gz`))).toString('utf8');
    return parseScoredDictionary(`${a}\n${b}`, `MUSE ${src}-${tgt} 0-5000 + 6500-end`);
  }
  const path = join(dictArg, `${src}-${tgt}.dict`);
  return parseScoredDictionary(await readFile(path, 'utf8'), path);
}

// `--lm task2`: the English LM on the Task-2 English captions (a superset of the English half), the German
// one on the German half plus the Task-2 German captions; French has no Task-2 data.
async function lmFor(lang: MosesLang): Promise<ArpaModel> {
  const files = [await monoTokens(lang)];
  if (lmData === 'task2' && lang === 'en') files[0] = await task2Tokens('en');
  if (lmData === 'task2' && lang === 'de') files.push(await task2Tokens('de'));
  return (await trainMkn(concatFiles(files), { order: 4, discountFallback: [0.5, 1, 1.5] })).model;
}

async function* concatFiles(paths: readonly string[]): AsyncGenerator<string> {
  for (const p of paths) yield await readFile(p, 'utf8');
}

function evaluate(system: SentenceTranslator, test: TestSet, tgt: MosesLang): BleuPair & { cpu: number } {
  const t = cpu();
  const hyps = test.source.map((l) => system.translate(l.split(' ')).tokens.join(' '));
  return { ...scoreBleu(hyps, test, tgt), cpu: cpu() - t };
}

const rows: { row: string; [dir: string]: unknown }[] = [];
const record = (row: string, dir: string, r: unknown): void => {
  let e = rows.find((x) => x.row === row);
  if (!e) rows.push((e = { row }));
  e[dir] = r;
  log(`${row} ${dir} ${JSON.stringify(r)}`);
};

// The JSON is rewritten after every round, so an interrupted run keeps the rounds it finished.
const out = join(WORK, `bleu-${L1}-${L2}-${dictArg === 'gt' ? 'gt' : 'induced'}${schedule === 'simultaneous' ? '-simultaneous' : ''}${tag ? `-${tag}` : ''}.json`);
async function save(): Promise<void> {
  await writeFileAtomic(out, JSON.stringify({ pair: `${L1}-${L2}`, dict: dictArg, weights: weightsDir ? { [`${L1}-${L2}`]: await tunedWeights(`${L1}-${L2}`), [`${L2}-${L1}`]: await tunedWeights(`${L2}-${L1}`) } : null, schedule, monoN, rounds, lmData, rankStep, adapt, copy: copyCandidates, comparable: comparableText || null, temperature: temperature ?? null, adaptStats, rows, load: (await import('node:os')).loadavg() }, null, 2));
}

const lms = { [L1]: await lmFor(L1), [L2]: await lmFor(L2) } as Record<MosesLang, ArpaModel>;
const tests = { [`${L1}-${L2}`]: await testSet(L1, L2), [`${L2}-${L1}`]: await testSet(L2, L1) } as Record<string, TestSet>;
const copy = { translate: (t: readonly string[]) => ({ tokens: [...t], score: 0, unknown: 0 }) };
for (const [s, t] of [[L1, L2], [L2, L1]] as const) record('copy source', `${s}-${t}`, evaluate(copy, tests[`${s}-${t}`], t));

const mono1 = (await readLines(await monoTokens(L1))).slice(0, monoN).map((l) => l.split(' ').filter((w) => w !== ''));
const mono2 = (await readLines(await monoTokens(L2))).slice(0, monoN).map((l) => l.split(' ').filter((w) => w !== ''));
const val1 = (await readLines(await monoTokens(L1, 'val'))).map((l) => l.split(' ').filter((w) => w !== ''));
const val2 = (await readLines(await monoTokens(L2, 'val'))).map((l) => l.split(' ').filter((w) => w !== ''));
// Dev scores: the mono/val source halves against their val references (never used to train).
const valSets = { [`${L1}-${L2}`]: await valSet(L1, L2), [`${L2}-${L1}`]: await valSet(L2, L1) } as Record<string, { source: string[]; ref: string[] }>;
function valBleu(system: SentenceTranslator, dir: string): { bleu: number } {
  const v = valSets[dir];
  const hyps = v.source.map((l) => system.translate(l.split(' ').filter((w) => w !== '')).tokens.join(' '));
  return { bleu: corpusBleu(hyps, [v.ref], { tokenize: 'none', lowercase: true, force: true }).score };
}
function roundTrip(there: SentenceTranslator, back: SentenceTranslator, text: readonly string[][]): { bleu: number } {
  const hyps = text.map((s) => back.translate(there.translate(s).tokens).tokens.join(' '));
  return { bleu: corpusBleu(hyps, [text.map((s) => s.join(' '))], { tokenize: 'none', force: true }).score };
}
const dictLabel = dictArg === 'gt' ? 'ground-truth dictionary' : comparableText ? `induced dictionary re-induced on comparable mono text, ${comparableText}${temperature !== undefined ? `, temperature ${temperature}` : ''}` : 'induced dictionary';
let dict12 = await dictionary(L1, L2);
let dict21 = await dictionary(L2, L1);
if (rankStep > 0) [dict12, dict21] = [rankScores(dict12, rankStep), rankScores(dict21, rankStep)];
const adaptStats: Record<string, unknown> = {};
if (adapt && comparableText !== '') {
  const counts1 = wordCounts(mono1);
  const counts2 = wordCounts(mono2);
  const text = async (lang: MosesLang, mono: string[][]): Promise<string[][]> =>
    comparableText === 'task2' && lang === 'en' ? (await readLines(await task2Tokens(lang))).map((l) => l.split(' ').filter((w) => w !== '')) : mono;
  const [text1, text2] = [await text(L1, mono1), await text(L2, mono2)];
  const induce = (d: ScoredDictionary, src: string[][], tgt: string[][], cs: Map<string, number>, ct: Map<string, number>, dir: string): ScoredDictionary => {
    const t0 = cpu();
    const r = reinduceDictionary(d, src, tgt, { sourceWords: cs, targetWords: ct, copy: copyCandidates });
    adaptStats[dir] = { comparable: r.comparable, ...r.adapt, cpu: cpu() - t0 };
    return r.dictionary;
  };
  [dict12, dict21] = [induce(dict12, text1, text2, counts1, counts2, `${L1}-${L2}`), induce(dict21, text2, text1, counts2, counts1, `${L2}-${L1}`)];
  log(`comparable dictionaries (${comparableText}): ${JSON.stringify(adaptStats)}`);
} else if (adapt) {
  const counts1 = wordCounts(mono1);
  const counts2 = wordCounts(mono2);
  const a = adaptDictionary(dict12, { sourceWords: counts1, targetWords: counts2, copy: copyCandidates });
  const b = adaptDictionary(dict21, { sourceWords: counts2, targetWords: counts1, copy: copyCandidates });
  [dict12, dict21] = [a.dictionary, b.dictionary];
  adaptStats[`${L1}-${L2}`] = a.stats;
  adaptStats[`${L2}-${L1}`] = b.stats;
  log(`adapted dictionaries: ${JSON.stringify(adaptStats)}`);
}
const tStart = cpu();
const result = await trainUnsupervised({
  sourceMono: mono1,
  targetMono: mono2,
  sourceLm: lms[L1],
  targetLm: lms[L2],
  dictionary: dict12,
  reverseDictionary: dict21,
  rounds,
  schedule,
  decoder: { beamSize: 20, weights: await tunedWeights(`${L1}-${L2}`) },
  reverseDecoder: { beamSize: 20, weights: await tunedWeights(`${L2}-${L1}`) },
  wordByWord: { temperature },
  onProgress: (p) => {
    if (p.done === p.total) log(`round ${p.round} ${p.stage} ${p.total}`);
  },
  onRound: async ({ round, sourceToTarget, targetToSource }) => {
    const sched = schedule === 'simultaneous' ? ', simultaneous schedule' : '';
    const row = round === 0 ? `word-by-word + LM (${dictLabel})` : `back-translation round ${round} (${dictLabel}${sched})`;
    record(row, `${L1}-${L2}`, evaluate(sourceToTarget, tests[`${L1}-${L2}`], L2));
    record(row, `${L2}-${L1}`, evaluate(targetToSource, tests[`${L2}-${L1}`], L1));
    record(`val BLEU, ${round === 0 ? 'word by word' : `round ${round}`}`, `${L1}-${L2}`, valBleu(sourceToTarget, `${L1}-${L2}`));
    record(`val BLEU, ${round === 0 ? 'word by word' : `round ${round}`}`, `${L2}-${L1}`, valBleu(targetToSource, `${L2}-${L1}`));
    // Unsupervised selection criterion (Lample et al.): round-trip BLEU on the mono val halves.
    record(`round-trip BLEU on mono val, ${round === 0 ? 'word by word' : `round ${round}`}`, `${L1}-${L2}`, roundTrip(sourceToTarget, targetToSource, val1));
    record(`round-trip BLEU on mono val, ${round === 0 ? 'word by word' : `round ${round}`}`, `${L2}-${L1}`, roundTrip(targetToSource, sourceToTarget, val2));
    await save();
    if (saveDir && sourceToTarget instanceof PhraseDecoder && targetToSource instanceof PhraseDecoder) {
      const decoder = { beamSize: sourceToTarget.beamSize, distortionLimit: sourceToTarget.distortionLimit, maxOptions: sourceToTarget.maxOptions, weights: sourceToTarget.weights };
      const config = { format: MODEL_FORMAT, version: MODEL_VERSION, source: L1, target: L2, decoder, training: { round, bench: 'bleu-table.ts', args } } as const;
      await saveModel(join(saveDir, `round-${round}`), { config, sourceToTarget: sourceToTarget.table, targetToSource: targetToSource.table, sourceLm: lms[L1], targetLm: lms[L2] });
    }
  },
});
log(`unsupervised training: ${(cpu() - tStart).toFixed(1)} CPU s, rounds ${JSON.stringify(result.rounds)}`);

if (supervised) {
  for (const [s, t] of [[L1, L2], [L2, L1]] as const) {
    const par = await parallelTrain(s, t);
    const t0 = cpu();
    const { table } = trainPhraseTable(
      par.source.map((l) => l.split(' ')),
      par.target.map((l) => l.split(' ')),
    );
    // The supervised LM sees the full target side of the parallel data.
    const { model: lm } = await trainMkn(toStream(par.target), { order: 4, discountFallback: [0.5, 1, 1.5] });
    log(`supervised ${s}-${t} trained in ${(cpu() - t0).toFixed(1)} CPU s`);
    record('supervised upper bound (29k parallel pairs)', `${s}-${t}`, evaluate(new PhraseDecoder(table, lm, { beamSize: 20 }), tests[`${s}-${t}`], t));
  }
}

async function* toStream(lines: readonly string[]): AsyncGenerator<string> {
  for (let i = 0; i < lines.length; i += 1000) yield lines.slice(i, i + 1000).join('\n') + '\n';
}

await save();
log(`wrote ${out}`);
const dirs = [`${L1}-${L2}`, `${L2}-${L1}`];
console.log(`| system | ${dirs.map((d) => `${d} tok / 13a`).join(' | ')} |`);
for (const r of rows) {
  console.log(`| ${r.row} | ${dirs.map((d) => (!r[d] ? '—' : 'bleu' in (r[d] as object) ? (r[d] as { bleu: number }).bleu.toFixed(2) : `${(r[d] as BleuPair).tok.toFixed(2)} / ${(r[d] as BleuPair).sacre.toFixed(2)}`)).join(' | ')} |`);
}
