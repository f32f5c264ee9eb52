/**
 * `ScanKernel`: byte-words.ts's `scanLines` for scoring (words looked up, not added) through the WebAssembly
 * kernel scan-kernel.wat: the same padded sentences of ids in the same `IdBuffer`, byte for byte
 * (test/ngram-scan-kernel.test.ts against the JavaScript scan). The kernel does ASCII lines; a line with any
 * byte >= 0x80 (JavaScript's `\s` has multi-byte spaces there), a line too long for its window or its output,
 * goes to `scanLines`. Without WebAssembly there is no kernel and `scanLines` does it all.
 *
 * One scan kernel per process: the index's own hash table, words and offsets are copied into its memory as they
 * are (a memcpy, no rehashing: ~5 ms of building a table of its own per new Brown vocabulary went to ~0.5) and
 * probed as `ByteWordIndex.find` probes them; the text is copied in, a window at a time. `SortKernel`: the same
 * module's radix sort for block-lookup.ts's JavaScript merge. `MergeKernel`: a whole block's lookups and scores
 * (Lidstone, Laplace, MLE) in the same module, for block-lookup.ts's `sumLog2Kernel`
 * (test/score-merge.test.ts against the JavaScript paths).
 */
import { growMemory, hasWebAssembly, WebAssembly, type WasmMemory } from '@nlpkit/kit/wasm';
import { align64, bitsFor } from './bits.js';
import { type ByteWordIndex, type IdBuffer, scanLines, type ScanTarget } from './byte-words.js';
import type { NgramCounts } from './ngram-counts.js';
import { SCAN_KERNEL_WASM } from './scan-kernel.wasm.js';

interface Exports {
  memory: WasmMemory<ArrayBuffer>;
  layout(
    slots: number, mask: number, arena: number, offs: number, idMap: number, out: number, outCap: number, ends: number, endsCap: number, pend: number,
    pendCap: number,
  ): void;
  scan(pos: number, end: number, final: number, stopAt: number, pads: number, bos: number, eos: number, unk: number): number;
  outLen(): number;
  count(): number;
  status(): number;
  radix(k: number, p: number, k2: number, p2: number, m: number, passes: number, d: number, hist: number): number;
  ranks(ids: number, len: number, rankOf: number, idOfRank: number, idCount: number): number;
  keys(
    n: number, ids: number, ends: number, count: number, rankOf: number, rb: number, low: number, keys: number, pos: number, withPos: number,
  ): number;
  radix64(k: number, p: number, k2: number, p2: number, m: number, low: number, passes: number, d: number, hist: number, withPos: number): number;
  merge(
    n: number, rb: number, keys: number, pos: number, m: number, low: number, withPos: number, idOfRank: number, counts: number, totals: number,
    lidstone: number, gamma: number, vg: number, dist: number, q: number, batch: number,
  ): number;
  sum(acc: number, dist: number, m: number, L: number): number;
}

/** Whether scoring uses the kernels (tests turn them off to compare with the JavaScript paths). */
export const scanKernelSwitch = { enabled: hasWebAssembly };

/** Sizes (tests shrink them to cross their edges): input window bytes, output ids and sentence ends per call. */
export const scanKernelSizes = { window: 1 << 22, out: (1 << 18) + 4096, ends: 1 << 16 };

/** Words the scan queues before looking them up together (32 bytes each). */
const QUEUE = 2048;
let compiled: object | undefined;

function instantiate(): Exports {
  compiled ??= new WebAssembly.Module(Buffer.from(SCAN_KERNEL_WASM, 'base64'));
  return new WebAssembly.Instance(compiled, {}).exports as Exports;
}

/** The process's one scan kernel: its memory is reused from index to index (fresh memory's page faults cost more than the copy). */
let shared: ScanKernel | undefined;

