// Every nltk.lm estimator against NLTK 3.8's own numbers (fixtures from scripts/gen-nltk-fixtures.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countNgramsFromBytes, NgramModel, type Smoothing } from '@nlpkit/lm';

type Num = number | 'inf' | '-inf' | 'nan';
interface Case {
  corpus: string;
  order: number;
  unkCutoff: number;
  smoothing: Smoothing;
  params: { gamma?: number; discount?: number };
  vocabSize: number;
  queries: [string, string[]][];
  score: Num[];
  logscore: Num[];
  entropy: Num;
  perplexity: Num;
  counts?: { probes: string[][]; values: number[]; distinct: number[]; total: number[] };
  generate?: { seed: number; textSeed: string[]; numWords: number; words: string[] }[];
}
interface Fixture {
  train: string[][];
  test: string[][];
  cases: Case[];
}

const load = (name: string): Fixture => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Fixture;
const lines = (sents: string[][]): string => sents.map((s) => s.join(' ') + '\n').join('');
const decode = (x: Num): number => (x === 'inf' ? Infinity : x === '-inf' ? -Infinity : x === 'nan' ? NaN : x);

/** 1e-12 relative; infinities and NaN exactly. */
function close(ours: number, want: Num): boolean {
  const w = decode(want);
  if (!Number.isFinite(w) || !Number.isFinite(ours)) return Object.is(ours, w) || (Number.isNaN(ours) && Number.isNaN(w));
  return Math.abs(ours - w) <= 1e-12 * Math.max(Math.abs(w), Number.MIN_VALUE);
}

for (const file of ['nltk-toy.json', 'nltk-brown.json']) {
  const fx = load(file);
  describe(file, () => {
    for (const c of fx.cases) {
      const label = `${c.smoothing}${JSON.stringify(c.params)} order ${c.order} unkCutoff ${c.unkCutoff}`;
      it(label, () => {
        const lm = NgramModel.train(fx.train, { order: c.order, unkCutoff: c.unkCutoff, smoothing: c.smoothing, ...c.params });
        expect(lm.vocab.size).toBe(c.vocabSize);
        const bad: string[] = [];
        c.queries.forEach(([w, ctx], i) => {
          const s = lm.score(w, ctx);
          const l = lm.logScore(w, ctx);
          if (!close(s, c.score[i]) || !close(l, c.logscore[i])) {
            bad.push(`${JSON.stringify([w, ctx])}: ours ${s} / ${l}, NLTK ${c.score[i]} / ${c.logscore[i]}`);
          }
        });
        expect(bad.slice(0, 5)).toEqual([]);
        const ent = lm.crossEntropy(fx.test);
        expect(close(ent, c.entropy), `entropy ${ent} vs ${c.entropy}`).toBe(true);
        const ppl = lm.perplexity(fx.test);
        expect(close(ppl, c.perplexity), `perplexity ${ppl} vs ${c.perplexity}`).toBe(true);
        // The byte paths: the same sentences as text lines, counted and scored from their UTF-8 bytes.
        const counts = countNgramsFromBytes(Buffer.from(lines(fx.train)), { order: c.order, unkCutoff: c.unkCutoff });
        const fromBytes = NgramModel.fromCounts(counts, { smoothing: c.smoothing, ...c.params });
        expect(fromBytes.perplexityOfText(lines(fx.test))).toBe(ppl);
        if (c.counts) {
          expect(c.counts.probes.map((p) => lm.counts.count(p))).toEqual(c.counts.values);
          expect(c.counts.distinct.map((_, k) => lm.counts.distinctCount(k + 1))).toEqual(c.counts.distinct);
          expect(c.counts.total.map((_, k) => lm.counts.total(k + 1))).toEqual(c.counts.total);
        }
        for (const g of c.generate ?? []) {
          expect(lm.generate(g.numWords, { seed: g.seed, textSeed: g.textSeed }), `seed ${g.seed}`).toEqual(g.words);
        }
      });
    }
  });
}
