/**
 * Scores of the real sacreBLEU on WMT17 segments and synthetic trap lines
 * (fixtures/sacrebleu-generated.json, made by scripts/gen-sacrebleu-fixtures.py): corpus and
 * sentence level for 12 BLEU, 6 chrF and 6 TER configurations. Statistics, signatures and corpus
 * scores must be identical; sentence scores must be within one ulp: sacreBLEU's BLEU goes through
 * the platform libm's exp/log, which (glibc) is not always correctly rounded, while ours is
 * (src/pymath.ts), so a rare last-bit difference is expected and counted.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusBleu, corpusChrf, corpusTer, sentenceBleu, sentenceChrf, sentenceTer } from '@nlpkit/metrics';

interface Run {
  metric: 'bleu' | 'chrf' | 'ter';
  opts: Record<string, unknown>;
  corpus: Record<string, unknown> & { score: number; signature: string };
  corpusRef1: { score: number };
  sentence: number[];
}
const data = JSON.parse(readFileSync(new URL('./fixtures/sacrebleu-generated.json', import.meta.url), 'utf8')) as {
  hyps: string[];
  refs: (string | null)[][];
  runs: Run[];
};

const corpusFn = { bleu: corpusBleu, chrf: corpusChrf, ter: corpusTer } as const;
const sentenceFn = { bleu: sentenceBleu, chrf: sentenceChrf, ter: sentenceTer } as const;
let total = 0;
let exact = 0;
const offByUlp: string[] = [];
const closeTo = (a: number, b: number): boolean => Math.abs(a - b) <= Math.abs(b) * 2 ** -52 * 1.01;
const stripVersion = (sig: string): string => sig.replace(/\|version:[^|]*$/, '');

describe('real sacreBLEU on WMT17 + trap lines', () => {
  it('covers 24 configurations over 240 segments', () => {
    expect(data.runs.length).toBe(24);
    expect(data.hyps.length).toBe(240);
  });

  for (const run of data.runs) {
    const label = `${run.metric} ${JSON.stringify(run.opts)}`;
    it(`${label}: corpus (2 refs, one partial) and single-ref corpus`, () => {
      const r = corpusFn[run.metric](data.hyps, data.refs, run.opts as never) as unknown as Record<string, unknown>;
      expect(r.score).toBe(run.corpus.score);
      expect(stripVersion(r.signature as string)).toBe(stripVersion(run.corpus.signature));
      for (const k of ['counts', 'totals', 'sysLen', 'refLen', 'bp', 'numEdits', 'refLength']) {
        if (k in run.corpus) expect(r[k], k).toEqual(run.corpus[k]);
      }
      const r1 = corpusFn[run.metric](data.hyps, [data.refs[0]], run.opts as never);
      expect(r1.score).toBe(run.corpusRef1.score);
    });
    it(`${label}: every sentence score`, () => {
      const opts = run.metric === 'bleu' && !('effectiveOrder' in run.opts) ? { ...run.opts, effectiveOrder: true } : run.opts;
      const got = data.hyps.map((h, i) => sentenceFn[run.metric](h, data.refs.map((s) => s[i]).filter((x) => x !== null), opts as never).score);
      const diffs: string[] = [];
      got.forEach((g, i) => {
        total++;
        if (Object.is(g, run.sentence[i])) exact++;
        else {
          const msg = `${label} #${i}: ${g} vs ${run.sentence[i]}`;
          if (closeTo(g, run.sentence[i])) offByUlp.push(msg);
          else diffs.push(msg);
        }
      });
      expect(diffs).toEqual([]);
    });
  }

  afterAll(() => {
    console.log(`sentence scores bit-identical to sacreBLEU: ${exact}/${total}; one ulp apart: ${offByUlp.length}`);
    if (offByUlp.length) console.log(`  ${offByUlp.join('\n  ')}`);
  });
});
