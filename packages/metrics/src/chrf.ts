/**
 * chrF and chrF++ exactly as sacreBLEU 2.x: character n-grams of orders 1..charOrder (whitespace
 * removed unless `whitespace`), plus word n-grams of orders 1..wordOrder (chrF++ is wordOrder 2)
 * over words with one leading/trailing ASCII punctuation mark split off. Per segment the reference
 * with the best sentence-level F-score gives the statistics; the corpus score is computed from the
 * summed statistics by averaging precision and recall over the effective orders (or, with
 * `epsSmoothing`, by averaging per-order F-scores with 1e-16 floors, like chrF++.py/NLTK/Moses).
 */
import { InvalidOptionError } from './errors.js';
import { Alphabet, codeUnits, DIRECT_ALPHABET, LineCache, scanWhitespace, WORD_UNIGRAM, workspace, type WordTable } from './counting/index.js';
import { isPyWs, pyFixed } from './pystr.js';
import { checkRefStreams, sentenceStreams, type RefStreams } from './refs.js';
import { formatSignature } from './signature.js';

export interface ChrfOptions {
  /** Character n-gram order (default 6). */
  charOrder?: number;
  /** Word n-gram order (default 0 = chrF; 2 = chrF++). */
  wordOrder?: number;
  /** Recall weight (default 2). */
  beta?: number;
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams (default false). */
  whitespace?: boolean;
  /** Epsilon smoothing instead of effective-order averaging (default false). */
  epsSmoothing?: boolean;
}

export interface ChrfResult {
  /** 'chrF2', 'chrF2++', … as sacreBLEU names it. */
  name: string;
  /** 0..100. */
  score: number;
  charOrder: number;
  wordOrder: number;
  beta: number;
  signature?: string;
}

/** Per-segment statistics: `segments` rows of 3 * (charOrder + wordOrder) numbers ([hyp, ref, match] per order). */
export interface ChrfStats {
  order: number;
  segments: number;
  nrefs: number | 'var';
  stats: Float64Array;
}

interface Resolved {
  charOrder: number;
  wordOrder: number;
  beta: number;
  lowercase: boolean;
  whitespace: boolean;
  epsSmoothing: boolean;
}

function resolve(opts: ChrfOptions): Resolved {
  const charOrder = opts.charOrder ?? 6;
  const wordOrder = opts.wordOrder ?? 0;
  const beta = opts.beta ?? 2;
  if (!Number.isInteger(charOrder) || charOrder < 0) throw new InvalidOptionError('charOrder', charOrder, 'an integer >= 0');
  if (!Number.isInteger(wordOrder) || wordOrder < 0) throw new InvalidOptionError('wordOrder', wordOrder, 'an integer >= 0');
  if (charOrder + wordOrder === 0) throw new InvalidOptionError('charOrder', charOrder, 'charOrder + wordOrder > 0');
  if (!Number.isFinite(beta) || beta < 0) throw new InvalidOptionError('beta', beta, 'a number >= 0');
  return {
    charOrder,
    wordOrder,
    beta,
    lowercase: opts.lowercase ?? false,
    whitespace: opts.whitespace ?? false,
    epsSmoothing: opts.epsSmoothing ?? false,
  };
}

/** string.punctuation, as a table over ASCII. */
const IS_PUNCT = new Uint8Array(128);
for (const ch of '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~') IS_PUNCT[ch.charCodeAt(0)] = 1;
const isPunct = (c: number): boolean => c < 128 && IS_PUNCT[c] === 1;

let cpBuf = new Int32Array(4096);
let wordBuf = new Int32Array(4096);

/**
 * The code points of `s` into a reused buffer (valid up to the returned length), dropping Python
 * whitespace unless `keepSpaces`: one pass instead of a regex removal, a copy and an array per sentence.
 * Python whitespace is all in the BMP, so testing code units is exact.
 */
function codePointsInto(s: string, keepSpaces: boolean): number {
  const len = s.length;
  if (cpBuf.length < len) cpBuf = new Int32Array(2 * len);
  const out = cpBuf;
  const cu = codeUnits(s);
  let n = 0;
  for (let i = 0; i < len; i++) {
    const c = cu[i];
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = cu[i + 1];
      if (d >= 0xdc00 && d <= 0xdfff) {
        out[n++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        continue;
      }
    }
    if (!keepSpaces && (c < 0x85 ? c <= 0x20 && isPyWs(c) : isPyWs(c))) continue;
    out[n++] = c;
  }
  return n;
}

