/**
 * `Query`: KenLM's `query` program as a library (lm/ngram_query.hh). Each line is split on ASCII
 * whitespace; with sentence context (the default) it starts from `<s>` and `</s>` is scored at the end.
 * OOV words get p(<unk>) and count as OOVs; the line total is summed in float32 as KenLM sums it, the
 * corpus totals in float64. `scoreLine` returns the per-word data; `queryLine` (the `lm query` loop) and
 * `addLine` (`lm ppl`) are the string paths; `formatLine` / `formatSummary` print KenLM's text byte for byte.
 * The byte paths `queryBytes` / `addBytes` (`lm query`, `lm ppl`) run in WebAssembly (score-kernel.ts:
 * the same bytes and totals; the JavaScript versions below stay for `kernel: false` and as its reference).
 * @example const q = new Query(model); for (const l of lines) out += q.queryLine(l); out += Query.formatSummary(q.summary());
 */
import type { ArpaModel } from './arpa-model.js';
import { UNK_ID } from './arpa-model.js';
import { formatDouble, formatFloat32, writeFloat32 } from './float-format.js';
import { pairHash } from './pair-hash.js';
import { ScoreKernel } from './score-kernel.js';
import { ByteVocab, FNV } from './vocab-index.js';

const ENCODER = new TextEncoder();
/** Arena pieces carry their length in one byte (longer "word=id " texts are encoded each time). */
const MAX_PIECE = 255;
/** Orders above 1 whose probe slots `scoreIds` reads ahead (bigrams and trigrams; see there). */
const TOUCHED_ORDERS = 2;
/** The arena starts over past this many bytes. */
const ARENA_LIMIT = 1 << 24;
const TOTAL = ENCODER.encode('Total: ');
const OOV = ENCODER.encode(' OOV: ');

/** Writes the decimal digits of `v` (a non-negative integer below 2^31) at `pos`; returns the end. */
function writeUint(v: number, out: Uint8Array, pos: number): number {
  let digits = 1;
  for (let p = 10; p <= v && digits < 10; p *= 10) digits++;
  const end = pos + digits;
  for (let at = end - 1; at >= pos; at--) {
    const q = (v / 10) | 0;
    out[at] = 48 + v - q * 10;
    v = q;
  }
  return end;
}

/** Calls `fn(start, end)` for each line of `b` (see `Query.queryBytes`); returns the number of lines. */
function forEachLine(b: Uint8Array, fn: (start: number, end: number) => void): number {
  let lines = 0;
  for (let s = 0; s < b.length; ) {
    let e = b.indexOf(10, s);
    if (e < 0) e = b.length;
    fn(s, e > s && b[e - 1] === 13 ? e - 1 : e);
    lines++;
    s = e + 1;
  }
  return lines;
}

/** The corpus summary KenLM prints after the last line. */
export interface QuerySummary {
  /** 10^(-total / tokens), OOVs included. */
  readonly perplexity: number;
  /** The same without the OOV words' probabilities and counts. */
  readonly perplexityExcludingOovs: number;
  readonly oovs: number;
  /** Words scored, `</s>` included. */
  readonly tokens: number;
  /** Sum of the sentence totals (log10). */
  readonly logProb: number;
}

export interface QueryOptions {
  /** Wrap each line in `<s>` … `</s>` (KenLM's default; `query -n` turns it off). */
  readonly sentenceContext?: boolean;
  /**
   * Score bytes (`addBytes`, `queryBytes`) with the WebAssembly kernel (score-kernel.wat; default true):
   * the same results as the JavaScript path, which `false` selects (the kernel's tests compare the two).
   */
  readonly kernel?: boolean;
}

/** One scored line: KenLM's per-word triples, the float32 total and the OOV count. */
export interface ScoredLine {
  readonly words: readonly string[];
  readonly ids: Uint32Array;
  readonly ngramLengths: Uint8Array;
  readonly probs: Float32Array;
  readonly total: number;
  readonly oovs: number;
}

export class Query {
  private readonly sentenceContext: boolean;
  private tokens = 0;
  private oovs = 0;
  private total = 0;
  private totalOovOnly = 0;

  constructor(
    readonly model: ArpaModel,
    options: QueryOptions = {},
  ) {
    this.sentenceContext = options.sentenceContext ?? true;
    this.kernel = options.kernel === false ? undefined : null;
    model.prepare();
  }

