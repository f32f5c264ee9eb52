/**
 * chrF and chrF++ exactly as sacreBLEU 2.x: character n-grams of orders 1..charOrder (whitespace
 * removed unless `whitespace`), plus word n-grams of orders 1..wordOrder (chrF++ is wordOrder 2)
 * over words with one leading/trailing ASCII punctuation mark split off. Per segment the reference
 * with the best sentence-level F-score gives the statistics; the corpus score is computed from the
 * summed statistics by averaging precision and recall over the effective orders (or, with
 * `epsSmoothing`, by averaging per-order F-scores with 1e-16 floors, like chrF++.py/NLTK/Moses).
 */
import { InvalidOptionError } from './errors.js';
import { giveBackScratch, knownNgramIds, ngramIds, takeScratch } from './interner.js';
import { isPyWs, pyFixed, pySplit } from './pystr.js';
import { segmentRefs, sentenceStreams, type RefStreams } from './refs.js';
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

const PUNCTS = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/** sacreBLEU's _remove_punctuation: split one ASCII punctuation mark off the end, else off the start. */
function splitPunctuation(sent: string): string[] {
  const out: string[] = [];
  for (const w of pySplit(sent)) {
    // a one-code-point word stays whole; for an astral one neither test below can match anyway
    if (w.length === 1) out.push(w);
    else if (PUNCTS.has(w[w.length - 1])) out.push(w.slice(0, -1), w[w.length - 1]);
    else if (PUNCTS.has(w[0])) out.push(w[0], w.slice(1));
    else out.push(w);
  }
  return out;
}

let cpBuf = new Int32Array(1024);

/**
 * The code points of `s` into a reused buffer (valid up to the returned length), dropping Python
 * whitespace unless `keepSpaces`: one pass instead of a regex removal, a copy and an array per sentence.
 * Python whitespace is all in the BMP, so testing code units is exact.
 */
function codePointsInto(s: string, keepSpaces: boolean): number {
  if (cpBuf.length < s.length) cpBuf = new Int32Array(2 * s.length);
  const out = cpBuf;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out[n++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        continue;
      }
    }
    if (!keepSpaces && isPyWs(c)) continue;
    out[n++] = c;
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
  const { perSegment, nrefs } = segmentRefs(hyps.length, refs);
  const order = o.charOrder + o.wordOrder;
  const width = 3 * order;
  const stats = new Float64Array(hyps.length * width);
  const scratch = takeScratch();
  const { interner } = scratch;
  const rc = scratch.a;
  const hc = scratch.b;
  const row = new Float64Array(width);

  // The hypothesis is extracted first and interned; references are only looked up (`known`): their
  // n-grams that the hypothesis lacks get id -1 and are not counted, since they cannot match.
  /** Ids of the sentence's n-grams and the [from, to) range of each order (chars first, then words). */
  const extract = (sent: string, known: boolean): { ids: Int32Array; ranges: number[] } => {
    const ngrams = known ? knownNgramIds : ngramIds;
    if (o.lowercase) sent = sent.toLowerCase();
    const parts: Int32Array[] = [];
    const ranges: number[] = [0];
    let total = 0;
    if (o.charOrder > 0) {
      const len = codePointsInto(sent, o.whitespace); // first: it may replace cpBuf
      const c = ngrams(cpBuf, o.charOrder, interner, len);
      parts.push(c.ids);
      for (let n = 1; n <= o.charOrder; n++) ranges.push(c.offsets[n]);
      total = c.ids.length;
    }
    if (o.wordOrder > 0) {
      const ws = splitPunctuation(sent);
      const items = new Array<number>(ws.length);
      for (let i = 0; i < ws.length; i++) items[i] = known ? interner.findWord(ws[i]) : interner.word(ws[i]);
      const w = ngrams(items, o.wordOrder, interner);
      parts.push(w.ids);
      for (let n = 1; n <= o.wordOrder; n++) ranges.push(total + w.offsets[n]);
      total += w.ids.length;
    }
    if (parts.length === 1) return { ids: parts[0], ranges };
    const ids = new Int32Array(total);
    let pos = 0;
    for (const p of parts) {
      ids.set(p, pos);
      pos += p.length;
    }
    return { ids, ranges };
  };

  for (let s = 0; s < hyps.length; s++) {
    interner.maybeReset();
    const h = extract(hyps[s], false);
    const refsX = perSegment[s].map((ref) => extract(ref, true));
    rc.ensure(interner.next);
    hc.ensure(interner.next);
    const r = rc.counts;
    const c = hc.counts;
    let best = -1.0;
    const base = s * width;
    for (const ref of refsX) {
      for (let i = 0; i < ref.ids.length; i++) {
        const id = ref.ids[i];
        if (id >= 0) r[id]++;
      }
      for (let n = 0; n < order; n++) {
        const hFrom = h.ranges[n];
        const hTo = h.ranges[n + 1];
        const refTotal = ref.ranges[n + 1] - ref.ranges[n];
        let match = 0;
        for (let i = hFrom; i < hTo; i++) {
          const id = h.ids[i];
          if (++c[id] <= r[id]) match++;
        }
        // sacreBLEU reports 0 hypothesis n-grams when the reference has none of this order
        row[3 * n] = refTotal > 0 ? hTo - hFrom : 0;
        row[3 * n + 1] = refTotal;
        row[3 * n + 2] = match;
      }
      hc.reset(h.ids);
      rc.reset(ref.ids);
      const f = chrfFScore(row, 0, order, o.beta, o.epsSmoothing);
      if (f > best) {
        best = f;
        stats.set(row, base);
      }
    }
  }
  giveBackScratch(scratch);
  return { order, segments: hyps.length, nrefs, stats };
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