const alphabet = new Alphabet();

/**
 * chrF++'s word ids per distinct line (as BLEU caches its tokenizations, see counting/line-cache.ts):
 * keyed by the line as split (after lowercasing), so the ids depend on nothing else; dropped with the
 * WordTable's epoch. On the bench's 100k WMT17 segments (a quarter of the lines distinct) this saved
 * a whitespace scan and a hash per word on three lines out of four.
 */
const wordLines = new LineCache();

/**
 * The ids of the words of `s` (sacreBLEU's _remove_punctuation: Python-whitespace split, then one
 * ASCII punctuation mark split off the end, else off the start, of words longer than one code unit)
 * into wordBuf; returns the count. Every word gets an id (a reference word the hypothesis lacks is
 * then simply not in the segment's n-gram table).
 */
function wordIdsInto(s: string, words: WordTable): number {
  wordLines.use('chrf-words', words.epoch);
  const off = wordLines.find(s);
  if (off >= 0) {
    const ids = wordLines.ids;
    const n = ids[off];
    if (wordBuf.length < n) wordBuf = new Int32Array(2 * n);
    const out = wordBuf;
    for (let i = 0; i < n; i++) out[i] = ids[off + 1 + i];
    return n;
  }
  const n = splitWordIds(s, words);
  wordLines.add(s, wordBuf, n);
  return n;
}

function splitWordIds(s: string, words: WordTable): number {
  const insert = true;
  const t = scanWhitespace(s);
  if (wordBuf.length < 2 * t.count) wordBuf = new Int32Array(4 * t.count);
  const { cu, spans } = t;
  const out = wordBuf;
  let n = 0;
  for (let k = 0; k < t.count; k++) {
    const a = spans[2 * k];
    const b = spans[2 * k + 1];
    // a one-code-unit word stays whole; an astral one's surrogates are never punctuation anyway
    if (b - a > 1 && isPunct(cu[b - 1])) {
      out[n++] = words.id(cu, a, b - 1, insert);
      out[n++] = words.id(cu, b - 1, b, insert);
    } else if (b - a > 1 && isPunct(cu[a])) {
      out[n++] = words.id(cu, a, a + 1, insert);
      out[n++] = words.id(cu, a + 1, b, insert);
    } else out[n++] = words.id(cu, a, b, insert);
  }
  return n;
}

/** The F-score of one row of statistics (sacreBLEU's _compute_f_score, same operation order). */
export function chrfFScore(st: ArrayLike<number>, offset: number, order: number, beta: number, epsSmoothing: boolean): number {
  const eps = 1e-16;
  let score = 0.0;
  let effectiveOrder = 0;
  const factor = beta ** 2;
  let avgPrec = 0.0;
  let avgRec = 0.0;
  for (let i = 0; i < order; i++) {
    const nHyp = st[offset + 3 * i];
    const nRef = st[offset + 3 * i + 1];
    const nMatch = st[offset + 3 * i + 2];
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder += 1;
    }
  }
  if (epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) {
    avgPrec = avgRec = 0.0;
  } else {
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
  }
  if (avgPrec + avgRec) {
    let s = (1 + factor) * avgPrec * avgRec;
    s /= factor * avgPrec + avgRec;
    return 100 * s;
  }
  return 0.0;
}

/** Segment statistics for a corpus. */
export function chrfStatistics(hyps: readonly string[], refs: RefStreams, opts: ChrfOptions = {}): ChrfStats {
  return statistics(hyps, refs, resolve(opts));
}

