/**
 * `embed eval`: analogy accuracy and word-pair correlations of a vector file, with gensim 4.2's numbers,
 * as a table or JSON.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { evaluateAnalogies, evaluateWordPairs, type AnalogyResult, type WordPairsResult } from '../eval/index.js';
import type { FastTextModel } from '../fasttext/index.js';
import { KeyedVectors } from '../vectors/index.js';
import { UsageError } from '@nlpkit/kit/cli';
import { print, type CliIo } from './io.js';
import { addVectorFileOptions, integerFlag, loadModel, type VectorFileFlags } from './options.js';

interface EvalFlags extends VectorFileFlags {
  analogies?: string;
  similarity?: string[];
  restrict: string;
  caseSensitive?: boolean;
  dummy4unknown?: boolean;
  threads?: string;
  oovSubwords?: boolean;
  json?: boolean;
}

export function configureEval(cmd: Command, io: CliIo): Command {
  addVectorFileOptions(
    cmd
      .description("Evaluate vectors on analogies and word-pair similarity, as gensim's evaluate_word_analogies / evaluate_word_pairs")
      .argument('<vectors>', 'vector file (word2vec .bin/.txt, fastText .vec) or fastText .bin model')
      .option('--analogies <file>', 'analogy questions in questions-words.txt format (": section" lines, then "a b c d")')
      .option('--similarity <files...>', 'word-pair files in WordSim-353/SimLex-999 format ("w1<TAB>w2<TAB>score", "#" comments)')
      .option('--restrict <n>', 'only the first n words count as known (gensim: restrict_vocab)', '300000')
      .option('--case-sensitive', 'compare words as they are (default: upper-cased, as gensim)')
      .option('--dummy4unknown', 'count OOV analogies as wrong and OOV pairs as similarity 0 instead of skipping them')
      .option('--threads <n>', 'worker threads for the analogies (default: all cores when the work is big, else 1)')
      .option('--no-oov-subwords', 'fastText .bin models: skip pairs with unknown words (default: score them with n-gram vectors)')
      .option('--json', 'print JSON: {"analogies": {...}, "similarity": [{file, pearson, spearman, oovRatio, ...}]}'),
  )
    .addHelpText(
      'after',
      `
Analogies are answered by 3CosAdd among the first --restrict words; questions with other words are skipped
(or wrong, with --dummy4unknown) and counted as OOV. Correlations are Pearson and Spearman (ties averaged).
With a fastText .bin model, word pairs with words outside the first --restrict words are scored with the
words' fastText vectors (their n-grams), as fastText would; --no-oov-subwords skips them as gensim does.

Example:
  embed eval vectors.bin --analogies questions-words.txt --restrict 30000 --similarity wordsim353.tsv
`,
    )
    .action(async (file: string, flags: EvalFlags) => {
      if (flags.analogies === undefined && (flags.similarity ?? []).length === 0) {
        throw new UsageError('nothing to evaluate: pass --analogies <file> and/or --similarity <files...>');
      }
      const common = {
        restrictVocab: integerFlag('--restrict', flags.restrict, 1),
        caseInsensitive: flags.caseSensitive !== true,
        dummy4unknown: flags.dummy4unknown === true,
      };
      const threads = flags.threads === undefined ? undefined : integerFlag('--threads', flags.threads, 1, 1024);
      const { kv, model } = await loadModel(file, flags);
      const analogies = flags.analogies === undefined ? undefined : await evaluateAnalogies(kv, flags.analogies, { ...common, threads });
      const similarity: Array<WordPairsResult & { file: string }> = [];
      for (const f of flags.similarity ?? []) {
        if (model && flags.oovSubwords !== false) {
          const withOov = await withSubwordVectors(model, kv, common.restrictVocab, f);
          similarity.push({ file: f, ...(await evaluateWordPairs(withOov, f, { ...common, restrictVocab: withOov.size })) });
        } else {
          similarity.push({ file: f, ...(await evaluateWordPairs(kv, f, common)) });
        }
      }
      if (flags.json) {
        const json = {
          vectors: { file, words: kv.size, dim: kv.dim },
          restrictVocab: common.restrictVocab,
          analogies: analogies && { file: flags.analogies, ...analogies },
          similarity,
        };
        await print(io, JSON.stringify(json, null, 1) + '\n');
        return;
      }
      const out: string[] = [`${file}: ${kv.size} words × ${kv.dim} dims; restrict ${common.restrictVocab}`];
      if (analogies) out.push('', ...analogyTable(flags.analogies ?? '', analogies));
      if (similarity.length > 0) out.push('', ...pairTable(similarity));
      await print(io, out.join('\n') + '\n');
    });
  return cmd;
}

/**
 * The first `restrict` vocabulary vectors, then the fastText vector of every other word of the pair
 * file: so that every pair is scored, unknown words through their n-grams.
 */
async function withSubwordVectors(model: FastTextModel, kv: KeyedVectors, restrict: number, pairFile: string): Promise<KeyedVectors> {
  const n = Math.min(restrict, kv.size);
  const words = kv.words.slice(0, n);
  const known = new Set(words);
  for (const line of (await readFile(pairFile, 'utf8')).split('\n')) {
    if (line.startsWith('#')) continue;
    const [a, b] = line.split('\t');
    for (const raw of [a, b]) {
      const w = raw?.trim();
      if (w && !known.has(w)) {
        known.add(w);
        words.push(w);
      }
    }
  }
  const data = new Float32Array(words.length * kv.dim);
  data.set(kv.vectors.subarray(0, n * kv.dim));
  for (let i = n; i < words.length; i++) model.wordVector(words[i], data.subarray(i * kv.dim, (i + 1) * kv.dim));
  return new KeyedVectors(words, data, kv.dim);
}

function analogyTable(file: string, r: AnalogyResult): string[] {
  const rows = r.sections.map((s) => [s.section, String(s.correct), String(s.correct + s.incorrect), `${(100 * s.accuracy).toFixed(1)}%`]);
  const lines = formatTable([`analogies (${basename(file)})`, 'correct', 'total', 'accuracy'], rows);
  lines.splice(lines.length - 1, 0, lines[1]); // a rule above "Total accuracy"
  lines.push(`OOV questions: ${r.oov} of ${r.questions} (${r.oovRatio.toFixed(1)}%)${r.skippedLines.length ? `; ${r.skippedLines.length} malformed lines skipped` : ''}`);
  return lines;
}

function pairTable(results: ReadonlyArray<WordPairsResult & { file: string }>): string[] {
  const rows = results.map((r) => [
    basename(r.file),
    String(r.pairs),
    `${r.oovRatio.toFixed(1)}%`,
    r.pearson.r.toFixed(4),
    r.spearman.r.toFixed(4),
    r.spearman.pValue.toExponential(2),
  ]);
  return formatTable(['word pairs', 'pairs', 'OOV', 'pearson', 'spearman', 'p (spearman)'], rows);
}

/** Columns padded to their widest cell; the first left-aligned, the others right-aligned. */
function formatTable(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => [...r[c]].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
