/**
 * Every case of sacreBLEU 2.6.0's own test suite (test/fixtures/sacrebleu-cases.json): each must pass
 * at the test's tolerance; the full-precision value sacreBLEU computes is compared too, and the number
 * of exact (bit-identical) matches is reported and pinned.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  computeBleu,
  corpusBleu,
  corpusChrf,
  corpusTer,
  formatBleu,
  formatChrf,
  pyFixed,
  sentenceBleu,
  sentenceChrf,
  sentenceTer,
  tercomTokenize,
  tokenize,
  type BleuResult,
} from '@nlpkit/metrics';

interface Case {
  id: string;
  fn: string;
  opts: Record<string, unknown>;
  hyps?: string[];
  refs?: (string | null)[][];
  input?: unknown;
  expected: Record<string, unknown> & { score?: number; published?: unknown; tolerance?: unknown };
}

const data = JSON.parse(readFileSync(new URL('./fixtures/sacrebleu-cases.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};
const cases = data.cases;

const stripVersion = (sig: string): string => sig.replace(/\|version:[^|]*$/, '');

let exact = 0;
let scored = 0;
const inexact: string[] = [];

type Any = Record<string, unknown>;

/** Run a case; returns the object whose fields are compared with `expected`. */
function run(c: Case): Any {
  const o = c.opts as never;
  switch (c.fn) {
    case 'corpusBleu':
      return corpusBleu(c.hyps!, c.refs!, o) as unknown as Any;
    case 'corpusChrf':
      return corpusChrf(c.hyps!, c.refs!, o) as unknown as Any;
    case 'corpusTer':
      return corpusTer(c.hyps!, c.refs!, o) as unknown as Any;
    case 'sentenceBleu':
    case 'sentenceChrf':
    case 'sentenceTer': {
      const f = c.fn === 'sentenceBleu' ? sentenceBleu : c.fn === 'sentenceChrf' ? sentenceChrf : sentenceTer;
      const scores = c.hyps!.map((h, i) => f(h, c.refs!.map((s) => s[i]), o).score);
      return { scores, score: scores[0] };
    }
    case 'computeBleu': {
      const inp = c.input as { correct: number[]; total: number[]; sysLen: number; refLen: number };
      return computeBleu(inp.correct, inp.total, inp.sysLen, inp.refLen, o) as unknown as Any;
    }
    case 'tokenize':
      return { output: tokenize((c.opts as { tokenize: string }).tokenize, c.input as string) };
    case 'tercomTokenize':
      return { output: tercomTokenize(c.input as string, o) };
    default:
      throw new Error(`unknown fn ${c.fn}`);
  }
}

describe('sacreBLEU 2.6.0 test-suite cases', () => {
  it('has all 139 cases', () => expect(cases.length).toBe(139));

  for (const c of cases) {
    it(`${c.id} (${c.fn})`, () => {
      const got = run(c);
      const e = c.expected;
      // 1. the published value at the test's tolerance
      if ('published' in e) {
        const tol = e.tolerance;
        if (tol === 'exact') expect(got.output).toBe(e.published);
        else if (tol === 'format .2f') expect(pyFixed(got.score as number, 2)).toBe(e.published);
        else expect(Math.abs((got.score as number) - Number(e.published))).toBeLessThanOrEqual(Number(tol) + 1e-12);
      }
      // 2. the full-precision values sacreBLEU computes
      if (typeof e.score === 'number') {
        scored++;
        const s = got.score as number;
        if (Object.is(s, e.score)) exact++;
        else inexact.push(`${c.id}: ${s} vs ${e.score}`);
        expect(s).toBeCloseTo(e.score, 9);
      }
      if ('output' in e) expect(got.output).toBe(e.output);
      if (Array.isArray(e.scores)) {
        const ss = got.scores as number[];
        expect(ss.length).toBe(e.scores.length);
        (e.scores as number[]).forEach((v, i) => expect(ss[i]).toBeCloseTo(v, 9));
      }
      for (const k of ['counts', 'totals', 'sysLen', 'refLen', 'numEdits', 'refLength'] as const) {
        if (k in e) expect(got[k], k).toEqual(e[k]);
      }
      for (const k of ['bp'] as const) if (k in e) expect(got[k] as number).toBeCloseTo(e[k] as number, 12);
      if ('precisions' in e) {
        (e.precisions as number[]).forEach((p, i) => expect((got.precisions as number[])[i]).toBeCloseTo(p, 9));
      }
      if (typeof e.signature === 'string') expect(stripVersion(got.signature as string)).toBe(stripVersion(e.signature));
      if (typeof e.formatted === 'string') {
        const f = c.fn.endsWith('Bleu') ? formatBleu(got as unknown as BleuResult) : formatChrf(got as never);
        expect(f).toBe(e.formatted);
      }
    });
  }

  it('all full-precision scores are bit-identical to sacreBLEU', () => {
    expect(inexact).toEqual([]);
    expect(exact).toBe(83);
  });

  afterAll(() => {
    console.log(`sacreBLEU cases: ${exact}/${scored} scores bit-identical to sacreBLEU's full-precision value`);
    if (inexact.length) console.log(`not bit-identical:\n  ${inexact.join('\n  ')}`);
  });
});