function statistics(hyps: readonly string[], refs: RefStreams, o: Resolved): ChrfStats {
  const nrefs = checkRefStreams(hyps.length, refs);
  const C = o.charOrder;
  const W = o.wordOrder;
  const order = C + W;
  const width = 3 * order;
  const stats = new Float64Array(hyps.length * width);
  const row = new Float64Array(width);
  const match = new Int32Array(order);
  let w = workspace(0, 0);
  const table = w.ngrams;

  // The hypothesis's n-grams are inserted order by order (character orders, then word orders) and
  // counted in hc; a reference's are only looked up, and matches counted as they are found: with rc
  // the reference's running count, min(hypothesis count, reference count) summed over an order's
  // distinct n-grams is the number of reference occurrences with ++rc[id] <= hc[id].
  for (let s = 0; s < hyps.length; s++) {
    w.words.maybeReset();
    const hyp = o.lowercase ? hyps[s].toLowerCase() : hyps[s];
    const hLen = C > 0 ? codePointsInto(hyp, o.whitespace) : 0;
    const A = C > 0 ? alphabet.build(cpBuf, 0, hLen, 0x110000, cpBuf) : 0;
    const hWords = W > 0 ? wordIdsInto(hyp, w.words) : 0;
    // character unigrams and (for a small alphabet) bigrams get their ids directly, without the
    // table: unigram c is id c, bigram (c1, c2) id A + c1 * A + c2; table ids follow them
    const direct = C >= 2 && A <= DIRECT_ALPHABET;
    const firstId = direct ? A + A * A : A;
    const maxIds = firstId + ngramCount(hLen, C) + ngramCount(hWords, W);
    w = workspace(Math.max(hLen, hWords), maxIds);
    table.begin(maxIds - firstId, firstId);
    const hc = w.a;
    const rc = w.b;
    hc.fill(0, 0, maxIds);
    const { prev } = w;
    for (let n = 1; n <= C; n++) {
      const cnt = hLen - n + 1;
      if (n === 1) for (let i = 0; i < cnt; i++) hc[(prev[i] = cpBuf[i])]++;
      else if (n === 2 && direct) for (let i = 0; i < cnt; i++) hc[(prev[i] = A + prev[i] * A + cpBuf[i + 1])]++;
      else if (n === 2) for (let i = 0; i < cnt; i++) hc[(prev[i] = table.insert(-4 - prev[i], cpBuf[i + 1]))]++;
      else for (let i = 0; i < cnt; i++) hc[(prev[i] = table.insert(prev[i], cpBuf[i + n - 1]))]++;
    }
    for (let n = 1; n <= W; n++) {
      const cnt = hWords - n + 1;
      if (n === 1) for (let i = 0; i < cnt; i++) hc[(prev[i] = table.insert(WORD_UNIGRAM, wordBuf[i]))]++;
      else for (let i = 0; i < cnt; i++) hc[(prev[i] = table.insert(prev[i], wordBuf[i + n - 1]))]++;
    }
    const K = table.next;

    let best = -1.0;
    const base = s * width;
    for (let k = 0; k < refs.length; k++) {
      let ref = refs[k][s];
      if (ref === null || ref === undefined) continue;
      if (o.lowercase) ref = ref.toLowerCase();
      rc.fill(0, 0, K);
      match.fill(0);
      const rLen = C > 0 ? codePointsInto(ref, o.whitespace) : 0;
      if (C > 0) alphabet.map(cpBuf, 0, rLen, cpBuf);
      const rWords = W > 0 ? wordIdsInto(ref, w.words) : 0;
      w = workspace(Math.max(rLen, rWords), maxIds);
      const { prev } = w;
      for (let n = 1; n <= C; n++) {
        const cnt = rLen - n + 1;
        let m = 0;
        if (n === 1) {
          for (let i = 0; i < cnt; i++) {
            const id = (prev[i] = cpBuf[i]);
            if (id >= 0 && ++rc[id] <= hc[id]) m++;
          }
        } else if (n === 2) {
          for (let i = 0; i < cnt; i++) {
            const p = prev[i];
            const c = cpBuf[i + 1];
            let id = -1;
            if (p >= 0 && c >= 0) {
              if (direct) {
                id = A + p * A + c;
                if (hc[id] === 0) id = -1;
              } else id = table.find(-4 - p, c);
            }
            prev[i] = id;
            if (id >= 0 && ++rc[id] <= hc[id]) m++;
          }
        } else {
          for (let i = 0; i < cnt; i++) {
            const p = prev[i];
            if (p === -1) continue; // an n-gram with an unknown prefix is unknown
            const id = (prev[i] = table.find(p, cpBuf[i + n - 1]));
            if (id >= 0 && ++rc[id] <= hc[id]) m++;
          }
        }
        match[n - 1] = m;
      }
      for (let n = 1; n <= W; n++) {
        const cnt = rWords - n + 1;
        let m = 0;
        for (let i = 0; i < cnt; i++) {
          const p = n === 1 ? WORD_UNIGRAM : prev[i];
          const item = wordBuf[i + n - 1];
          const id = p === -1 || item === -1 ? -1 : table.find(p, item);
          prev[i] = id;
          if (id >= 0 && ++rc[id] <= hc[id]) m++;
        }
        match[C + n - 1] = m;
      }
      for (let n = 0; n < order; n++) {
        const len = n < C ? rLen : rWords;
        const hypLen = n < C ? hLen : hWords;
        const gram = (n < C ? n : n - C) + 1;
        const refTotal = Math.max(0, len - gram + 1);
        // sacreBLEU reports 0 hypothesis n-grams when the reference has none of this order
        row[3 * n] = refTotal > 0 ? Math.max(0, hypLen - gram + 1) : 0;
        row[3 * n + 1] = refTotal;
        row[3 * n + 2] = match[n];
      }
      const f = chrfFScore(row, 0, order, o.beta, o.epsSmoothing);
      if (f > best) {
        best = f;
        stats.set(row, base);
      }
    }
  }
  return { order, segments: hyps.length, nrefs, stats };
}

