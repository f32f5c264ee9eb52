/**
 * Words straight from UTF-8 bytes: the tokenising scan and the word → id table of the byte paths
 * (`countNgramsFromBytes`, `NgramModel.perplexityOfText`). No string is made per token: the scan finds each
 * word's end, reads its first 8 bytes as two int32s, hashes them (plus any further bytes) and probes an
 * open-addressing table whose 16-byte slots hold the id, the hash's top bits with the length, and those 8 bytes,
 * so most words are confirmed within their slot. A string → id lookup (`WordIndex` over UTF-16 units, or a
 * `Map`) cost 60–160 ns per token on Brown; this one ~40–60 ns scan included, under the same load. Strings are
 * made once per distinct word.
 *
 * Tokens are what `countNgramsFromFiles` makes of a line (`line.trim().split(/\s+/)`): lines end at `\n`, and
 * words are split on JavaScript's `\s` (ASCII \t \n \v \f \r and space, and U+00A0, U+1680, U+2000–U+200A,
 * U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF in UTF-8), so a trailing `\r` is dropped as it is there.
 */

import { isUtf8 } from 'node:buffer';
import { CorpusError } from '../errors.js';
import { keepShape } from './keep-shapes.js';

/** Byte length of a whitespace character starting at `b[i]` (JavaScript's `\s`), or 0 when `b[i]` starts a word. */
export function spaceAt(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13) ? 1 : 0;
  if (c === 0xc2) return i + 1 < end && b[i + 1] === 0xa0 ? 2 : 0;
  if (c < 0xe1 || c > 0xef || i + 2 >= end) return 0;
  const c1 = b[i + 1];
  const c2 = b[i + 2];
  switch (c) {
    case 0xe1:
      return c1 === 0x9a && c2 === 0x80 ? 3 : 0;
    case 0xe2:
      if (c1 === 0x80) return c2 <= 0x8a || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf ? 3 : 0;
      return c1 === 0x81 && c2 === 0x9f ? 3 : 0;
    case 0xe3:
      return c1 === 0x80 && c2 === 0x80 ? 3 : 0;
    case 0xef:
      return c1 === 0xbb && c2 === 0xbf ? 3 : 0;
    default:
      return 0;
  }
}

const FNV_PRIME = 0x01000193;

/**
 * The hash of the word `b[start..end)` from its first 8 bytes `lo`, `hi` (`headBytes`) and length, then FNV-1a
 * steps over any bytes past 8, and murmur3's finalizer (the low bits pick the slot). Most words need no
 * per-byte hashing at all.
 */
export function hashWord(b: Uint8Array, start: number, end: number, lo: number, hi: number): number {
  let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi ^ (end - start), 0x85ebca77);
  for (let k = start + 8; k < end; k++) h = Math.imul(h ^ b[k], FNV_PRIME);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Bytes `start + from .. start + from + 4` of the word `b[start..end)` as a little-endian int32, zero past its end. */
export function headBytes(b: Uint8Array, start: number, end: number, from: number): number {
  let x = 0;
  for (let k = 0; k < 4 && start + from + k < end; k++) x |= b[start + from + k] << (8 * k);
  return x;
}

/** The low `k` bytes of an int32 kept (k >= 4: all). */
const LOW_BYTES = Int32Array.from([0, 0xff, 0xffff, 0xffffff, -1, -1, -1, -1, -1]);

/** A slot's tag: the hash's high 24 bits and the byte length (255: 255 or more). */
const tagOf = (h: number, len: number): number => (h & ~0xff) | (len < 255 ? len : 255);

/**
 * UTF-8 word bytes → dense ids (insertion order), the bytes kept in one arena. A slot is [id + 1 (0 = empty),
 * tag, first 4 bytes, next 4 bytes]; the tag is the hash's high 24 bits and the byte length (255: 255 or more),
 * so a word of up to 8 bytes (most tokens) is confirmed within its slot, one cache line, and only longer words
 * read the arena.
 */
export class ByteWordIndex {
  private slots: Int32Array;
  private mask: number;
  private arena: Uint8Array;
  private arenaLen = 0;
  /** Arena offset of each id's bytes (length: `offsets[id + 1] - offsets[id]`). */
  private offsets: Uint32Array;
  private n = 0;

