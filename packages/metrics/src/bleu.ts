/**
 * BLEU exactly as sacreBLEU 2.x computes it: per-segment sufficient statistics first
 * ([hypLen, closestRefLen, correct_1..N, total_1..N]), summed over the corpus, then scored with
 * sacreBLEU's compute_bleu (same smoothing, effective order and floating-point order of operations).
 * Statistics of TextLines with the 13a or `none` tokenizer come from the WebAssembly kernel
 * (counting/bleu-wasm.ts); the JavaScript byte path below serves the other tokenizers and the kernel's
 * limits, and the string path serves string input. All three give the same rows (tested).
 */
import { InvalidOptionError, LengthMismatchError, UnknownNameError } from './errors.js';
import { Alphabet, DIRECT_ALPHABET, LineCache, scan13a, scanWhitespace, workspace } from './counting/index.js';
import { ByteLineCache, ByteWordTable, primeTables } from './counting/byte-tables.js';
import {
  asciiLowerToScratch,
  scan13aBytes,
  scanWhitespaceBytes,
  scratchBytes,
  scanWhitespaceText,
  type ByteSpans,
} from './counting/byte-spans.js';
import { asStrings, TextLines } from './text-lines.js';
import { inKernelArena, kernelBleuStatistics } from './counting/bleu-wasm.js';
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
function closestRefLen(hypLen: number, refLens: ArrayLike<number>, count: number): number {
  let bestDiff = -1;
  let best = -1;
  for (let k = 0; k < count; k++) {
    const r = refLens[k];
    const diff = Math.abs(hypLen - r);
    if (bestDiff === -1 || diff < bestDiff) {
      bestDiff = diff;
      best = r;
    } else if (diff === bestDiff && r < best) best = r;
  }
  return best;
}

const lineCache = new LineCache();
const byteLineCache = new ByteLineCache();
const byteWords = new ByteWordTable();
const alphabet = new Alphabet();

/** Hypotheses or one reference stream: strings, or a TextLines' undecoded lines. */
export type BleuLines = readonly (string | null | undefined)[] | TextLines;
/** Hypotheses: strings, or a TextLines. */
export type BleuHyps = readonly string[] | TextLines;

/** Segment statistics for a corpus (the sufficient statistics significance tests resample). */
export function bleuStatistics(hyps: BleuHyps, refs: readonly BleuLines[], opts: BleuOptions = {}): BleuStats {
  const o = resolve(opts, false);
  return statistics(hyps, refs, o);
}

/**
 * Where the counting loop gets each line's word ids: the entry at `line(k, s)` in `ids` (its word count,
 * then its ids; k = -1 for the hypothesis; -1 for a missing reference), all ids below `vocab`.
 */
interface WordSource {
  ids: Int32Array;
  vocab: number;
  /** Called before each segment's lines (the word table may be reset between segments only). */
  begin(): void;
  line(k: number, s: number): number;
}

/** Word ids of string lines: rstrip, lowercase, tokenize, via the code-unit tables. */
function stringSource(hyps: readonly (string | null | undefined)[], refs: RefStreams, o: Resolved): WordSource {
  const tok = o.tokenize === '13a' ? null : getBleuTokenizer(o.tokenize);
  const config = `${o.tokenize}|${o.lowercase}`;
  const words = workspace(0, 0).words;
  const src: WordSource = {
    ids: lineCache.ids,
    vocab: 0,
    begin() {
      words.maybeReset();
      lineCache.use(config, words.epoch);
    },
    line(k, s) {
      const line = k < 0 ? hyps[s] : refs[k][s];
      if (line === null || line === undefined) return -1;
      let off = lineCache.find(line);
      if (off < 0) {
        const l = pyRstrip(o.lowercase ? line.toLowerCase() : line);
        const t = tok === null ? scan13a(l) : scanWhitespace(tok(l));
        const { cu, spans } = t;
        const ids = workspace(t.count, 0).items;
        for (let j = 0; j < t.count; j++) ids[j] = words.id(cu, spans[2 * j], spans[2 * j + 1], true);
        off = lineCache.add(line, ids, t.count);
      }
      src.ids = lineCache.ids;
      src.vocab = words.size;
      return off;
    },
  };
  return src;
}