/** How many n-grams of orders 1..maxOrder a sequence of `len` items has. */
function ngramCount(len: number, maxOrder: number): number {
  let total = 0;
  for (let n = 1; n <= maxOrder; n++) total += Math.max(0, len - n + 1);
  return total;
}

/** Sum the statistics of all segments, or of the given indices (with repeats, for resampling). */
export function sumChrfStats(st: ChrfStats, indices?: ArrayLike<number>): number[] {
  const width = 3 * st.order;
  const sum = new Array<number>(width).fill(0);
  const n = indices ? indices.length : st.segments;
  for (let j = 0; j < n; j++) {
    const base = (indices ? indices[j] : j) * width;
    for (let k = 0; k < width; k++) sum[k] += st.stats[base + k];
  }
  return sum;
}

function chrfName(o: Resolved): string {
  return `chrF${o.beta}${'+'.repeat(o.wordOrder)}`;
}

/** Score summed statistics. */
export function chrfFromStats(sum: readonly number[], opts: ChrfOptions = {}): ChrfResult {
  const o = resolve(opts);
  return {
    name: chrfName(o),
    score: chrfFScore(sum, 0, o.charOrder + o.wordOrder, o.beta, o.epsSmoothing),
    charOrder: o.charOrder,
    wordOrder: o.wordOrder,
    beta: o.beta,
  };
}

/** The chrF signature, e.g. `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:0.1.0`. */
export function chrfSignature(nrefs: number | 'var', opts: ChrfOptions = {}, short = false): string {
  const o = resolve(opts);
  return formatSignature(
    nrefs,
    [
      ['case', 'c', o.lowercase ? 'lc' : 'mixed'],
      ['eff', 'e', !o.epsSmoothing],
      ['nc', 'nc', o.charOrder],
      ['nw', 'nw', o.wordOrder],
      ['space', 's', o.whitespace],
    ],
    short,
  );
}

/** Corpus chrF/chrF++ against reference streams (refs[k][i] = k-th reference of segment i). */
export function corpusChrf(hyps: readonly string[], refs: RefStreams, opts: ChrfOptions = {}): ChrfResult {
  const o = resolve(opts);
  const st = statistics(hyps, refs, o);
  const res = chrfFromStats(sumChrfStats(st), opts);
  res.signature = chrfSignature(st.nrefs, opts);
  return res;
}

/** Sentence chrF/chrF++ of one hypothesis against its references. */
export function sentenceChrf(hyp: string, refs: readonly (string | null)[], opts: ChrfOptions = {}): ChrfResult {
  return corpusChrf([hyp], sentenceStreams(refs), opts);
}

/** sacreBLEU's one-line rendering, e.g. `chrF2 = 59.73`. */
export function formatChrf(r: ChrfResult, width = 2): string {
  return `${r.name} = ${pyFixed(r.score, width)}`;
}
