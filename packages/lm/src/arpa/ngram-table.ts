/**
 * `NgramTable`: the n-grams of one order in typed arrays, as KenLM's probing structure does it. Entries are
 * numbered in the order added (the ARPA file's order, which the writer keeps); the scorer reads `probe`
 * instead, a second hash whose slots are the entries themselves (see there). Estimators fill records
 * (`push`, `set`, `add`) and the probe is built from them on first score; the ARPA reader fills the
 * probe alone (`findSlot`, `insertSlot`: one structure in one pass, as KenLM's reader), and records
 * are made from its slots only when asked for (`suffix`, `left`, …, `find`: the writer, `ngramWords`). An
 * n-gram w1..wm is stored as (its suffix w2..wm's index in the order below, its first word w1), so a
 * lookup that extends a match one word to the left is one hash probe on two integers; unigrams are
 * indexed by word id directly. Probabilities and backoffs are float32 log10 values, like KenLM's.
 *
 * Layout, for cache misses (a query is a chain of random probes into tables of millions of entries):
 * - each entry's four fields are interleaved in one 16-byte record (suffix, first word, prob, backoff —
 *   KenLM's probing entry), and each hash slot holds the entry index beside the key's 32-bit hash, so a
 *   probe touches one slot line and, on a hash match, the one record line that also has the values;
 * - the hash is of the n-gram's *words* (`pairHash` folded from the last word leftwards, as KenLM hashes
 *   word ids), not of the suffix's index: a scorer computes the hashes of all orders from the word ids
 *   alone, so the probes of the bigram, trigram, … do not wait for each other and their cache misses
 *   overlap. The suffix index in the record is still compared, so a lookup is exact (no 64-bit-hash
 *   gamble as KenLM's).
 * (Separate suffix/left/prob/backoff arrays behind slots of indices hashed by the suffix index cost five
 * dependent misses per found n-gram; see BENCHMARKS.md for `lm query`'s rate.)
 */
import { pairHash } from './pair-hash.js';
import type { WasmArena } from './wasm-arena.js';

/** Int32 words per record: suffix, first word, prob bits, backoff bits. */
const REC = 4;

export class NgramTable {
  /** Records: `data[4i]` suffix index, `data[4i+1]` first word; `values[4i+2]` log10 prob, `values[4i+3]` backoff. */
  readonly data: Int32Array<ArrayBufferLike>;
  /** Float32 view of `data`'s buffer (the prob and backoff fields). */
  readonly values: Float32Array<ArrayBufferLike>;
  /**
   * Open addressing, two Int32 per slot: entry index + 1 (0 = empty) and the key's `pairHash`; at most
   * half full.
   */
  private slots: Int32Array;
  private mask: number;
  /**
   * The query path's hash (`fullScore`): KenLM's layout, the whole entry in its probing slot, four Int32
   * per slot — suffix key + 1 (0 = empty), first word, prob bits, backoff bits — so a found n-gram is one
   * cache line. The suffix key is the suffix's *slot* in the order below's probe (its word id for
   * bigrams), so a scorer walking the orders carries slots and never touches the file-order records.
   * Same size and hash as `slots`; built by `ensureProbe` (then `slots` is dropped, and rebuilt only if
   * `find` is called again). Entries never move once placed, so appends are caught up incrementally.
   */
  probe: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** Float32 view of `probe`. */
  probeValues: Float32Array<ArrayBufferLike> = new Float32Array(0);
  /** Entries [0, probed) are in `probe`. */
  probed = 0;
  /** Slot in `probe` of each entry. */
  private slotOf: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** Byte address of the entry → slot map in `arena` (with `probeAddress`), else -1. */
  slotOfAddress = -1;
  /** Entry in each `probe` slot, for slots of entries [0, inverted) (made on demand by `entryOfSlot`). */
  private entryAt = new Int32Array(0);
  private inverted = 0;
  /**
   * Entries [0, recorded) have their records. The ARPA reader adds entries straight into `probe`
   * (`insertSlot`: one structure, filled in one pass, as KenLM's); their records are made from the
   * slots on first use (`materialize`), so a model that is only scored never builds them.
   */
  private recorded = 0;
  private size = 0;
  /** Entries [0, indexed) are in the hash; `push` appends without hashing, `find` catches up lazily. */
  private indexed = 0;
  /** The words-hash of entries [0, hashed) (orders above 1; made lazily, for the order above's keys). */
  private hashes = new Int32Array(0);
  private hashed = 0;

