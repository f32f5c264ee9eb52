/**
 * Word-by-word development loop on Multi30k val (issue 9 §3): decodes the `mono/val` source halves (en: val
 * lines 1–507; fr/de: lines 508–1014, as in `mono/`) and scores them against those lines' references in the
 * other language (tok/val). Val only — the test set is read with `--test`, for final systems.
 *
 *   npx tsx --conditions=@nlpkit/source bench/sentences/wbw-dev.ts --dict DIR|gt [--dirs en-fr,fr-en,de-en,en-de] [--dump DIR] [--test]
 *     [--comparable [--fallback] [--task2 | --task2-en] [--window N] [--seed-min N] [--iterations N] [--prior W] [--freq W]]
 *     [--temperature T] [--lm W]
 *
 * Same word-by-word system as `bleu-table.ts` round 0 (adapted dictionary with copy candidates, 4-gram LM on
 * the target mono half). `--comparable` re-induces the dictionary with `comparableDictionary` (seeded by the
 * adapted one; `--fallback` keeps the seed for rarer words; `--task2` reads the English and German sides from
 * the Task-2 captions, `--task2-en` only the English side); the other flags override its options, the
 * softmax temperature of the scores and the LM weight. `--dump` writes SRC/HYP/REF triples to read errors.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { trainMkn, type ArpaModel } from '@nlpkit/lm';
import { corpusBleu } from '@nlpkit/metrics';
import type { MosesLang } from '@nlpkit/tokenize';
import { PhraseDecoder } from '../../src/phrase/decoder.js';
import { adaptDictionary, wordCounts } from '../../src/wordbyword/adapt.js';
import { comparableDictionary, withFallback } from '../../src/wordbyword/comparable.js';
import { dictionaryTable, parseScoredDictionary, type ScoredDictionary } from '../../src/wordbyword/dictionary-table.js';
import { WORD_BY_WORD_DEFAULTS } from '../../src/wordbyword/translator.js';
import { monoTokens, readLines, task2Tokens, testSet, valSet } from './data.js';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const dictArg = opt('dict', 'gt');
const dirs = opt('dirs', 'en-fr,fr-en,de-en,en-de').split(',');
const dump = opt('dump', '');
const onTest = args.includes('--test');
const comparable = args.includes('--comparable');
const num = (name: string): number | undefined => (args.includes(`--${name}`) ? Number(opt(name, '')) : undefined);
const task2 = args.includes('--task2') ? ['en', 'de'] : args.includes('--task2-en') ? ['en'] : [];
const fallback = args.includes('--fallback');
const compOpts = { window: num('window'), seedMinCount: num('seed-min'), iterations: num('iterations'), priorWeight: num('prior'), frequencyWeight: num('freq') };

async function dictionary(src: string, tgt: string): Promise<ScoredDictionary> {
  if (dictArg === 'gt') {
    const dir = '/work/shared/data/muse-dicts';
    const a = await readFile(join(dir, `${src}-${tgt}.0-5000.txt`), 'utf8');
    const b = gunzipSync(await readFile(join(dir, `${src}-${tgt}.6500-end.txt.gz`))).toString('utf8');
    return parseScoredDictionary(`${a}\n${b}`, 'gt');
  }
  const path = join(dictArg, `${src}-${tgt}.dict`);
  return parseScoredDictionary(await readFile(path, 'utf8'), path);
}

const lmCache = new Map<string, ArpaModel>();
async function lmFor(lang: MosesLang): Promise<ArpaModel> {
  if (!lmCache.has(lang)) {
    const text = await readFile(await monoTokens(lang), 'utf8');
    lmCache.set(lang, (await trainMkn((async function* () { yield text; })(), { order: 4, discountFallback: [0.5, 1, 1.5] })).model);
  }
  return lmCache.get(lang)!;
}
const monoCache = new Map<string, string[][]>();
async function mono(lang: MosesLang): Promise<string[][]> {
  if (!monoCache.has(lang)) monoCache.set(lang, (await readLines(await monoTokens(lang))).map((l) => l.split(' ').filter((w) => w !== '')));
  return monoCache.get(lang)!;
}

const results: Record<string, number> = {};
for (const d of dirs) {
  const [src, tgt] = d.split('-') as [MosesLang, MosesLang];
  const srcMono = await mono(src);
  const tgtMono = await mono(tgt);
  let dict = await dictionary(src, tgt);
  if (comparable) {
    const seed = adaptDictionary(dict, { sourceWords: wordCounts(srcMono), targetWords: wordCounts(tgtMono), copy: false }).dictionary;
    const c0 = process.cpuUsage();
    const side = async (l: MosesLang): Promise<string[][]> =>
      task2.includes(l) ? (await readLines(await task2Tokens(l as 'en' | 'de'))).map((x) => x.split(' ').filter((w) => w !== '')) : mono(l);
    const r = comparableDictionary(await side(src), await side(tgt), seed, compOpts);
    const c = process.cpuUsage(c0);
    process.stderr.write(`${d} comparable: ${JSON.stringify(r.stats)} ${((c.user + c.system) / 1e6).toFixed(1)} CPU s\n`);
    dict = r.dictionary;
    if (fallback) dict = withFallback(dict, seed);
  }
  if (dictArg !== 'gt') dict = adaptDictionary(dict, { sourceWords: wordCounts(srcMono), targetWords: wordCounts(tgtMono) }).dictionary;
  const table = dictionaryTable(dict, { sourceVocab: new Set(srcMono.flat()), targetVocab: new Set(tgtMono.flat()), temperature: num('temperature') });
  const dec = new PhraseDecoder(table, await lmFor(tgt), {
    beamSize: WORD_BY_WORD_DEFAULTS.beamSize,
    distortionLimit: WORD_BY_WORD_DEFAULTS.distortionLimit,
    weights: { ...WORD_BY_WORD_DEFAULTS.weights, ...(num('lm') !== undefined ? { lm: num('lm') } : {}) },
  });
  const set = onTest ? await testSet(src, tgt).then((t) => ({ source: t.source, ref: t.refTok })) : await valSet(src, tgt);
  const t0 = process.cpuUsage();
  const hyps = set.source.map((l) => dec.translate(l.split(' ').filter((w) => w !== '')).tokens.join(' '));
  const c = process.cpuUsage(t0);
  const bleu = corpusBleu(hyps, [set.ref], { tokenize: 'none', lowercase: true, force: true }).score;
  results[d] = bleu;
  process.stderr.write(`${d} ${onTest ? 'test' : 'val'} BLEU ${bleu.toFixed(2)} (${((c.user + c.system) / 1e6).toFixed(1)} CPU s)\n`);
  if (dump) {
    await mkdir(dump, { recursive: true });
    await writeFile(join(dump, `${d}.${onTest ? 'test' : 'val'}.txt`), set.source.map((s, i) => `SRC ${s}\nHYP ${hyps[i]}\nREF ${set.ref[i]}\n`).join('\n'));
  }
}
console.log(JSON.stringify(results));
