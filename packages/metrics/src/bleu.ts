/**
 * BLEU exactly as sacreBLEU 2.x computes it: per-segment sufficient statistics first
 * ([hypLen, closestRefLen, correct_1..N, total_1..N]), summed over the corpus, then scored with
 * sacreBLEU's compute_bleu (same smoothing, effective order and floating-point order of operations).
 */
import { InvalidOptionError, UnknownNameError } from './errors.js';
import { giveBackScratch, knownNgramIdsInto, ngramCount, ngramIdsInto, takeScratch } from './interner.js';
import { pyExp, pyLog } from './pymath.js';
import { pyFixed, pyRstrip } from './pystr.js';
import { segmentRefs, sentenceStreams, type RefStreams } from './refs.js';
import { formatSignature } from './signature.js';
import { getBleuTokenizer, getBleuWordSplitter } from './tokenizers/index.js';

export const SMOOTH_METHODS = ['none', 'floor', 'add-k', 'exp'] as const;
export type SmoothMethod = (typeof SMOOTH_METHODS)[number];
/** sacreBLEU's default smoothing values (used when smoothValue is null/undefined). */
export const SMOOTH_DEFAULTS: Record<SmoothMethod, number | null> = { none: null, floor: 0.1, 'add-k': 1, exp: null };

export interface BleuOptions {
  /** 'none' | '13a' (default) | 'intl' | 'zh' | 'char'. */
  tokenize?: string;
  lowercase?: boolean;
  /** Default 'exp'. */
  smoothMethod?: SmoothMethod;
  /** For floor (default 0.1) and add-k (default 1). */
  smoothValue?: number | null;
  /** Default false for corpus BLEU, true for sentenceBleu. */
  effectiveOrder?: boolean;
  /** Default 4. */
  maxNgramOrder?: number;
  /** Silence the "looks tokenized" warning (sacreBLEU's force). */
  force?: boolean;
}

export interface BleuScoreOptions {
  smoothMethod?: SmoothMethod;
  smoothValue?: number | null;
  effectiveOrder?: boolean;
  maxNgramOrder?: number;
}

export interface BleuResult {
  name: 'BLEU';
  /** 0..100. */
  score: number;
  /** Matching n-grams per order (with add-k smoothing: +k for orders >= 2, as sacreBLEU reports). */
  counts: number[];
  /** Hypothesis n-grams per order (same add-k remark). */
  totals: number[];
  /** Per-order precisions, 0..100. */
  precisions: number[];
  /** Brevity penalty. */
  bp: number;
  sysLen: number;
  refLen: number;
  /** sysLen / refLen (0 when refLen is 0). */
  ratio: number;
  /** sacreBLEU-format signature (set by corpusBleu/sentenceBleu). */
  signature?: string;
  /** sacreBLEU's warnings, e.g. 100+ hypotheses ending in " ." without `force`. */
  warnings?: string[];
}

/** The per-segment statistics of a corpus: `stats` holds `segments` rows of 2 + 2 * maxOrder numbers. */
export interface BleuStats {
  maxOrder: number;
  segments: number;
  nrefs: number | 'var';
  stats: Float64Array;
  /** Hypotheses that end with " ." (sacreBLEU's tokenized-input heuristic). */
  tokenizedPeriods: number;
}

interface Resolved {
  tokenize: string;
  lowercase: boolean;
  smoothMethod: SmoothMethod;
  smoothValue: number | null;
  effectiveOrder: boolean;
  maxNgramOrder: number;
  force: boolean;
}

