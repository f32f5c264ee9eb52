/**
 * `PhraseDecoder`: Moses-style stack decoding of one sentence with a phrase table and a target n-gram LM
 * (`ArpaModel` of @nlpkit/lm, scored exactly as KenLM). The score is a weighted sum of features (natural
 * logs): the LM, the four translation features, a phrase penalty, Moses' word penalty, distance-based
 * distortion |start − previous end| and a penalty per copied unknown word. Hypotheses sit in stacks by the
 * number of source words covered, are recombined when their coverage, last source position and LM state
 * agree, and are pruned to `beamSize` by score plus a future-cost estimate (the best cover of the uncovered
 * spans, from the options' scores and their LM score without context).
 *
 * Why not `search/beamSearch`: that search extends a token sequence left to right; here a hypothesis also
 * carries which source words it has covered, stacks are by coverage size, not by output length, and the
 * ranking needs the future-cost estimate — the classic phrase-based search (Koehn et al. 2003).
 *
 * With one-word phrases and a distortion limit of 2 this is word-by-word translation with local reordering
 * (any permutation where a word moves at most a couple of places), rescored by the LM.
 */
import type { ArpaModel, LmState } from '@nlpkit/lm';
import { InvalidOptionError } from '../errors.js';
import { TM_FEATURES, type PhraseEntry, type PhraseTable } from './phrase-table.js';

const LN10 = Math.LN10;
/** Coverage beyond the first gap is a bit mask of this many positions. */
const WINDOW = 30;

export interface DecoderWeights {
  /** Weight of the LM log-probability (natural log). */
  readonly lm: number;
  /** Weights of the four translation features (`TM_FEATURE_NAMES` order). */
  readonly tm: readonly [number, number, number, number];
  /** Weight of −|start − previous end| per phrase. */
  readonly distortion: number;
  /** Moses' word penalty: the weight of −(target words); negative weights favour longer output. */
  readonly wordPenalty: number;
  /** Weight of the number of phrases used (Moses' phrase penalty feature is +1 per phrase). */
  readonly phrasePenalty: number;
  /** Weight of −(copied unknown source words). */
  readonly unknown: number;
}

/** Moses' untuned defaults (LM 0.5, TM 0.2 each, distortion 0.3, word penalty −1, phrase penalty 0.2). */
export const DEFAULT_WEIGHTS: DecoderWeights = {
  lm: 0.5,
  tm: [0.2, 0.2, 0.2, 0.2],
  distortion: 0.3,
  wordPenalty: -1,
  phrasePenalty: 0.2,
  unknown: 10,
};

export interface DecoderOptions {
  readonly weights?: Partial<DecoderWeights>;
  /** Hypotheses kept per stack (default 50). */
  readonly beamSize?: number;
  /** Largest jump |start − previous end| (default 6; 0 is monotone). */
  readonly distortionLimit?: number;
  /** Entries per source phrase considered, best by p(e|f) first (Moses' table limit; default 20). */
  readonly maxOptions?: number;
}

export interface Translation {
  readonly tokens: string[];
  /** The model score of the best hypothesis (weighted natural-log features, `</s>` included). */
  readonly score: number;
  /** Source words with no entry, copied through. */
  readonly unknown: number;
}

interface Option {
  readonly target: readonly string[];
  readonly lmIds: Uint32Array;
  /** Weighted translation features + penalties (everything but LM and distortion). */
  readonly tm: number;
  /** `tm` plus the weighted LM score of the target words without context (future-cost estimate). */
  readonly estimate: number;
  readonly unknown: boolean;
}

interface Hyp {
  score: number;
  total: number;
  readonly firstGap: number;
  readonly mask: number;
  readonly lastEnd: number;
  readonly lm: LmState;
  readonly prev: Hyp | null;
  readonly option: Option | null;
  readonly hash: number;
}

