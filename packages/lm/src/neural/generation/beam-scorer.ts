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
    const k = Math.max(2, 1 + this.eos.size) * this.numBeams;
    const top = topK(scores, k);
    const curLen = beams[0].length + 1;
    const next: { source: number; token: number; score: number }[] = [];
    for (let rank = 0; rank < top.length && next.length < this.numBeams; rank++) {
      const flat = top[rank];
      const source = Math.floor(flat / vocab);
      const token = flat % vocab;
      if (this.eos.has(token)) {
        if (rank >= this.numBeams) continue;
        this.add(beams[source].slice(), scores[flat], curLen);
      } else {
        next.push({ source, token, score: scores[flat] });
      }
    }
    this.doneFlag = this.doneFlag || this.isDone(scores[top[0]], curLen);
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

/** Indices of the k largest entries, best first; equal values keep index order (torch.topk, sorted). */
function topK(values: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (best.length === k && v <= values[best[k - 1]]) continue;
    let j = best.length < k ? best.length : k - 1;
    if (best.length < k) best.push(i);
    while (j > 0 && values[best[j - 1]] < v) {
      best[j] = best[j - 1];
      j--;
    }
    best[j] = i;
  }
  return best;
}