  /** The byte paths' kernel: null until first used, undefined when off or unavailable (then JavaScript scores). */
  private kernel: ScoreKernel | null | undefined;
  private readonly totals = new Float64Array(4);

  /** Runs `b` through the kernel on top of this query's totals; undefined when there is no kernel. */
  private viaKernel(b: Uint8Array, emit: boolean): { lines: number; output?: Uint8Array } | undefined {
    if (this.kernel === null || this.kernel?.stale()) this.kernel = ScoreKernel.create(this.model, this.sentenceContext);
    const k = this.kernel;
    if (k === undefined) return undefined;
    const t = this.totals;
    t[0] = this.total;
    t[1] = this.totalOovOnly;
    t[2] = this.tokens;
    t[3] = this.oovs;
    let r: { lines: number; output?: Uint8Array };
    try {
      r = k.run(b, emit, t);
    } catch (err) {
      // The arena could not grow (an input near its 32-bit limit): this batch and the rest in JavaScript.
      // Nothing was counted yet (the totals are taken back only after a whole run).
      if (!(err instanceof RangeError)) throw err;
      this.kernel = undefined;
      return undefined;
    }
    this.total = t[0];
    this.totalOovOnly = t[1];
    this.tokens = t[2];
    this.oovs = t[3];
    return r;
  }

  // Scratch for the line being scored, grown as needed: the per-line fast paths allocate nothing.
  private ids = new Uint32Array(64);
  private lengths = new Uint8Array(64);
  private probs = new Float32Array(64);
  /** Matched n-gram (its probe slot, as `ScoreResult.entry`) of each word, or -1 when backoffs were added (its text is then not the n-gram's). */
  private entries = new Int32Array(64);
  /** "length log10p\t" of each n-gram, per order, made when first printed (`lm query`). */
  private readonly probText: string[][] = [];
  /** "word=id " of each vocabulary word, made when first printed. */
  private readonly wordText: string[] = [];
  private lineTotal = 0;
  private lineOovs = 0;

  /** Word boundaries of the line being scored: word i is `line.slice(starts[i], ends[i])`. */
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  /** 1 where word i was found by its bytes (they are then its vocabulary word's UTF-8: `emit` copies them). */
  private exact = new Uint8Array(64);
  private line = '';
  /** The bytes of the line being scored when it came as bytes (then word i is `lineBytes[starts[i]..ends[i])`). */
  private lineBytes: Uint8Array | undefined;
  private byteVocab: ByteVocab | undefined;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private wordCount = 0;

  /** Makes the scratch arrays hold `maxWords` tokens. */
  private grow(maxWords: number): void {
    if (maxWords > this.starts.length) {
      this.starts = new Int32Array(maxWords * 2);
      this.ends = new Int32Array(maxWords * 2);
      this.exact = new Uint8Array(maxWords * 2);
    }
    if (maxWords > this.ids.length) {
      this.ids = new Uint32Array(maxWords * 2);
      this.lengths = new Uint8Array(maxWords * 2);
      this.probs = new Float32Array(maxWords * 2);
      this.entries = new Int32Array(maxWords * 2);
    }
  }

  /**
   * `score` over the UTF-8 bytes `b[start..end)` of a line (`lm query` / `lm ppl` read bytes, no
   * string per line). Words are looked up by their bytes; a word not found so (an OOV, or bytes that
   * are not valid UTF-8) is decoded and looked up as text, so the result is `score`'s.
   */
  private scoreBytes(b: Uint8Array, start: number, end: number): number {
    const vocab = (this.byteVocab ??= new ByteVocab(this.model.words));
    this.grow(((end - start) >> 1) + 2);
    const { ids, starts, ends, exact } = this;
    let words = 0;
    let ws = -1;
    let h = 0;
    for (let i = start; i <= end; i++) {
      const c = i < end ? b[i] : 32;
      if (c === 32 || (c >= 9 && c <= 13)) {
        if (ws >= 0) {
          let id = vocab.find(b, ws, i, h >>> 0);
          exact[words] = id < 0 ? 0 : 1;
          if (id < 0) id = this.model.vocab.find(this.decoder.decode(b.subarray(ws, i)));
          ids[words] = id < 0 ? UNK_ID : id;
          starts[words] = ws;
          ends[words++] = i;
          ws = -1;
        }
      } else if (ws < 0) {
        ws = i;
        h = Math.imul(FNV.offset ^ c, FNV.prime);
      } else h = Math.imul(h ^ c, FNV.prime);
    }
    this.lineBytes = b;
    return this.scoreIds(words);
  }