function resolve(opts: BleuOptions, effectiveDefault: boolean): Resolved {
  const smoothMethod = opts.smoothMethod ?? 'exp';
  if (!(SMOOTH_METHODS as readonly string[]).includes(smoothMethod)) {
    throw new UnknownNameError('smoothing method', smoothMethod, SMOOTH_METHODS);
  }
  const maxNgramOrder = opts.maxNgramOrder ?? 4;
  if (!Number.isInteger(maxNgramOrder) || maxNgramOrder < 1) {
    throw new InvalidOptionError('maxNgramOrder', maxNgramOrder, 'a positive integer');
  }
  const tokenize = opts.tokenize ?? '13a';
  getBleuTokenizer(tokenize); // validates the name
  const sv = opts.smoothValue;
  if (sv !== null && sv !== undefined && !Number.isFinite(sv)) {
    throw new InvalidOptionError('smoothValue', sv, 'a finite number or null');
  }
  return {
    tokenize,
    lowercase: opts.lowercase ?? false,
    smoothMethod,
    smoothValue: sv ?? null,
    effectiveOrder: opts.effectiveOrder ?? effectiveDefault,
    maxNgramOrder,
    force: opts.force ?? false,
  };
}

/** sacreBLEU's closest reference length: smallest |hyp - ref|, ties to the shorter reference. */
function closestRefLen(hypLen: number, refLens: readonly number[]): number {
  let bestDiff = -1;
  let best = -1;
  for (const r of refLens) {
    const diff = Math.abs(hypLen - r);
    if (bestDiff === -1 || diff < bestDiff) {
      bestDiff = diff;
      best = r;
    } else if (diff === bestDiff && r < best) best = r;
  }
  return best;
}

/** Segment statistics for a corpus (the sufficient statistics significance tests resample). */
export function bleuStatistics(hyps: readonly string[], refs: RefStreams, opts: BleuOptions = {}): BleuStats {
  const o = resolve(opts, false);
  return statistics(hyps, refs, o);
}

function statistics(hyps: readonly string[], refs: RefStreams, o: Resolved): BleuStats {
  const { perSegment, nrefs } = segmentRefs(hyps.length, refs);
  const split = getBleuWordSplitter(o.tokenize);
  const N = o.maxNgramOrder;
  const width = 2 + 2 * N;
  const stats = new Float64Array(hyps.length * width);
  const scratch = takeScratch();
  const { interner } = scratch;
  // Reused buffers, so a segment allocates no arrays of its own: `wordIds` holds one sentence's word
  // ids at a time; `ids` holds the segment's n-gram ids, the hypothesis's then each reference's.
  let wordIds = new Int32Array(256);
  let ids = new Int32Array(4096);
  /**
   * A sentence's word ids into `wordIds`; returns the count. With `known`, words are only looked up
   * (-1 when absent), as a reference's n-grams matter only where the hypothesis has them.
   */
  const words = (s: string, known: boolean): number => {
    const ws = split(pyRstrip(o.lowercase ? s.toLowerCase() : s));
    if (wordIds.length < ws.length) wordIds = new Int32Array(2 * ws.length);
    for (let i = 0; i < ws.length; i++) wordIds[i] = known ? interner.findWord(ws[i]) : interner.word(ws[i]);
    return ws.length;
  };
  /** Append the n-gram ids of `len` words (in wordIds) at `pos`, growing `ids` if needed; returns the end. */
  const append = (len: number, pos: number, offsets: number[], known: boolean): number => {
    const need = pos + ngramCount(len, N);
    if (ids.length < need) {
      const bigger = new Int32Array(2 * need);
      bigger.set(ids.subarray(0, pos));
      ids = bigger;
    }
    return (known ? knownNgramIdsInto : ngramIdsInto)(wordIds, len, N, interner, ids, pos, offsets);
  };
  // refMax: max count over the references; tmp: one reference's counts; hc: running hypothesis counts
  const refMax = scratch.a;
  const tmp = scratch.b;
  const hc = scratch.c;
  const refLens: number[] = [];
  const refStart: number[] = []; // reference r's ids are ids[refStart[r] .. refStart[r + 1]), -1 = not in the hypothesis
  const hOff = new Array<number>(N + 1); // the hypothesis's order n+1 is ids[hOff[n] .. hOff[n + 1])
  const unused = new Array<number>(N + 1);
  let tokenizedPeriods = 0;
  for (let s = 0; s < hyps.length; s++) {
    interner.maybeReset();
    const hyp = hyps[s];
    if (hyp.endsWith(' .')) tokenizedPeriods++;
    const hypLen = words(hyp, false);
    let pos = append(hypLen, 0, hOff, false);
    const segRefs = perSegment[s];
    const nr = segRefs.length;
    refLens.length = nr;
    refStart.length = nr + 1;
    for (let r = 0; r < nr; r++) {
      const len = words(segRefs[r], true);
      refLens[r] = len;
      refStart[r] = pos;
      pos = append(len, pos, unused, true);
    }
    refStart[nr] = pos;
    refMax.ensure(interner.next);
    tmp.ensure(interner.next);
    hc.ensure(interner.next);
    const rm = refMax.counts;
    if (nr === 1) {
      for (let i = refStart[0]; i < pos; i++) {
        const id = ids[i];
        if (id >= 0) rm[id]++;
      }
    } else {
      const t = tmp.counts;
      for (let r = 0; r < nr; r++) {
        const from = refStart[r];
        const to = refStart[r + 1];
        for (let i = from; i < to; i++) {
          const id = ids[i];
          if (id >= 0) t[id]++;
        }
        for (let i = from; i < to; i++) {
          const id = ids[i];
          if (id >= 0 && t[id] > rm[id]) rm[id] = t[id];
        }
        tmp.reset(ids, from, to);
      }
    }
    const base = s * width;
    stats[base] = hypLen;
    stats[base + 1] = closestRefLen(hypLen, refLens);
    const c = hc.counts;
    for (let n = 0; n < N; n++) {
      let correct = 0;
      const from = hOff[n];
      const to = hOff[n + 1];
      // min(hypCount, refCount) summed over distinct n-grams = occurrences whose running count <= refCount
      for (let i = from; i < to; i++) {
        const id = ids[i];
        if (++c[id] <= rm[id]) correct++;
      }
      stats[base + 2 + n] = correct;
      stats[base + 2 + N + n] = to - from;
    }
    hc.reset(ids, 0, hOff[N]);
    refMax.reset(ids, refStart[0], pos);
  }
  giveBackScratch(scratch);
  return { maxOrder: N, segments: hyps.length, nrefs, stats, tokenizedPeriods };
}

