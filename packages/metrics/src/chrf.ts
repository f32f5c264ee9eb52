/**
 * chrF and chrF++ exactly as sacreBLEU 2.x: character n-grams of orders 1..charOrder (whitespace
 * removed unless `whitespace`), plus word n-grams of orders 1..wordOrder (chrF++ is wordOrder 2)
 * over words with one leading/trailing ASCII punctuation mark split off. Per segment the reference
 * with the best sentence-level F-score gives the statistics; the corpus score is computed from the
 * summed statistics by averaging precision and recall over the effective orders (or, with
 * `epsSmoothing`, by averaging per-order F-scores with 1e-16 floors, like chrF++.py/NLTK/Moses).
 */
import { InvalidOptionError, LengthMismatchError } from './errors.js';
import { Alphabet, codeUnits, DIRECT_ALPHABET, LineCache, scanWhitespace, WORD_UNIGRAM, workspace, type WordTable } from './counting/index.js';
import { NgramTable } from './counting/ngram-table.js';
import { scanWhitespaceBytes } from './counting/byte-spans.js';
import { ASCII_WS } from './counting/utf8.js';
import { asStrings, TextLines } from './text-lines.js';
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
  return fScore(st, offset, order, beta, epsSmoothing, false);
}

/**
 * sacreBLEU's CHRF._compute_f_score on a float32 row (its paired significance tests): `n_match / n_hyp`
 * and `n_match / n_ref` are float32 divisions; `factor * prec` (factor = beta ** 2, a Python int) and
 * everything after are float64.
 */
export function chrfFScoreF32(st: ArrayLike<number>, order: number, beta: number, epsSmoothing: boolean): number {
  return fScore(st, 0, order, beta, epsSmoothing, true);
}