/**
 * Word ids of TextLines, tokenized on their UTF-8 bytes: 13a and `none` directly, lowercasing too for
 * ASCII lines; a non-ASCII line to lowercase and the other tokenizers go through the string functions
 * for that line and are split from a UTF-8 copy of the result (same words, same ids).
 */
function byteSource(hyps: TextLines, refs: readonly TextLines[], o: Resolved): WordSource {
  const tok = getBleuTokenizer(o.tokenize);
  const mode = o.tokenize === '13a' ? 1 : o.tokenize === 'none' ? 2 : 0;
  const config = `${o.tokenize}|${o.lowercase}`;
  const streams = [hyps, ...refs];
  const views = streams.map((t) => new DataView(t.bytes.buffer, t.bytes.byteOffset, t.bytes.length));
  const lower = o.lowercase;
  const src: WordSource = {
    ids: byteLineCache.ids,
    vocab: 0,
    begin() {
      byteWords.maybeReset();
      byteLineCache.use(config, byteWords.epoch);
    },
    line(k, s) {
      const tl = streams[k + 1];
      const b = tl.bytes;
      const start = tl.starts[s];
      const end = tl.ends[s];
      const dv = views[k + 1];
      let off = byteLineCache.find(b, dv, start, end);
      if (off < 0) {
        let t: ByteSpans;
        if (mode !== 0 && !(lower && !isAscii(b, start, end))) {
          if (lower) {
            const n = asciiLowerToScratch(b, start, end);
            t = mode === 1 ? scan13aBytes(scratchBytes(), 0, n) : scanWhitespaceBytes(scratchBytes(), 0, n);
          } else t = mode === 1 ? scan13aBytes(b, start, end) : scanWhitespaceBytes(b, start, end);
        } else {
          const line = tl.line(s);
          t = scanWhitespaceText(tok(pyRstrip(lower ? line.toLowerCase() : line)));
        }
        const { bytes, spans } = t;
        const ids = workspace(t.count, 0).items;
        for (let j = 0; j < t.count; j++) ids[j] = byteWords.id(bytes, spans[2 * j], spans[2 * j + 1]);
        off = byteLineCache.add(b, dv, start, end, ids, t.count);
      }
      src.ids = byteLineCache.ids;
      src.vocab = byteWords.size;
      return off;
    },
  };
  return src;
}

function isAscii(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] >= 0x80) return false;
  return true;
}

let primed = false;

/**
 * Once per process, before the first TextLines corpus that takes the JavaScript byte path (tokenizers other
 * than 13a and `none`, lines over the kernel's limit, or the kernel switched off): the byte path's rare branches (rewrites,
 * non-ASCII whitespace, long words and lines, large alphabets, several references, lowercasing, table
 * growth) run once on a few lines, so that V8 optimizes the hot functions with feedback for them.
 * Otherwise each first visit of such a branch in a large corpus deoptimizes the function it is in (and
 * the callers it was inlined into); the recompilations cost about a fifth of a cold 100k-segment run.
 */
function prime(): void {
  primed = true;
  primeTables();
  const long = Array.from({ length: 300 }, (_, i) => `w${i % 120}`).join(' '); // grows the n-gram table
  const hyp = ['The cat , sat on the mat .', 'tokenized .', long, '', 'A &amp; B <skipped> 3-4 1,000 e.g. U.S.\u00a0x\u3000y h\u00e9llo &lt'];
  const ref = ['the cat sat on a mat .', 'tokenized.', `${long} w1 w2`, 'x', 'A & B 3 - 4 1,000 e.g. U.S. x y \u00e9 <b>'];
  const lines = (l: string[]): TextLines => TextLines.fromBytes(Buffer.from(l.join('\n') + '\n'));
  for (const lowercase of [false, true]) {
    const o = resolve({ lowercase }, false);
    statistics(lines(hyp), [lines(ref)], o);
    statistics(lines(ref), [lines(hyp), lines([...ref].reverse())], o);
  }
}

