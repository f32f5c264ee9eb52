/**
 * word-table.ts and line-cache.ts for UTF-8 bytes (TextLines input): words and lines are hashed and
 * verified byte by byte against pooled copies, so equal ids and cache hits mean equal bytes (exact).
 * Separate classes rather than a shared generic one: each hot loop then sees one array type.
 */
import { EMPTY, doubledSlots } from './slots.js';

/**
 * Byte spans (words) to dense integer ids, as WordTable does for code-unit spans. A word of at most
 * 8 bytes (most tokens) is kept packed in its slot and compared there, without a read of the pool
 * (a cache miss per token in a 60k-word table); longer words are compared with their pooled copy.
 * Slots are 16 bytes, so that a 60k-word table (128k slots, 2 MB) stays in L2 cache.
 */
const ID_BITS = 27;
const ID_MASK = (1 << ID_BITS) - 1;
const LONG = 15; // the length field of a word longer than 8 bytes

export class ByteWordTable {
  /**
   * Per slot: [hash, id | length << 27, bytes 0-3, bytes 4-7] for a word of 1-8 bytes, [hash,
   * id | 15 << 27, pool offset, length] for a longer one; empty: -1 in the second field.
   */
  private slots: Int32Array;
  private mask: number;
  private pool: Uint8Array;
  private poolUsed = 0;
  size = 0;
  /** Incremented whenever the ids are forgotten (so caches of ids know to drop theirs). */
  epoch = 0;

  constructor(capacity = 1 << 12, poolBytes = 1 << 17) {
    this.slots = new Int32Array(4 * capacity).fill(EMPTY);
    this.mask = capacity - 1;
    this.pool = new Uint8Array(poolBytes);
  }

  /** Forget every word once the table holds many (call between segments only: ids change). */
  maybeReset(maxBytes = 1 << 23): void {
    if (this.poolUsed > maxBytes || this.size > 1 << 24) {
      this.slots.fill(EMPTY);
      this.size = 0;
      this.poolUsed = 0;
      this.epoch++;
    }
  }

  /** The id of the word b[start .. end) (1 byte or more), adding it if new. */
  id(b: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len > 8) return this.longId(b, start, end);
    let w0 = 0;
    let w1 = 0;
    const mid = len < 4 ? end : start + 4;
    for (let i = start; i < mid; i++) w0 |= b[i] << (8 * (i - start));
    for (let i = mid; i < end; i++) w1 |= b[i] << (8 * (i - mid));
    let h = Math.imul(w0 ^ 0x2545f491, 0x9e3779b1) ^ Math.imul(w1 + len, 0x85ebca77);
    h ^= h >>> 15;
    const info = len << ID_BITS;
    const slots = this.slots;
    const mask = this.mask;
    let s = h & mask;
    for (;; s = (s + 1) & mask) {
      const k = 4 * s;
      const x = slots[k + 1];
      if (x === EMPTY) break;
      if (slots[k] === h && (x & ~ID_MASK) === info && slots[k + 2] === w0 && slots[k + 3] === w1) return x & ID_MASK;
    }
    return this.add(s, h, info, w0, w1);
  }

  private longId(b: Uint8Array, start: number, end: number): number {
    const len = end - start;
    let h = 0x811c9dc5 ^ len;
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
    h ^= h >>> 15;
    const info = LONG << ID_BITS;
    const slots = this.slots;
    const pool = this.pool;
    const mask = this.mask;
    let s = h & mask;
    probe: for (;; s = (s + 1) & mask) {
      const k = 4 * s;
      const x = slots[k + 1];
      if (x === EMPTY) break;
      if (slots[k] !== h || (x & ~ID_MASK) !== info || slots[k + 3] !== len) continue;
      const p = slots[k + 2] - start;
      for (let i = start; i < end; i++) if (pool[p + i] !== b[i]) continue probe;
      return x & ID_MASK;
    }
    if (this.poolUsed + len > this.pool.length) {
      const p = new Uint8Array(2 * Math.max(this.pool.length, this.poolUsed + len));
      p.set(this.pool.subarray(0, this.poolUsed));
      this.pool = p;
    }
    const dst = this.pool;
    const at = this.poolUsed;
    for (let i = 0; i < len; i++) dst[at + i] = b[start + i];
    this.poolUsed += len;
    return this.add(s, h, info, at, len);
  }

  private add(slot: number, h: number, info: number, a: number, b: number): number {
    const id = this.size++;
    const k = 4 * slot;
    const slots = this.slots;
    slots[k] = h;
    slots[k + 1] = info | id;
    slots[k + 2] = a;
    slots[k + 3] = b;
    if (2 * this.size > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    this.slots = doubledSlots(this.slots, 1);
    this.mask = this.slots.length / 4 - 1;
  }
}

const MAX_BYTES = 1 << 25;

/** One step of the line hash: xor, multiply, rotate (so every input bit reaches the low bits used as slots). */
function mix(h: number, w: number): number {
  h = Math.imul(h ^ w, 0x9e3779b1);
  return (h << 13) | (h >>> 19);
}

/**
 * Word ids per distinct line (as LineCache, keyed by the line's bytes): the line's entry in `ids` is
 * its word count, then its word ids. Belongs to one configuration and one ByteWordTable epoch.
 */
export class ByteLineCache {
  /** Per slot: [hash, offset in bytes, length, offset in ids] (offset in ids -1 = empty). */
  private slots: Int32Array;
  private mask: number;
  private used = 0;
  private bytes: Uint8Array;
  private view: DataView;
  private bytesUsed = 0;
  ids: Int32Array;
  private idsUsed = 0;
  private config = '';
  private epoch = -1;
  private lastHash = 0;
  private lastSlot = 0;