export class PhraseDecoder {
  readonly weights: DecoderWeights;
  readonly beamSize: number;
  readonly distortionLimit: number;
  readonly maxOptions: number;
  private readonly prepared = new WeakMap<PhraseEntry, Option>();
  private readonly scratchA: LmState;
  private readonly scratchB: LmState;

  constructor(
    readonly table: PhraseTable,
    readonly lm: ArpaModel,
    options: DecoderOptions = {},
  ) {
    this.weights = { ...DEFAULT_WEIGHTS, ...options.weights };
    this.beamSize = options.beamSize ?? 50;
    this.distortionLimit = options.distortionLimit ?? 6;
    this.maxOptions = options.maxOptions ?? 20;
    if (!Number.isInteger(this.beamSize) || this.beamSize < 1) throw new InvalidOptionError('beamSize', this.beamSize, 'an integer >= 1');
    if (!Number.isInteger(this.distortionLimit) || this.distortionLimit < 0 || this.distortionLimit > WINDOW - 8) {
      throw new InvalidOptionError('distortionLimit', this.distortionLimit, `an integer from 0 to ${WINDOW - 8}`);
    }
    if (!Number.isInteger(this.maxOptions) || this.maxOptions < 1) throw new InvalidOptionError('maxOptions', this.maxOptions, 'an integer >= 1');
    if (this.weights.tm.length !== TM_FEATURES) throw new InvalidOptionError('weights.tm', this.weights.tm, `${TM_FEATURES} numbers`);
    this.scratchA = lm.newState();
    this.scratchB = lm.newState();
  }