  /** Byte address of `data` in `arena` (unigram tables made with one), else -1. */
  readonly dataAddress: number = -1;
  /** Byte address of `probe` in `arena` once allocated there, else -1. */
  probeAddress = -1;

  /**
   * `lower` is the table of order - 1 (required from order 3 on: the keys fold in its entries' hashes).
   * With `arena`, the unigram records (order 1) and `probe` (above) are allocated in it, where the
   * scoring kernel reads them in place (the ARPA reader does this; see score-kernel.ts).
   */
  constructor(
    readonly order: number,
    readonly capacity: number,
    readonly lower?: NgramTable,
    readonly arena?: WasmArena,
  ) {
    if (order >= 3 && lower?.order !== order - 1) throw new RangeError(`NgramTable of order ${order} needs the table of order ${order - 1}`);
    const words = Math.max(capacity, 1) * REC;
    if (arena !== undefined && order === 1 && arena.fits(words * 4)) {
      this.dataAddress = arena.alloc(words * 4);
      this.data = arena.int32(this.dataAddress, words);
      this.values = new Float32Array(this.data.buffer, this.data.byteOffset, words);
    } else {
      this.data = new Int32Array(words);
      this.values = new Float32Array(this.data.buffer);
    }
    // Load factor at most 1/2 keeps probe chains short (KenLM's default is 1.5 slots per entry).
    let slots = 2;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(0);
    this.mask = slots - 1;
  }

  /** Index of the suffix (m-1)-gram of entry `i` (0 for unigrams). */
  suffix(i: number): number {
    if (i >= this.recorded) this.materialize();
    return this.data[i * REC];
  }

  /** First (leftmost) word of entry `i`; for unigrams, the word itself. */
  left(i: number): number {
    if (i >= this.recorded) this.materialize();
    return this.data[i * REC + 1];
  }

  /** log10 probability of entry `i`. */
  prob(i: number): number {
    if (i >= this.recorded) this.materialize();
    return this.values[i * REC + 2];
  }

  /** log10 backoff of entry `i` (-0 when no longer n-gram extends it; 0 for the highest order). */
  backoff(i: number): number {
    if (i >= this.recorded) this.materialize();
    return this.values[i * REC + 3];
  }

  setBackoff(i: number, backoff: number): void {
    if (i < this.recorded) this.values[i * REC + 3] = backoff;
    if (i < this.probed) this.probeValues[4 * this.slotOf[i] + 3] = backoff;
  }

  /** `probe`'s mask (slots - 1). */
  get probeMask(): number {
    return this.mask;
  }

  /** The entry index of the n-gram in `probe` slot `slot` (a slot `fullScore` reports as its match). */
  entryOfSlot(slot: number): number {
    if (this.order === 1) return slot;
    if (this.probed < this.size) this.ensureProbe();
    if (!(slot >= 0 && slot <= this.mask) || this.probe.length === 0 || this.probe[4 * slot] === 0) {
      throw new RangeError(`NgramTable of order ${this.order}: no n-gram in slot ${slot}`);
    }
    // Not kept while scoring (the scorer never needs it): inverted from `slotOf` on first use.
    if (this.inverted < this.probed) {
      if (this.entryAt.length === 0) this.entryAt = new Int32Array(this.mask + 1);
      for (let i = this.inverted; i < this.probed; i++) this.entryAt[this.slotOf[i]] = i;
      this.inverted = this.probed;
    }
    return this.entryAt[slot];
  }

