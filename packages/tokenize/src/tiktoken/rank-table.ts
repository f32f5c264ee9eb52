/**
 * A byte-sequence → rank table for tiktoken-style BPE.
 *
 * Why not a `Map<string, number>`: the encoder looks up byte ranges of one UTF-8 buffer millions of
 * times per second; building a string key for each lookup would allocate in the hot loop. Instead every
 * token's bytes live in one `Uint8Array` (`bytes`, token `r` at `offsets[r]..offsets[r + 1]`) and an
 * open-addressing hash table maps a hash of a byte range straight to its rank.
 */
export class RankTable {
  /** Number of rank slots (max rank + 1); ranks without bytes (gaps) have an empty range. */
  readonly size: number;
  /** Concatenated bytes of all tokens, by rank. */
  readonly bytes: Uint8Array;
  /** `offsets[r]..offsets[r + 1]` is token `r` in `bytes`; length `size + 1`. */
  readonly offsets: Uint32Array;
  /** Length in bytes of the longest token: longer ranges are rejected before hashing. */
  readonly maxTokenLength: number;
  private readonly slots: Int32Array;
  private readonly slotHashes: Uint32Array;
  private readonly mask: number;

  constructor(bytes: Uint8Array, offsets: Uint32Array) {
    this.bytes = bytes;
    this.offsets = offsets;
    this.size = offsets.length - 1;
    let capacity = 1;
    while (capacity < this.size * 2) capacity <<= 1;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity).fill(-1);
    this.slotHashes = new Uint32Array(capacity);
    let longest = 0;
    for (let r = 0; r < this.size; r++) {
      const start = offsets[r];
      const end = offsets[r + 1];
      if (end === start) continue; // a gap in the rank space
      longest = Math.max(longest, end - start);
      const h = hashBytes(bytes, start, end);
      let slot = h & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = r;
      this.slotHashes[slot] = h;
    }
    this.maxTokenLength = longest;
  }

  /** Rank of `buf[start..end)`, or -1 when that byte sequence is not a token. */
  lookup(buf: Uint8Array, start: number, end: number): number {
    // Merging long runs (1 MB of one character) asks mostly for ranges longer than any token.
    if (end - start > this.maxTokenLength) return -1;
    return this.lookupHashed(buf, start, end, hashBytes(buf, start, end));
  }

  /** `lookup` for a caller that already has `hashBytes(buf, start, end)`. */
  lookupHashed(buf: Uint8Array, start: number, end: number, h: number): number {
    const slots = this.slots;
    const offsets = this.offsets;
    const bytes = this.bytes;
    const len = end - start;
    let slot = h & this.mask;
    for (;;) {
      const r = slots[slot];
      if (r === -1) return -1;
      if (this.slotHashes[slot] === h) {
        const o = offsets[r];
        if (offsets[r + 1] - o === len) {
          let k = 0;
          while (k < len && bytes[o + k] === buf[start + k]) k++;
          if (k === len) return r;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/** FNV-1a over a byte range, seeded with the length; good enough spread for power-of-two tables. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = (0x811c9dc5 ^ (end - start)) >>> 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h >>> 0;
}