/** The F-score; with `float32`, each precision and recall is rounded to float32 as sacreBLEU's float32 rows round it. */
function fScore(st: ArrayLike<number>, offset: number, order: number, beta: number, epsSmoothing: boolean, float32: boolean): number {
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
    const prec = nHyp > 0 ? (float32 ? Math.fround(nMatch / nHyp) : nMatch / nHyp) : eps;
    const rec = nRef > 0 ? (float32 ? Math.fround(nMatch / nRef) : nMatch / nRef) : eps;
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

/** Reference lines: strings (null/undefined = no reference for that segment), or a TextLines. */
export type ChrfLines = readonly (string | null | undefined)[] | TextLines;
/** Hypotheses: strings, or a TextLines. */
export type ChrfHyps = readonly string[] | TextLines;

/** Segment statistics for a corpus. */
export function chrfStatistics(hyps: ChrfHyps, refs: readonly ChrfLines[], opts: ChrfOptions = {}): ChrfStats {
  return statistics(hyps, refs, resolve(opts));
}

/**
 * Where a segment's items come from: `load(k, s)` selects line s of stream k (-1 = the hypotheses;
 * false when segment s has no k-th reference), then `chars()` writes its code points into cpBuf and
 * `words()` its word ids into wordBuf, each returning the count.
 */
interface ChrfSource {
  begin(): void;
  load(k: number, s: number): boolean;
  chars(): number;
  words(): number;
}

class StringSource implements ChrfSource {
  private line = '';
  constructor(
    private readonly hyps: readonly string[],
    private readonly refs: RefStreams,
    private readonly o: Resolved,
  ) {}
  begin(): void {
    workspace(0, 0).words.maybeReset();
  }
  load(k: number, s: number): boolean {
    const line = k < 0 ? this.hyps[s] : this.refs[k][s];
    if (line === null || line === undefined) return false;
    this.line = this.o.lowercase ? line.toLowerCase() : line;
    return true;
  }
  chars(): number {
    return codePointsInto(this.line, this.o.whitespace);
  }
  words(): number {
    return wordIdsInto(this.line, workspace(0, 0).words);
  }
}

/**
 * TextLines without lowercasing: the lines' UTF-8 bytes are decoded straight into code points, and
 * words split on the bytes, so no string is made per line. Word ids are per segment, not corpus-wide:
 * the hypothesis's words are interned in a small table of their own as chains of 4-byte chunks
 * (start key -2 - length, then (id so far, next chunk); exact, since equal chains are equal bytes), and
 * a reference word the hypothesis lacks gets -1. That table stays in L1 cache, unlike a corpus-wide
 * word table and line cache (2 MB of slots each on the bench's 100k WMT17 segments); the switch cut
 * the chrF++ command by about 8 %. Decoding the files into strings and copying each line's code units
 * back out, the string path, cost about a tenth of a chrF++ command.
 */
class ByteSource implements ChrfSource {
  private readonly streams: TextLines[];
  private readonly views: DataView[];
  private readonly wordIds = new NgramTable();
  private b: Uint8Array = new Uint8Array(0);
  private dv: DataView = new DataView(new ArrayBuffer(0));
  private start = 0;
  private end = 0;
  private hyp = true;
  constructor(
    hyps: TextLines,
    refs: readonly TextLines[],
    private readonly o: Resolved,
  ) {
    this.streams = [hyps, ...refs];
    this.views = this.streams.map((t) => new DataView(t.bytes.buffer, t.bytes.byteOffset, t.bytes.length));
  }
  begin(): void {}
  load(k: number, s: number): boolean {
    const t = this.streams[k + 1];
    this.b = t.bytes;
    this.dv = this.views[k + 1];
    this.start = t.starts[s];
    this.end = t.ends[s];
    this.hyp = k < 0;
    return true;
  }
  chars(): number {
    return bytesCodePointsInto(this.b, this.start, this.end, this.o.whitespace);
  }
  words(): number {
    const b = this.b;
    const insert = this.hyp;
    // a line of L bytes has at most L chunks (the hypothesis alone inserts)
    if (insert) this.wordIds.begin(this.end - this.start);
    const sp = scanWhitespaceBytes(b, this.start, this.end);
    if (wordBuf.length < 2 * sp.count) wordBuf = new Int32Array(4 * sp.count);
    const spans = sp.spans;
    const out = wordBuf;
    let n = 0;
    for (let k = 0; k < sp.count; k++) {
      const a = spans[2 * k];
      const e = spans[2 * k + 1];
      // more than one byte with an ASCII mark at an end is more than one code unit, as splitWordIds asks
      if (e - a > 1 && isPunct(b[e - 1])) {
        out[n++] = this.wordId(a, e - 1, insert);
        out[n++] = this.wordId(e - 1, e, insert);
      } else if (e - a > 1 && isPunct(b[a])) {
        out[n++] = this.wordId(a, a + 1, insert);
        out[n++] = this.wordId(a + 1, e, insert);
      } else out[n++] = this.wordId(a, e, insert);
    }
    return n;
  }
  /** The segment id of the word b[a .. e) (1 byte or more); -1 for a reference word the hypothesis lacks. */
  private wordId(a: number, e: number, insert: boolean): number {
    const t = this.wordIds;
    const dv = this.dv;
    const b = this.b;
    let id = -2 - (e - a);
    let i = a;
    for (; i + 4 <= e; i += 4) {
      id = insert ? t.insert(id, dv.getInt32(i, true)) : t.find(id, dv.getInt32(i, true));
      if (id < 0) return -1;
    }
    if (i < e) {
      let c = 0;
      for (let j = i; j < e; j++) c |= b[j] << (8 * (j - i));
      id = insert ? t.insert(id, c) : t.find(id, c);
    }
    return id;
  }
}

/**
 * codePointsInto for the valid UTF-8 b[start .. end) (TextLines checked it): Python whitespace is
 * ASCII_WS below 0x80 and isPyWs of the decoded code point above.
 */
function bytesCodePointsInto(b: Uint8Array, start: number, end: number, keepSpaces: boolean): number {
  if (cpBuf.length < end - start) cpBuf = new Int32Array(2 * (end - start));
  const out = cpBuf;
  let n = 0;
  for (let i = start; i < end; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      if (keepSpaces || ASCII_WS[c] === 0) out[n++] = c;
      continue;
    }
    let cp: number;
    if (c < 0xe0) {
      cp = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      cp = ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
      i += 3;
    } else {
      cp = ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
      i += 4;
    }
    if (keepSpaces || !isPyWs(cp)) out[n++] = cp;
  }
  return n;
}

function statistics(hyps: ChrfHyps, refs: readonly ChrfLines[], o: Resolved): ChrfStats {
  const order = o.charOrder + o.wordOrder;
  const width = 3 * order;
  if (match.length < order) {
    match = new Int32Array(order);
    row = new Float64Array(width);
  }
  if (hyps instanceof TextLines && !o.lowercase && refs.length > 0 && refs.every((r) => r instanceof TextLines)) {
    const trefs = refs as readonly TextLines[];
    trefs.forEach((r, k) => {
      if (r.length !== hyps.length) throw new LengthMismatchError(hyps.length, r.length, k);
    });
    const stats = new Float64Array(hyps.length * width);
    const src = new ByteSource(hyps, trefs, o);
    if (trefs.length === 1) for (let s = 0; s < hyps.length; s++) segment1(src, s, o, stats, s * width);
    else for (let s = 0; s < hyps.length; s++) segment(src, s, trefs.length, o, stats, s * width);
    return { order, segments: hyps.length, nrefs: trefs.length, stats };
  }
  const h = asStrings(hyps) as readonly string[];
  const r = refs.map(asStrings);
  const nrefs = checkRefStreams(h.length, r);
  const stats = new Float64Array(h.length * width);
  const src = new StringSource(h, r, o);
  // one call per segment (not one loop over the corpus): V8 optimizes the segment as a whole function
  // instead of by on-stack replacement of a huge loop
  if (r.length === 1) for (let s = 0; s < h.length; s++) segment1(src, s, o, stats, s * width);
  else for (let s = 0; s < h.length; s++) segment(src, s, r.length, o, stats, s * width);
  return { order, segments: h.length, nrefs, stats };
}