let useKernel = true;
/**
 * Corpora smaller than this (all streams' bytes) take the JavaScript byte path unless they were read into a
 * KernelArena: the kernel's fixed cost per call (an instance, its tables, zeroing them again; ~0.2 ms) is more
 * than it saves on a few hundred lines, and a process that scores many small corpora warms the JavaScript up.
 */
const KERNEL_MIN_BYTES = 1 << 16;

/**
 * Whether TextLines corpora with the 13a or `none` tokenizer go through the WebAssembly kernel (the
 * default) or the JavaScript byte path; for tests and benchmarks that compare the two. Not exported from
 * the package.
 */
export function setBleuKernel(on: boolean): void {
  useKernel = on;
}

function statistics(hyps: BleuHyps, refs: readonly BleuLines[], o: Resolved): BleuStats {
  if (hyps instanceof TextLines && refs.length > 0 && refs.every((r) => r instanceof TextLines)) {
    const trefs = refs as readonly TextLines[];
    trefs.forEach((r, k) => {
      if (r.length !== hyps.length) throw new LengthMismatchError(hyps.length, r.length, k);
    });
    const nrefs = trefs.length; // TextLines have no missing lines
    let tokenizedPeriods = 0;
    const b = hyps.bytes;
    for (let s = 0; s < hyps.length; s++) {
      const e = hyps.ends[s];
      if (e - hyps.starts[s] >= 2 && b[e - 1] === 0x2e && b[e - 2] === 0x20) tokenizedPeriods++;
    }
    const mode = o.tokenize === '13a' ? 1 : o.tokenize === 'none' ? 2 : 0;
    const streams = [hyps, ...trefs];
    if (useKernel && mode !== 0 && (inKernelArena(streams) || streams.reduce((n, t) => n + t.bytes.length, 0) >= KERNEL_MIN_BYTES)) {
      const stats = kernelBleuStatistics(streams, mode, o.lowercase, o.maxNgramOrder);
      if (stats) return { maxOrder: o.maxNgramOrder, segments: hyps.length, nrefs, stats, tokenizedPeriods };
    }
    if (!primed) prime();
    return count(hyps.length, trefs.length, byteSource(hyps, trefs, o), o.maxNgramOrder, nrefs, tokenizedPeriods);
  }
  const h = asStrings(hyps) as readonly string[];
  const r = refs.map(asStrings);
  const nrefs = checkRefStreams(h.length, r);
  let tokenizedPeriods = 0;
  for (let s = 0; s < h.length; s++) if (h[s].endsWith(' .')) tokenizedPeriods++;
  return count(h.length, r.length, stringSource(h, r, o), o.maxNgramOrder, nrefs, tokenizedPeriods);
}

/** The statistics rows of `segments` segments whose word ids come from `src`. */
function count(segments: number, nstreams: number, src: WordSource, N: number, nrefs: number | 'var', tokenizedPeriods: number): BleuStats {
  const width = 2 + 2 * N;
  const stats = new Float64Array(segments * width);
  if (refLens.length < nstreams) refLens = new Int32Array(2 * nstreams);
  if (hEnd.length < N + 1) hEnd = new Int32Array(N + 1);
  // one call per segment (rather than one loop over the corpus) gets the segment code optimized as a
  // whole function instead of on-stack replacement of a huge loop, which deoptimized repeatedly
  for (let s = 0; s < segments; s++) countSegment(src, s, nstreams, N, stats, s * width);
  return { maxOrder: N, segments, nrefs, stats, tokenizedPeriods };
}