export class ScanKernel {
  private readonly ex = instantiate();
  /** What is loaded: the index (at its size, with its slots array) and the sizes laid out for. */
  private index: ByteWordIndex | undefined;
  private indexSize = -1;
  private indexSlots: Int32Array | undefined;
  private sizes = { window: 0, out: 0, ends: 0 };
  private n = 0;
  private idMapAt = 0;
  private outAt = 0;
  private endsAt = 0;
  private inAt = 0;
  private window = 0;
  private idMap: Uint32Array | undefined;
  private winBytes: Uint8Array | undefined;
  private winStart = 0;
  private winEnd = 0;

  /**
   * The kernel with `index` loaded (its hash table, words and offsets copied in as they are: the kernel probes
   * them as `ByteWordIndex.find` does), or undefined without WebAssembly or when switched off. Valid until the
   * next `of`.
   */
  static of(index: ByteWordIndex): ScanKernel | undefined {
    if (!scanKernelSwitch.enabled) return undefined;
    const k = (shared ??= new ScanKernel());
    k.load(index);
    return k;
  }

  private load(index: ByteWordIndex): void {
    const { slots, mask, bytes, offsets } = index.tables();
    const z = scanKernelSizes;
    if (this.index === index && this.indexSize === index.size && this.indexSlots === slots && this.sizes.window === z.window && this.sizes.out === z.out && this.sizes.ends === z.ends) {
      return;
    }
    const n = index.size;
    const slotsAt = 64;
    const arenaAt = align64(slotsAt + slots.byteLength);
    const offsAt = align64(arenaAt + bytes.length + 16);
    this.idMapAt = align64(offsAt + 4 * (n + 1));
    this.outAt = align64(this.idMapAt + 4 * n);
    this.endsAt = align64(this.outAt + 4 * z.out);
    const pendAt = align64(this.endsAt + 4 * z.ends);
    this.inAt = align64(pendAt + 32 * QUEUE);
    this.window = z.window;
    this.ensure(this.inAt + 16);
    const mem = this.ex.memory.buffer;
    new Int32Array(mem, slotsAt, slots.length).set(slots);
    new Uint8Array(mem, arenaAt, bytes.length).set(bytes);
    new Uint32Array(mem, offsAt, n + 1).set(offsets);
    this.ex.layout(slotsAt, mask, arenaAt, offsAt, this.idMapAt, this.outAt, z.out, this.endsAt, z.ends, pendAt, QUEUE);
    this.index = index;
    this.indexSize = n;
    this.indexSlots = slots;
    this.sizes = { ...z };
    this.n = n;
    this.idMap = undefined;
    this.winBytes = undefined;
  }

  /** Memory of at least `bytes`. */
  private ensure(bytes: number): void {
    growMemory(this.ex.memory, bytes);
  }

  /** Forgets the window (the next `scan` copies its text in afresh). */
  reset(): void {
    this.winBytes = undefined;
  }

  /**
   * `scanLines(b, start, end, t, out, stopAt)` for a lookup target (`t.intern` false, `t.index` the loaded
   * index): the same ids, sentences and return value.
   */
  scan(b: Uint8Array, start: number, end: number, t: ScanTarget, out: IdBuffer, stopAt = Infinity): number {
    const ex = this.ex;
    if (this.idMap !== t.idMap) {
      new Uint32Array(ex.memory.buffer, this.idMapAt, this.n).set(t.idMap.subarray(0, this.n));
      this.idMap = t.idMap;
    }
    let i = start;
    while (i < end && out.len < stopAt) {
      if (this.winBytes !== b || i < this.winStart || i >= this.winEnd) this.loadWindow(b, i, end);
      const base = this.inAt - this.winStart; // the address of b[x] is base + x
      const limit = Math.min(stopAt - out.len, 0x7fffffff);
      const at = ex.scan(base + i, base + this.winEnd, this.winEnd === end ? 1 : 0, limit, t.pads, t.bos, t.eos, t.unkId) - base;
      const n = ex.outLen();
      const count = ex.count();
      if (n > 0 || count > 0) {
        const mem = ex.memory.buffer;
        const from = out.len;
        out.reserve(n).set(new Uint32Array(mem, this.outAt, n), from);
        const ends = new Uint32Array(mem, this.endsAt, count);
        for (let j = 0; j < count; j++) {
          out.len = from + ends[j];
          out.endSentence();
        }
        out.len = from + n;
      }
      i = at;
      const status = ex.status();
      if (status === 2 && at > this.winStart) this.winBytes = undefined; // the line continues past the window: slide it
      else if (status !== 0) {
        // A line for the JavaScript scan (non-ASCII bytes, or longer than the window or the output).
        const nl = b.indexOf(10, i);
        i = scanLines(b, i, nl < 0 || nl >= end ? end : nl + 1, t, out);
      }
    }
    return i;
  }