  /**
   * Scores `line` into the scratch arrays, adds it to the corpus totals, returns the number of tokens.
   * Words are found and looked up in one scan of the line (no split, no substrings).
   */
  private score(line: string): number {
    const vocab = this.model.vocab;
    this.grow((line.length >> 1) + 2);
    const { ids, starts, ends } = this;
    let words = 0;
    let start = -1;
    let h = 0;
    for (let i = 0, len = line.length; i <= len; i++) {
      const c = i < len ? line.charCodeAt(i) : 32;
      // KenLM's word delimiters: space, \t, \n, \v, \f, \r.
      if (c === 32 || (c >= 9 && c <= 13)) {
        if (start >= 0) {
          const id = vocab.findRange(line, start, i, h >>> 0);
          ids[words] = id < 0 ? UNK_ID : id;
          starts[words] = start;
          ends[words++] = i;
          start = -1;
        }
      } else if (start < 0) {
        start = i;
        h = Math.imul(FNV.offset ^ c, FNV.prime);
      } else h = Math.imul(h ^ c, FNV.prime);
    }
    this.line = line;
    this.lineBytes = undefined;
    return this.scoreIds(words);
  }

  /** Sink of `scoreIds`' touching loads (kept so they are not optimised away). */
  private touched = 0;
  /** Words-hash of the n-gram of order k + 2 ending at token i, at `i * (order - 1) + k` (see NgramTable). */
  private hashes = new Int32Array(64);
  /** Backoffs of the state's context words (KenLM's `State::backoff`), current and next. */
  private backoffA = new Float32Array(8);
  private backoffB = new Float32Array(8);