  constructor(capacity = 1 << 12, poolBytes = 1 << 17, ids = 1 << 14) {
    this.slots = new Int32Array(4 * capacity).fill(EMPTY);
    this.mask = capacity - 1;
    this.bytes = new Uint8Array(poolBytes);
    this.view = new DataView(this.bytes.buffer);
    this.ids = new Int32Array(ids);
  }

  /** Say which configuration and word-table epoch the next lookups are for (clears on a change). */
  use(config: string, epoch: number): void {
    if (config !== this.config || epoch !== this.epoch) {
      this.clear();
      this.config = config;
      this.epoch = epoch;
    }
  }

  private clear(): void {
    if (this.used > 0) this.slots.fill(EMPTY);
    this.used = this.bytesUsed = this.idsUsed = 0;
  }

  /**
   * The offset in `ids` of the entry of the line b[start .. end) (`dv` a DataView of exactly b's
   * bytes), or -1. Lines are hashed and compared four bytes at a time through DataViews (unaligned
   * reads): comparing byte by byte took about three times as long on the bench's lines.
   */
  find(b: Uint8Array, dv: DataView, start: number, end: number): number {
    const n = end - start;
    // The hash covers at most the first and last 16 bytes; the comparison below checks every byte.
    let h = 0x811c9dc5 ^ n;
    if (n >= 4) {
      const m = n < 16 ? n >> 2 : 4;
      for (let i = 0; i < m; i++) h = mix(h, dv.getInt32(start + 4 * i, true));
      for (let i = 1; i <= m; i++) h = mix(h, dv.getInt32(end - 4 * i, true));
    } else for (let i = start; i < end; i++) h = mix(h, b[i]);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    const slots = this.slots;
    const pool = this.bytes;
    const pv = this.view;
    const mask = this.mask;
    const n4 = n & ~3;
    let s = h & mask;
    probe: for (;; s = (s + 1) & mask) {
      const k = 4 * s;
      const off = slots[k + 3];
      if (off === EMPTY) break;
      if (slots[k] !== h || slots[k + 2] !== n) continue;
      const p = slots[k + 1];
      for (let i = 0; i < n4; i += 4) if (pv.getInt32(p + i, true) !== dv.getInt32(start + i, true)) continue probe;
      for (let i = n4; i < n; i++) if (pool[p + i] !== b[start + i]) continue probe;
      return off;
    }
    this.lastHash = h;
    this.lastSlot = s;
    return -1;
  }

  /** Add the line of the last, failed, `find` with words[0 .. count); returns its offset in `ids`. */
  add(b: Uint8Array, dv: DataView, start: number, end: number, words: Int32Array, count: number): number {
    const n = end - start;
    if (this.bytesUsed + n > MAX_BYTES) {
      this.clear();
      this.find(b, dv, start, end); // recompute the slot in the cleared table
    }
    if (this.bytesUsed + n > this.bytes.length) {
      const c = new Uint8Array(2 * Math.max(this.bytes.length, this.bytesUsed + n));
      c.set(this.bytes.subarray(0, this.bytesUsed));
      this.bytes = c;
      this.view = new DataView(c.buffer);
    }
    if (this.idsUsed + count + 1 > this.ids.length) {
      const d = new Int32Array(2 * Math.max(this.ids.length, this.idsUsed + count + 1));
      d.set(this.ids.subarray(0, this.idsUsed));
      this.ids = d;
    }
    // plain loops: a subarray per line costs more than copying its bytes
    const pool = this.bytes;
    const at = this.bytesUsed;
    for (let i = 0; i < n; i++) pool[at + i] = b[start + i];
    const off = this.idsUsed;
    const ids = this.ids;
    ids[off] = count;
    for (let i = 0; i < count; i++) ids[off + 1 + i] = words[i];
    const k = 4 * this.lastSlot;
    this.slots[k] = this.lastHash;
    this.slots[k + 1] = at;
    this.slots[k + 2] = n;
    this.slots[k + 3] = off;
    this.bytesUsed += n;
    this.idsUsed += count + 1;
    if (2 * ++this.used > this.mask) this.grow();
    return off;
  }

  private grow(): void {
    this.slots = doubledSlots(this.slots, 3);
    this.mask = this.slots.length / 4 - 1;
  }
}

/**
 * Run every path of both tables once on throwaway instances (growth included), so that V8 has type
 * feedback for them before it optimizes the hot callers. Without it, the first growth of a table in a
 * large corpus reached code V8 had never seen run, which deoptimized the tokenizing and counting
 * functions it was inlined into, and their recompilation cost CPU on every cold run.
 */
export function primeTables(): void {
  const text = Buffer.from('a bb ccc dddd eeeee ffffffffff gggggggggggggggggggggggggggggggggggggg h\u00e9llo\u3000x y z');
  const dv = new DataView(text.buffer, text.byteOffset, text.length);
  const words = new ByteWordTable(2, 4);
  const cache = new ByteLineCache(2, 4, 2);
  const ids = new Int32Array(64);
  for (let round = 0; round < 2; round++) {
    cache.use('prime', words.epoch);
    for (let start = 0; start < text.length; start += 3) {
      for (const end of [start + 1, start + 5, start + 20, text.length]) {
        if (end > text.length) continue;
        const n = words.id(text, start, end);
        if (cache.find(text, dv, start, end) < 0) cache.add(text, dv, start, end, ids, n % 3);
      }
    }
    words.maybeReset(0);
  }
}