  /** Copies `b[i..)`, up to a window, into the kernel's memory. */
  private loadWindow(b: Uint8Array, i: number, end: number): void {
    const n = Math.min(end - i, this.window);
    this.ensure(this.inAt + n + 16);
    new Uint8Array(this.ex.memory.buffer, this.inAt, n).set(b.subarray(i, i + n));
    this.winBytes = b;
    this.winStart = i;
    this.winEnd = i + n;
  }
}

let sharedSorter: SortKernel | undefined;

/** Bytes of histogram scratch before the buffers (up to 4 passes of 12-bit digits). */
const HIST_BYTES = 4 * 4096 * 4;

/**
 * block-lookup.ts's radix sort of packed keys in the kernel (its `radix`): an instance of its own whose memory
 * holds the sort's four buffers, which `BlockLookup` uses as its key and position arrays, so nothing is copied.
 */
export class SortKernel {
  private readonly ex = instantiate();

  /**
   * The process's sorter (one memory for every `BlockLookup`: scoring is not re-entrant, and a lookup whose views
   * a growth detached asks again), or undefined without WebAssembly or when switched off (`scanKernelSwitch`).
   */
  static shared(): SortKernel | undefined {
    return scanKernelSwitch.enabled ? (sharedSorter ??= new SortKernel()) : undefined;
  }

  /** Four buffers of `cap` uint32 (keys, positions and their second copies) in the kernel's memory; views made earlier die. */
  buffers(cap: number): Uint32Array<ArrayBuffer>[] {
    growMemory(this.ex.memory, 64 + HIST_BYTES + 16 * cap);
    const mem = this.ex.memory.buffer;
    return [0, 1, 2, 3].map((j) => new Uint32Array(mem, 64 + HIST_BYTES + 4 * cap * j, cap));
  }

  /**
   * Sorts the `m` keys of `k` (buffers from `buffers`) with their positions `p` stably by `passes` digits of
   * `d` bits; true when the result is in `k2`/`p2`.
   */
  radix(k: Uint32Array, p: Uint32Array, k2: Uint32Array, p2: Uint32Array, m: number, passes: number, d: number): boolean {
    return this.ex.radix(k.byteOffset, p.byteOffset, k2.byteOffset, p2.byteOffset, m, passes, d, 64) === 1;
  }
}

let sharedMerger: MergeKernel | undefined;
/**
 * Lets the process's scoring kernels go (the scan kernel's copy of a vocabulary, the sort buffers, the merge
 * kernel's copy of the last model's tables), for the GC; the next call makes fresh ones. `releaseKernelMemory`.
 */
export function releaseScoringKernels(): void {
  shared = undefined;
  sharedSorter = undefined;
  sharedMerger = undefined;
}

/**
 * The widest digit of `radix64` (bits). 14 rather than 11: Brown's held-out trigram keys (3 × 14 bits) sort in 3
 * passes instead of 4, its bigram keys in 2 instead of 3 (keys and sort ~1.2 → ~1.0 and ~0.9 → ~0.75 ms); the
 * 16,384 counters of a pass still sit in L2.
 */
const DIGIT = 14;
/**
 * The merge kernel's header (table addresses, the merge's state), histogram scratch (up to 5 passes of
 * `DIGIT`-bit digits: 64-bit keys) and the merge's batch of contexts.
 */