  constructor(expected = 1024) {
    let cap = 64;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap * 4);
    this.mask = cap - 1;
    this.arena = new Uint8Array(Math.max(1024, expected * 8));
    this.offsets = new Uint32Array(Math.max(64, expected) + 1);
  }

  get size(): number {
    return this.n;
  }

  /**
   * An index over tables built elsewhere exactly as `add` builds them (count-kernel.wat's scan): the slots
   * (4 int32 each, a power of two of them), the words' bytes and their `n + 1` offsets; the arrays are kept.
   */
  static fromTables(slots: Int32Array, arena: Uint8Array, offsets: Uint32Array, n: number): ByteWordIndex {
    const index = new ByteWordIndex(1);
    index.slots = slots;
    index.mask = slots.length / 4 - 1;
    index.arena = arena;
    index.arenaLen = arena.length;
    index.offsets = offsets;
    index.n = n;
    return index;
  }

  /**
   * The id of the word `b[start..end)`, adding it if new; `lo`/`hi` are its first 8 bytes little-endian,
   * zero-padded (`headBytes`), `h` its `hashWord`.
   */
  add(b: Uint8Array, start: number, end: number, h: number, lo: number, hi: number): number {
    const tag = tagOf(h, end - start);
    const p = this.slotOf(b, start, end, h, tag, lo, hi);
    const s = this.slots[4 * p];
    return s !== 0 ? s - 1 : this.insert(p, b, start, end, tag, lo, hi);
  }

  /** The id of the word `b[start..end)` (`h`, `lo`, `hi` as for `add`), or -1. */
  find(b: Uint8Array, start: number, end: number, h: number, lo: number, hi: number): number {
    return this.slots[4 * this.slotOf(b, start, end, h, tagOf(h, end - start), lo, hi)] - 1;
  }

  /** The slot holding the word `b[start..end)`, or the empty slot where it would go (linear probing). */
  private slotOf(b: Uint8Array, start: number, end: number, h: number, tag: number, lo: number, hi: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const len = end - start;
    let p = h & mask;
    for (;;) {
      const s = slots[4 * p];
      if (s === 0) return p;
      if (slots[4 * p + 1] === tag && slots[4 * p + 2] === lo && slots[4 * p + 3] === hi && (len <= 8 || this.sameTail(s - 1, b, start, len))) {
        return p;
      }
      p = (p + 1) & mask;
    }
  }

  /**
   * Adds `words` in order (ids from `size` on; none may be present already or repeated), encoded to UTF-8 in one
   * buffer rather than one per word.
   */
  addAll(words: readonly string[]): void {
    const b = Buffer.from(words.join('\n'), 'utf8');
    let s = 0;
    for (let i = 0; i < words.length; i++) {
      let e = b.indexOf(10, s);
      if (e < 0) e = b.length;
      // A word containing '\n' (only possible for words not read from text) is added on its own.
      if (words[i].includes('\n')) {
        this.addString(words[i]);
        s += Buffer.byteLength(words[i], 'utf8') + 1;
        continue;
      }
      const lo = headBytes(b, s, e, 0);
      const hi = headBytes(b, s, e, 4);
      this.add(b, s, e, hashWord(b, s, e, lo, hi), lo, hi);
      s = e + 1;
    }
  }

  /** The id of `word` (its UTF-8 bytes), adding it if new. */
  addString(word: string): number {
    const b = Buffer.from(word, 'utf8');
    const lo = headBytes(b, 0, b.length, 0);
    const hi = headBytes(b, 0, b.length, 4);
    return this.add(b, 0, b.length, hashWord(b, 0, b.length, lo, hi), lo, hi);
  }

  /** The id of `word`, or -1. */
  findString(word: string): number {
    const b = Buffer.from(word, 'utf8');
    const lo = headBytes(b, 0, b.length, 0);
    const hi = headBytes(b, 0, b.length, 4);
    return this.find(b, 0, b.length, hashWord(b, 0, b.length, lo, hi), lo, hi);
  }

  /**
   * The index's tables as they are (views, not copies), for scan-kernel.ts to copy and probe as `find` does: the
   * slots, the mask, the words' bytes id after id and where each starts (`offsets[size]` is the end).
   */
  tables(): { slots: Int32Array; mask: number; bytes: Uint8Array; offsets: Uint32Array } {
    return { slots: this.slots, mask: this.mask, bytes: this.arena.subarray(0, this.arenaLen), offsets: this.offsets.subarray(0, this.n + 1) };
  }

  /** The word of `id`, decoded from its bytes. */
  word(id: number): string {
    return Buffer.from(this.arena.buffer, this.arena.byteOffset, this.arenaLen).toString('utf8', this.offsets[id], this.offsets[id + 1]);
  }

  /**
   * Every word, by id: the arena decoded once and cut at the words' offsets (UTF-16 offsets counted from the
   * bytes), not one decode per word (~100 ns each over Brown's 56k words).
   */
  words(): string[] {
    const arena = this.arena;
    const n = this.n;
    const offsets = this.offsets;
    const all = Buffer.from(arena.buffer, arena.byteOffset, this.arenaLen).toString('utf8');
    const out = new Array<string>(n);
    if (all.length === this.arenaLen) {
      // All ASCII: byte offsets are UTF-16 offsets.
      for (let id = 0; id < n; id++) out[id] = all.substring(offsets[id], offsets[id + 1]);
      return out;
    }
    // A code point starts at each byte that is not a continuation byte; 4-byte ones take two UTF-16 units.
    let u = 0;
    let at = 0;
    for (let id = 0; id < n; id++) {
      const from = u;
      const end = offsets[id + 1];
      for (; at < end; at++) {
        const c = arena[at];
        if ((c & 0xc0) !== 0x80) u += c >= 0xf0 ? 2 : 1;
      }
      out[id] = all.substring(from, u);
    }
    return out;
  }

  /**
   * Every id, ordered by its word's bytes: UTF-8 byte order is code-point order, Python's string order, so
   * this is `NgramVocabulary`'s id order without decoding or comparing strings. An MSD radix sort, 8 bytes a
   * level (an LSD radix sort of two big-endian ints), small groups by byte comparison.
   */
  sortedIds(): Uint32Array {
    const all = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) all[i] = i;
    this.sortLevel(all, 0);
    return all;
  }

  /** Sorts `ids` in place by their words' bytes from `depth` on (typed arrays: no garbage per word). */
  private sortLevel(ids: Uint32Array, depth: number): void {
    const n = ids.length;
    const { arena, offsets } = this;
    if (n <= 16 || depth >= 64) {
      ids.sort((a, b) => this.compareFrom(a, b, depth));
      return;
    }
    // Keys: bytes depth..depth+8 as two big-endian uint32s (missing bytes count as 0: a word that ends here
    // sorts before the longer ones; ties go to the next level).
    let hi = new Uint32Array(n);
    let lo = new Uint32Array(n);
    let pos = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const at = offsets[ids[i]] + depth;
      const end = offsets[ids[i] + 1];
      let h = 0;
      let l = 0;
      for (let k = 0; k < 4; k++) h = (h << 8) | (at + k < end ? arena[at + k] : 0);
      for (let k = 4; k < 8; k++) l = (l << 8) | (at + k < end ? arena[at + k] : 0);
      hi[i] = h >>> 0;
      lo[i] = l >>> 0;
      pos[i] = i;
    }
    let hi2 = new Uint32Array(n);
    let lo2 = new Uint32Array(n);
    let pos2 = new Uint32Array(n);
    const count = new Int32Array(256);
    for (let pass = 0; pass < 8; pass++) {
      const key = pass < 4 ? lo : hi;
      const shift = 8 * (pass & 3);
      count.fill(0);
      for (let i = 0; i < n; i++) count[(key[i] >>> shift) & 255]++;
      if (count[(key[0] >>> shift) & 255] === n) continue;
      for (let b = 0, sum = 0; b < 256; b++) {
        const c = count[b];
        count[b] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const at = count[(key[i] >>> shift) & 255]++;
        hi2[at] = hi[i];
        lo2[at] = lo[i];
        pos2[at] = pos[i];
      }
      [hi, hi2] = [hi2, hi];
      [lo, lo2] = [lo2, lo];
      [pos, pos2] = [pos2, pos];
    }
    // The ids in key order (through hi2, free now), then each group of equal keys by the next 8 bytes.
    const out = hi2;
    for (let i = 0; i < n; i++) out[i] = ids[pos[i]];
    ids.set(out);
    for (let i = 0; i < n; ) {
      let j = i + 1;
      while (j < n && hi[j] === hi[i] && lo[j] === lo[i]) j++;
      if (j - i > 1) this.sortLevel(ids.subarray(i, j), depth + 8);
      i = j;
    }
  }

  /** Byte order of words `a` and `b`, whose first `depth` bytes are equal (a prefix sorts first). */
  private compareFrom(a: number, b: number, depth: number): number {
    const { arena, offsets } = this;
    const sa = offsets[a] + depth;
    const ea = offsets[a + 1];
    const sb = offsets[b] + depth;
    const eb = offsets[b + 1];
    const n = Math.min(ea - sa, eb - sb);
    for (let k = 0; k < n; k++) {
      const d = arena[sa + k] - arena[sb + k];
      if (d !== 0) return d;
    }
    return ea - sa - (eb - sb);
  }

  /** Whether bytes 8.. of word `id` (whose length is `len`) equal `b[start + 8..start + len)`. */
  private sameTail(id: number, b: Uint8Array, start: number, len: number): boolean {
    const at = this.offsets[id];
    if (this.offsets[id + 1] - at !== len) return false;
    const a = this.arena;
    for (let k = 8; k < len; k++) if (a[at + k] !== b[start + k]) return false;
    return true;
  }

  private insert(p: number, b: Uint8Array, start: number, end: number, tag: number, lo: number, hi: number): number {
    const len = end - start;
    if (this.arenaLen + len > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLen + len));
      grown.set(this.arena.subarray(0, this.arenaLen));
      this.arena = grown;
    }
    const at = this.arenaLen;
    // A byte loop, not `set(b.subarray(...))`: a subarray object per new word filled the young generation (Brown:
    // 54k of them, three scavenges of a training run).
    const arena = this.arena;
    for (let k = 0; k < len; k++) arena[at + k] = b[start + k];
    this.arenaLen += len;
    const id = this.n++;
    if (this.n + 1 > this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[id] = at;
    this.offsets[id + 1] = at + len;
    const slots = this.slots;
    slots[4 * p] = id + 1;
    slots[4 * p + 1] = tag;
    slots[4 * p + 2] = lo;
    slots[4 * p + 3] = hi;
    if (this.n * 2 > this.mask + 1) this.grow();
    return id;
  }

  /** Doubles the table (each word rehashed from the arena). */
  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const slots = new Int32Array(cap * 4);
    const mask = cap - 1;
    const buf = this.arena;
    for (let id = 0; id < this.n; id++) {
      const at = this.offsets[id];
      const end = this.offsets[id + 1];
      const lo = headBytes(buf, at, end, 0);
      const hi = headBytes(buf, at, end, 4);
      const h = hashWord(buf, at, end, lo, hi);
      let p = h & mask;
      while (slots[4 * p] !== 0) p = (p + 1) & mask;
      slots[4 * p] = id + 1;
      slots[4 * p + 1] = (h & ~0xff) | (end - at < 255 ? end - at : 255);
      slots[4 * p + 2] = lo;
      slots[4 * p + 3] = hi;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** Padded sentences of ids: sentence j is `ids[ends[j-1]..ends[j])` (from 0); grown as lines are added. */
export class IdBuffer {
  ids: Uint32Array;
  ends: Uint32Array;
  len = 0;
  count = 0;

  constructor(ids = 1 << 16, sentences = 1 << 12) {
    this.ids = new Uint32Array(ids);
    this.ends = new Uint32Array(sentences);
  }

  reset(): void {
    this.len = 0;
    this.count = 0;
  }

  /** Room for `n` more ids. */
  reserve(n: number): Uint32Array {
    if (this.len + n > this.ids.length) {
      const grown = new Uint32Array(Math.max(this.len + n, this.ids.length * 2));
      grown.set(this.ids.subarray(0, this.len));
      this.ids = grown;
    }
    return this.ids;
  }

  endSentence(): void {
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.count * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count++] = this.len;
  }
}