  /** Makes the records of the entries `insertSlot` put only into `probe` (their suffix is an entry index again). */
  private materialize(): void {
    const { probe, data, slotOf, lower } = this;
    const viaLower = lower !== undefined && lower.order > 1;
    for (let i = this.recorded; i < this.size; i++) {
      const s = 4 * slotOf[i];
      const r = i * REC;
      data[r] = viaLower ? lower.entryOfSlot(probe[s] - 1) : probe[s] - 1;
      data[r + 1] = probe[s + 1];
      data[r + 2] = probe[s + 2];
      data[r + 3] = probe[s + 3];
    }
    this.recorded = this.size;
  }

  /** Allocates `probe` (and the entry → slot map). */
  private allocateProbe(): void {
    const words = (this.mask + 1) * 4;
    const entries = Math.max(this.capacity, 1);
    if (this.arena !== undefined && this.arena.fits(words * 4 + entries * 4 + 64)) {
      this.probeAddress = this.arena.alloc(words * 4);
      this.probe = this.arena.int32(this.probeAddress, words);
      this.slotOfAddress = this.arena.alloc(entries * 4);
      this.slotOf = this.arena.int32(this.slotOfAddress, entries);
    } else {
      this.probe = new Int32Array(words);
      this.slotOf = new Int32Array(entries);
    }
    this.probeValues = new Float32Array(this.probe.buffer, this.probe.byteOffset, words);
  }

  /**
   * The `probe` slot of the n-gram whose words-hash is `hash` (see `hashOf`), first word `leftWord`
   * and suffix `key` (the suffix's probe slot + 1 in the order below; its word id + 1 for bigrams), or -1.
   */
  findSlot(hash: number, key: number, leftWord: number): number {
    if (this.probed < this.size) this.ensureProbe();
    const p = this.probe;
    if (p.length === 0) return -1;
    const mask = this.mask;
    for (let h = hash & mask; ; h = (h + 1) & mask) {
      const s = p[4 * h];
      if (s === 0) return -1;
      if (s === key && p[4 * h + 1] === leftWord) return h;
    }
  }

  /**
   * Adds an n-gram straight into `probe` (`findSlot`'s arguments, plus its values) as the next entry,
   * and returns its slot, or -1 when it is there already. Its record is made only when asked for, so a
   * reader that fills the table this way builds one structure, in one pass.
   */
  insertSlot(hash: number, key: number, leftWord: number, prob: number, backoff: number): number {
    const i = this.size;
    if (i >= this.capacity) throw new RangeError(`NgramTable of order ${this.order} is full (${this.capacity} entries)`);
    if (this.order === 1) throw new RangeError('NgramTable.insertSlot: unigrams are records (use push)');
    if (this.probed < this.size) this.ensureProbe();
    if (this.probe.length === 0) this.allocateProbe();
    const p = this.probe;
    const mask = this.mask;
    let h = hash & mask;
    for (let s = p[4 * h]; s !== 0; s = p[4 * h]) {
      if (s === key && p[4 * h + 1] === leftWord) return -1;
      h = (h + 1) & mask;
    }
    p[4 * h] = key;
    p[4 * h + 1] = leftWord;
    const v = this.probeValues;
    v[4 * h + 2] = prob;
    v[4 * h + 3] = backoff;
    this.slotOf[i] = h;
    this.size = i + 1;
    this.probed = i + 1;
    return h;
  }

  /** Allocates `probe` now (the ARPA reader's kernel inserts into it; see `adoptInserted`). Orders above 1. */
  ensureAllocated(): void {
    if (this.order > 1 && this.probe.length === 0) this.allocateProbe();
  }