/** Sum the statistics of all segments, or of the given segment indices (with repeats, for resampling). */
export function sumBleuStats(st: BleuStats, indices?: ArrayLike<number>): number[] {
  const width = 2 + 2 * st.maxOrder;
  const sum = new Array<number>(width).fill(0);
  const n = indices ? indices.length : st.segments;
  for (let j = 0; j < n; j++) {
    const base = (indices ? indices[j] : j) * width;
    for (let k = 0; k < width; k++) sum[k] += st.stats[base + k];
  }
  return sum;
}

/**
 * sacreBLEU's BLEU.compute_bleu: the score from corpus-level statistics. Arrays are not modified.
 */
export function computeBleu(
  correct: readonly number[],
  total: readonly number[],
  sysLen: number,
  refLen: number,
  opts: BleuScoreOptions = {},
): BleuResult {
  const smoothMethod = opts.smoothMethod ?? 'none';
  if (!(SMOOTH_METHODS as readonly string[]).includes(smoothMethod)) {
    throw new UnknownNameError('smoothing method', smoothMethod, SMOOTH_METHODS);
  }
  const smoothValue = opts.smoothValue ?? SMOOTH_DEFAULTS[smoothMethod] ?? 0;
  const maxOrder = opts.maxNgramOrder ?? 4;
  const effective = opts.effectiveOrder ?? false;
  const counts = correct.slice();
  const totals = total.slice();
  let bp = 1.0;
  if (sysLen < refLen) bp = sysLen > 0 ? pyExp(1 - refLen / sysLen) : 0.0;
  const precisions = new Array<number>(maxOrder).fill(0);
  const result = (score: number): BleuResult => ({
    name: 'BLEU',
    score,
    counts,
    totals,
    precisions,
    bp,
    sysLen,
    refLen,
    ratio: refLen ? sysLen / refLen : 0,
  });
  if (!counts.some((c) => c !== 0)) return result(0.0);
  let smoothMteval = 1.0;
  let effOrder = maxOrder;
  for (let n = 1; n <= maxOrder; n++) {
    if (smoothMethod === 'add-k' && n > 1) {
      counts[n - 1] += smoothValue;
      totals[n - 1] += smoothValue;
    }
    if (totals[n - 1] === 0) break;
    if (effective) effOrder = n;
    if (counts[n - 1] === 0) {
      if (smoothMethod === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * totals[n - 1]);
      } else if (smoothMethod === 'floor') {
        precisions[n - 1] = (100 * smoothValue) / totals[n - 1];
      }
    } else {
      precisions[n - 1] = (100 * counts[n - 1]) / totals[n - 1];
    }
  }
  let logSum = 0;
  for (let n = 0; n < effOrder; n++) logSum += myLog(precisions[n]);
  return result(bp * pyExp(logSum / effOrder));
}

