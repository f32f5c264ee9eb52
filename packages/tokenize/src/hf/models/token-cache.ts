/**
 * A bounded cache of tokenized words: word → a flag and its (id, start, end) tokens. Words are looked
 * up by a range of a string, hashed and compared unit by unit in place (no substring, no Map), and
 * keys and tokens live in two growing typed arrays, so an entry allocates nothing of its own. When it
 * holds `capacity` words it is emptied (O(1) amortized, no eviction bookkeeping, and a text whose
 * vocabulary drifts keeps hitting). Results are deterministic, so the cache only changes speed.
 */
import type { TokenBuffer } from '../token-buffer.js';

/** Words this long or longer (UTF-16 units) are not cached. */
export const MAX_CACHED_WORD = 256;

const EMPTY = -1;

export class TokenCache {
  private count = 0;
  private mask = 0;
  /** Per slot: the key's hash, where its units start in `keys` (EMPTY: free slot), its length, where its value starts in `values`. */
  private slotHash: Int32Array = new Int32Array(0);
  private slotKey: Int32Array = new Int32Array(0);
  private slotLength: Int32Array = new Int32Array(0);
  private slotValue: Int32Array = new Int32Array(0);
  private keys: Uint16Array = new Uint16Array(0);
  private keysUsed = 0;
  /** [flag, count, id, start, end, …] per entry. */
  private values: Int32Array = new Int32Array(0);
  private valuesUsed = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.count;
  }

  /** Whether `set` would keep a word this long. */
  accepts(word: string): boolean {
    return this.capacity > 0 && word.length < MAX_CACHED_WORD;
  }

  /** `getRange` on a whole string. */
  get(word: string, shift: number, out: TokenBuffer): number {
    return this.getRange(word, 0, word.length, shift, out);
  }

  /** `setRange` on a whole string. */
  set(word: string, flag: number, buffer: TokenBuffer, from: number, to: number, shift: number): void {
    this.setRange(word, 0, word.length, flag, buffer, from, to, shift);
  }

  /**
   * Appends the cached tokens of the word `text[start, end)` to `out`, offsets plus `shift`; returns
   * the flag stored with them, or -1 when the word is not cached.
   */
  getRange(text: string, start: number, end: number, shift: number, out: TokenBuffer): number {
    if (this.count === 0) return -1;
    const slot = this.find(text, start, end, hashRange(text, start, end));
    if (slot < 0 || this.slotKey[slot] === EMPTY) return -1;
    const v = this.values;
    const at = this.slotValue[slot]!;
    const stop = at + 2 + 3 * v[at + 1]!;
    for (let k = at + 2; k < stop; k += 3) out.push(v[k]!, shift + v[k + 1]!, shift + v[k + 2]!);
    return v[at]!;
  }

  /** Caches tokens [from, to) of `buffer` (offsets less `shift`) with `flag` (≥ 0) for the word `text[start, end)`. */
  setRange(text: string, start: number, end: number, flag: number, buffer: TokenBuffer, from: number, to: number, shift: number): void {
    const length = end - start;
    if (this.capacity <= 0 || length >= MAX_CACHED_WORD) return;
    if (this.count >= this.capacity) this.clear();
    if (2 * (this.count + 1) > this.slotKey.length) this.growTable();
    const hash = hashRange(text, start, end);
    const slot = this.find(text, start, end, hash);
    if (this.slotKey[slot] !== EMPTY) return;

    if (this.keysUsed + length > this.keys.length) this.keys = growUint16(this.keys, this.keysUsed + length);
    const keyAt = this.keysUsed;
    for (let i = 0; i < length; i++) this.keys[keyAt + i] = text.charCodeAt(start + i);
    this.keysUsed += length;

    const need = 2 + 3 * (to - from);
    if (this.valuesUsed + need > this.values.length) this.values = growInt32(this.values, this.valuesUsed + need);
    const v = this.values;
    const valueAt = this.valuesUsed;
    let k = valueAt;
    v[k++] = flag;
    v[k++] = to - from;
    for (let t = from; t < to; t++) {
      v[k++] = buffer.ids[t]!;
      v[k++] = buffer.starts[t]! - shift;
      v[k++] = buffer.ends[t]! - shift;
    }
    this.valuesUsed = k;

    this.slotHash[slot] = hash;
    this.slotKey[slot] = keyAt;
    this.slotLength[slot] = length;
    this.slotValue[slot] = valueAt;
    this.count++;
  }

  clear(): void {
    this.slotKey.fill(EMPTY);
    this.count = 0;
    this.keysUsed = 0;
    this.valuesUsed = 0;
  }

  /** The slot holding the word, or the free slot where it would go (-1 when there is no table yet). */
  private find(text: string, start: number, end: number, hash: number): number {
    if (this.mask === 0) return -1;
    const length = end - start;
    const keys = this.keys;
    let slot = hash & this.mask;
    for (;;) {
      const keyAt = this.slotKey[slot]!;
      if (keyAt === EMPTY) return slot;
      if (this.slotHash[slot] === hash && this.slotLength[slot] === length) {
        let i = 0;
        while (i < length && keys[keyAt + i] === text.charCodeAt(start + i)) i++;
        if (i === length) return slot;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private growTable(): void {
    const size = Math.max(1024, this.slotKey.length * 2);
    const oldHash = this.slotHash;
    const oldKey = this.slotKey;
    const oldLength = this.slotLength;
    const oldValue = this.slotValue;
    this.slotHash = new Int32Array(size);
    this.slotKey = new Int32Array(size).fill(EMPTY);
    this.slotLength = new Int32Array(size);
    this.slotValue = new Int32Array(size);
    this.mask = size - 1;
    for (let s = 0; s < oldKey.length; s++) {
      if (oldKey[s] === EMPTY) continue;
      let slot = oldHash[s]! & this.mask;
      while (this.slotKey[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slotHash[slot] = oldHash[s]!;
      this.slotKey[slot] = oldKey[s]!;
      this.slotLength[slot] = oldLength[s]!;
      this.slotValue[slot] = oldValue[s]!;
    }
  }
}

/** FNV-1a over UTF-16 units, finished with a murmur-style mix. */
function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function growInt32(a: Int32Array, min: number): Int32Array {
  let n = Math.max(1024, a.length * 2);
  while (n < min) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

function growUint16(a: Uint16Array, min: number): Uint16Array {
  let n = Math.max(1024, a.length * 2);
  while (n < min) n *= 2;
  const b = new Uint16Array(n);
  b.set(a);
  return b;
}