let hypCp = new Int32Array(4096);
let hypW = new Int32Array(4096);
let hPrev = new Int32Array(4096);
let rPrev = new Int32Array(4096);

/**
 * `segment` for a segment with one reference, which lets the hypothesis's n-grams be pruned: order by
 * order, the hypothesis inserts only the n-grams whose (n-1)-gram prefix and suffix both occur in the
 * reference (rc > 0), since no other can match, and the reference looks up only n-grams whose prefix
 * and suffix are in the table. Every n-gram common to both still gets all its occurrences counted on
 * both sides (by induction on n: its prefix and suffix are common too), so the matches are the same
 * as `segment`'s; the totals are arithmetic. On the bench's WMT17 segments this skips about half of
 * the table operations of orders 3-6.
 */
function segment1(src: ChrfSource, s: number, o: Resolved, stats: Float64Array, base: number): void {
  const C = o.charOrder;
  const W = o.wordOrder;
  const order = C + W;
  src.begin();
  src.load(-1, s);
  const hLen = C > 0 ? src.chars() : 0;
  const A = C > 0 ? alphabet.build(cpBuf, 0, hLen, 0x110000, cpBuf) : 0;
  if (hypCp.length < hLen + 1) hypCp = new Int32Array(2 * hLen + 2);
  const hc0 = hypCp;
  for (let i = 0; i < hLen; i++) hc0[i] = cpBuf[i];
  const hWords = W > 0 ? src.words() : 0;
  if (hypW.length < hWords + 1) hypW = new Int32Array(2 * hWords + 2);
  const hw = hypW;
  for (let i = 0; i < hWords; i++) hw[i] = wordBuf[i];
  if (!src.load(0, s)) return;
  const rLen = C > 0 ? src.chars() : 0;
  if (C > 0) alphabet.map(cpBuf, 0, rLen, cpBuf);
  const rWords = W > 0 ? src.words() : 0;
  const rcp = cpBuf;
  const rw = wordBuf;
  const direct = C >= 2 && A <= DIRECT_ALPHABET;
  const firstId = direct ? A + A * A : A;
  const maxIds = firstId + ngramCount(hLen, C) + ngramCount(hWords, W);
  const longest = Math.max(hLen, hWords, rLen, rWords) + 1;
  if (hPrev.length < longest) {
    hPrev = new Int32Array(2 * longest);
    rPrev = new Int32Array(2 * longest);
  }
  const hp = hPrev;
  const rp = rPrev;
  const w = workspace(0, maxIds);
  const table = w.ngrams;
  table.begin(maxIds - firstId, firstId);
  const hc = w.a;
  const rc = w.b;
  hc.fill(0, 0, maxIds);
  rc.fill(0, 0, maxIds);
  for (let n = 1; n <= C; n++) {
    const hcnt = hLen - n + 1;
    const rcnt = rLen - n + 1;
    let m = 0;
    if (n === 1) {
      for (let i = 0; i < hcnt; i++) hc[(hp[i] = hc0[i])]++;
      for (let j = 0; j < rcnt; j++) {
        const id = (rp[j] = rcp[j]);
        if (id >= 0 && ++rc[id] <= hc[id]) m++;
      }
    } else {
      for (let i = 0; i < hcnt; i++) {
        const p = hp[i];
        const q = hp[i + 1];
        if (p < 0 || q < 0 || rc[p] === 0 || rc[q] === 0) {
          hp[i] = -1;
          continue;
        }
        const id = n > 2 ? table.insert(p, hc0[i + n - 1]) : direct ? A + p * A + q : table.insert(-4 - p, q);
        hp[i] = id;
        hc[id]++;
      }
      for (let j = 0; j < rcnt; j++) {
        const p = rp[j];
        const q = rp[j + 1];
        let id = -1;
        if (p >= 0 && q >= 0) {
          if (n > 2) id = table.find(p, rcp[j + n - 1]);
          else if (direct) {
            id = A + p * A + q;
            if (hc[id] === 0) id = -1;
          } else id = table.find(-4 - p, q);
        }
        rp[j] = id;
        if (id >= 0 && ++rc[id] <= hc[id]) m++;
      }
    }
    match[n - 1] = m;
  }
  for (let n = 1; n <= W; n++) {
    const hcnt = hWords - n + 1;
    const rcnt = rWords - n + 1;
    let m = 0;
    if (n === 1) {
      for (let i = 0; i < hcnt; i++) hc[(hp[i] = table.insert(WORD_UNIGRAM, hw[i]))]++;
      for (let j = 0; j < rcnt; j++) {
        const id = (rp[j] = table.find(WORD_UNIGRAM, rw[j]));
        if (id >= 0 && ++rc[id] <= hc[id]) m++;
      }
    } else {
      for (let i = 0; i < hcnt; i++) {
        const p = hp[i];
        const q = hp[i + 1];
        if (p < 0 || q < 0 || rc[p] === 0 || rc[q] === 0) {
          hp[i] = -1;
          continue;
        }
        const id = (hp[i] = table.insert(p, hw[i + n - 1]));
        hc[id]++;
      }
      for (let j = 0; j < rcnt; j++) {
        const p = rp[j];
        const q = rp[j + 1];
        const id = p >= 0 && q >= 0 ? table.find(p, rw[j + n - 1]) : -1;
        rp[j] = id;
        if (id >= 0 && ++rc[id] <= hc[id]) m++;
      }
    }
    match[C + n - 1] = m;
  }
  putCounts(stats, base, order, C, hLen, hWords, rLen, rWords, match);
}

