import { describe, expect, it } from 'vitest';
import {
  beamSearch,
  exhaustiveSearch,
  hypothesisPerplexity,
  InvalidOptionError,
  lengthPenaltyDivisor,
  type BeamSearchOptions,
  type SparseScores,
  type StepScores,
  type StepScorer,
} from '../src/index.js';
import { Rng } from '../src/random.js';

interface Prefix {
  batch: number;
  tokens: number[];
}

/** Seeded random log-softmax rows; a row depends only on (seed, batch, prefix), so any search sees the same tree. */
class RandomScorer implements StepScorer<Prefix> {
  calls = 0;
  maxStates = 0;
  constructor(
    readonly vocab: number,
    readonly seed: number,
    readonly temperature = 2,
  ) {}
  initial(batch: number): Prefix {
    return { batch, tokens: [] };
  }
  advance(s: Prefix, t: number): Prefix {
    return { batch: s.batch, tokens: [...s.tokens, t] };
  }
  row(s: Prefix): Float32Array {
    let h = (this.seed * 2654435761 + s.batch * 97) >>> 0;
    for (const t of s.tokens) h = (Math.imul(h ^ (t + 1), 16777619) + 12345) >>> 0;
    const rng = new Rng(h);
    const logits = Array.from({ length: this.vocab }, () => rng.normal() * this.temperature);
    const m = Math.max(...logits);
    const lse = m + Math.log(logits.reduce((a, x) => a + Math.exp(x - m), 0));
    return Float32Array.from(logits, (x) => x - lse);
  }
  step(states: readonly Prefix[]): StepScores[] {
    return this.dense(states);
  }
  dense(states: readonly Prefix[]): Float32Array[] {
    this.calls++;
    this.maxStates = Math.max(this.maxStates, states.length);
    return states.map((s) => this.row(s));
  }
}

/** The same tree, but each state offers only its `width` best tokens (an n-gram LM with a candidate list). */
class SparseScorer extends RandomScorer {
  constructor(
    vocab: number,
    seed: number,
    readonly width: number,
  ) {
    super(vocab, seed);
  }
  override step(states: readonly Prefix[]): SparseScores[] {
    return this.dense(states).map((row) => {
      const tokens = [...row.keys()].sort((a, b) => row[b] - row[a]).slice(0, this.width);
      return { tokens, logProbs: tokens.map((t) => row[t]) };
    });
  }
}

const strip = (hs: { tokens: number[]; score: number }[]) => hs.map((h) => ({ tokens: h.tokens, score: h.score }));

describe('beamSearch against exhaustive search', () => {
  const penalties = ['none', 'average', { type: 'gnmt', alpha: 0.6 }, { type: 'hf', alpha: 1.5 }] as const;
  for (const seed of [1, 2, 3]) {
    for (const lengthPenalty of penalties) {
      it(`a beam as wide as the prefix tree is exact (seed ${seed}, ${JSON.stringify(lengthPenalty)})`, () => {
        const V = 4;
        const L = 4;
        const scorer = new RandomScorer(V, seed);
        const o = { maxLength: L, eos: 0, numReturn: 6, lengthPenalty };
        const beam = beamSearch(scorer, { ...o, beamSize: (V - 1) ** (L - 1), finishRule: 'every-beam', earlyStopping: 'never' });
        const exact = exhaustiveSearch(scorer, o);
        expect(strip(beam[0].hypotheses)).toEqual(strip(exact[0].hypotheses));
        expect(beam[0].hypotheses).toHaveLength(6);
      });
    }
  }

  it('beam = vocabulary size is exact for two steps with HF rules (n-best order included)', () => {
    for (const seed of [4, 5, 6, 7]) {
      const V = 6;
      const scorer = new RandomScorer(V, seed);
      const o = { maxLength: 2, eos: 0, numReturn: V };
      expect(strip(beamSearch(scorer, { ...o, beamSize: V })[0].hypotheses)).toEqual(
        strip(exhaustiveSearch(scorer, o)[0].hypotheses),
      );
    }
  });

  it('never beats exhaustive search, and a wider beam is never worse here', () => {
    let strictlyWorse = 0;
    for (let seed = 10; seed < 30; seed++) {
      const scorer = new RandomScorer(5, seed, 1);
      const o = { maxLength: 5, eos: 0, lengthPenalty: 'average' as const };
      const best = exhaustiveSearch(scorer, o)[0].hypotheses[0].score;
      const greedy = beamSearch(scorer, { ...o, beamSize: 1 })[0].hypotheses[0].score;
      const wide = beamSearch(scorer, { ...o, beamSize: 64, finishRule: 'every-beam', earlyStopping: 'never' })[0];
      expect(greedy).toBeLessThanOrEqual(best + 1e-12);
      expect(wide.hypotheses[0].score).toBeCloseTo(best, 10);
      if (greedy < best - 1e-9) strictlyWorse++;
    }
    expect(strictlyWorse).toBeGreaterThan(0); // the test can tell greedy from exact
  });

  it('works on sparse candidates', () => {
    const scorer = new SparseScorer(8, 42, 3);
    const o = { maxLength: 4, eos: 0, numReturn: 4, lengthPenalty: 'average' as const };
    const beam = beamSearch(scorer, { ...o, beamSize: 27, finishRule: 'every-beam', earlyStopping: 'never' });
    expect(strip(beam[0].hypotheses)).toEqual(strip(exhaustiveSearch(scorer, o)[0].hypotheses));
    for (const h of beam[0].hypotheses) expect(h.score).toBeCloseTo(h.logProb / h.tokens.length, 12);
  });
});

