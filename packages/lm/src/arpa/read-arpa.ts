/**
 * Reading ARPA files into an `ArpaModel`, streamed (plain or gzip), with KenLM's rules (lm/read_arpa.cc):
 * comment lines ("#…") and blank lines may precede `\data\`; the header's counts must match the
 * sections; every word of a longer n-gram must be a unigram and its context and suffix must be
 * n-grams; `<unk>` is added with log10 p = -100 when missing; `<s>` and `</s>` are required. Any
 * violation is an `ArpaFormatError` naming the file, line and reason. A model of some size is read into a
 * `WasmArena` (tables sized from the header's counts) and its n-gram lines through the WebAssembly kernel
 * (read-kernel.ts), which leaves any line it does not take, errors included, to the code here.
 */
import type { Readable } from 'node:stream';
import { ArpaFormatError } from '../errors.js';
import { ArpaModel, MISSING_UNK_LOG10PROB, UNK_ID } from './arpa-model.js';
import { NgramTable } from './ngram-table.js';
import { pairHash } from './pair-hash.js';
import { parseDecimalBytes, parseDecimalRange } from './fast-number.js';
import { openMaybeGzip } from './text-lines.js';
import { ByteVocab, FNV, VocabIndex } from './vocab-index.js';
import { WasmArena } from './wasm-arena.js';
import { ReadKernel } from './read-kernel.js';

/**
 * Models whose tables take at least `arenaMinBytes` are read into a `WasmArena` and their n-gram lines
 * through the kernel (smaller ones are copied into one on first scoring). Tests set it to 0 or Infinity
 * to run either path.
 */
export const readTuning = { arenaMinBytes: 4 << 20 };

/** Reads the ARPA file at `path` (gzip or plain). */
export async function readArpa(path: string): Promise<ArpaModel> {
  return readArpaStream(await openMaybeGzip(path), path);
}

/** Reads an ARPA model from a byte stream; `name` is used in error messages. */
export async function readArpaStream(stream: Readable | AsyncIterable<Uint8Array | string>, name = '<stream>'): Promise<ArpaModel> {
  // Bytes, not decoded lines: n-gram lines (nearly all of a file) are read straight from the chunk
  // (`entryBytes`); the rest is decoded line by line. Brown order 3 (1.3M lines): 1.84 → 1.40 CPU s, order 5: 7.2 → 5.6 s.
  const parser = new ArpaParser(name);
  let carry: Buffer | undefined;
  for await (const chunk of stream) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (carry) buf = Buffer.concat([carry, buf]);
    const last = buf.lastIndexOf(10);
    if (last < 0) {
      carry = buf;
      continue;
    }
    parser.bytes(buf, last + 1);
    carry = last + 1 < buf.length ? buf.subarray(last + 1) : undefined;
  }
  if (carry) parser.bytes(carry, carry.length);
  return parser.finish();
}