/**
 * Writes one (hypothesis, reference) pair's row: per order (characters 1..C, then words) the hypothesis and
 * reference n-gram totals and the matches.
 */
function putCounts(
  out: Float64Array,
  at: number,
  order: number,
  C: number,
  hLen: number,
  hWords: number,
  rLen: number,
  rWords: number,
  match: Int32Array,
): void {
  for (let n = 0; n < order; n++) {
    const len = n < C ? rLen : rWords;
    const hypLen = n < C ? hLen : hWords;
    const gram = (n < C ? n : n - C) + 1;
    const refTotal = Math.max(0, len - gram + 1);
    // sacreBLEU reports 0 hypothesis n-grams when the reference has none of this order
    out[at + 3 * n] = refTotal > 0 ? Math.max(0, hypLen - gram + 1) : 0;
    out[at + 3 * n + 1] = refTotal;
    out[at + 3 * n + 2] = match[n];
  }
}

let match = new Int32Array(16);
let row = new Float64Array(48);

/** Segment s's statistics row (the best reference's) into stats[base ..]. */
function segment(src: ChrfSource, s: number, nstreams: number, o: Resolved, stats: Float64Array, base: number): void {
  const C = o.charOrder;
  const W = o.wordOrder;
  const order = C + W;
  const width = 3 * order;
  let w = workspace(0, 0);
  const table = w.ngrams;

  // The hypothesis's n-grams are inserted order by order (character orders, then word orders) and
  // counted in hc; a reference's are only looked up, and matches counted as they are found: with rc
  // the reference's running count, min(hypothesis count, reference count) summed over an order's
  // distinct n-grams is the number of reference occurrences with ++rc[id] <= hc[id].
  src.begin();
  src.load(-1, s);
  const hLen = C > 0 ? src.chars() : 0;
  const A = C > 0 ? alphabet.build(cpBuf, 0, hLen, 0x110000, cpBuf) : 0;
  const hWords = W > 0 ? src.words() : 0;
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
  for (let k = 0; k < nstreams; k++) {
    if (!src.load(k, s)) continue;
    rc.fill(0, 0, K);
    match.fill(0);
    const rLen = C > 0 ? src.chars() : 0;
    if (C > 0) alphabet.map(cpBuf, 0, rLen, cpBuf);
    const rWords = W > 0 ? src.words() : 0;
    w = workspace(Math.max(rLen, rWords), maxIds);
    const { prev } = w;
    // The n-gram walks below follow bleu.ts's (clipped matches here, counts there), kept apart because
    // each is its kernel's hot loop.
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
    putCounts(row, 0, order, C, hLen, hWords, rLen, rWords, match);
    const f = chrfFScore(row, 0, order, o.beta, o.epsSmoothing);
    if (f > best) {
      best = f;
      for (let j = 0; j < width; j++) stats[base + j] = row[j];
    }
  }
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
export function corpusChrf(hyps: ChrfHyps, refs: readonly ChrfLines[], opts: ChrfOptions = {}): ChrfResult {
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