let refLens = new Int32Array(8);
let hEnd = new Int32Array(8);

/** One segment's statistics row at stats[base ..]. */
function countSegment(src: WordSource, s: number, nstreams: number, N: number, stats: Float64Array, base: number): void {
  src.begin();
  const hOff = src.line(-1, s);
  const hypLen = src.ids[hOff];
  const total = ngramCount(hypLen, N);
  let w = workspace(Math.max(hypLen, total), 0);
  const table = w.ngrams;
  // the hypothesis's words as alphabet ids: unigram c is n-gram id c, bigram (c1, c2) id
  // A + c1 * A + c2 for a small alphabet, and the table numbers the rest from firstId
  const hw = w.hyp;
  const A = alphabet.build(src.ids, hOff + 1, hypLen, src.vocab, hw);
  const direct = N >= 2 && A <= DIRECT_ALPHABET;
  const firstId = direct ? A + A * A : A;
  const maxIds = firstId + total;
  w = workspace(0, maxIds);
  table.begin(total, firstId);
  // seen[id] = 1: the hypothesis has n-gram id (references skip the bigrams it lacks, and their extensions)
  const seen = w.a;
  if (direct) seen.fill(0, A, firstId);
  // hids: the hypothesis's n-gram ids, order by order (order n from hEnd[n - 1])
  const prev = w.prev;
  const hids = w.ids;
  const ends = hEnd;
  let h = 0;
  for (let n = 1; n <= N; n++) {
    const cnt = hypLen - n + 1;
    if (n === 1) for (let i = 0; i < cnt; i++) hids[h++] = prev[i] = hw[i];
    else if (n === 2 && direct) {
      for (let i = 0; i < cnt; i++) {
        const id = (hids[h++] = prev[i] = A + prev[i] * A + hw[i + 1]);
        seen[id] = 1;
      }
    } else if (n === 2) for (let i = 0; i < cnt; i++) hids[h++] = prev[i] = table.insert(-4 - prev[i], hw[i + 1]);
    else for (let i = 0; i < cnt; i++) hids[h++] = prev[i] = table.insert(prev[i], hw[i + n - 1]);
    ends[n] = h;
  }
  const K = table.next;
  // rm: the max count over the references (with one reference, its counts); tmp: one reference's counts
  const single = nstreams === 1;
  const rm = w.b;
  const tmp = single ? rm : w.c;
  rm.fill(0, 0, K);
  let nr = 0;
  for (let k = 0; k < nstreams; k++) {
    const rOff = src.line(k, s);
    if (rOff < 0) continue;
    const len = src.ids[rOff];
    refLens[nr++] = len;
    w = workspace(len, maxIds);
    const prev = w.prev;
    const items = w.items;
    alphabet.map(src.ids, rOff + 1, len, items);
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
              if (seen[id] === 0) id = -1; // not in the hypothesis: its extensions cannot be either
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
  stats[base] = hypLen;
  stats[base + 1] = closestRefLen(hypLen, refLens, nr);
  for (let n = 1; n <= N; n++) {
    // clipped matches, sum over n-grams of min(hypothesis count, max reference count): each
    // occurrence in the hypothesis takes one of the reference's remaining occurrences, if any
    // (branch-free: whether a reference occurrence is left is unpredictable; m = 1 iff c > 0)
    let correct = 0;
    for (let j = ends[n - 1]; j < ends[n]; j++) {
      const id = hids[j];
      const c = rm[id];
      const m = -c >>> 31;
      correct += m;
      rm[id] = c - m;
    }
    stats[base + 1 + n] = correct;
    stats[base + 1 + N + n] = ends[n] - ends[n - 1];
  }
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

function score(hyps: BleuHyps, refs: readonly BleuLines[], opts: BleuOptions, effectiveDefault: boolean): BleuResult {
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
export function corpusBleu(hyps: BleuHyps, refs: readonly BleuLines[], opts: BleuOptions = {}): BleuResult {
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
