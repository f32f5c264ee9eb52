/**
 * Beam search over any `StepScorer`, with Hugging Face's semantics (transformers `BeamSearchScorer`): each step
 * takes the top `2 × beamSize` (state, token) candidates of a batch item, EOS candidates ranked below
 * `beamSize` become finished hypotheses, the first `beamSize` others become the next beams; finished
 * hypotheses rank by `logProb / lengthDivisor(length)`; `earlyStopping` true / false / 'never' as in HF.
 * Additions: forced prefixes, banned and required tokens (required ones by dynamic beam allocation, Post &
 * Vilar 2018), several inputs stepped together, and "keep every finished hypothesis, rerank by perplexity".
 */
import { InvalidOptionError } from '../errors.js';
import { popcount, TokenRules, type TokenRuleOptions } from './constraints.js';
import { lengthPenaltyDivisor, maxDivisor, type LengthPenalty } from './length-penalty.js';
import type { Hypothesis, StepScores, StepScorer } from './step-scorer.js';

export interface BeamSearchOptions extends TokenRuleOptions {
  /** Hypotheses kept per step and per input. */
  beamSize: number;
  /** Most tokens generated (EOS included); hypotheses reaching it unfinished are returned with `finished: false`. */
  maxLength: number;
  /** Inputs searched together; the scorer's `initial(b)` is called for b = 0 … batchSize − 1. Default 1. */
  batchSize?: number;
  /** Hypotheses returned per input, best first. Default 1; at most `beamSize` unless `keep: 'all'`. */
  numReturn?: number;
  /** Default `'none'` (Hugging Face's default is 1.0, i.e. `{ type: 'hf', alpha: 1 }`). */
  lengthPenalty?: LengthPenalty;
  /**
   * When an input's search stops once `beamSize` hypotheses have finished: `true` at once; `false` (default)
   * when no live beam can beat the worst finished one at the current length (HF's heuristic); `'never'` when no
   * extension up to `maxLength` can (an exact bound for log-probabilities ≤ 0).
   */
  earlyStopping?: boolean | 'never';
  /**
   * Which EOS extensions may finish: `'top-candidates'` (default, HF) only those ranked among the best
   * `beamSize` of the step's candidates; `'every-beam'` the EOS extension of every live beam, so a search as wide
   * as the tree of prefixes is exhaustive.
   */
  finishRule?: 'top-candidates' | 'every-beam';
  /**
   * `'best'` (default) keeps the `beamSize` best finished hypotheses; `'all'` (the seed's rule) keeps every
   * finished hypothesis of every length, searches until `maxLength`, and ranks them by perplexity
   * (`lengthPenalty` and `earlyStopping` are then not used; `finishRule` is `'every-beam'`).
   */
  keep?: 'best' | 'all';
  /** Candidates taken per step and input before selection. Default `2 × beamSize` (HF). */
  candidatesPerStep?: number;
}

export interface BeamSearchResult {
  /** Best first; fewer than `numReturn` when fewer hypotheses satisfy the constraints. */
  readonly hypotheses: Hypothesis[];
  /** Steps this input took (its last beam's length). */
  readonly steps: number;
}

interface Beam<S> {
  state: S;
  tokens: number[];
  logProb: number;
  met: number;
}

/** Finished hypotheses, best first, bounded by `capacity`. */
class FinishedPool {
  readonly items: Hypothesis[] = [];
  constructor(readonly capacity: number) {}
  get full(): boolean {
    return this.items.length >= this.capacity;
  }
  get worst(): number {
    return this.items.length === 0 ? -Infinity : this.items[this.items.length - 1].score;
  }
  add(h: Hypothesis): void {
    if (this.full && h.score <= this.worst) return;
    let i = this.items.length;
    while (i > 0 && this.items[i - 1].score < h.score) i--;
    this.items.splice(i, 0, h);
    if (this.items.length > this.capacity) this.items.pop();
  }
}

