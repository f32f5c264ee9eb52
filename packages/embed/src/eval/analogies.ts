/**
 * `evaluateAnalogies`: accuracy on analogy questions ("a b c d": a is to b as c is to d) in the
 * questions-words.txt format, with the numbers of gensim 4.2's `evaluate_word_analogies`: 3CosAdd over
 * the first `restrictVocab` words, the top 5 answers scanned past case variants of the question words,
 * questions with OOV words skipped (or counted wrong with `dummy4unknown`), per-section accuracy and a
 * last "Total accuracy" section. All questions are scored as one batch (`analogy.kernel.ts`), split
 * over worker threads when the work is big (`analogy-pool.ts`).
 */
import { availableParallelism } from 'node:os';
import { EvalFileError, InvalidOptionError } from '../errors.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import { answerRange, type AnalogyBatch } from './analogy.kernel.js';
import { answerInParallel } from './analogy-pool.js';
import { pySplit, readUtf8Lines } from './lines.js';
import { vocabView } from './vocab-view.js';

export interface AnalogyOptions {
  /** Only the first N words are candidates, and questions with other words are OOV. Default 300000 (gensim). */
  restrictVocab?: number;
  /** Compare words upper-cased (default true, as gensim). */
  caseInsensitive?: boolean;
  /** Count questions with OOV words as wrong instead of skipping them (default false). */
  dummy4unknown?: boolean;
  /**
   * Worker threads. Default: all cores when the work is big (questions x rows x dim >= 2e9, about a
   * second on one core), else 1. Results do not depend on it.
   */
  threads?: number;
}

export interface AnalogySection {
  section: string;
  correct: number;
  incorrect: number;
  /** correct / (correct + incorrect), 0 when both are 0 (as gensim). */
  accuracy: number;
}

export interface AnalogyResult {
  /** Accuracy over all sections (gensim's returned score). */
  accuracy: number;
  /** The sections in file order, then "Total accuracy". */
  sections: AnalogySection[];
  /** Well-formed questions (4 words) read. */
  questions: number;
  /** Questions with a word outside the first restrictVocab words. */
  oov: number;
  /** 100 * oov / questions, as gensim logs it. */
  oovRatio: number;
  /** 1-based lines of the malformed question lines that were skipped (not 4 words). */
  skippedLines: number[];
  /** 1-based lines of the questions answered correctly. */
  correctLines: number[];
}

/** Multiply-adds below which worker start-up costs more than it saves. */
const PARALLEL_MIN_WORK = 2e9;

/**
 * Evaluates `kv` on the analogy file at `path`.
 * @example const r = await evaluateAnalogies(kv, 'questions-words.txt', { restrictVocab: 30000 }); r.accuracy
 */
export async function evaluateAnalogies(kv: KeyedVectors, path: string, options: AnalogyOptions = {}): Promise<AnalogyResult> {
  return evaluateAnalogyLines(kv, await readUtf8Lines(path), path, options);
}

/** `evaluateAnalogies` on lines already read; `source` names them in errors. */
export async function evaluateAnalogyLines(kv: KeyedVectors, lines: readonly string[], source: string, options: AnalogyOptions = {}): Promise<AnalogyResult> {
  const { threads } = options;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new InvalidOptionError('threads', threads, 'a positive integer');
  const view = vocabView(kv, options.restrictVocab ?? 300000, options.caseInsensitive ?? true);
  const dummy = options.dummy4unknown ?? false;
  const sections: AnalogySection[] = [];
  const skippedLines: number[] = [];
  let questions = 0;
  let oov = 0;
  // In-vocabulary questions: rows a, b, c, expected; their section and line.
  const quads: number[] = [];
  const questionSection: number[] = [];
  const questionLine: number[] = [];
  const last = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  for (let i = 0; i < last; i++) {
    const line = lines[i];
    if (line.startsWith(': ')) {
      sections.push({ section: line.replace(/^[: ]+/, '').trim(), correct: 0, incorrect: 0, accuracy: 0 });
      continue;
    }
    if (sections.length === 0) throw new EvalFileError(source, 'a question before the first ": section" line', i + 1);
    const words = pySplit(line);
    if (words.length !== 4) {
      skippedLines.push(i + 1);
      continue;
    }
    questions++;
    const ids = words.map((w) => view.ids.get(view.key(w)) ?? -1);
    if (ids.includes(-1)) {
      oov++;
      if (dummy) sections[sections.length - 1].incorrect++;
      continue;
    }
    quads.push(ids[0], ids[1], ids[2], ids[3]);
    questionSection.push(sections.length - 1);
    questionLine.push(i + 1);
  }
  if (questions === 0) throw new EvalFileError(source, 'no analogy questions ("a b c d" lines)');

  // Keys compared as integers: the first row with the same (case-folded) key.
  const keyIds = Int32Array.from(view.keys, (k) => view.ids.get(k) ?? -1);
  const batch: AnalogyBatch = { unit: kv.normalized, dim: kv.dim, rows: view.rows, keyIds, quads: Int32Array.from(quads) };
  const n = questionLine.length;
  const workers = threads ?? (n * view.rows * kv.dim >= PARALLEL_MIN_WORK ? availableParallelism() : 1);
  let correct: Uint8Array;
  if (workers > 1 && n >= 2 * workers) correct = await answerInParallel(batch, workers);
  else {
    correct = new Uint8Array(n);
    answerRange(batch, 0, n, correct);
  }
  const correctLines: number[] = [];
  for (let q = 0; q < questionSection.length; q++) {
    const s = sections[questionSection[q]];
    if (correct[q]) {
      s.correct++;
      correctLines.push(questionLine[q]);
    } else s.incorrect++;
  }
  const total: AnalogySection = { section: 'Total accuracy', correct: 0, incorrect: 0, accuracy: 0 };
  for (const s of sections) {
    s.accuracy = accuracy(s);
    total.correct += s.correct;
    total.incorrect += s.incorrect;
  }
  total.accuracy = accuracy(total);
  sections.push(total);
  return { accuracy: total.accuracy, sections, questions, oov, oovRatio: (100 * oov) / questions, skippedLines, correctLines };
}

function accuracy(s: AnalogySection): number {
  const n = s.correct + s.incorrect;
  return n === 0 ? 0 : s.correct / n;
}