  /**
   * Takes entries [length, size) as added: something else (read-arpa.ts's kernel) put them into `probe`
   * and their slots into the entry → slot map, as `insertSlot` does. Only while every entry is in `probe`.
   */
  adoptInserted(size: number): void {
    if (this.probed !== this.size || size < this.size || size > this.capacity) throw new RangeError(`NgramTable of order ${this.order}: cannot adopt ${size} entries`);
    this.size = this.probed = size;
  }

  /**
   * Puts entries [probed, length) into `probe` (the lower orders' first, for their slots). The scorer
   * calls it when `probed < length`; `ArpaModel.prepare` does it up front, as part of loading.
   */
  ensureProbe(): void {
    if (this.order === 1 || this.probed >= this.size) return;
    const lower = this.lower;
    if (lower !== undefined && lower.order > 1) lower.ensureProbe();
    if (this.probe.length === 0) this.allocateProbe();
    if (this.hashed < this.size) this.ensureHashes();
    const { probe, mask, data, hashes, slotOf } = this;
    const lowerSlots = lower !== undefined && lower.order > 1 ? lower.slotOf : undefined;
    for (let i = this.probed; i < this.size; i++) {
      const r = i * REC;
      const key = (lowerSlots === undefined ? data[r] : lowerSlots[data[r]]) + 1;
      let h = hashes[i] & mask;
      while (probe[4 * h] !== 0) h = (h + 1) & mask;
      probe[4 * h] = key;
      probe[4 * h + 1] = data[r + 1];
      probe[4 * h + 2] = data[r + 2];
      probe[4 * h + 3] = data[r + 3];
      slotOf[i] = h;
    }
    // The scorer no longer needs the entry-index hash: free it (`find` rebuilds it if called again).
    if (this.probed === 0 && this.indexed > 0) {
      this.slots = new Int32Array(0);
      this.indexed = 0;
    }
    this.probed = this.size;
  }

  /**
   * The words-hash of entry `i`: the word id for unigrams, else `pairHash(lower's hash of the suffix,
   * first word)`. A scorer folds it the same way: `h1 = w`, `h2 = pairHash(h1, context[0])`, ….
   */
  hashOf(i: number): number {
    if (this.order === 1) return i;
    if (i >= this.hashed) this.ensureHashes();
    return this.hashes[i];
  }

  private ensureHashes(): void {
    if (this.recorded < this.size) this.materialize();
    if (this.hashes.length === 0) this.hashes = new Int32Array(Math.max(this.capacity, 1));
    const { data, hashes, lower } = this;
    for (let i = this.hashed; i < this.size; i++) {
      const s = data[i * REC];
      hashes[i] = pairHash(lower === undefined || lower.order === 1 ? s : lower.hashOf(s), data[i * REC + 1]);
    }
    this.hashed = this.size;
  }

  /** The key hash of the n-gram `leftWord` + suffix entry `suffix`. */
  private keyHash(suffix: number, leftWord: number): number {
    const lower = this.lower;
    return pairHash(lower === undefined || lower.order === 1 ? suffix : lower.hashOf(suffix), leftWord);
  }

  /** Allocates the hash on first use (orders above 1 only), so tables that are only written never pay for it. */
  private ensureIndex(): void {
    if (this.recorded < this.size) this.materialize();
    if (this.slots.length === 0) this.slots = new Int32Array((this.mask + 1) * 2);
    if (this.hashed < this.size) this.ensureHashes();
    const slots = this.slots;
    const mask = this.mask;
    for (let i = this.indexed; i < this.size; i++) {
      const hash = this.hashes[i];
      let h = hash & mask;
      while (slots[2 * h] !== 0) h = (h + 1) & mask;
      slots[2 * h] = i + 1;
      slots[2 * h + 1] = hash;
    }
    this.indexed = this.size;
  }

  private put(i: number, suffix: number, leftWord: number, prob: number, backoff: number): void {
    // An entry already in `probe` does not change (`set` is for filling before the first lookup).
    if (i < this.probed) throw new RangeError(`NgramTable of order ${this.order}: entry ${i} is already indexed`);
    if (this.recorded < this.size) this.materialize();
    const r = i * REC;
    this.data[r] = suffix;
    this.data[r + 1] = leftWord;
    this.values[r + 2] = prob;
    this.values[r + 3] = backoff;
    this.size = i + 1;
    this.recorded = this.size;
  }