/** What `scanLines` does with each word: intern it (training), or look it up and map it (scoring). */
export interface ScanTarget {
  index: ByteWordIndex;
  /** true: `index.add`, the raw id is written; false: `index.find`, then `idMap[id]`, or `unkId` when not found. */
  intern: boolean;
  idMap: Uint32Array;
  unkId: number;
  /** Pads per side (order - 1) and their ids. */
  pads: number;
  bos: number;
  eos: number;
}

/**
 * A `ScanTarget`, always built by this one literal so that every target has one shape (kept alive below):
 * `scanLines` stays compiled for it across models.
 */
export function scanTarget(index: ByteWordIndex, intern: boolean, pads: number, bos: number, eos: number, idMap: Uint32Array = new Uint32Array(0), unkId = 0): ScanTarget {
  return { index, intern, idMap, unkId, pads, bos, eos };
}

/**
 * Scans the lines of `b[start..end)` (each `\n`-terminated, the last one also without `\n` when not empty) into
 * `out` as padded sentences of ids, one per line. Stops after the line during which `out.len` reaches `stopAt`
 * and returns the position after it (`end` when all is scanned).
 */
export function scanLines(b: Uint8Array, start: number, end: number, t: ScanTarget, out: IdBuffer, stopAt = Infinity): number {
  const { index, intern, pads, bos, eos, idMap, unkId } = t;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const bLen = b.length;
  let i = start;
  while (i < end && out.len < stopAt) {
    // A line has at most (bytes + 1) / 2 words; reserve for the pads now and grow per word when needed.
    let ids = out.reserve(2 * pads + 16);
    let len = out.len;
    for (let p = 0; p < pads; p++) ids[len++] = bos;
    for (;;) {
      // Skip whitespace (not the line end).
      let c = 0;
      while (i < end) {
        c = b[i];
        if (c === 10) break;
        if (c < 0x80) {
          if (c === 32 || (c >= 9 && c <= 13)) {
            i++;
            continue;
          }
          break;
        }
        const s = spaceAt(b, i, end);
        if (s === 0) break;
        i += s;
      }
      if (i >= end || c === 10) break;
      const ws = i;
      // Word bytes up to the next whitespace: most bytes pass one comparison (c > 32, c < 0x80).
      while (i < end) {
        c = b[i];
        if (c <= 32) {
          if (c === 32 || (c >= 9 && c <= 13)) break;
        } else if (c >= 0x80 && spaceAt(b, i, end) !== 0) break;
        i++;
      }
      const wl = i - ws;
      let lo: number;
      let hi: number;
      if (ws + 8 <= bLen) {
        lo = view.getInt32(ws, true) & LOW_BYTES[wl < 8 ? wl : 8];
        hi = wl <= 4 ? 0 : view.getInt32(ws + 4, true) & LOW_BYTES[wl - 4 < 8 ? wl - 4 : 8];
      } else {
        lo = headBytes(b, ws, i, 0);
        hi = headBytes(b, ws, i, 4);
      }
      const h = hashWord(b, ws, i, lo, hi);
      let id: number;
      if (intern) id = index.add(b, ws, i, h, lo, hi);
      else {
        id = index.find(b, ws, i, h, lo, hi);
        id = id < 0 ? unkId : idMap[id];
      }
      if (len + pads + 1 > ids.length) {
        out.len = len;
        ids = out.reserve(pads + 1024);
      }
      ids[len++] = id;
    }
    for (let p = 0; p < pads; p++) ids[len++] = eos;
    out.len = len;
    out.endSentence();
    if (i < end) i++; // the '\n'
  }
  return i;
}

/** Where the text starts: after a leading byte-order mark, which a UTF-8 `TextDecoder` drops. */
export function textStart(b: Uint8Array): number {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
}

/** Throws a `CorpusError` naming the line of the first invalid UTF-8 sequence, if any (`b` starting at line `firstLine`). */
export function checkUtf8(b: Uint8Array, source: string, firstLine = 1): void {
  if (isUtf8(b)) return;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = firstLine;
  for (let start = 0; start < b.length; line++) {
    let nl = b.indexOf(10, start);
    if (nl < 0) nl = b.length;
    try {
      decoder.decode(b.subarray(start, nl));
    } catch {
      throw new CorpusError(source, line, `invalid UTF-8 in bytes ${start}..${nl}`);
    }
    start = nl + 1;
  }
  throw new CorpusError(source, line, 'invalid UTF-8');
}

// The shapes the scan is compiled for, kept alive (see keep-shapes.ts).
keepShape(scanTarget(keepShape(new ByteWordIndex(1)), false, 1, 0, 0));
keepShape(new IdBuffer(1, 1));
