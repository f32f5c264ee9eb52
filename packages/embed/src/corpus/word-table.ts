/**
 * `WordTable`: an open-addressing hash table from UTF-8 byte strings to dense ids, kept in typed arrays
 * (a byte pool, offsets, an Int32Array of slots), so the corpus passes look words up straight from the
 * bytes they read — no string per token. Ids are given in order of first insertion. `toData()` gives
 * plain typed arrays that a worker rebuilds the table from (`WordTable.fromData`).
 */

/** The plain-data form of a table (structured-clone friendly). */
export interface WordTableData {
  pool: Uint8Array;
  /** Word i is pool[offsets[i], offsets[i + 1]). */
  offsets: Int32Array;
  size: number;
  slots: Int32Array;
}

const decoder = new TextDecoder();

export class WordTable {
  private pool: Uint8Array;
  private poolEnd = 0;
  private offsets: Int32Array;
  private hashes: Int32Array;
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let slotCount = 16;
    while (slotCount < capacity * 2) slotCount *= 2;
    this.slots = new Int32Array(slotCount).fill(-1);
    this.mask = slotCount - 1;
    this.offsets = new Int32Array(capacity + 1);
    this.hashes = new Int32Array(capacity);
    this.pool = new Uint8Array(capacity * 8);
  }

  static fromData(data: WordTableData): WordTable {
    const t = new WordTable(1);
    t.pool = data.pool;
    t.poolEnd = data.offsets[data.size]!;
    t.offsets = data.offsets;
    t.size = data.size;
    t.slots = data.slots;
    t.mask = data.slots.length - 1;
    t.hashes = new Int32Array(0); // only needed to grow; a rebuilt table is looked up, never grown
    return t;
  }

  /** Builds a lookup table of `words` (id i = words[i]). */
  static of(words: readonly string[]): WordTable {
    const t = new WordTable(words.length);
    const enc = new TextEncoder();
    for (const w of words) {
      const b = enc.encode(w);
      t.add(b, 0, b.length);
    }
    return t;
  }

  toData(): WordTableData {
    return { pool: this.pool.slice(0, this.poolEnd), offsets: this.offsets.slice(0, this.size + 1), size: this.size, slots: this.slots };
  }

  /** The id of bytes[start, end), or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    return this.probe(bytes, start, end, hashBytes(bytes, start, end));
  }

  /** The id of bytes[start, end), inserted if new. */
  add(bytes: Uint8Array, start: number, end: number): number {
    const h = hashBytes(bytes, start, end);
    const found = this.probe(bytes, start, end, h);
    if (found >= 0) return found;
    return this.insert(bytes, start, end, h);
  }

  word(id: number): string {
    return decoder.decode(this.pool.subarray(this.offsets[id], this.offsets[id + 1]));
  }

  /** Every word, in id order. */
  words(): string[] {
    const out = new Array<string>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.word(i);
    return out;
  }

  private probe(bytes: Uint8Array, start: number, end: number, h: number): number {
    const slots = this.slots;
    const pool = this.pool;
    const offsets = this.offsets;
    const mask = this.mask;
    const len = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = slots[s]!;
      if (id < 0) return -1;
      const o = offsets[id]!;
      if (offsets[id + 1]! - o !== len) continue;
      let k = 0;
      while (k < len && pool[o + k] === bytes[start + k]) k++;
      if (k === len) return id;
    }
  }

  private insert(bytes: Uint8Array, start: number, end: number, h: number): number {
    const id = this.size;
    const len = end - start;
    if (id + 1 >= this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
      const hs = new Int32Array(this.hashes.length * 2 + 1);
      hs.set(this.hashes);
      this.hashes = hs;
    }
    if (this.poolEnd + len > this.pool.length) {
      const grown = new Uint8Array(Math.max(this.pool.length * 2, this.poolEnd + len));
      grown.set(this.pool.subarray(0, this.poolEnd));
      this.pool = grown;
    }
    this.pool.set(bytes.subarray(start, end), this.poolEnd);
    this.poolEnd += len;
    this.offsets[id + 1] = this.poolEnd;
    this.hashes[id] = h;
    this.size = id + 1;
    let s = h & this.mask;
    while (this.slots[s]! >= 0) s = (s + 1) & this.mask;
    this.slots[s] = id;
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let s = this.hashes[id]! & mask;
      while (slots[s]! >= 0) s = (s + 1) & mask;
      slots[s] = id;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a over bytes, then a final avalanche so the low bits (the slot) depend on every byte. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