/** sacreBLEU's my_log: log, with log(0) floored to -9999999999. */
function myLog(x: number): number {
  return x === 0 ? -9999999999 : pyLog(x);
}

/** Score summed statistics (`sumBleuStats`) with the given options. */
export function bleuFromStats(sum: readonly number[], maxOrder: number, opts: BleuScoreOptions): BleuResult {
  return computeBleu(sum.slice(2, 2 + maxOrder), sum.slice(2 + maxOrder, 2 + 2 * maxOrder), sum[0], sum[1], {
    ...opts,
    maxNgramOrder: maxOrder,
  });
}

/** The BLEU signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0`. */
export function bleuSignature(nrefs: number | 'var', opts: BleuOptions = {}, short = false, effectiveDefault = false): string {
  const o = resolve(opts, effectiveDefault);
  let smooth: string = o.smoothMethod;
  const def = SMOOTH_DEFAULTS[o.smoothMethod];
  if (def !== null) smooth += `[${pyFixed(o.smoothValue ?? def, 2)}]`;
  return formatSignature(
    nrefs,
    [
      ['case', 'c', o.lowercase ? 'lc' : 'mixed'],
      ['eff', 'e', o.effectiveOrder],
      ['tok', 'tok', o.tokenize],
      ['smooth', 's', smooth],
    ],
    short,
  );
}

function score(hyps: readonly string[], refs: RefStreams, opts: BleuOptions, effectiveDefault: boolean): BleuResult {
  const o = resolve(opts, effectiveDefault);
  const st = statistics(hyps, refs, o);
  const res = bleuFromStats(sumBleuStats(st), o.maxNgramOrder, o);
  res.signature = bleuSignature(st.nrefs, opts, false, effectiveDefault);
  if (!o.force && st.tokenizedPeriods >= 100) {
    res.warnings = [
      "That's 100 lines that end in a tokenized period ('.')",
      'It looks like you forgot to detokenize your test data, which may hurt your score.',
      "If you insist your data is detokenized, or don't care, you can suppress this message with the `force` parameter.",
    ];
  }
  return res;
}

/** Corpus BLEU of hypotheses against reference streams (refs[k][i] = k-th reference of segment i). */
export function corpusBleu(hyps: readonly string[], refs: RefStreams, opts: BleuOptions = {}): BleuResult {
  return score(hyps, refs, opts, false);
}

/** Sentence BLEU of one hypothesis against its references (effectiveOrder defaults to true). */
export function sentenceBleu(hyp: string, refs: readonly (string | null)[], opts: BleuOptions = {}): BleuResult {
  return score([hyp], sentenceStreams(refs), opts, true);
}

/** sacreBLEU's one-line rendering: `BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)`. */
export function formatBleu(r: BleuResult, width = 2): string {
  const prec = r.precisions.map((p) => pyFixed(p, 1)).join('/');
  return (
    `BLEU = ${pyFixed(r.score, width)} ${prec} (BP = ${pyFixed(r.bp, 3)} ratio = ${pyFixed(r.ratio, 3)} ` +
    `hyp_len = ${Math.trunc(r.sysLen)} ref_len = ${Math.trunc(r.refLen)})`
  );
}
