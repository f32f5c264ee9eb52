/** A finished hypothesis: the generated ids (prompt and EOS excluded) and its length-normalized score. */
export interface BeamHypothesis {
  tokens: number[];
  score: number;
}

export interface BeamScorerOptions {
  numBeams: number;
  /** Exponent on the generated length in score = sum(logprobs) / length ** lengthPenalty; default 1. */
  lengthPenalty?: number;
  /** true: stop once numBeams hypotheses are done; false: transformers' heuristic; default false. */
  earlyStopping?: boolean;
  eosTokenIds: readonly number[];
}

/**
 * transformers' BeamSearchScorer + BeamHypotheses for one input: feed it the (beam × vocab) running scores of each
 * step, it returns which beam/token pairs continue. Generated lengths count the EOS (`cur_len + 1 - prompt_len`).
 */
export class BeamScorer {
  private readonly hyps: BeamHypothesis[] = [];
  private worst = 1e9;
  private doneFlag = false;
  readonly numBeams: number;
  readonly lengthPenalty: number;
  readonly earlyStopping: boolean;
  private readonly eos: ReadonlySet<number>;

  constructor(o: BeamScorerOptions) {
    this.numBeams = o.numBeams;
    this.lengthPenalty = o.lengthPenalty ?? 1;
    this.earlyStopping = o.earlyStopping ?? false;
    this.eos = new Set(o.eosTokenIds);
  }

  get done(): boolean {
    return this.doneFlag;
  }

  /** Initial running scores: beam 0 live, the others at -1e9 so the first step does not pick duplicates. */
  initialScores(): Float64Array {
    const s = new Float64Array(this.numBeams).fill(-1e9);
    s[0] = 0;
    return s;
  }

  private add(tokens: number[], sumLogProbs: number, generatedLen: number): void {
    const score = sumLogProbs / generatedLen ** this.lengthPenalty;
    if (this.hyps.length < this.numBeams || score > this.worst) {
      this.hyps.push({ tokens, score });
      if (this.hyps.length > this.numBeams) {
        const sorted = this.hyps.map((h, i) => [h.score, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        this.hyps.splice(sorted[0][1], 1);
        this.worst = sorted[1][0];
      } else {
        this.worst = Math.min(score, this.worst);
      }
    }
  }

  /**
   * One step. `scores` is (numBeams × vocab) row-major: each beam's running score plus the processed log-probs.
   * `beams` are the generated ids so far (same length for all). Returns the next beams: source beam, token, score.
   */
  step(scores: Float64Array, vocab: number, beams: readonly (readonly number[])[]): { source: number; token: number; score: number }[] {
    const rows = Array.from({ length: this.numBeams }, (_, b) => scores.subarray(b * vocab, (b + 1) * vocab));
    return this.stepRows(rows, new Float64Array(this.numBeams), beams);
  }

  /**
   * `step` on one row per beam plus a per-row offset: candidate (b, v) scores `rows[b][v] + offsets[b]`. The
   * search passes log-probs (or raw logits with offset = beam score − log-sum-exp), so no numBeams × vocab array
   * of sums is written per step.
   */
  stepRows(rows: readonly ArrayLike<number>[], offsets: ArrayLike<number>, beams: readonly (readonly number[])[]): { source: number; token: number; score: number }[] {
    const k = Math.max(2, 1 + this.eos.size) * this.numBeams;
    const top = topKRows(rows, offsets, k);
    const curLen = beams[0].length + 1;
    const next: { source: number; token: number; score: number }[] = [];
    for (let rank = 0; rank < top.rows.length && next.length < this.numBeams; rank++) {
      const source = top.rows[rank];
      const token = top.tokens[rank];
      const score = top.values[rank];
      if (this.eos.has(token)) {
        if (rank >= this.numBeams) continue;
        this.add(beams[source].slice(), score, curLen);
      } else {
        next.push({ source, token, score });
      }
    }
    this.doneFlag = this.doneFlag || this.isDone(top.values[0], curLen);
    return next;
  }

  private isDone(bestSum: number, curLen: number): boolean {
    if (this.hyps.length < this.numBeams) return false;
    if (this.earlyStopping) return true;
    return this.worst >= bestSum / curLen ** this.lengthPenalty;
  }

  /** At the length limit: open beams join the pool (unless already done); the best `n` come back, best first. */
  finalize(beams: readonly (readonly number[])[], scores: ArrayLike<number>, n: number): BeamHypothesis[] {
    if (!this.doneFlag) beams.forEach((b, i) => this.add(b.slice(), scores[i], b.length));
    return this.hyps
      .map((h, i) => [h, i] as const)
      .sort((a, b) => b[0].score - a[0].score || a[1] - b[1])
      .slice(0, n)
      .map(([h]) => h);
  }
}

/**
 * The k largest `rows[r][v] + offsets[r]` over all rows, best first; equal values keep (row, token) order (torch.topk
 * on the flattened scores, sorted). Insertion into a k-long list: one comparison per entry for all but a few.
 */
function topKRows(rows: readonly ArrayLike<number>[], offsets: ArrayLike<number>, k: number): { rows: number[]; tokens: number[]; values: number[] } {
  const br: number[] = [];
  const bt: number[] = [];
  const bv: number[] = [];
  let worst = -Infinity;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const off = offsets[r];
    for (let t = 0; t < row.length; t++) {
      const v = row[t] + off;
      if (bv.length === k && !(v > worst)) continue;
      let j = bv.length < k ? bv.length : k - 1;
      if (bv.length < k) {
        br.push(r);
        bt.push(t);
        bv.push(v);
      }
      while (j > 0 && bv[j - 1] < v) {
        br[j] = br[j - 1];
        bt[j] = bt[j - 1];
        bv[j] = bv[j - 1];
        j--;
      }
      br[j] = r;
      bt[j] = t;
      bv[j] = v;
      worst = bv[bv.length - 1];
    }
  }
  return { rows: br, tokens: bt, values: bv };
}
