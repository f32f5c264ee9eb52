/**
 * Search: one beam search over any stateful scorer (`StepScorer`: an n-gram LM state, a batched neural decoder
 * step, a phrase-table decoder), its length penalties and token rules, and an exhaustive oracle for tests.
 * Imports nothing from mapping/ or from the model packages: scorers adapt to it, not the other way round.
 */
export { beamSearch, scoreOf, type BeamSearchOptions, type BeamSearchResult } from './beam-search.js';
export { exhaustiveSearch, type ExhaustiveSearchOptions } from './exhaustive.js';
export { lengthPenaltyDivisor, type LengthPenalty } from './length-penalty.js';
export { type TokenRuleOptions } from './constraints.js';
export {
  hypothesisPerplexity,
  type Hypothesis,
  type SparseScores,
  type StepScores,
  type StepScorer,
} from './step-scorer.js';
