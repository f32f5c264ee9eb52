/**
 * `evaluateWordPairs`: correlation of the model's cosine similarities with human judgements in the
 * WordSim-353 / SimLex-999 layout (`w1<TAB>w2<TAB>score`, `#` comments), with the numbers of gensim 4.2's
 * `evaluate_word_pairs`: Pearson and Spearman (scipy's, ties averaged) with p-values, and the ratio of
 * pairs with OOV words, which are skipped or, with `dummy4unknown`, given similarity 0.
 */
import { EvalFileError, InvalidOptionError } from '../errors.js';
import { dot } from '../vectors/dot.kernel.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import { pearson, spearman, type Correlation } from './correlation.js';
import { pyFloat, readUtf8Lines } from './lines.js';
import { vocabView } from './vocab-view.js';

export interface WordPairsOptions {
  /** Field separator. Default "\t". */
  delimiter?: string;
  /** Words beyond the first N count as OOV. Default 300000 (gensim). */
  restrictVocab?: number;
  /** Compare words upper-cased (default true, as gensim). */
  caseInsensitive?: boolean;
  /** Keep pairs with OOV words, with model similarity 0 (default false: skip them). */
  dummy4unknown?: boolean;
}

export interface WordPairsResult {
  pearson: Correlation;
  spearman: Correlation;
  /** Percentage of OOV pairs, as gensim: over all pairs, or over the pairs used with dummy4unknown. */
  oovRatio: number;
  /** Pairs in the correlation. */
  pairs: number;
  /** Pairs with a word outside the first restrictVocab words. */
  oov: number;
  /** 1-based lines skipped as malformed (not three fields, or a score that is no number). */
  skippedLines: number[];
}

/**
 * Evaluates `kv` on the word-pair file at `path`.
 * @example const { spearman } = await evaluateWordPairs(kv, 'wordsim353.tsv'); spearman.r
 */
export async function evaluateWordPairs(kv: KeyedVectors, path: string, options: WordPairsOptions = {}): Promise<WordPairsResult> {
  return evaluateWordPairLines(kv, await readUtf8Lines(path), path, options);
}

/** `evaluateWordPairs` on lines already read; `source` names them in errors. */
export function evaluateWordPairLines(kv: KeyedVectors, rawLines: readonly string[], source: string, options: WordPairsOptions = {}): WordPairsResult {
  const delimiter = options.delimiter ?? '\t';
  if (delimiter.length === 0) throw new InvalidOptionError('delimiter', delimiter, 'a non-empty string');
  const view = vocabView(kv, options.restrictVocab ?? 300000, options.caseInsensitive ?? true);
  const dummy = options.dummy4unknown ?? false;
  const gold: number[] = [];
  const model: number[] = [];
  const skippedLines: number[] = [];
  let oov = 0;
  // Python's text mode reads "\r\n" and "\r" as line ends too.
  const lines = rawLines.join('\n').split(/\r\n|\r|\n/);
  const last = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  const unit = kv.normalized;
  const { dim } = kv;
  for (let i = 0; i < last; i++) {
    const line = lines[i];
    if (line.startsWith('#')) continue;
    const fields = line.split(delimiter);
    const score = fields.length === 3 ? pyFloat(view.key(fields[2])) : undefined;
    if (score === undefined) {
      skippedLines.push(i + 1);
      continue;
    }
    const a = view.ids.get(view.key(fields[0]));
    const b = view.ids.get(view.key(fields[1]));
    if (a === undefined || b === undefined) {
      oov++;
      if (dummy) {
        model.push(0);
        gold.push(score);
      }
      continue;
    }
    gold.push(score);
    // gensim's similarity is float32 arithmetic; rounding to float32 keeps equal pairs equal.
    model.push(Math.fround(dot(unit, a * dim, unit, b * dim, dim)));
  }
  if (gold.length === 0) throw new EvalFileError(source, 'no usable word pair (all lines malformed or out of vocabulary)');
  const oovRatio = dummy ? (100 * oov) / gold.length : (100 * oov) / (gold.length + oov);
  return { pearson: pearson(gold, model), spearman: spearman(gold, model), oovRatio, pairs: gold.length, oov, skippedLines };
}