/** A hand-made tree: 'a' (1) is likely first but every continuation is poor; 'b' (2) leads to a sure 'c' (3). */
const trap: StepScorer<string> = {
  initial: () => '',
  advance: (s, t) => s + 'xabc'[t],
  step: (states) =>
    states.map((s) => {
      const p: Record<string, number[]> = {
        '': [0.0, 0.6, 0.4, 0.0],
        a: [0.0, 0.0, 0.5, 0.5],
        b: [0.0, 0.0, 0.0, 1.0],
      };
      const probs = p[s] ?? [1, 0, 0, 0]; // after two tokens: EOS (0)
      return Float32Array.from(probs, Math.log);
    }),
};

describe('beam width, length and EOS', () => {
  it('a beam of 2 escapes the greedy trap', () => {
    const greedy = beamSearch(trap, { beamSize: 1, maxLength: 5, eos: 0 })[0].hypotheses[0];
    const beam2 = beamSearch(trap, { beamSize: 2, maxLength: 5, eos: 0 })[0].hypotheses[0];
    expect(greedy.tokens).toEqual([1, 2, 0]);
    expect(greedy.logProb).toBeCloseTo(Math.log(0.3), 6);
    expect(beam2.tokens).toEqual([2, 3, 0]);
    expect(beam2.logProb).toBeCloseTo(Math.log(0.4), 6);
    expect(beam2.finished).toBe(true);
  });

  it('length penalties rank as documented', () => {
    expect(lengthPenaltyDivisor('none')(7)).toBe(1);
    expect(lengthPenaltyDivisor('average')(7)).toBe(7);
    expect(lengthPenaltyDivisor(2)(3)).toBe(9);
    expect(lengthPenaltyDivisor({ type: 'gnmt', alpha: 1 })(7)).toBe(2);
    expect(lengthPenaltyDivisor({ type: 'gnmt', alpha: 0.5 })(1)).toBe(1);
    // EOS now (log 0.5) against three more tokens of log 0.8 each then EOS at 0.9.
    const s: StepScorer<number> = {
      initial: () => 0,
      advance: (n) => n + 1,
      step: (st) => st.map((n) => Float32Array.from(n === 0 ? [0.5, 0.5] : n < 4 ? [0.2, 0.8] : [0.9, 0.1], Math.log)),
    };
    const short = beamSearch(s, { beamSize: 2, maxLength: 8, eos: 0, earlyStopping: 'never' })[0].hypotheses[0];
    const long = beamSearch(s, { beamSize: 2, maxLength: 8, eos: 0, earlyStopping: 'never', lengthPenalty: 'average' });
    expect(short.tokens).toEqual([0]);
    expect(long[0].hypotheses[0].tokens).toEqual([1, 1, 1, 1, 0]);
  });

  it('without EOS every hypothesis stops at maxLength, unfinished', () => {
    const r = beamSearch(new RandomScorer(5, 9), { beamSize: 3, maxLength: 4, numReturn: 3 })[0];
    expect(r.hypotheses).toHaveLength(3);
    for (const h of r.hypotheses) {
      expect(h.tokens).toHaveLength(4);
      expect(h.finished).toBe(false);
    }
  });

  it('minLength keeps EOS out of short hypotheses', () => {
    const r = beamSearch(new RandomScorer(4, 11), { beamSize: 4, maxLength: 6, eos: 0, minLength: 3, numReturn: 4 })[0];
    for (const h of r.hypotheses) {
      expect(h.tokens.length).toBeGreaterThanOrEqual(3);
      expect(h.tokens.slice(0, -1)).not.toContain(0);
    }
  });

  it('earlyStopping true stops no later than false, which stops no later than never', () => {
    const steps = ([true, false, 'never'] as const).map(
      (earlyStopping) =>
        beamSearch(new RandomScorer(6, 3, 1), { beamSize: 3, maxLength: 12, eos: 0, earlyStopping, lengthPenalty: 1 })[0].steps,
    );
    expect(steps[0]).toBeLessThanOrEqual(steps[1]);
    expect(steps[1]).toBeLessThanOrEqual(steps[2]);
    expect(steps[0]).toBeLessThan(12);
  });
});