  /** Translates one tokenised sentence. */
  translate(source: readonly string[]): Translation {
    const n = source.length;
    if (n === 0) return { tokens: [], score: 0, unknown: 0 };
    const lm = this.lm;
    const w = this.weights;
    const lmW = w.lm * LN10;
    const maxLen = Math.min(this.table.maxSourceLength, n, 8);
    // Options per span [i, i + len): options[i * maxLen + len - 1].
    const options: (Option[] | undefined)[] = new Array(n * Math.max(maxLen, 1));
    let unknown = 0;
    for (let i = 0; i < n; i++) {
      let key = '';
      for (let len = 1; len <= maxLen && i + len <= n; len++) {
        key = len === 1 ? source[i] : `${key} ${source[i + len - 1]}`;
        const entries = this.table.lookup(key);
        if (entries) options[i * maxLen + len - 1] = this.optionsOf(entries);
      }
      if (!options[i * maxLen]) {
        unknown++;
        options[i * maxLen] = [this.copyOption(source[i])];
      }
    }
    // Future costs: best estimate to cover [i, j), fc[i * (n + 1) + j].
    const fc = new Float64Array(n * (n + 1) + 1).fill(-Infinity);
    for (let len = 1; len <= n; len++) {
      for (let i = 0; i + len <= n; i++) {
        const j = i + len;
        let best = -Infinity;
        if (len <= maxLen) {
          const opts = options[i * maxLen + len - 1];
          if (opts) for (const o of opts) if (o.estimate > best) best = o.estimate;
        }
        for (let k = i + 1; k < j; k++) {
          const v = fc[i * (n + 1) + k] + fc[k * (n + 1) + j];
          if (v > best) best = v;
        }
        fc[i * (n + 1) + j] = best;
      }
    }
    const future = (firstGap: number, mask: number): number => {
      let total = 0;
      let p = firstGap;
      while (p < n) {
        // skip covered positions
        while (p < n && p - firstGap < WINDOW && ((mask >>> (p - firstGap)) & 1) === 1) p++;
        if (p >= n) break;
        let q = p + 1;
        while (q < n && !(q - firstGap < WINDOW && ((mask >>> (q - firstGap)) & 1) === 1)) q++;
        total += fc[p * (n + 1) + q];
        p = q;
      }
      return total;
    };

    const stacks: Stack[] = [];
    for (let c = 0; c <= n; c++) stacks.push(new Stack(this.beamSize));
    const start = lm.beginSentenceState();
    stacks[0].add({ score: 0, total: fc[n], firstGap: 0, mask: 0, lastEnd: 0, lm: start, prev: null, option: null, hash: hashState(0, 0, 0, start) });
    const d = this.distortionLimit;
    const a = this.scratchA;
    const b = this.scratchB;
    for (let c = 0; c < n; c++) {
      const hyps = stacks[c].finish();
      for (const h of hyps) {
        const { firstGap, mask, lastEnd } = h;
        // Phrase starts: the first gap, or within the distortion limit of it (and of the previous end).
        const lastStart = Math.min(n - 1, firstGap + d);
        for (let s = firstGap; s <= lastStart; s++) {
          if (s - firstGap < WINDOW && ((mask >>> (s - firstGap)) & 1) === 1) continue;
          const jump = Math.abs(s - lastEnd);
          if (jump > d) continue;
          for (let len = 1; len <= maxLen && s + len <= n; len++) {
            const e = s + len;
            // The new span must be free, and a later jump back to the first gap must stay within the limit.
            if (((mask >>> (e - 1 - firstGap)) & 1) === 1) break;
            if (s > firstGap && e - firstGap > d) break;
            const opts = options[s * maxLen + len - 1];
            if (!opts) continue;
            let newMask = mask | (((1 << len) - 1) << (s - firstGap));
            let newGap = firstGap;
            while ((newMask & 1) === 1) {
              newMask >>>= 1;
              newGap++;
            }
            const covered = c + len;
            const fut = future(newGap, newMask);
            const base = h.score - w.distortion * jump;
            const stack = stacks[covered];
            for (const o of opts) {
              const preScore = base + o.tm;
              // LM log-probabilities are ≤ 0, so without them the total is an upper bound: skip the LM calls when
              // even that cannot enter the stack (exact: nothing the full score would keep is dropped).
              if (lmW >= 0 && preScore + fut < stack.threshold) continue;
              // LM score of the phrase in context.
              let from = h.lm;
              let to = a;
              let lp = 0;
              for (let k = 0; k < o.lmIds.length; k++) {
                lp += lm.fullScore(from, o.lmIds[k], to);
                from = to;
                to = to === a ? b : a;
              }
              let score = preScore + lmW * lp;
              if (covered === n) score += lmW * lm.fullScore(from, lm.eosId, to);
              const total = score + fut;
              if (total < stack.threshold) continue;
              const hash = hashState(newGap, newMask, e, from);
              const existing = stack.find(hash, newGap, newMask, e, from);
              if (existing) {
                if (existing.score >= score) continue;
                stack.replace(existing, { score, total, firstGap: newGap, mask: newMask, lastEnd: e, lm: copyState(lm, from), prev: h, option: o, hash });
                continue;
              }
              stack.add({ score, total, firstGap: newGap, mask: newMask, lastEnd: e, lm: copyState(lm, from), prev: h, option: o, hash });
            }
          }
        }
      }
    }
    const finals = stacks[n].finish();
    let best: Hyp | null = null;
    for (const h of finals) if (!best || h.score > best.score) best = h;
    if (!best) {
      // Unreachable with a copy option on every word; kept as a guard: monotone copy.
      return { tokens: [...source], score: -Infinity, unknown };
    }
    const parts: (readonly string[])[] = [];
    for (let h: Hyp | null = best; h && h.option; h = h.prev) parts.push(h.option.target);
    const tokens: string[] = [];
    for (let i = parts.length - 1; i >= 0; i--) tokens.push(...parts[i]);
    return { tokens, score: best.score, unknown };
  }

  private optionsOf(entries: readonly PhraseEntry[]): Option[] {
    const out: Option[] = [];
    const limit = Math.min(entries.length, this.maxOptions);
    for (let i = 0; i < limit; i++) {
      const e = entries[i];
      let o = this.prepared.get(e);
      if (!o) {
        o = this.prepare(e.target, e.scores, false);
        this.prepared.set(e, o);
      }
      out.push(o);
    }
    return out;
  }