const MERGE_HIST = 256;
const MERGE_BATCH = MERGE_HIST + 5 * (1 << DIGIT) * 4;
const MERGE_MODEL = MERGE_BATCH + 16 * 1024;
/**
 * Models whose tables would take more of the kernel's memory than this are scored in JavaScript: the copy
 * doubles the model's memory while the kernel holds it (Brown's trigram counts: ~17 MB; until the next model's
 * tables replace it, or `releaseKernelMemory`), and a WebAssembly memory never shrinks.
 */
const MERGE_MAX_TABLES = 256 << 20;

/**
 * block-lookup.ts's sort-then-merge for a whole block in the kernel (its `ranks`, `keys`, `radix64`, `merge`
 * and `sum`): the model's childStart and words arrays, the top order's counts and its contexts' totals are
 * copied into the instance's memory as they are, once per `NgramCounts` (the last one loaded stays: a Laplace
 * and a Lidstone model of the same counts share it; Brown's trigram counts ~1.3 ms, bigram ~0.3), the block's
 * ids and sentence ends once per block. Out come one score per distinct n-gram (`q`, the estimators' float
 * operations on the same doubles) and for each scored n-gram, in NLTK's order, the number of its score
 * (`dist`). A block's keys are its n-grams' words as ranks among the block's distinct words (so that a Brown
 * trigram fits 42 bits and its number the bits below); a block whose keys would need more than 64 bits (orders
 * above 4 on large texts), or more than 9 orders, is left to JavaScript.
 */
export class MergeKernel {
  private readonly ex = instantiate();
  /** The counts whose tables are loaded (weakly: a model dropped by its user is not kept alive here). */
  private counts: WeakRef<NgramCounts> | undefined;
  private idCount = 0;
  private rankOfAt = 0;
  private idOfRankAt = 0;
  private blockAt = 0;
  private cap = 0;
  private idsAt = 0;
  private endsAt = 0;
  private keysAt = 0;
  private keys2At = 0;
  private posAt = 0;
  private pos2At = 0;
  private distAt = 0;
  private qAt = 0;
  private countsAt = 0;
  private totalsAt = 0;
  private buffer: ArrayBuffer | undefined;
  /** After `lookup`: how many n-grams were scored and how many distinct ones; views of the results. */
  scored = 0;
  distinct = 0;
  dist = new Int32Array(0);
  q = new Float64Array(0);

  /** The process's merge kernel, or undefined without WebAssembly or when switched off (`scanKernelSwitch`). */
  static shared(): MergeKernel | undefined {
    return scanKernelSwitch.enabled ? (sharedMerger ??= new MergeKernel()) : undefined;
  }

