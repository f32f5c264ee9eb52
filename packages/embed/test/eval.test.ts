import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvalFileError, evaluateAnalogies, evaluateAnalogyLines, evaluateWordPairs, pearson, rankAverage, readVectors, spearman } from '../src/index.js';
import { gensimFixture, QUESTIONS, readJson, tempDir } from './helpers.js';

interface AnalogyRun {
  restrictVocab: number;
  caseInsensitive: boolean;
  dummy4unknown: boolean;
  accuracy: number;
  sections: Array<{ section: string; correct: number; incorrect: number }>;
  correctLines?: number[];
}
interface PairsRun {
  restrictVocab: number;
  caseInsensitive: boolean;
  dummy4unknown: boolean;
  pearson: [number, number];
  spearman: [number, number];
  oovRatio: number;
}
const kv = await readVectors(gensimFixture('eval-vectors.bin'));

describe('evaluateAnalogies matches gensim evaluate_word_analogies', () => {
  const runs = readJson<AnalogyRun[]>('analogies.json');
  it.each(runs.map((r) => [r.restrictVocab, r.caseInsensitive, r.dummy4unknown, r] as const))(
    'restrictVocab %i, caseInsensitive %s, dummy4unknown %s',
    async (restrictVocab, caseInsensitive, dummy4unknown, run) => {
      const r = await evaluateAnalogies(kv, QUESTIONS, { restrictVocab, caseInsensitive, dummy4unknown });
      expect(r.sections.map(({ section, correct, incorrect }) => ({ section, correct, incorrect }))).toEqual(run.sections.map(({ section, correct, incorrect }) => ({ section, correct, incorrect })));
      expect(r.accuracy).toBeCloseTo(run.accuracy, 12);
      if (run.correctLines) expect(r.correctLines).toEqual(run.correctLines);
      expect(r.sections.at(-1)!.section).toBe('Total accuracy');
      expect(r.questions).toBe(19544);
    },
  );
  it('gives the same answers on worker threads', async () => {
    const one = await evaluateAnalogies(kv, QUESTIONS, { restrictVocab: 1500, threads: 1 });
    const three = await evaluateAnalogies(kv, QUESTIONS, { restrictVocab: 1500, threads: 2 });
    expect(three.correctLines).toEqual(one.correctLines);
    expect(three.sections).toEqual(one.sections);
    await expect(evaluateAnalogies(kv, QUESTIONS, { threads: 0 })).rejects.toThrow(/Invalid threads/);
  });
  it('counts OOV questions: the difference dummy4unknown makes', async () => {
    const skip = await evaluateAnalogies(kv, QUESTIONS, { restrictVocab: 1500 });
    const dummy = runs.find((r) => r.dummy4unknown)!;
    const total = dummy.sections.at(-1)!;
    expect(skip.oov).toBe(total.correct + total.incorrect - skip.sections.at(-1)!.correct - skip.sections.at(-1)!.incorrect);
    expect(skip.oovRatio).toBeCloseTo((100 * skip.oov) / 19544, 12);
  });
  it('skips malformed lines, rejects questions before a section', async () => {
    const [a, b, c, d] = kv.words;
    const r = await evaluateAnalogyLines(kv, [': one', `${a} ${b} ${c} ${d}`, 'too few words', '', ': two', `${a} ${b} zzz ${d}`, ''], 'mem');
    expect(r.skippedLines).toEqual([3, 4]);
    expect(r.questions).toBe(2);
    expect(r.oov).toBe(1);
    expect(r.sections.map((s) => s.section)).toEqual(['one', 'two', 'Total accuracy']);
    expect(r.sections[1]).toEqual({ section: 'two', correct: 0, incorrect: 0, accuracy: 0 });
    const err = await evaluateAnalogyLines(kv, [`${a} ${b} ${c} ${d}`], 'q.txt').then(
      () => undefined,
      (e: unknown) => e as EvalFileError,
    );
    expect(err).toBeInstanceOf(EvalFileError);
    expect(err?.line).toBe(1);
    expect(err?.code).toBe('EVAL_FILE');
  });
});

describe('evaluateWordPairs matches gensim evaluate_word_pairs', () => {
  const runs = readJson<PairsRun[]>('pairs.json');
  it.each(runs.map((r) => [r.restrictVocab, r.caseInsensitive, r.dummy4unknown, r] as const))(
    'restrictVocab %i, caseInsensitive %s, dummy4unknown %s',
    async (restrictVocab, caseInsensitive, dummy4unknown, run) => {
      const r = await evaluateWordPairs(kv, gensimFixture('pairs.tsv'), { restrictVocab, caseInsensitive, dummy4unknown });
      expect(r.pearson.r).toBeCloseTo(run.pearson[0], 6);
      expect(r.pearson.pValue).toBeCloseTo(run.pearson[1], 6);
      expect(r.spearman.r).toBeCloseTo(run.spearman[0], 6);
      expect(r.spearman.pValue).toBeCloseTo(run.spearman[1], 6);
      expect(r.oovRatio).toBeCloseTo(run.oovRatio, 10);
      expect(r.skippedLines.length).toBe(2);
    },
  );
  it('rejects a file with no usable pair', async () => {
    const path = join(tempDir(), 'p.tsv');
    writeFileSync(path, '# nothing\nx\ty\t1\n');
    await expect(evaluateWordPairs(kv, path)).rejects.toThrow(/no usable word pair/);
  });
});

describe('correlation', () => {
  it('average ranks for ties, as scipy rankdata', () => {
    expect(Array.from(rankAverage([10, 20, 10, 30, 20, 20]))).toEqual([1.5, 4, 1.5, 6, 4, 4]);
  });
  it('perfect and constant inputs', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8]).r).toBe(1);
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16]).r).toBeCloseTo(1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3]).r).toBeNaN();
  });
});
