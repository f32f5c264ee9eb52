/**
 * Multi30k data for the sentence-translation benchmarks: the monolingual halves (`mono/`), tokenised and
 * lowercased once with `Preprocessor` and cached as plain text under the work folder; the test2016 sources
 * and references from `tok/` (multi-bleu-style scoring) and `raw/` (sacreBLEU 13a); the parallel train pairs
 * (`tok/train.*`) only for the supervised upper bound. The 2017/2018 test sets are never read.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { corpusBleu } from '@nlpkit/metrics';
import type { MosesLang } from '@nlpkit/tokenize';
import { Preprocessor, detokenizeTokens } from '../../src/phrase/text.js';

export const DATA = process.env.MULTI30K ?? '/work/shared/data/multi30k';
export const WORK = process.env.SENTENCES_WORK ?? '/tmp/sentences';

export async function gzLines(path: string): Promise<string[]> {
  const text = gunzipSync(await readFile(path)).toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The tokenised mono half of `lang` (`train` or `val`), cached at WORK/mono.<split>.<lang>.tok. */
export async function monoTokens(lang: MosesLang, split: 'train' | 'val' = 'train'): Promise<string> {
  const half = lang === 'en' ? 'A' : 'B';
  const out = join(WORK, `mono.${split}.${lang}.tok`);
  if (!existsSync(out)) {
    await mkdir(WORK, { recursive: true });
    const pre = new Preprocessor(lang);
    const lines = await gzLines(join(DATA, 'mono', `${split}.${half}.${lang}.gz`));
    await writeFile(out, lines.map((l) => pre.tokens(l).join(' ')).join('\n') + '\n');
  }
  return out;
}

/**
 * The Task-2 mono captions of `lang` (en, de: all 5 independent captions of the same image halves as `mono/`),
 * tokenised like `monoTokens`, cached at WORK/task2.<split>.<lang>.tok — extra in-domain LM text. The English
 * file holds every Task-1 English mono sentence too (one of each image's 5 captions).
 */
export async function task2Tokens(lang: 'en' | 'de', split: 'train' | 'val' = 'train'): Promise<string> {
  const half = lang === 'en' ? 'A' : 'B';
  const out = join(WORK, `task2.${split}.${lang}.tok`);
  if (!existsSync(out)) {
    await mkdir(WORK, { recursive: true });
    const pre = new Preprocessor(lang);
    const lines = await gzLines(join(process.env.MULTI30K_TASK2 ?? '/work/shared/data/multi30k-task2', 'mono', `${split}.${half}.${lang}.gz`));
    await writeFile(out, lines.map((l) => pre.tokens(l).join(' ')).join('\n') + '\n');
  }
  return out;
}

export async function readLines(path: string): Promise<string[]> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export interface TestSet {
  /** Tokenised lowercased source lines (tok/). */
  readonly source: string[];
  /** Tokenised lowercased references (tok/). */
  readonly refTok: string[];
  /** Raw references (raw/). */
  readonly refRaw: string[];
}

export async function testSet(src: MosesLang, tgt: MosesLang): Promise<TestSet> {
  return {
    source: await gzLines(join(DATA, 'tok', `test_2016_flickr.lc.norm.tok.${src}.gz`)),
    refTok: await gzLines(join(DATA, 'tok', `test_2016_flickr.lc.norm.tok.${tgt}.gz`)),
    refRaw: await gzLines(join(DATA, 'raw', `test_2016_flickr.${tgt}.gz`)),
  };
}

/**
 * The dev set of a direction: the `mono/val` source half (tok/val lines 1–507 for English, 508–1014 for
 * French and German, the lines of `mono/val.*`) and those lines' references in the target language.
 */
export async function valSet(src: MosesLang, tgt: MosesLang): Promise<{ source: string[]; ref: string[] }> {
  const s = await gzLines(join(DATA, 'tok', `val.lc.norm.tok.${src}.gz`));
  const t = await gzLines(join(DATA, 'tok', `val.lc.norm.tok.${tgt}.gz`));
  const [a, b] = src === 'en' ? [0, 507] : [507, 1014];
  return { source: s.slice(a, b), ref: t.slice(a, b) };
}

/** Parallel tokenised train pairs (supervised upper bound only). */
export async function parallelTrain(src: MosesLang, tgt: MosesLang): Promise<{ source: string[]; target: string[] }> {
  return {
    source: await gzLines(join(DATA, 'tok', `train.lc.norm.tok.${src}.gz`)),
    target: await gzLines(join(DATA, 'tok', `train.lc.norm.tok.${tgt}.gz`)),
  };
}

export interface BleuPair {
  /** multi-bleu style: tokenised lowercase output vs tok/ references, sacreBLEU tokenize none. */
  readonly tok: number;
  /** sacreBLEU 13a, lowercase, on Moses-detokenised output vs raw/ references. */
  readonly sacre: number;
}

export function scoreBleu(hyps: readonly string[], test: TestSet, tgt: MosesLang): BleuPair {
  const tok = corpusBleu(hyps, [test.refTok], { tokenize: 'none', lowercase: true, force: true }).score;
  const detok = hyps.map((h) => detokenizeTokens(h.split(' ').filter((t) => t !== ''), tgt));
  const sacre = corpusBleu(detok, [test.refRaw], { tokenize: '13a', lowercase: true }).score;
  return { tok, sacre };
}
