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
 * module's radix sort for block-lookup.ts.
 */
import { hasWebAssembly, WebAssembly, type WasmMemory } from '@nlpkit/kit/wasm';
import { type ByteWordIndex, type IdBuffer, scanLines, type ScanTarget } from './byte-words.js';
import { SCAN_KERNEL_WASM } from './scan-kernel.wasm.js';

interface Exports {
  memory: WasmMemory<ArrayBuffer>;
  layout(slots: number, mask: number, arena: number, offs: number, idMap: number, out: number, outCap: number, ends: number, endsCap: number): void;
  scan(pos: number, end: number, final: number, stopAt: number, pads: number, bos: number, eos: number, unk: number): number;
  outLen(): number;
  count(): number;
  status(): number;
  radix(k: number, p: number, k2: number, p2: number, m: number, passes: number, d: number, hist: number): number;
}

/** Whether scoring uses the kernels (tests turn them off to compare with the JavaScript paths). */
export const scanKernelSwitch = { enabled: hasWebAssembly };

/** Sizes (tests shrink them to cross their edges): input window bytes, output ids and sentence ends per call. */
export const scanKernelSizes = { window: 1 << 22, out: (1 << 18) + 4096, ends: 1 << 16 };

const PAGE = 65536;
let compiled: object | undefined;
const align = (x: number): number => (x + 63) & ~63;

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
    const arenaAt = align(slotsAt + slots.byteLength);
    const offsAt = align(arenaAt + bytes.length + 16);
    this.idMapAt = align(offsAt + 4 * (n + 1));
    this.outAt = align(this.idMapAt + 4 * n);
    this.endsAt = align(this.outAt + 4 * z.out);
    this.inAt = align(this.endsAt + 4 * z.ends);
    this.window = z.window;
    this.ensure(this.inAt + 16);
    const mem = this.ex.memory.buffer;
    new Int32Array(mem, slotsAt, slots.length).set(slots);
    new Uint8Array(mem, arenaAt, bytes.length).set(bytes);
    new Uint32Array(mem, offsAt, n + 1).set(offsets);
    this.ex.layout(slotsAt, mask, arenaAt, offsAt, this.idMapAt, this.outAt, z.out, this.endsAt, z.ends);
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
    const have = this.ex.memory.buffer.byteLength;
    if (have < bytes) this.ex.memory.grow(Math.ceil((bytes - have) / PAGE));
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
    const bytes = 64 + HIST_BYTES + 16 * cap;
    const have = this.ex.memory.buffer.byteLength;
    if (have < bytes) this.ex.memory.grow(Math.ceil((bytes - have) / PAGE));
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
