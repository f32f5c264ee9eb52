/**
 * Word ids per distinct line, as sacreBLEU caches its tokenizers' output (`@lru_cache(maxsize=2**16)`
 * on `Tokenizer13a.__call__`): a corpus whose references repeat (several systems scored against one
 * reference set, or the same sentence in many segments) tokenizes and hashes each distinct line once.
 *
 * Keyed by the line's code units (hashed, then verified against a pooled copy, so a hit is exact),
 * not by a Map<string, …>: the lines of a file are slices of one large string, and V8 hashing such
 * a slice for a Map cost about 2.5 us per line on the bench, as much as tokenizing it. On the bench's
 * 100,000 WMT17 segments (16 systems cycled against one reference: a quarter of the lines are
 * distinct) this cut BLEU's time by about a third; without repeats it costs a failed lookup and a
 * copy per line. The ids belong to one WordTable epoch and one tokenizer configuration; the cache
 * drops everything when either changes, or when its pools are full.
 */
import { codeUnitPairs, codeUnits } from './units.js';
import { EMPTY, doubledSlots } from './slots.js';

const MAX_CHARS = 1 << 24;

export class LineCache {
  /** Per slot: [hash, offset in chars, length, offset in ids] (offset in ids -1 = empty). */
  private slots = new Int32Array(4 * 4096).fill(EMPTY);
  private mask = 4095;
  private used = 0;
  /** The lines' code units, each starting at an even index, so it can be compared in 32-bit words. */
  private chars = new Uint16Array(1 << 16);
  private words32 = new Int32Array(this.chars.buffer);
  private charsUsed = 0;
  /** Per line: its word count, then its word ids. */
  ids = new Int32Array(1 << 14);
  private idsUsed = 0;
  private config = '';
  private epoch = -1;
  // where the last failed `find` stopped, for the `add` that follows it
  private lastHash = 0;
  private lastSlot = 0;

  /** Say which configuration and WordTable epoch the next lookups are for (clears on a change). */
  use(config: string, epoch: number): void {
    if (config !== this.config || epoch !== this.epoch) {
      this.clear();
      this.config = config;
      this.epoch = epoch;
    }
  }

  private clear(): void {
    if (this.used > 0) this.slots.fill(EMPTY);
    this.used = this.charsUsed = this.idsUsed = 0;
  }

  /** The offset in `ids` of the line's entry (its word count, then its ids), or -1. */
  find(line: string): number {
    const n = line.length;
    const cu = codeUnits(line);
    const cp = codeUnitPairs();
    const half = n >> 1;
    // Two code units per step: half the steps of hashing and comparing unit by unit. The hash covers
    // at most the first and last 16 pairs (lines that differ only in between collide, and the full
    // comparison below tells them apart): lookups are about 40% of a warm BLEU run.
    let h = 0x811c9dc5 ^ n;
    if (half <= 32) {
      for (let i = 0; i < half; i++) h = Math.imul(h ^ cp[i], 0x01000193);
    } else {
      for (let i = 0; i < 16; i++) h = Math.imul(h ^ cp[i], 0x01000193);
      for (let i = half - 16; i < half; i++) h = Math.imul(h ^ cp[i], 0x01000193);
    }
    if ((n & 1) !== 0) h = Math.imul(h ^ cu[n - 1], 0x01000193);
    h ^= h >>> 15;
    const slots = this.slots;
    const w32 = this.words32;
    const mask = this.mask;
    let s = h & mask;
    probe: for (;; s = (s + 1) & mask) {
      const k = 4 * s;
      const off = slots[k + 3];
      if (off === EMPTY) break;
      if (slots[k] !== h || slots[k + 2] !== n) continue;
      const p = slots[k + 1] >> 1;
      for (let i = 0; i < half; i++) if (w32[p + i] !== cp[i]) continue probe;
      if ((n & 1) !== 0 && this.chars[2 * p + n - 1] !== cu[n - 1]) continue;
      return off;
    }
    this.lastHash = h;
    this.lastSlot = s;
    return -1;
  }

  /** Add `line` (the subject of the last, failed, `find`) with ids[0 .. count); returns its offset in `ids`. */
  add(line: string, words: Int32Array, count: number): number {
    const n = line.length;
    if (this.charsUsed + n > MAX_CHARS) {
      this.clear();
      this.find(line); // recompute the slot in the cleared table
    }
    if (this.charsUsed + n + 1 > this.chars.length) {
      const c = new Uint16Array(2 * Math.max(this.chars.length, this.charsUsed + n + 1));
      c.set(this.chars.subarray(0, this.charsUsed));
      this.chars = c;
      this.words32 = new Int32Array(c.buffer);
    }
    if (this.idsUsed + count + 1 > this.ids.length) {
      const d = new Int32Array(2 * Math.max(this.ids.length, this.idsUsed + count + 1));
      d.set(this.ids.subarray(0, this.idsUsed));
      this.ids = d;
    }
    this.chars.set(codeUnits(line).subarray(0, n), this.charsUsed);
    const off = this.idsUsed;
    this.ids[off] = count;
    this.ids.set(words.subarray(0, count), off + 1);
    const k = 4 * this.lastSlot;
    this.slots[k] = this.lastHash;
    this.slots[k + 1] = this.charsUsed;
    this.slots[k + 2] = n;
    this.slots[k + 3] = off;
    this.charsUsed += n + (n & 1); // the next line starts at an even index
    this.idsUsed += count + 1;
    if (2 * ++this.used > this.mask) this.grow();
    return off;
  }

  private grow(): void {
    this.slots = doubledSlots(this.slots, 3);
    this.mask = this.slots.length / 4 - 1;
  }
}