  private copyOption(word: string): Option {
    return this.prepare([word], new Float64Array(TM_FEATURES), true);
  }

  private prepare(target: readonly string[], scores: Float64Array, unknown: boolean): Option {
    const w = this.weights;
    const lm = this.lm;
    let tm = w.phrasePenalty - w.wordPenalty * target.length - (unknown ? w.unknown : 0);
    for (let k = 0; k < TM_FEATURES; k++) tm += w.tm[k] * scores[k];
    const lmIds = new Uint32Array(target.length);
    let from = lm.nullContextState(lm.newState());
    let to = lm.newState();
    let lp = 0;
    for (let k = 0; k < target.length; k++) {
      lmIds[k] = lm.index(target[k]);
      lp += lm.fullScore(from, lmIds[k], to);
      [from, to] = [to, from];
    }
    return { target, lmIds, tm, estimate: tm + w.lm * LN10 * lp, unknown };
  }
}

function copyState(lm: ArpaModel, s: LmState): LmState {
  const out = lm.newState();
  out.words.set(s.words);
  out.backoff.set(s.backoff);
  out.length = s.length;
  return out;
}

function hashState(firstGap: number, mask: number, lastEnd: number, s: LmState): number {
  let h = Math.imul(firstGap + 1, 0x9e3779b1) ^ Math.imul(mask, 0x85ebca6b) ^ Math.imul(lastEnd + 7, 0xc2b2ae35);
  h = Math.imul(h ^ s.length, 0x27d4eb2f);
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.words[i], 0x165667b1) + i;
  return h >>> 0;
}

function sameState(a: LmState, b: LmState): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a.words[i] !== b.words[i]) return false;
  // Equal words give equal backoffs (they are the n-grams' own), so the words decide.
  return true;
}

/**
 * One stack: hypotheses with the same number of covered source words, recombined by state and pruned by
 * `total` (score + future cost). When it grows past twice the beam it is cut back to the beam, and the cut's
 * score becomes a threshold later arrivals must beat.
 */
class Stack {
  private hyps: Hyp[] = [];
  private readonly index = new Map<number, Hyp[]>();
  threshold = -Infinity;

  constructor(private readonly beam: number) {}

  find(hash: number, firstGap: number, mask: number, lastEnd: number, lm: LmState): Hyp | undefined {
    const list = this.index.get(hash);
    if (!list) return undefined;
    for (const h of list) if (h.firstGap === firstGap && h.mask === mask && h.lastEnd === lastEnd && sameState(h.lm, lm)) return h;
    return undefined;
  }

  add(h: Hyp): void {
    this.hyps.push(h);
    const list = this.index.get(h.hash);
    if (list) list.push(h);
    else this.index.set(h.hash, [h]);
    if (this.hyps.length > 2 * this.beam) this.prune();
  }

  replace(old: Hyp, h: Hyp): void {
    const i = this.hyps.indexOf(old);
    if (i >= 0) this.hyps[i] = h;
    else this.hyps.push(h);
    const list = this.index.get(h.hash)!;
    list[list.indexOf(old)] = h;
  }

  private prune(): void {
    this.hyps.sort((x, y) => y.total - x.total);
    const dropped = this.hyps.splice(this.beam);
    this.threshold = Math.max(this.threshold, this.hyps[this.hyps.length - 1].total);
    for (const h of dropped) {
      const list = this.index.get(h.hash)!;
      const i = list.indexOf(h);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.index.delete(h.hash);
    }
  }

  /** The surviving hypotheses, best first. */
  finish(): Hyp[] {
    this.hyps.sort((x, y) => y.total - x.total);
    if (this.hyps.length > this.beam) this.hyps.length = this.beam;
    return this.hyps;
  }
}