describe('constraints', () => {
  it('forces a prefix, bans tokens, and matches the constrained exhaustive search', () => {
    const scorer = new RandomScorer(5, 21);
    const o = { maxLength: 4, eos: 0, numReturn: 5, prefix: [3], banned: [4], lengthPenalty: 'average' as const };
    const beam = beamSearch(scorer, { ...o, beamSize: 64, finishRule: 'every-beam', earlyStopping: 'never' })[0];
    for (const h of beam.hypotheses) {
      expect(h.tokens[0]).toBe(3);
      expect(h.tokens).not.toContain(4);
    }
    expect(strip(beam.hypotheses)).toEqual(strip(exhaustiveSearch(scorer, o)[0].hypotheses));
  });

  it('puts required tokens in every hypothesis, even unlikely ones, with a narrow beam', () => {
    const scorer = new RandomScorer(12, 5);
    const free = beamSearch(scorer, { beamSize: 3, maxLength: 6, eos: 0 })[0].hypotheses[0].tokens;
    const must = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].filter((t) => !free.includes(t)).slice(0, 2);
    const r = beamSearch(scorer, { beamSize: 3, maxLength: 6, eos: 0, mustInclude: must, numReturn: 3 })[0];
    expect(r.hypotheses.length).toBeGreaterThan(0);
    for (const h of r.hypotheses) for (const t of must) expect(h.tokens).toContain(t);
    const wide = beamSearch(scorer, { beamSize: 1500, maxLength: 4, eos: 0, mustInclude: must, finishRule: 'every-beam', earlyStopping: 'never' });
    expect(strip(wide[0].hypotheses)).toEqual(strip(exhaustiveSearch(scorer, { maxLength: 4, eos: 0, mustInclude: must })[0].hypotheses));
  });
});

describe('batching and the seed rule', () => {
  it('a batch gives the same results as one input at a time, in one step call per time step', () => {
    const o: BeamSearchOptions = { beamSize: 4, maxLength: 7, eos: 0, numReturn: 3, lengthPenalty: { type: 'gnmt', alpha: 0.7 } };
    const batched = new RandomScorer(9, 77);
    const together = beamSearch(batched, { ...o, batchSize: 3 });
    expect(batched.calls).toBeLessThanOrEqual(7);
    expect(batched.maxStates).toBeGreaterThan(4);
    for (let b = 0; b < 3; b++) {
      const alone: StepScorer<Prefix> = {
        initial: () => ({ batch: b, tokens: [] }),
        advance: (s, t) => batched.advance(s, t),
        step: (s) => batched.step(s),
      };
      expect(together[b]).toEqual(beamSearch(alone, o)[0]);
    }
    expect(together[0].hypotheses).not.toEqual(together[1].hypotheses);
  });

  it("keep: 'all' keeps every finished hypothesis of every length, ranked by perplexity", () => {
    const scorer = new RandomScorer(4, 8);
    const r = beamSearch(scorer, { beamSize: 81, maxLength: 4, eos: 0, keep: 'all', numReturn: Infinity })[0];
    const all = exhaustiveSearch(scorer, { maxLength: 4, eos: 0, numReturn: 1e9, lengthPenalty: 'average' })[0];
    expect(r.hypotheses.length).toBe(all.hypotheses.length); // 1 + 3 + 9 + 27 ending in EOS, 81 truncated
    expect(strip(r.hypotheses)).toEqual(strip(all.hypotheses));
    const ppl = r.hypotheses.map(hypothesisPerplexity);
    for (let i = 1; i < ppl.length; i++) expect(ppl[i]).toBeGreaterThanOrEqual(ppl[i - 1] - 1e-12);
    const lengths = new Set(r.hypotheses.map((h) => h.tokens.length));
    expect(lengths.size).toBe(4);
  });
});

describe('option errors', () => {
  const s = new RandomScorer(3, 1);
  const cases: [Partial<BeamSearchOptions>, string][] = [
    [{ beamSize: 0 }, 'beamSize'],
    [{ maxLength: 1.5 }, 'maxLength'],
    [{ numReturn: 5 }, 'numReturn'],
    [{ earlyStopping: 'sometimes' as never }, 'earlyStopping'],
    [{ lengthPenalty: { type: 'x', alpha: 1 } as never }, 'lengthPenalty.type'],
    [{ mustInclude: [0], eos: 0 }, 'mustInclude'],
    [{ banned: [-1] }, 'banned'],
  ];
  for (const [bad, option] of cases) {
    it(`rejects a bad ${option}`, () => {
      let err: unknown;
      try {
        beamSearch(s, { beamSize: 2, maxLength: 3, ...bad });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidOptionError);
      expect((err as InvalidOptionError).code).toBe('INVALID_OPTION');
      expect((err as InvalidOptionError).option).toBe(option);
    });
  }
});
