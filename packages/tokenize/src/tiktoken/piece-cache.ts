/**
 * A bounded cache of byte-pair-merge results, keyed by the piece's bytes.
 *
 * Most pieces are whole tokens and never reach BPE; the rest (rare words, CJK runs, Cyrillic words
 * split into several tokens) repeat a lot in real text, and merging is the most expensive step per
 * byte. Keys and values live in flat typed pools, so a hit allocates nothing. When either pool or the
 * slot table fills up, the whole cache is cleared: O(1) amortized, no LRU bookkeeping on the hot path,
 * and memory bounded at ~12 MB (slots 2 MB, entries 1.5 MB, key and value pools 8 MB).
 */
const SLOTS = 1 << 18; // power of two
const MAX_ENTRIES = SLOTS >> 1; // keep the load factor ≤ 0.5
const KEY_POOL = 1 << 22; // bytes
const VALUE_POOL = 1 << 20; // token ids
/** Longer pieces are rare and would crowd out many short ones. */
export const MAX_CACHED_PIECE = 256;

export class PieceCache {
  private readonly slotHash = new Uint32Array(SLOTS);
  /** Entry index + 1 per slot; 0 = empty. */
  private readonly slotEntry = new Int32Array(SLOTS);
  private readonly keyStart = new Uint32Array(MAX_ENTRIES);
  private readonly keyLen = new Uint16Array(MAX_ENTRIES);
  private readonly valueStart = new Uint32Array(MAX_ENTRIES);
  private readonly valueLen = new Uint16Array(MAX_ENTRIES);
  private readonly keys = new Uint8Array(KEY_POOL);
  private readonly values = new Uint32Array(VALUE_POOL);
  private entries = 0;
  private keysUsed = 0;
  private valuesUsed = 0;

  /**
   * If `buf[start..end)` (hash `h`) is cached, copies its ids into `out` at `outLen` and returns the
   * new length; otherwise returns -1.
   */
  get(buf: Uint8Array, start: number, end: number, h: number, out: Uint32Array, outLen: number): number {
    const len = end - start;
    let slot = h & (SLOTS - 1);
    for (;;) {
      const e = this.slotEntry[slot] - 1;
      if (e < 0) return -1;
      if (this.slotHash[slot] === h && this.keyLen[e] === len) {
        const k0 = this.keyStart[e];
        let k = 0;
        while (k < len && this.keys[k0 + k] === buf[start + k]) k++;
        if (k === len) {
          const v0 = this.valueStart[e];
          const vl = this.valueLen[e];
          for (let i = 0; i < vl; i++) out[outLen + i] = this.values[v0 + i];
          return outLen + vl;
        }
      }
      slot = (slot + 1) & (SLOTS - 1);
    }
  }

  /** Caches ids `ids[from..to)` as the result for `buf[start..end)` (hash `h`). */
  put(buf: Uint8Array, start: number, end: number, h: number, ids: Uint32Array, from: number, to: number): void {
    const len = end - start;
    const count = to - from;
    if (len > MAX_CACHED_PIECE) return;
    if (this.entries === MAX_ENTRIES || this.keysUsed + len > KEY_POOL || this.valuesUsed + count > VALUE_POOL) this.clear();
    const e = this.entries++;
    this.keyStart[e] = this.keysUsed;
    this.keyLen[e] = len;
    this.keys.set(buf.subarray(start, end), this.keysUsed);
    this.keysUsed += len;
    this.valueStart[e] = this.valuesUsed;
    this.valueLen[e] = count;
    this.values.set(ids.subarray(from, to), this.valuesUsed);
    this.valuesUsed += count;
    let slot = h & (SLOTS - 1);
    while (this.slotEntry[slot] !== 0) slot = (slot + 1) & (SLOTS - 1);
    this.slotEntry[slot] = e + 1;
    this.slotHash[slot] = h;
  }

  clear(): void {
    this.slotEntry.fill(0);
    this.entries = 0;
    this.keysUsed = 0;
    this.valuesUsed = 0;
  }
}