  /**
   * Scores the `words` tokens in `ids` (then `</s>` with sentence context); returns the token count.
   * `ArpaModel.fullScore`'s walk, inlined with the state kept in `ids` (the context words are the
   * tokens before) and two backoff arrays: the same float32 operations in the same order, so the same
   * bits (tested against KenLM's output).
   */
  private scoreIds(words: number): number {
    const model = this.model;
    const ids = this.ids;
    this.wordCount = words;
    const sentenceContext = this.sentenceContext;
    const n = words + (sentenceContext ? 1 : 0);
    if (sentenceContext) ids[words] = model.eosId;
    const tables = model.tables;
    const maxContext = model.order - 1;
    for (let k = 1; k <= maxContext; k++) if (tables[k].probed < tables[k].length) tables[k].ensureProbe();
    const bos = sentenceContext ? model.bosId : -1;
    if (n * maxContext > this.hashes.length) this.hashes = new Int32Array(n * maxContext * 2);
    if (maxContext > this.backoffA.length) {
      this.backoffA = new Float32Array(maxContext);
      this.backoffB = new Float32Array(maxContext);
    }
    const hashes = this.hashes;
    const uni = tables[0].values;
    // First every n-gram's hash, and a read of the first probe slot of its bigram and trigram: each
    // address comes from the words alone (see NgramTable), so these loads do not wait on one another and
    // their cache misses overlap; the walk below, whose every step waits on the one before, then finds
    // those lines in cache (Brown, order 3, in process: ~480 → ~380 ns a token). Not the 4-grams and up:
    // most are missing, and reading them ahead made order 5 slower (~550 → ~630 ns; bigrams only: ~500).
    // JavaScript has no prefetch instruction; a loop of independent loads is one.
    let x = 0;
    for (let i = 0; i < n; i++) {
      let h = ids[i];
      x ^= uni[4 * h + 2];
      for (let k = 0; k < maxContext; k++) {
        const j = i - 1 - k;
        const left = j >= 0 ? ids[j] : j === -1 ? bos : -1;
        if (left < 0) break;
        h = pairHash(h, left);
        hashes[i * maxContext + k] = h;
        if (k < TOUCHED_ORDERS) {
          const t = tables[k + 1];
          x ^= t.probe[4 * (h & t.probeMask)];
        }
      }
    }
    const { lengths, probs, entries } = this;
    let cb = this.backoffA;
    let nb = this.backoffB;
    // The state after <s> (KenLM's BeginSentenceState) or none (NullContextState).
    let ctxLen = 0;
    if (sentenceContext && maxContext > 0) {
      cb[0] = uni[4 * bos + 3];
      ctxLen = 1;
    }
    let total = 0;
    let oovs = 0;
    for (let i = 0; i < n; i++) {
      const word = ids[i];
      let prob = uni[4 * word + 2];
      let matched = 1;
      let node = word;
      if (maxContext > 0) nb[0] = uni[4 * word + 3];
      for (let k = 0; k < ctxLen; k++) {
        const t = tables[k + 1];
        const j = i - 1 - k;
        const left = j >= 0 ? ids[j] : bos;
        const p = t.probe;
        const mask = t.probeMask;
        const key = node + 1;
        let h = hashes[i * maxContext + k] & mask;
        let sl = p[4 * h];
        while (sl !== 0 && (sl !== key || p[4 * h + 1] !== left)) {
          h = (h + 1) & mask;
          sl = p[4 * h];
        }
        if (sl === 0) break;
        node = h;
        matched = k + 2;
        const v = t.probeValues;
        prob = v[4 * h + 2];
        if (matched <= maxContext) nb[k + 1] = v[4 * h + 3];
      }
      // KenLM returns a log10 probability of 0 as -0 (a flag in its sign bit; see fullScore), then adds
      // the backoffs of the contexts longer than the match one at a time in float32.
      if (prob === 0) prob = -0;
      const backedOff = matched - 1 < ctxLen;
      for (let b = matched - 1; b < ctxLen; b++) prob = Math.fround(prob + cb[b]);
      if (word === UNK_ID && i < words) {
        oovs++;
        this.totalOovOnly += prob;
      }
      total = Math.fround(total + prob);
      lengths[i] = matched;
      probs[i] = prob;
      entries[i] = backedOff ? -1 : node;
      ctxLen = matched < maxContext ? matched : maxContext;
      const t = cb;
      cb = nb;
      nb = t;
    }
    this.touched ^= x;
    this.tokens += n;
    this.oovs += oovs;
    this.total += total;
    this.lineTotal = total;
    this.lineOovs = oovs;
    return n;
  }

  /** The surface text of word `i` of the line just scored (`</s>` after the last). */
  private surface(i: number): string {
    if (i >= this.wordCount) return '</s>';
    const id = this.ids[i];
    if (id !== UNK_ID) return this.model.words[id];
    if (this.lineBytes) return this.decoder.decode(this.lineBytes.subarray(this.starts[i], this.ends[i]));
    return this.line.slice(this.starts[i], this.ends[i]);
  }

  /** Scores one line and adds it to the corpus totals. */
  scoreLine(line: string): ScoredLine {
    const n = this.score(line);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(this.surface(i));
    return { words, ids: this.ids.slice(0, n), ngramLengths: this.lengths.slice(0, n), probs: this.probs.slice(0, n), total: this.lineTotal, oovs: this.lineOovs };
  }

  /** Scores one line, adds it to the totals and returns KenLM's output line for it (the `lm query` loop). */
  queryLine(line: string): string {
    const n = this.score(line);
    const { ids, lengths, probs, entries, probText, wordText } = this;
    let s = '';
    for (let i = 0; i < n; i++) {
      // "word=id " is made once per vocabulary word, "length log10p\t" once per n-gram (most words print
      // an n-gram's own probability); only backed-off values and OOV surfaces are formatted each time.
      const id = ids[i];
      let head: string;
      if (id === UNK_ID && i < this.wordCount) head = `${this.surface(i)}=0 `;
      else head = wordText[id] ??= `${this.model.words[id]}=${id} `;
      const e = entries[i];
      let tail: string;
      if (e < 0) tail = `${lengths[i]} ${formatFloat32(probs[i])}\t`;
      else {
        const perOrder = (probText[lengths[i] - 1] ??= []);
        tail = perOrder[e] ??= `${lengths[i]} ${formatFloat32(probs[i])}\t`;
      }
      s += head + tail;
    }
    return `${s}Total: ${formatFloat32(this.lineTotal)} OOV: ${this.lineOovs}\n`;
  }

