/**
 * Paired significance tests against the real sacreBLEU 2.6.0 (test/fixtures/sacrebleu-significance.json,
 * written by scripts/gen-significance-fixtures.py from the WMT17 en-de systems in
 * shared/data/metrics/sacrebleu-significance-wmt17.json.gz): with the same seed we draw the same
 * resamples, so p-values are equal and means/CIs agree to 1e-9 (in practice to the last bits).
 * Plus properties: a system against itself, reproducibility, seeds, errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  bootstrapConfidence,
  corpusBleu,
  pairedApproximateRandomization,
  pairedBootstrap,
  VERSION,
  type NamedSystem,
  type PairedTestResult,
  type SignificanceMetric,
} from '../src/index.js';

interface Expected {
  score: number;
  pValue: number | null;
  mean: number | null;
  ci: number | null;
}
interface Case {
  id: string;
  test: 'bs' | 'ar';
  nSamples: number;
  nArConfidence: number;
  seed: number;
  systems: number[];
  segments: number | null;
  metrics: { key: string; metric: 'bleu' | 'chrf' | 'ter'; options: Record<string, unknown> }[];
  signatures: Record<string, string>;
  results: Record<string, Expected[]>;
}

interface ConfidenceCase {
  system: number;
  segments: number;
  nSamples: number;
  seed: number;
  results: Record<string, { score: number; mean: number; ci: number; signature: string }>;
}
const fx = JSON.parse(readFileSync(new URL('./fixtures/sacrebleu-significance.json', import.meta.url), 'utf8')) as {
  cases: Case[];
  confidence: ConfidenceCase;
};
const DATA = new URL('../../../../shared/data/metrics/sacrebleu-significance-wmt17.json.gz', import.meta.url);
const haveData = existsSync(DATA);
const wmt = haveData ? (JSON.parse(gunzipSync(readFileSync(DATA)).toString('utf8')) as { systems: [string, unknown][] }).systems : [];
const systemsOf = (c: Case, count = c.systems.length): { systems: NamedSystem[]; refs: string[][] } => {
  const cut = <T>(a: T[]): T[] => (c.segments === null ? a : a.slice(0, c.segments));
  const refs = (wmt[wmt.length - 1][1] as string[][]).map(cut);
  const systems = c.systems.slice(0, count).map((i) => ({ name: wmt[i][0], hypotheses: cut(wmt[i][1] as string[]) }));
  return { systems, refs };
};
const metricsOf = (c: Case): SignificanceMetric[] =>
  c.metrics.map((m) =>
    m.metric === 'bleu'
      ? { metric: 'bleu', options: { tokenize: m.options.tokenize as string } }
      : m.metric === 'chrf'
        ? { metric: 'chrf', options: { wordOrder: (m.options.wordOrder as number | undefined) ?? 0 } }
        : { metric: 'ter' },
  );
const noVersion = (sig: string) => sig.replace(/\|version:[^|]*$/, '');

function compare(c: Case, got: PairedTestResult, count: number): void {
  expect(got.metrics.map((m) => m.name)).toEqual(Object.keys(c.results));
  for (const m of got.metrics) {
    expect(noVersion(m.signature)).toBe(noVersion(c.signatures[m.name]));
    expect(m.signature.endsWith(`|version:${VERSION}`)).toBe(true);
    const want = c.results[m.name].slice(0, count);
    expect(m.results).toHaveLength(count);
    m.results.forEach((r, i) => {
      const w = want[i];
      const where = `${c.id} ${m.name} system ${i}`;
      expect(r.score, where).toBe(w.score);
      expect(r.pValue, where).toBe(w.pValue);
      if (w.mean === null) {
        expect(r.mean, where).toBeNull();
        expect(r.ci, where).toBeNull();
      } else {
        expect(Math.abs(r.mean! - w.mean), where).toBeLessThan(1e-9);
        expect(Math.abs(r.ci! - w.ci!), where).toBeLessThan(1e-9);
      }
    });
  }
}

const byId = (id: string) => fx.cases.find((c) => c.id === id)!;

describe.skipIf(!haveData)('paired tests = sacreBLEU 2.6.0 on WMT17 en-de', () => {
  it('bootstrap, BLEU tok none, 2000 resamples, seed 12345 (sacreBLEU test_significance.py), 4 of 16 systems', () => {
    const c = byId('bs-bleu-none-2000');
    const { systems, refs } = systemsOf(c, 4);
    compare(c, pairedBootstrap(systems, refs, { metrics: metricsOf(c), nSamples: c.nSamples, seed: c.seed }), 4);
  });

  it('AR, BLEU tok none, 10000 trials, 4 of 16 systems', () => {
    const c = byId('ar-bleu-none-10000');
    const { systems, refs } = systemsOf(c, 4);
    compare(c, pairedApproximateRandomization(systems, refs, { metrics: metricsOf(c), nSamples: c.nSamples, seed: c.seed }), 4);
  });

  it('bootstrap, BLEU 13a + chrF + chrF++ + TER, 500 segments (float32 sums and scoring)', () => {
    const c = byId('bs-4metrics-1000');
    const { systems, refs } = systemsOf(c);
    compare(c, pairedBootstrap(systems, refs, { metrics: metricsOf(c), nSamples: c.nSamples, seed: c.seed }), c.systems.length);
  });

  it('a system against an identical copy (bootstrap 200, AR 300): sacreBLEU’s p = 1 / (n + 1)', () => {
    for (const id of ['bs-self-200', 'ar-self-300']) {
      const c = byId(id);
      const { systems, refs } = systemsOf(c);
      const run = c.test === 'bs' ? pairedBootstrap : pairedApproximateRandomization;
      compare(c, run(systems, refs, { metrics: metricsOf(c), nSamples: c.nSamples, seed: c.seed }), 2);
      expect(c.results.BLEU[1].pValue).toBe(1 / (c.nSamples + 1));
    }
  });

  it('single-system CI (sacreBLEU --confidence, corpus_score(n_bootstrap=500)) on 4 metrics', () => {
    const c = fx.confidence;
    const refs = (wmt[wmt.length - 1][1] as string[][]).map((r) => r.slice(0, c.segments));
    const hyps = (wmt[c.system][1] as string[]).slice(0, c.segments);
    const metrics = metricsOf(byId('bs-4metrics-1000'));
    const got = bootstrapConfidence(hyps, refs, { metrics, nSamples: c.nSamples, seed: c.seed });
    expect(got.map((r) => r.name)).toEqual(Object.keys(c.results));
    for (const r of got) {
      const w = c.results[r.name];
      expect(r.score, r.name).toBe(w.score);
      expect(noVersion(r.signature)).toBe(noVersion(w.signature));
      // statistics.mean is exact then rounded once; ours may be one ulp off
      expect(Math.abs(r.mean - w.mean), r.name).toBeLessThan(1e-12);
      expect(r.ci, r.name).toBe(w.ci);
    }
  });

  it('AR with a bootstrap CI (nArConfidence 500, seed 7): coins then indices from one generator', () => {
    const c = byId('ar-4metrics-2000-ci');
    const { systems, refs } = systemsOf(c);
    const got = pairedApproximateRandomization(systems, refs, {
      metrics: metricsOf(c),
      nSamples: c.nSamples,
      nArConfidence: c.nArConfidence,
      seed: c.seed,
    });
    compare(c, got, c.systems.length);
  });
});

// Small synthetic data for the properties (no shared data needed).
const REFS = [
  ['the cat sat on the mat', 'a dog barked at the moon', 'it rained all day long', 'we went home early', 'the end of the story'],
];
const BASE = ['the cat sat on a mat', 'a dog barked at moon', 'it rained the whole day', 'we went home', 'the end of story'];
const OTHER = ['cat on the mat', 'the dog barks at the moon', 'rain all day', 'we went home early', 'end of the story'];
const sys = (name: string, hypotheses: string[]): NamedSystem => ({ name, hypotheses });

describe('paired tests: properties', () => {
  it('a system against itself: p = 1 / (n + 1) as sacreBLEU (only differences > 0 count), mean and CI the baseline’s', () => {
    const systems = [sys('a', BASE), sys('a again', BASE)];
    const bs = pairedBootstrap(systems, REFS, { metrics: [{ metric: 'bleu' }, { metric: 'chrf' }, { metric: 'ter' }], nSamples: 200 });
    for (const m of bs.metrics) {
      expect(m.results[1].pValue).toBe(1 / 201);
      expect(m.results[1].mean).toBe(m.results[0].mean);
      expect(m.results[1].ci).toBe(m.results[0].ci);
    }
    const ar = pairedApproximateRandomization(systems, REFS, { nSamples: 300 });
    expect(ar.metrics[0].results[1].pValue).toBe(1 / 301);
    expect(ar.metrics[0].results[0].score).toBe(corpusBleu(BASE, REFS).score);
  });

  it('seeded runs reproduce; different seeds differ; seed null is fresh entropy', () => {
    const systems = [sys('base', BASE), sys('other', OTHER)];
    const run = (seed: number | null) => pairedBootstrap(systems, REFS, { metrics: [{ metric: 'chrf' }], nSamples: 300, seed }).metrics[0].results[1];
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
    const a = pairedApproximateRandomization(systems, REFS, { metrics: [{ metric: 'chrf' }], nSamples: 300, seed: 3, nArConfidence: 100 });
    expect(a).toEqual(pairedApproximateRandomization(systems, REFS, { metrics: [{ metric: 'chrf' }], nSamples: 300, seed: 3, nArConfidence: 100 }));
    const unseeded = pairedBootstrap(systems, REFS, { metrics: [{ metric: 'chrf' }], nSamples: 300, seed: null });
    expect(unseeded.metrics[0].signature).toContain('|bs:300|seed:none|');
    expect(unseeded.metrics[0].results[1].score).toBe(run(3).score);
  });

  it('signatures carry the test fields where sacreBLEU puts them; defaults 1000 / 10000 / 12345', () => {
    const systems = [sys('base', BASE), sys('other', OTHER)];
    const bs = pairedBootstrap(systems, REFS, { metrics: [{ metric: 'ter' }] });
    expect(bs.nSamples).toBe(1000);
    expect(bs.metrics[0].signature).toBe(`nrefs:1|bs:1000|seed:12345|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:${VERSION}`);
    expect(bs.metrics[0].shortSignature).toBe(`#:1|bs:1000|rs:12345|c:lc|t:tercom|nr:no|pn:yes|as:no|v:${VERSION}`);
    const ar = pairedApproximateRandomization(systems, REFS, { nSamples: 0, nArConfidence: 0 });
    expect(ar.nSamples).toBe(10000);
    expect(ar.nArConfidence).toBe(1000);
    expect(ar.metrics[0].signature).toMatch(/^nrefs:1\|bs:1000\|ar:10000\|seed:12345\|case:mixed\|/);
    expect(ar.metrics[0].results.every((r) => r.mean !== null && r.ci !== null)).toBe(true);
  });

  it('typed errors: one system, different lengths, bad options', () => {
    expect(() => pairedBootstrap([sys('only', BASE)], REFS)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'systems' }));
    expect(() => pairedBootstrap([sys('base', BASE), sys('short', OTHER.slice(1))], REFS)).toThrow(
      expect.objectContaining({ code: 'LENGTH_MISMATCH', system: 'short', segments: 4, expected: 5 }),
    );
    expect(() => pairedBootstrap([sys('base', BASE), sys('other', OTHER)], REFS, { nSamples: -3 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'nSamples' }),
    );
    expect(() => pairedApproximateRandomization([sys('base', BASE), sys('other', OTHER)], REFS, { nArConfidence: -2 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'nArConfidence' }),
    );
    expect(() => pairedBootstrap([sys('base', BASE), sys('other', OTHER)], REFS, { seed: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'seed' }),
    );
    expect(() => pairedBootstrap([sys('base', BASE), sys('other', OTHER)], REFS, { metrics: [{ metric: 'chrf', options: { charOrder: -1 } }] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'charOrder' }),
    );
    expect(() => pairedBootstrap([sys('base', BASE), sys('other', OTHER)], REFS, { metrics: [{ metric: 'bleu', options: { tokenize: 'xx' } }] })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_NAME' }),
    );
  });

  it('bootstrapConfidence: the corpus score, and a mean within the CI of it', () => {
    const [r] = bootstrapConfidence(BASE, REFS, { nSamples: 400 });
    expect(r.score).toBe(corpusBleu(BASE, REFS).score);
    expect(r.signature).toMatch(/^nrefs:1\|bs:400\|seed:12345\|case:mixed/);
    expect(Math.abs(r.mean - r.score)).toBeLessThan(r.ci + 1e-9);
  });
});