  /**
   * Appends an n-gram known not to be there yet (an estimator's output), without hashing it now;
   * returns its index.
   */
  push(suffix: number, leftWord: number, prob: number, backoff: number): number {
    const i = this.size;
    if (i >= this.capacity) throw new RangeError(`NgramTable of order ${this.order} is full (${this.capacity} entries)`);
    this.put(i, suffix, leftWord, prob, backoff);
    return i;
  }

  /**
   * Writes entry `i` (below `capacity`), for a builder that fills the entries out of order: every index
   * below the final length must be set before the first lookup. Returns `i`.
   */
  set(i: number, suffix: number, leftWord: number, prob: number, backoff: number): number {
    if (i >= this.capacity || i < 0) throw new RangeError(`NgramTable of order ${this.order}: index ${i} outside 0..${this.capacity - 1}`);
    const size = this.size;
    this.put(i, suffix, leftWord, prob, backoff);
    if (size > i) this.size = this.recorded = size;
    return i;
  }

  /** Number of entries added so far. */
  get length(): number {
    return this.size;
  }

  /**
   * Adds the n-gram (`leftWord`, suffix entry `suffix`) and returns its index, or -1 when it is already
   * there. Unigrams are added with `suffix` 0 and must come in word-id order.
   */
  add(suffix: number, leftWord: number, prob: number, backoff: number): number {
    return this.addHashed(this.order > 1 ? this.keyHash(suffix, leftWord) : 0, suffix, leftWord, prob, backoff);
  }

  /** `add` with the key's words-hash given (see `findHashed`). */
  addHashed(hash: number, suffix: number, leftWord: number, prob: number, backoff: number): number {
    const i = this.size;
    if (i >= this.capacity) throw new RangeError(`NgramTable of order ${this.order} is full (${this.capacity} entries)`);
    if (this.order > 1) {
      // One probe sequence both checks for a duplicate and finds the free slot.
      if (this.indexed < this.size || this.slots.length === 0) this.ensureIndex();
      const { slots, mask, data } = this;
      let h = hash & mask;
      for (let at = slots[2 * h] - 1; at >= 0; at = slots[2 * h] - 1) {
        if (slots[2 * h + 1] === hash && data[at * REC] === suffix && data[at * REC + 1] === leftWord) return -1;
        h = (h + 1) & mask;
      }
      slots[2 * h] = i + 1;
      slots[2 * h + 1] = hash;
      this.indexed = i + 1;
      if (this.hashed === i) {
        if (this.hashes.length === 0) this.hashes = new Int32Array(Math.max(this.capacity, 1));
        this.hashes[i] = hash;
        this.hashed = i + 1;
      }
    }
    this.put(i, suffix, leftWord, prob, backoff);
    return i;
  }

  /** Index of the n-gram `leftWord` + suffix entry `suffix`, or -1. Orders above 1 only. */
  find(suffix: number, leftWord: number): number {
    return this.findHashed(this.keyHash(suffix, leftWord), suffix, leftWord);
  }

  /**
   * `find` with the key's words-hash given (`pairHash(hash of the suffix's words, leftWord)`, see
   * `hashOf`): the probe's address then does not depend on `suffix`, only the final comparison does.
   */
  findHashed(hash: number, suffix: number, leftWord: number): number {
    if (this.indexed < this.size || this.slots.length === 0) this.ensureIndex();
    const { slots, mask, data } = this;
    for (let h = hash & mask; ; h = (h + 1) & mask) {
      const at = slots[2 * h] - 1;
      if (at < 0) return -1;
      if (slots[2 * h + 1] === hash && data[at * REC] === suffix && data[at * REC + 1] === leftWord) return at;
    }
  }
}
