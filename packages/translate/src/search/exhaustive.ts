/**
 * Exhaustive search: every token sequence up to `maxLength` under the same token rules and length penalty as
 * `beamSearch`. Exponential — a readable oracle for tests and for checking a scorer on tiny vocabularies.
 */
import { InvalidOptionError } from '../errors.js';
import { TokenRules, type TokenRuleOptions } from './constraints.js';
import { lengthPenaltyDivisor, type LengthPenalty } from './length-penalty.js';
import type { Hypothesis, StepScorer } from './step-scorer.js';
import type { BeamSearchResult } from './beam-search.js';

export interface ExhaustiveSearchOptions extends TokenRuleOptions {
  maxLength: number;
  batchSize?: number;
  numReturn?: number;
  lengthPenalty?: LengthPenalty;
  /** Refuse to enumerate more than this many sequences. Default 1e6. */
  maxSequences?: number;
}

export function exhaustiveSearch<S>(scorer: StepScorer<S>, options: ExhaustiveSearchOptions): BeamSearchResult[] {
  const rules = new TokenRules(options);
  const div = lengthPenaltyDivisor(options.lengthPenalty ?? 'none');
  const limit = options.maxSequences ?? 1e6;
  const out: BeamSearchResult[] = [];
  for (let b = 0; b < (options.batchSize ?? 1); b++) {
    const all: Hypothesis[] = [];
    const visit = (state: S, tokens: number[], logProb: number, met: number): void => {
      const len = tokens.length + 1;
      const row = scorer.step([state])[0];
      const n = row instanceof Float32Array || row instanceof Float64Array ? row.length : row.tokens.length;
      for (let j = 0; j < n; j++) {
        const t = row instanceof Float32Array || row instanceof Float64Array ? j : row.tokens[j];
        const v = row instanceof Float32Array || row instanceof Float64Array ? row[j] : row.logProbs[j];
        if (v === -Infinity || !rules.allowed(t, len, met)) continue;
        const lp = logProb + v;
        const m = rules.metAfter(met, t);
        if (rules.isEos(t) || len === options.maxLength) {
          if (m !== rules.allMet) continue;
          all.push({ tokens: [...tokens, t], logProb: lp, score: lp / div(len), finished: rules.isEos(t) });
          if (all.length > limit) throw new InvalidOptionError('maxSequences', limit, `more (search space too large)`);
        } else {
          visit(scorer.advance(state, t), [...tokens, t], lp, m);
        }
      }
    };
    visit(scorer.initial(b), [], 0, 0);
    all.sort((x, y) => y.score - x.score || lexCompare(x.tokens, y.tokens));
    out.push({ hypotheses: all.slice(0, options.numReturn ?? 1), steps: options.maxLength });
  }
  return out;
}

function lexCompare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