/** Parses ARPA text held in memory (tests, small models). */
export function parseArpa(text: string, name = '<string>'): ArpaModel {
  const parser = new ArpaParser(name);
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  parser.lines(lines);
  return parser.finish();
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const SPACES = /[ \t]+/;

type Phase = 'preamble' | 'counts' | 'between' | 'section' | 'end' | 'done';

/** A push parser: feed it lines in order, then call `finish`. */
class ArpaParser {
  private phase: Phase = 'preamble';
  private lineNo = 0;
  private counts: number[] = [];
  /** Order of the section being read (after its `\n-grams:` line). */
  private n = 0;
  private seen = 0;
  private tables: NgramTable[] = [];
  /** Where the tables go (see `startSection`), or undefined for plain typed arrays. */
  private arena: WasmArena | undefined;
  /** The n-gram lines' WebAssembly path (with an arena), and the section whose table it has. */
  private kernel: ReadKernel | undefined;
  private kernelSection = 0;
  private words: string[] = ['<unk>'];
  private ids = new Map<string, number>();
  private unkSeen = false;
  /** The vocabulary for the n-gram sections, built when the unigrams end. */
  private vocab = new VocabIndex();
  private unigramProb: number[] = [MISSING_UNK_LOG10PROB];
  private unigramBackoff: number[] = [-0];
  private readonly scratch: number[] = [];
  /** The previous n-gram's ids and suffix key (its probe slot + 1; word id + 1 for bigrams; reset per section). */
  private readonly prevIds: number[] = [];
  private prevSuffix = -1;
  private prevMiddle = -1;
  /** Words-hashes of the previous suffix and middle (see NgramTable). */
  private prevSuffixHash = 0;
  private prevMiddleHash = 0;

  constructor(private readonly file: string) {}

  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** Word → id over UTF-8 bytes, made when the unigrams end. */
  private byteVocab: ByteVocab | undefined;
  private unigramsDone = false;

  /** The lines of `buf[0..end)` ("\n"-separated; a last line without "\n" counts; "\r" before "\n" dropped). */
  bytes(buf: Buffer, end: number): void {
    // Runs of n-gram lines go through the kernel (see ReadKernel) when there is one; the line it stops
    // at, and every other line, through the code below.
    let base = -1;
    for (let s = 0; s < end; ) {
      const kernel = this.kernel;
      if (kernel !== undefined && this.phase === 'section' && this.n > 1) {
        const table = this.tables[this.n - 1];
        if (this.kernelSection !== this.n && kernel.addTable(table)) this.kernelSection = this.n;
        if (this.kernelSection === this.n) {
          if (base < 0) base = kernel.load(buf, end);
          const { stop, read } = kernel.lines(table, this.counts[this.n - 1], this.seen, base + s, base + end);
          if (read > 0) {
            this.seen += read;
            this.lineNo += read;
            this.prevSuffix = -1; // the previous line was the kernel's
          }
          s = stop - base;
          if (s >= end) break;
        }
      }
      let e = buf.indexOf(10, s);
      if (e < 0 || e > end) e = end;
      const le = e > s && buf[e - 1] === 13 ? e - 1 : e;
      this.lineNo++;
      if (this.phase !== 'section' || this.n === 1 || !this.entryBytes(buf, s, le)) this.line(this.decoder.decode(buf.subarray(s, le)));
      s = e + 1;
    }
  }

  lines(lines: readonly string[]): void {
    for (const line of lines) {
      this.lineNo++;
      this.line(line);
    }
  }

  private fail(reason: string, line = this.lineNo): never {
    throw new ArpaFormatError(this.file, line, reason);
  }

  private line(line: string): void {
    const blank = line.trim().length === 0;
    switch (this.phase) {
      case 'preamble':
        if (blank || line.startsWith('#')) return;
        if (line.trim() !== '\\data\\') {
          if (line.charCodeAt(0) === 0x1f) this.fail('looks like a corrupt gzip file');
          this.fail(`expected the \\data\\ header, found ${JSON.stringify(clip(line))}`);
        }
        this.phase = 'counts';
        return;
      case 'counts': {
        if (blank) {
          if (this.counts.length > 0) this.phase = 'between';
          return;
        }
        const m = /^ngram\s+(\d+)\s*=\s*(\d+)\s*$/.exec(line);
        if (!m) {
          if (line.startsWith('\\') && this.counts.length > 0) {
            this.phase = 'between';
            this.line(line);
            return;
          }
          this.fail(`bad header line ${JSON.stringify(clip(line))}: expected "ngram N=count"`);
        }
        const n = Number(m[1]);
        if (n !== this.counts.length + 1) this.fail(`header orders must be consecutive from 1: expected "ngram ${this.counts.length + 1}=…", found "ngram ${n}=…"`);
        this.counts.push(Number(m[2]));
        return;
      }
      case 'between':
      case 'end': {
        if (blank) return;
        const t = line.trim();
        if (this.phase === 'end') {
          if (t !== '\\end\\') this.fail(`expected \\end\\ after the ${this.counts.length}-grams, found ${JSON.stringify(clip(line))}`);
          this.phase = 'done';
          return;
        }
        const want = this.n + 1;
        if (t !== `\\${want}-grams:`) {
          if (t === '\\end\\') this.fail(`\\end\\ before the ${want}-grams section the header announces (ngram ${want}=${this.counts[want - 1]})`);
          this.fail(`expected the section header \\${want}-grams:, found ${JSON.stringify(clip(line))}`);
        }
        this.startSection(want);
        return;
      }
      case 'section':
        if (blank || line.startsWith('\\')) {
          this.endSection();
          this.line(line);
          return;
        }
        if (this.n === 1 || !this.entryFast(line)) this.entry(line);
        return;
      case 'done':
        if (!blank) this.fail(`text after \\end\\: ${JSON.stringify(clip(line))}`);
        return;
    }
  }

  private startSection(n: number): void {
    if (n === 1 && this.counts.some((c, i) => c === 0 && i === 0)) this.fail('the header announces no unigrams');
    this.n = n;
    this.seen = 0;
    this.prevSuffix = -1;
    this.phase = 'section';
    if (n === 1) {
      // The tables' sizes follow from the header: unigram records (one spare for a missing <unk>) and
      // each order's probe (NgramTable: a power of two, at least twice the entries, 16 bytes a slot).
      let bytes = (this.counts[0] + 1) * 16;
      for (let k = 1; k < this.counts.length; k++) {
        let slots = 2;
        while (slots < this.counts[k] * 2) slots *= 2;
        bytes += slots * 16 + 64;
      }
      // The vocabulary and the kernel's scratch come on top (score-kernel.ts).
      if (bytes >= readTuning.arenaMinBytes) this.arena = WasmArena.create(bytes + this.counts[0] * 48 + (8 << 20));
    }
    if (n > 1) this.tables.push(new NgramTable(n, this.counts[n - 1], this.tables[n - 2], this.arena));
  }

  private endSection(): void {
    const n = this.n;
    if (this.seen !== this.counts[n - 1]) {
      this.fail(`the header says ngram ${n}=${this.counts[n - 1]} but the ${n}-grams section has ${this.seen} entries`);
    }
    if (n === 1) this.finishUnigrams();
    this.phase = n === this.counts.length ? 'end' : 'between';
  }

  private entry(line: string): void {
    const n = this.n;
    // Fast path for the usual layout "prob<TAB>w1 w2 …[<TAB>backoff]"; anything else goes through the general split.
    let fields = line.split('\t');
    if ((fields.length === 2 || fields.length === 3) && n > 1) {
      const words = fields[1].split(' ');
      if (words.length === n && !words.includes('') && fields[0] !== '' && (fields.length === 2 || fields[2] !== '')) {
        if (fields.length === 3) words.push(fields[2]);
        words.unshift(fields[0]);
        fields = words;
      } else fields = line.trim().split(SPACES);
    } else if (!(n === 1 && (fields.length === 2 || fields.length === 3) && fields[0] !== '' && fields[1] !== '' && fields[1].indexOf(' ') < 0 && fields[fields.length - 1] !== '')) {
      fields = line.trim().split(SPACES);
    }
    const highest = n === this.counts.length;
    if (fields.length !== n + 1 && fields.length !== n + 2) {
      this.fail(`a ${n}-gram line needs a log10 probability, ${n} word${n > 1 ? 's' : ''} and ${highest ? 'no backoff' : 'an optional backoff'}; found ${fields.length} fields`);
    }
    if (this.seen >= this.counts[n - 1]) this.fail(`more ${n}-grams than the header's ngram ${n}=${this.counts[n - 1]}`);
    const prob = this.number(fields[0], 'log10 probability');
    // A zero (or absent) backoff is -0 until a longer n-gram shows this one is a context (then +0), as
    // KenLM marks it (lm/blank.hh); the sign decides whether a score of 0 prints as "0" or "-0".
    let backoff = -0;
    if (fields.length === n + 2) {
      backoff = this.number(fields[n + 1], 'backoff');
      if (backoff === 0) backoff = -0;
      if (highest && backoff !== 0) this.fail(`non-zero backoff ${fields[n + 1]} on a ${n}-gram of the highest order`);
      if (!Number.isFinite(backoff)) this.fail(`backoff ${fields[n + 1]} is not finite`);
    }
    this.seen++;
    // KenLM maps positive log probabilities (an IRSTLM bug) to 0 when told to; by default it refuses them.
    if (prob > 0) this.fail(`positive log10 probability ${fields[0]}`);
    if (n === 1) {
      this.unigram(fields[1], prob, backoff);
      return;
    }
    const ids = this.scratch;
    for (let i = 0; i < n; i++) {
      const w = fields[i + 1];
      const id = this.ids.get(w);
      if (id === undefined) this.fail(`word ${JSON.stringify(w)} of this ${n}-gram is not in the unigrams`);
      ids[i] = id;
    }
    if (!this.addNgram(ids, prob, backoff)) this.duplicate(fields.slice(1, n + 1).join(' '));
  }

  /**
   * Adds the n-gram `ids` (order `this.n`) after checking its suffix and context exist; false when it is
   * a duplicate (the caller names the line). Everything happens in the tables' `probe` hashes, the
   * scorer's structure, filled here in one pass (`insertSlot`): an n-gram's key is its suffix's slot in
   * the order below, so the suffix is looked up slot by slot as the scorer does (KenLM's reader, too,
   * inserts into its final probing table directly).
   */
  private addNgram(ids: number[], prob: number, backoff: number): boolean {
    const n = this.n;
    const tables = this.tables;
    // Suffix w2..wn: walk from the right; every step must exist (pruned SRILM models leave holes, KenLM
    // fills them with "blank" entries; we ask for a complete model instead). A suffix equal to the
    // previous line's is reused (ARPA files are sorted, so this skips most lookups).
    const prevIds = this.prevIds;
    let sameSuffix = this.prevSuffix >= 0;
    for (let i = 1; i < n && sameSuffix; i++) sameSuffix = prevIds[i] === ids[i];
    // Lookups take the words-hash of their n-gram, folded here from the ids (see NgramTable), so no
    // probe's address waits on a lower table's slot. Keys are slot + 1 (word id + 1 for unigrams).
    if (!sameSuffix) {
      let key = ids[n - 1] + 1;
      let h = ids[n - 1];
      for (let m = 2; m < n; m++) {
        h = pairHash(h, ids[n - m]);
        const slot = tables[m - 1].findSlot(h, key, ids[n - m]);
        if (slot < 0) this.fail(`the suffix ${JSON.stringify(ids.slice(n - m, n).map((i) => this.words[i]).join(' '))} of this ${n}-gram is not in the ${m}-grams`);
        key = slot + 1;
      }
      this.prevSuffix = key;
      this.prevSuffixHash = h;
      // The middle w2..w(n-1) (an (n-2)-gram), shared by the lines with this suffix: the context is
      // then one lookup away. -1 when it is missing (then so is the context).
      let middle = n >= 3 ? ids[n - 2] + 1 : -1;
      let mh = n >= 3 ? ids[n - 2] : 0;
      for (let m = 2; m <= n - 2 && middle >= 0; m++) {
        mh = pairHash(mh, ids[n - 1 - m]);
        const slot = tables[m - 1].findSlot(mh, middle, ids[n - 1 - m]);
        middle = slot < 0 ? -1 : slot + 1;
      }
      this.prevMiddle = middle;
      this.prevMiddleHash = mh;
    }
    for (let i = 1; i < n; i++) prevIds[i] = ids[i];
    // Context w1..w(n-1) must exist too (KenLM: "The context of every n-gram should appear as a
    // (n-1)-gram"); its zero backoff becomes +0 (see `entry`).
    if (n === 2) {
      const uni = tables[0];
      if (uni.backoff(ids[0]) === 0) uni.setBackoff(ids[0], 0);
    } else {
      const ct = tables[n - 2];
      const context = this.prevMiddle < 0 ? -1 : ct.findSlot(pairHash(this.prevMiddleHash, ids[0]), this.prevMiddle, ids[0]);
      if (context < 0) this.fail(`the context ${JSON.stringify(ids.slice(0, n - 1).map((i) => this.words[i]).join(' '))} of this ${n}-gram is not in the ${n - 1}-grams`);
      const v = ct.probeValues;
      if (v[4 * context + 3] === 0) v[4 * context + 3] = 0;
    }
    return tables[n - 1].insertSlot(pairHash(this.prevSuffixHash, ids[0]), this.prevSuffix, ids[0], prob, backoff) >= 0;
  }

  /**
   * The usual n-gram line, "prob<TAB>w1 w2 … wn[<TAB>backoff]", read in one scan without substrings.
   * Returns false (having changed nothing) for anything else, which `entry` then reads or reports.
   */
  private entryFast(line: string): boolean {
    const n = this.n;
    const tab1 = line.indexOf('\t');
    if (tab1 <= 0 || this.seen >= this.counts[n - 1]) return false;
    const tab2 = line.indexOf('\t', tab1 + 1);
    if (tab2 >= 0 && (tab2 === line.length - 1 || line.indexOf('\t', tab2 + 1) >= 0)) return false;
    const wordsEnd = tab2 < 0 ? line.length : tab2;
    const prob = Math.fround(parseDecimalRange(line, 0, tab1));
    if (!(prob <= 0)) return false;
    let backoff = -0;
    if (tab2 >= 0) {
      backoff = Math.fround(parseDecimalRange(line, tab2 + 1, line.length));
      if (!Number.isFinite(backoff) || (n === this.counts.length && backoff !== 0)) return false;
      if (backoff === 0) backoff = -0;
    }
    const ids = this.scratch;
    let k = 0;
    let start = tab1 + 1;
    let h: number = FNV.offset;
    for (let i = start; i <= wordsEnd; i++) {
      const c = i < wordsEnd ? line.charCodeAt(i) : 32;
      if (c === 32) {
        if (i === start || k >= n) return false;
        const id = this.vocab.findRange(line, start, i, h >>> 0);
        if (id < 0) return false;
        ids[k++] = id;
        start = i + 1;
        h = FNV.offset;
      } else if (c === 9 || c === 13) return false;
      else h = Math.imul(h ^ c, FNV.prime);
    }
    if (k !== n) return false;
    this.seen++;
    if (!this.addNgram(ids, prob, backoff)) this.duplicate(line);
    return true;
  }

  /** `entryFast` over the bytes `b[start..end)` of a line: the same rules, the same result, no string. */
  private entryBytes(b: Buffer, start: number, end: number): boolean {
    const n = this.n;
    if (this.n === 0 || this.phase !== 'section' || !this.unigramsDone || this.seen >= this.counts[n - 1]) return false;
    // Made on first use: with the kernel, only lines it declines come here.
    const vocab = (this.byteVocab ??= new ByteVocab(this.words));
    let tab1 = start;
    while (tab1 < end && b[tab1] !== 9) tab1++;
    if (tab1 === start || tab1 === end) return false;
    const prob = Math.fround(parseDecimalBytes(b, start, tab1));
    if (!(prob <= 0)) return false;
    const ids = this.scratch;
    let k = 0;
    let ws = tab1 + 1;
    let h: number = FNV.offset;
    let i = ws;
    for (; i <= end; i++) {
      const c = i < end ? b[i] : 9;
      if (c === 32 || c === 9) {
        if (i === ws || k >= n) return false;
        const id = vocab.find(b, ws, i, h >>> 0);
        if (id < 0) return false;
        ids[k++] = id;
        ws = i + 1;
        h = FNV.offset;
        if (c === 9) break;
      } else if (c === 13) return false;
      else h = Math.imul(h ^ c, FNV.prime);
    }
    if (k !== n) return false;
    let backoff = -0;
    if (i < end) {
      // i is the second tab: a backoff must follow, with no third tab.
      if (i === end - 1) return false;
      for (let j = i + 1; j < end; j++) if (b[j] === 9) return false;
      backoff = Math.fround(parseDecimalBytes(b, i + 1, end));
      if (!Number.isFinite(backoff) || (n === this.counts.length && backoff !== 0)) return false;
      if (backoff === 0) backoff = -0;
    }
    this.seen++;
    if (!this.addNgram(ids, prob, backoff)) this.duplicate(this.decoder.decode(b.subarray(start, end)));
    return true;
  }

  /** Reports the n-gram of `text` (a line, or its words) as a duplicate. */
  private duplicate(text: string): never {
    this.fail(`duplicate ${this.n}-gram ${JSON.stringify(text.includes('\t') ? text.split('\t')[1] : text)}`);
  }

  private unigram(word: string, prob: number, backoff: number): void {
    if (word === '<unk>') {
      if (this.unkSeen) this.fail('duplicate unigram "<unk>"');
      this.unkSeen = true;
      this.unigramProb[UNK_ID] = prob;
      this.unigramBackoff[UNK_ID] = backoff;
      this.ids.set(word, UNK_ID);
      return;
    }
    if (this.ids.has(word)) this.fail(`duplicate unigram ${JSON.stringify(word)}`);
    this.ids.set(word, this.words.length);
    this.words.push(word);
    this.unigramProb.push(prob);
    this.unigramBackoff.push(backoff);
  }

  private finishUnigrams(): void {
    if (!this.unkSeen) this.ids.set('<unk>', UNK_ID);
    for (const w of ['<s>', '</s>']) if (!this.ids.has(w)) this.fail(`the unigrams lack ${w}, which every sentence-scoring model needs`);
    for (const w of this.words) this.vocab.add(w);
    this.unigramsDone = true;
    const t = new NgramTable(1, this.words.length, undefined, this.arena);
    for (let i = 0; i < this.words.length; i++) t.add(0, i, this.unigramProb[i], this.unigramBackoff[i]);
    this.tables.push(t);
    if (this.arena !== undefined && this.counts.length > 1) this.kernel = ReadKernel.create(this.arena, this.words, t, this.counts.length);
  }

  private number(text: string, field: string): number {
    // Number() alone would also take "0x1f", "Infinity" and "": the pattern keeps ARPA's decimal forms.
    if (NUMBER.test(text)) return Math.fround(Number(text));
    if (/^-inf(inity)?$/i.test(text)) return -Infinity;
    return this.fail(`${field} ${JSON.stringify(clip(text))} is not a number`);
  }

  finish(): ArpaModel {
    if (this.phase === 'section') this.endSection();
    if (this.phase === 'preamble') this.fail('no \\data\\ header: empty or not an ARPA file', this.lineNo + 1);
    if (this.phase === 'counts' && this.counts.length === 0) this.fail('the \\data\\ header has no "ngram N=count" lines', this.lineNo + 1);
    if (this.phase !== 'done') this.fail('missing \\end\\: the file ends early', this.lineNo + 1);
    return new ArpaModel(this.words, this.tables, this.ids.get('<s>')!, this.ids.get('</s>')!, this.vocab.size === this.words.length ? this.vocab : undefined);
  }
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