  // The byte output (`queryBytes`, `queryLines`), one buffer per batch, no string per token: a word
  // read from bytes is copied from its line; others ("</s>", text lines) as "word=id ", UTF-8 encoded
  // once into `arena` on first print (`wordAt`: offset + 1 per word, 0 = not yet). The arena starts
  // over when it passes ARENA_LIMIT, so a long run's memory stays bounded.
  private arena = new Uint8Array(1 << 16);
  private arenaEnd = 0;
  private wordAt: Int32Array | undefined;
  private outBuf = new Uint8Array(1 << 20);
  private outPos = 0;

  /** Appends the UTF-8 bytes of `s` to the arena; returns where they start. */
  private intern(s: string): number {
    const at = this.arenaEnd;
    if (at + 3 * s.length + 1 > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, at + 3 * s.length + 1));
      grown.set(this.arena.subarray(0, at));
      this.arena = grown;
    }
    const { written } = ENCODER.encodeInto(s, this.arena.subarray(at + 1));
    this.arena[at] = written;
    this.arenaEnd = at + 1 + written;
    return at;
  }

  /** Forgets every arena piece (between lines, when the arena has grown past its limit). */
  private resetArena(): void {
    this.arenaEnd = 0;
    this.wordAt?.fill(0);
  }

  /** Makes room for `n` more output bytes. */
  private reserve(n: number): void {
    if (this.outPos + n <= this.outBuf.length) return;
    const grown = new Uint8Array(Math.max(this.outBuf.length * 2, this.outPos + n));
    grown.set(this.outBuf.subarray(0, this.outPos));
    this.outBuf = grown;
  }

  /** Appends `s` (UTF-8) to the output. */
  private putString(s: string): void {
    this.reserve(3 * s.length);
    this.outPos += ENCODER.encodeInto(s, this.outBuf.subarray(this.outPos)).written;
  }

  /**
   * `queryLine` for a batch of lines, as UTF-8 bytes: the same text, built in one buffer (no string
   * per token; `lm query` uses `queryBytes`). The returned view is valid until the next call.
   */
  queryLines(lines: readonly string[]): Uint8Array {
    this.outPos = 0;
    for (const line of lines) this.emit(this.score(line));
    return this.outBuf.subarray(0, this.outPos);
  }

  /**
   * `queryLines` for the lines of `b` (UTF-8, "\n"-separated, "\r" before "\n" dropped, a last line
   * without "\n" counts), as bytes. The returned view is valid until the next call.
   */
  queryBytes(b: Uint8Array): Uint8Array {
    const r = this.viaKernel(b, true);
    if (r !== undefined) {
      // Copied out of the kernel's output area (shared by the model's Query objects) into this query's
      // own buffer, reused from call to call: a new buffer per batch (as before) made ~60 MB of garbage
      // per 5M tokens, which set off major GCs (20 instead of 6 in an order-5 `lm query` of the bench's
      // text ×50; ~0.1-0.2 CPU s of marking).
      const out = r.output!;
      if (out.length > this.outBuf.length) this.outBuf = new Uint8Array(Math.max(out.length, 2 * this.outBuf.length));
      this.outBuf.set(out);
      return this.outBuf.subarray(0, out.length);
    }
    this.outPos = 0;
    forEachLine(b, (s, e) => this.emit(this.scoreBytes(b, s, e)));
    return this.outBuf.subarray(0, this.outPos);
  }

  /** Scores the lines of `b` (as `queryBytes` splits them) into the totals only (`lm ppl`); returns how many. */
  addBytes(b: Uint8Array): number {
    const r = this.viaKernel(b, false);
    if (r !== undefined) return r.lines;
    return forEachLine(b, (s, e) => this.scoreBytes(b, s, e));
  }

  /** Appends the output line of the `n` tokens just scored. */
  private emit(n: number): void {
    const words = this.model.words;
    if (this.arenaEnd > ARENA_LIMIT) this.resetArena();
    const wordAt = (this.wordAt ??= new Int32Array(words.length));
    const { ids, lengths, probs, starts, ends, exact } = this;
    const line = this.lineBytes;
    const wordCount = this.wordCount;
    // Room: a word's bytes (at most MAX_PIECE from the arena, else its own bytes in the line) and a
    // number, per token; longer texts go through putString (own room).
    const lineBytes = line === undefined || wordCount === 0 ? 0 : ends[wordCount - 1] - starts[0];
    this.reserve(n * (MAX_PIECE + 48) + lineBytes);
    // The output position and buffers live in locals through the loop (re-read after anything that may grow them).
    let out = this.outBuf;
    let pos = this.outPos;
    let arena = this.arena;
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      if (line !== undefined && i < wordCount && exact[i] === 1) {
        // "word=id ": the word's own bytes from the input line (in cache, unlike a table of printed
        // words), then the id's digits.
        for (let k = starts[i], e = ends[i]; k < e; k++) out[pos++] = line![k];
        out[pos++] = 61; // '='
        pos = writeUint(id, out, pos);
        out[pos++] = 32;
      } else {
        let at = -1;
        if (id !== UNK_ID || i >= wordCount) {
          at = wordAt[id] - 1;
          if (at < 0) {
            const text = `${words[id]}=${id} `;
            if (3 * text.length <= MAX_PIECE) {
              wordAt[id] = (at = this.intern(text)) + 1;
              arena = this.arena;
            } else {
              this.outPos = pos;
              this.putString(text);
            }
          }
        } else {
          this.outPos = pos;
          this.putString(`${this.surface(i)}=0 `);
        }
        if (at >= 0) {
          for (let k = at + 1, end = at + 1 + arena[at]; k < end; k++) out[pos++] = arena[k];
        } else {
          this.reserve((n - i) * (MAX_PIECE + 48) + lineBytes);
          out = this.outBuf;
          pos = this.outPos;
        }
      }
      // "length log10p\t", the number printed each time: `writeFloat32` (~2 probes of integer
      // arithmetic in doubles) costs less than a cache of printed values did, whose random reads
      // missed the CPU caches (~59k distinct values in Brown's 101k test tokens).
      const len = lengths[i];
      if (len >= 10) pos = writeUint(len, out, pos);
      else out[pos++] = 48 + len;
      out[pos++] = 32;
      pos = writeFloat32(probs[i], out, pos);
      out[pos++] = 9;
    }
    // "Total: t OOV: n\n", written as bytes (a string per line cost as much as a tenth of `lm query`).
    this.outPos = pos;
    this.reserve(64);
    out = this.outBuf;
    for (let k = 0; k < TOTAL.length; k++) out[pos++] = TOTAL[k];
    pos = writeFloat32(this.lineTotal, out, pos);
    for (let k = 0; k < OOV.length; k++) out[pos++] = OOV[k];
    pos = writeUint(this.lineOovs, out, pos);
    out[pos++] = 10;
    this.outPos = pos;
  }

  /** Scores one line and adds it to the totals only (the `lm ppl` loop). */
  addLine(line: string): void {
    this.score(line);
  }

  /** KenLM's output line for `scored`: `word=id length log10p<TAB>…Total: t OOV: n`. */
  static formatLine(scored: ScoredLine): string {
    let s = '';
    for (let i = 0; i < scored.words.length; i++) {
      s += `${scored.words[i]}=${scored.ids[i]} ${scored.ngramLengths[i]} ${formatFloat32(scored.probs[i])}\t`;
    }
    return `${s}Total: ${formatFloat32(scored.total)} OOV: ${scored.oovs}\n`;
  }

  /** The corpus totals so far. */
  summary(): QuerySummary {
    return {
      perplexity: Math.pow(10, -(this.total / this.tokens)),
      perplexityExcludingOovs: Math.pow(10, -((this.total - this.totalOovOnly) / (this.tokens - this.oovs))),
      oovs: this.oovs,
      tokens: this.tokens,
      logProb: this.total,
    };
  }

  /** KenLM's four summary lines. */
  static formatSummary(s: QuerySummary): string {
    return (
      `Perplexity including OOVs:\t${formatDouble(s.perplexity)}\n` +
      `Perplexity excluding OOVs:\t${formatDouble(s.perplexityExcludingOovs)}\n` +
      `OOVs:\t${s.oovs}\nTokens:\t${s.tokens}\n`
    );
  }
}