  /** Memory of at least `bytes`; false when the engine will not give it (the block then goes to JavaScript). */
  private ensure(bytes: number): boolean {
    try {
      growMemory(this.ex.memory, bytes);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Copies the tables of `c` in (unless they are the ones loaded): childStart and words of every order, the top
   * order's counts and its contexts' totals (float64, as they are). False when they do not fit.
   */
  private load(c: NgramCounts): boolean {
    if (this.counts?.deref() === c) return true;
    this.counts = undefined;
    const n = c.order;
    let at = MERGE_MODEL;
    const place: [Uint32Array | Float64Array, number, number][] = [];
    const put = (arr: Uint32Array | Float64Array, slot: number): number => {
      const where = at;
      place.push([arr, where, slot]);
      at = align64(at + arr.byteLength);
      return where;
    };
    for (let k = 1; k < n; k++) {
      put(c.childStart[k - 1], k - 1);
      put(c.words[k], 8 + k - 1);
    }
    this.countsAt = put(c.counts[n - 1], -1);
    this.totalsAt = put(c.contextTotal[n - 2], -1);
    const idCount = c.vocab.idCount;
    this.rankOfAt = at;
    this.idOfRankAt = align64(at + 4 * idCount);
    this.blockAt = align64(this.idOfRankAt + 4 * (idCount + 1));
    this.cap = 0;
    if (this.blockAt > MERGE_MAX_TABLES || !this.ensure(this.blockAt)) return false;
    const mem = this.ex.memory.buffer;
    const header = new Uint32Array(mem, 0, 16);
    for (const [arr, where, slot] of place) {
      if (arr instanceof Float64Array) new Float64Array(mem, where, arr.length).set(arr);
      else new Uint32Array(mem, where, arr.length).set(arr);
      if (slot >= 0) header[slot] = where;
    }
    this.idCount = idCount;
    this.counts = new WeakRef(c);
    return true;
  }

  /** Room for a block of `len` ids. */
  private reserve(len: number): boolean {
    if (this.cap >= len && this.buffer === this.ex.memory.buffer) return true;
    const cap = Math.max(len, this.cap * 2, 1024);
    let at = this.blockAt;
    const take = (bytes: number): number => {
      const r = at;
      at = align64(at + bytes);
      return r;
    };
    this.idsAt = take(4 * cap);
    this.endsAt = take(4 * cap);
    this.keysAt = take(8 * cap);
    this.keys2At = take(8 * cap);
    this.posAt = take(4 * cap);
    this.pos2At = take(4 * cap);
    this.distAt = take(4 * cap);
    this.qAt = take(8 * cap);
    if (!this.ensure(at)) return false;
    this.cap = cap;
    const mem = this.ex.memory.buffer;
    this.buffer = mem;
    this.dist = new Int32Array(mem, this.distAt, cap);
    this.q = new Float64Array(mem, this.qAt, cap);
    return true;
  }

  /**
   * Scores the scored n-grams (order `c.order` >= 2) of the `count` padded sentences ending at `ends` by
   * Lidstone (`gamma`, `vg` = vocabulary size × gamma) or MLE: `scored`, `distinct`, `dist`, `q`. False when
   * the kernel cannot: more than 9 orders, keys wider than 64 bits (`c.order` × bits of the block's distinct
   * words), or no memory for the tables.
   */
  lookup(c: NgramCounts, ids: Uint32Array, ends: Uint32Array, count: number, lidstone: boolean, gamma: number, vg: number): boolean {
    const n = c.order;
    if (n < 2 || n > 9) return false;
    const len = count > 0 ? ends[count - 1] : 0;
    if (!this.load(c) || !this.reserve(len)) return false;
    const ex = this.ex;
    const mem = ex.memory.buffer;
    new Uint32Array(mem, this.idsAt, len).set(ids.subarray(0, len));
    new Uint32Array(mem, this.endsAt, count).set(ends.subarray(0, count));
    const rb = bitsFor(ex.ranks(this.idsAt, len, this.rankOfAt, this.idOfRankAt, this.idCount));
    const bits = n * rb;
    if (bits > 64) return false;
    const low = bits + bitsFor(len + 1) <= 64 ? bitsFor(len + 1) : 0;
    const withPos = low === 0 ? 1 : 0;
    const m = ex.keys(n, this.idsAt, this.endsAt, count, this.rankOfAt, rb, low, this.keysAt, this.posAt, withPos);
    const passes = Math.ceil(bits / DIGIT);
    const d = Math.ceil(bits / passes);
    const flip = ex.radix64(this.keysAt, this.posAt, this.keys2At, this.pos2At, m, low, passes, d, MERGE_HIST, withPos) === 1;
    const keys = flip ? this.keys2At : this.keysAt;
    const pos = flip ? this.pos2At : this.posAt;
    this.distinct = ex.merge(
      n, rb, keys, pos, m, low, withPos, this.idOfRankAt, this.countsAt, this.totalsAt, lidstone ? 1 : 0, gamma, vg, this.distAt, this.qAt, MERGE_BATCH,
    );
    this.scored = m;
    return true;
  }

  /** `acc` + the values of `q` (the caller turned the scores into their logs) at `dist[0..scored)`, added in that order. */
  sum(acc: number): number {
    return this.ex.sum(acc, this.distAt, this.scored, this.qAt);
  }
}
