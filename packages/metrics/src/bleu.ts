/**
 * BLEU exactly as sacreBLEU 2.x computes it: per-segment sufficient statistics first
 * ([hypLen, closestRefLen, correct_1..N, total_1..N]), summed over the corpus, then scored with
 * sacreBLEU's compute_bleu (same smoothing, effective order and floating-point order of operations).
 */
import { InvalidOptionError, UnknownNameError } from './errors.js';
import { Alphabet, DIRECT_ALPHABET, LineCache, scan13a, scanWhitespace, workspace } from './counting/index.js';
import { pyExp, pyLog } from './pymath.js';
import { pyFixed, pyRstrip } from './pystr.js';
import { checkRefStreams, sentenceStreams, type RefStreams } from './refs.js';
import { formatSignature } from './signature.js';
import { getBleuTokenizer } from './tokenizers/index.js';

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

const lineCache = new LineCache();
const alphabet = new Alphabet();

/** Segment statistics for a corpus (the sufficient statistics significance tests resample). */
export function bleuStatistics(hyps: readonly string[], refs: RefStreams, opts: BleuOptions = {}): BleuStats {
  const o = resolve(opts, false);
  return statistics(hyps, refs, o);
}

function statistics(hyps: readonly string[], refs: RefStreams, o: Resolved): BleuStats {
  const nrefs = checkRefStreams(hyps.length, refs);
  const N = o.maxNgramOrder;
  const width = 2 + 2 * N;
  const stats = new Float64Array(hyps.length * width);
  const tok = o.tokenize === '13a' ? null : getBleuTokenizer(o.tokenize);
  const config = `${o.tokenize}|${o.lowercase}`;
  let w = workspace(0, 0);
  const table = w.ngrams;
  /**
   * The word ids of a line, cached per distinct line as sacreBLEU caches tokenizations: the line's
   * count is lineCache.ids[off] and its ids follow it; returns `off`.
   */
  const words = (line: string): number => {
    const off = lineCache.find(line);
    if (off >= 0) return off;
    const l = pyRstrip(o.lowercase ? line.toLowerCase() : line);
    const t = tok === null ? scan13a(l) : scanWhitespace(tok(l));
    const { cu, spans } = t;
    w = workspace(t.count, 0);
    const ids = w.items;
    const wt = w.words;
    for (let k = 0; k < t.count; k++) ids[k] = wt.id(cu, spans[2 * k], spans[2 * k + 1], true);
    return lineCache.add(line, ids, t.count);
  };
  const refLens: number[] = [];
  const hEnd = new Int32Array(N + 1);
  const single = refs.length === 1;
  let tokenizedPeriods = 0;
  for (let s = 0; s < hyps.length; s++) {
    w.words.maybeReset();
    lineCache.use(config, w.words.epoch);
    const hyp = hyps[s];
    if (hyp.endsWith(' .')) tokenizedPeriods++;
    const hOff = words(hyp);
    const hypLen = lineCache.ids[hOff];
    const total = ngramCount(hypLen, N);
    w = workspace(Math.max(hypLen, total), 0);
    // the hypothesis's words as alphabet ids: unigram c is n-gram id c, bigram (c1, c2) id
    // A + c1 * A + c2 for a small alphabet, and the table numbers the rest from firstId
    const hw = w.hyp;
    const A = alphabet.build(lineCache.ids, hOff + 1, hypLen, w.words.size, hw);
    const direct = N >= 2 && A <= DIRECT_ALPHABET;
    const firstId = direct ? A + A * A : A;
    const maxIds = firstId + total;
    w = workspace(0, maxIds);
    table.begin(total, firstId);
    const hc = w.a;
    hc.fill(0, 0, maxIds);
    // hids: the hypothesis's n-gram ids, order by order (order n from hEnd[n - 1])
    const { prev, ids: hids } = w;
    let h = 0;
    for (let n = 1; n <= N; n++) {
      const cnt = hypLen - n + 1;
      if (n === 1) for (let i = 0; i < cnt; i++) hc[(hids[h++] = prev[i] = hw[i])]++;
      else if (n === 2 && direct) for (let i = 0; i < cnt; i++) hc[(hids[h++] = prev[i] = A + prev[i] * A + hw[i + 1])]++;
      else if (n === 2) for (let i = 0; i < cnt; i++) hc[(hids[h++] = prev[i] = table.insert(-4 - prev[i], hw[i + 1]))]++;
      else for (let i = 0; i < cnt; i++) hc[(hids[h++] = prev[i] = table.insert(prev[i], hw[i + n - 1]))]++;
      hEnd[n] = h;
    }
    const K = table.next;
    // rm: the max count over the references (with one reference, its counts); tmp: one reference's counts
    const rm = w.b;
    const tmp = single ? rm : w.c;
    rm.fill(0, 0, K);
    let nr = 0;
    for (let k = 0; k < refs.length; k++) {
      const ref = refs[k][s];
      if (ref === null || ref === undefined) continue;
      const rOff = words(ref);
      const len = lineCache.ids[rOff];
      refLens[nr++] = len;
      w = workspace(len, maxIds);
      const { prev, items } = w;
      alphabet.map(lineCache.ids, rOff + 1, len, items);
      if (!single) tmp.fill(0, 0, K);
      for (let n = 1; n <= N; n++) {
        const cnt = len - n + 1;
        if (n === 1) {
          for (let i = 0; i < cnt; i++) {
            const id = (prev[i] = items[i]);
            if (id >= 0) tmp[id]++;
          }
        } else if (n === 2) {
          for (let i = 0; i < cnt; i++) {
            const p = prev[i];
            const c = items[i + 1];
            let id = -1;
            if (p >= 0 && c >= 0) {
              if (direct) {
                id = A + p * A + c;
                if (hc[id] === 0) id = -1; // not in the hypothesis: its extensions cannot be either
              } else id = table.find(-4 - p, c);
            }
            prev[i] = id;
            if (id >= 0) tmp[id]++;
          }
        } else {
          for (let i = 0; i < cnt; i++) {
            const p = prev[i];
            if (p === -1) continue; // an n-gram with an unknown prefix is unknown
            const id = (prev[i] = table.find(p, items[i + n - 1]));
            if (id >= 0) tmp[id]++;
          }
        }
      }
      if (!single) for (let id = 0; id < K; id++) if (tmp[id] > rm[id]) rm[id] = tmp[id];
    }
    refLens.length = nr;
    const base = s * width;
    stats[base] = hypLen;
    stats[base + 1] = closestRefLen(hypLen, refLens);
    for (let n = 1; n <= N; n++) {
      // clipped matches: min(hypothesis count, max reference count) over the distinct n-grams of
      // order n, each counted at its first occurrence (its count then zeroed)
      let correct = 0;
      for (let j = hEnd[n - 1]; j < hEnd[n]; j++) {
        const id = hids[j];
        const c = hc[id];
        if (c > 0) {
          correct += c < rm[id] ? c : rm[id];
          hc[id] = 0;
        }
      }
      stats[base + 1 + n] = correct;
      stats[base + 1 + N + n] = hEnd[n] - hEnd[n - 1];
    }
  }
  return { maxOrder: N, segments: hyps.length, nrefs, stats, tokenizedPeriods };
}

/** How many n-grams of orders 1..maxOrder a sequence of `len` items has. */
function ngramCount(len: number, maxOrder: number): number {
  let total = 0;
  for (let n = 1; n <= maxOrder; n++) total += Math.max(0, len - n + 1);
  return total;
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