/** Top-k (score, beam, token) triples by a min-heap on parallel typed arrays; ties prefer lower beam, then token. */
class TopK {
  size = 0;
  readonly score: Float64Array;
  readonly beam: Int32Array;
  readonly token: Int32Array;
  constructor(readonly k: number) {
    this.score = new Float64Array(k);
    this.beam = new Int32Array(k);
    this.token = new Int32Array(k);
  }
  /** The score a candidate must beat (−∞ until full). */
  get threshold(): number {
    return this.size < this.k ? -Infinity : this.score[0];
  }
  private less(i: number, j: number): boolean {
    const a = this.score[i];
    const b = this.score[j];
    if (a !== b) return a < b;
    if (this.beam[i] !== this.beam[j]) return this.beam[i] > this.beam[j];
    return this.token[i] > this.token[j];
  }
  private swap(i: number, j: number): void {
    const s = this.score[i];
    this.score[i] = this.score[j];
    this.score[j] = s;
    const b = this.beam[i];
    this.beam[i] = this.beam[j];
    this.beam[j] = b;
    const t = this.token[i];
    this.token[i] = this.token[j];
    this.token[j] = t;
  }
  push(score: number, beam: number, token: number): void {
    if (this.size < this.k) {
      let i = this.size++;
      this.score[i] = score;
      this.beam[i] = beam;
      this.token[i] = token;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.less(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    const s0 = this.score[0];
    if (score < s0 || (score === s0 && (beam > this.beam[0] || (beam === this.beam[0] && token > this.token[0])))) return;
    this.score[0] = score;
    this.beam[0] = beam;
    this.token[0] = token;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.less(l, m)) m = l;
      if (r < this.size && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
}

interface Candidate {
  score: number;
  beam: number;
  token: number;
}

function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.beam - b.beam || a.token - b.token;
}

/** The score of `token` in a row (−∞ when a sparse row does not list it). */
export function scoreOf(row: StepScores, token: number): number {
  if (row instanceof Float32Array || row instanceof Float64Array) return token < row.length ? row[token] : -Infinity;
  for (let i = 0; i < row.tokens.length; i++) if (row.tokens[i] === token) return row.logProbs[i];
  return -Infinity;
}

function positiveInt(option: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new InvalidOptionError(option, v, 'a positive integer');
  return v;
}

/**
 * Beam search for `batchSize` inputs at once; one result per input.
 *
 * @example
 * const [best] = beamSearch(lm, { beamSize: 5, maxLength: 40, eos: 2, lengthPenalty: { type: 'gnmt', alpha: 0.6 } });
 * best.hypotheses[0].tokens; // e.g. [17, 4, 9, 2]
 */
export function beamSearch<S>(scorer: StepScorer<S>, options: BeamSearchOptions): BeamSearchResult[] {
  const beamSize = positiveInt('beamSize', options.beamSize);
  const maxLength = positiveInt('maxLength', options.maxLength);
  const batchSize = positiveInt('batchSize', options.batchSize ?? 1);
  const keepAll = (options.keep ?? 'best') === 'all';
  if (options.keep !== undefined && options.keep !== 'best' && options.keep !== 'all') {
    throw new InvalidOptionError('keep', options.keep, "'best' or 'all'");
  }
  const numReturn = options.numReturn ?? 1;
  if (!(numReturn === Infinity && keepAll)) positiveInt('numReturn', numReturn);
  if (!keepAll && numReturn > beamSize) {
    throw new InvalidOptionError('numReturn', numReturn, `at most beamSize (${beamSize}), or keep: 'all'`);
  }
  const k = positiveInt('candidatesPerStep', options.candidatesPerStep ?? 2 * beamSize);
  const earlyStopping = options.earlyStopping ?? false;
  if (earlyStopping !== true && earlyStopping !== false && earlyStopping !== 'never') {
    throw new InvalidOptionError('earlyStopping', earlyStopping, "true, false or 'never'");
  }
  const finishRule = keepAll ? 'every-beam' : (options.finishRule ?? 'top-candidates');
  if (finishRule !== 'top-candidates' && finishRule !== 'every-beam') {
    throw new InvalidOptionError('finishRule', finishRule, "'top-candidates' or 'every-beam'");
  }
  const div = lengthPenaltyDivisor(keepAll ? 'average' : (options.lengthPenalty ?? 'none'));
  const rules = new TokenRules(options);
  const constrained = rules.required.length > 0;

  const pools: FinishedPool[] = [];
  let beams: Beam<S>[][] = [];
  const steps = new Int32Array(batchSize);
  for (let b = 0; b < batchSize; b++) {
    pools.push(new FinishedPool(keepAll ? Infinity : beamSize));
    beams.push([{ state: scorer.initial(b), tokens: [], logProb: 0, met: 0 }]);
  }
  const heap = new TopK(k);
  const finish = (b: number, beam: Beam<S>, token: number, logProb: number, len: number, finished: boolean): void => {
    const tokens = token < 0 ? beam.tokens : [...beam.tokens, token];
    pools[b].add({ tokens, logProb, score: logProb / div(len), finished });
  };

  for (let len = 1; len <= maxLength; len++) {
    const states: S[] = [];
    for (const bs of beams) for (const beam of bs) states.push(beam.state);
    if (states.length === 0) break;
    const rows = scorer.step(states);
    if (rows.length !== states.length) {
      throw new InvalidOptionError('scorer.step result', `${rows.length} rows`, `${states.length} (one per state)`);
    }
    let offset = 0;
    const next: Beam<S>[][] = [];
    for (let b = 0; b < batchSize; b++) {
      const bs = beams[b];
      const nb: Beam<S>[] = [];
      next.push(nb);
      if (bs.length === 0) continue;
      steps[b] = len;
      heap.size = 0;
      for (let i = 0; i < bs.length; i++) {
        const row = rows[offset + i];
        const beam = bs[i];
        if (len <= rules.prefix.length) {
          const t = rules.prefix[len - 1];
          const v = scoreOf(row, t);
          if (v > -Infinity) heap.push(beam.logProb + v, i, t);
          continue;
        }
        if (row instanceof Float32Array || row instanceof Float64Array) {
          for (let t = 0; t < row.length; t++) {
            const total = beam.logProb + row[t];
            if (total === -Infinity || total < heap.threshold) continue;
            if (finishRule === 'every-beam' && rules.isEos(t)) continue;
            if (rules.allowed(t, len, beam.met)) heap.push(total, i, t);
          }
        } else {
          for (let j = 0; j < row.tokens.length; j++) {
            const t = row.tokens[j];
            const total = beam.logProb + row.logProbs[j];
            if (total === -Infinity || total < heap.threshold) continue;
            if (finishRule === 'every-beam' && rules.isEos(t)) continue;
            if (rules.allowed(t, len, beam.met)) heap.push(total, i, t);
          }
        }
        if (finishRule === 'every-beam') {
          for (const e of rules.eos) {
            const v = scoreOf(row, e);
            if (v > -Infinity && rules.allowed(e, len, beam.met)) finish(b, beam, e, beam.logProb + v, len, true);
          }
        }
      }
      const cands: Candidate[] = [];
      for (let j = 0; j < heap.size; j++) cands.push({ score: heap.score[j], beam: heap.beam[j], token: heap.token[j] });
      // Dynamic beam allocation: every beam may also take each required token it still lacks.
      if (constrained && len > rules.prefix.length) {
        for (let i = 0; i < bs.length; i++) {
          for (const t of rules.required) {
            if (rules.metAfter(bs[i].met, t) === bs[i].met) continue;
            if (cands.some((c) => c.beam === i && c.token === t)) continue;
            const v = scoreOf(rows[offset + i], t);
            if (v > -Infinity && rules.allowed(t, len, bs[i].met)) cands.push({ score: bs[i].logProb + v, beam: i, token: t });
          }
        }
      }
      cands.sort(byScore);
      const chosen: Candidate[] = [];
      for (let r = 0; r < cands.length; r++) {
        const c = cands[r];
        if (rules.isEos(c.token)) {
          if (r < beamSize) finish(b, bs[c.beam], c.token, c.score, len, true);
        } else if (constrained || chosen.length < beamSize) {
          chosen.push(c);
        }
        if (!constrained && chosen.length === beamSize) break;
      }
      const selected = constrained ? allocate(chosen, bs, rules, beamSize) : chosen;
      const last = len === maxLength;
      for (const c of selected) {
        const parent = bs[c.beam];
        const met = rules.metAfter(parent.met, c.token);
        if (last) {
          if (met === rules.allMet) finish(b, parent, c.token, c.score, len, false);
        } else {
          nb.push({ state: scorer.advance(parent.state, c.token), tokens: [...parent.tokens, c.token], logProb: c.score, met });
        }
      }
      offset += bs.length;
      if (!keepAll && nb.length > 0 && isDone(pools[b], nb, len)) nb.length = 0;
    }
    beams = next;
  }

  function isDone(pool: FinishedPool, live: Beam<S>[], len: number): boolean {
    if (!pool.full) return false;
    if (earlyStopping === true) return true;
    let best = -Infinity;
    for (const beam of live) if (beam.logProb > best) best = beam.logProb;
    const d = earlyStopping === 'never' ? maxDivisor(div, len + 1, maxLength) : div(len);
    return pool.worst >= best / d;
  }

  return pools.map((p, b) => ({
    hypotheses: p.items.slice(0, Math.min(numReturn, p.items.length)),
    steps: steps[b],
  }));
}

/** Round-robin over banks of hypotheses grouped by constraints met, most first (HF's constrained beam search). */
function allocate<S>(chosen: Candidate[], bs: Beam<S>[], rules: TokenRules, beamSize: number): Candidate[] {
  const banks: Candidate[][] = [];
  for (const c of chosen) {
    const n = popcount(rules.metAfter(bs[c.beam].met, c.token));
    (banks[n] ??= []).push(c);
  }
  const order = banks.filter((x) => x !== undefined).reverse();
  const out: Candidate[] = [];
  for (let j = 0; out.length < beamSize; j++) {
    let any = false;
    for (const bank of order) {
      if (j < bank.length && out.length < beamSize) {
        out.push(bank[j]);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}
