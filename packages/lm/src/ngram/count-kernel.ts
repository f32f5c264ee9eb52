/**
 * `CountKernel`: count-bytes.ts's training through the WebAssembly kernel count-kernel.wat — the text scanned
 * into padded sentences of raw ids (words interned in a table equal to the JavaScript `ByteWordIndex`'s, slot
 * for slot, copied out as one), then, once the vocabulary has fixed the ids, every order counted by radix
 * sorts of packed keys into the same `TrieData` as `countBucketed` (test/count-kernel.test.ts checks ids,
 * tables and counts against the JavaScript path). Without WebAssembly, or with `countKernelSwitch` off,
 * count-bytes.ts does it all in JavaScript.
 *
 * Why (Brown's training text, 5.7 MB, 1.07M words; count-bytes.ts has the numbers): the scan (~25 ms against
 * ~42 in JavaScript), the bigram top order's radix sort (~9 ms against ~37) and the trigram's counting (~60 ms
 * against ~140, load ~5) run faster here than the same loops in JavaScript; and every buffer lives in one memory
 * kept from call to call,
 * so a call touches no fresh pages but for its results (fresh pages cost ~0.5 ms a MB here, and more after
 * the process has idled — the bench's minute-long NLTK runs between ours). Brown's file is read straight into
 * that memory (count-file.ts).
 *
 * Memory: one instance per process, kept between counts while its memory is at most `countKernelLimits.keepBytes`
 * (then let go after the call, for the GC), like a caching allocator: `releaseKernelMemory()` gives it back. Fresh
 * memory is what makes a count slow here, above all after the process has idled (a Brown bigram count after a
 * minute's idle: ~0.06 s on kept memory, ~0.2 s on fresh); a count that finds it busy (counts awaiting file reads side by side) gets one of its
 * own. Held after Brown: 59 MiB of kernel memory after bigram counts, 64 MiB after trigram ones (a process's RSS
 * after three trigram counts, no model kept: +106 MiB over its start, against +156 MiB with the JavaScript counter,
 * whose freed arrays the allocator kept). Layout: histograms and the pads' words, then the text; the ids, sentence
 * ends, arena, offsets, raw counts behind it, the word table last (the kernel grows memory as the table doubles).
 * After the scan the tables are copied out and the ids and ends moved down over the text, so that the counting
 * buffers (the id map, unigram counts, two key buffers, each position's entry, the entries and per-context arrays)
 * reuse the scan's pages.
 */
import { growMemory, hasWebAssembly, WebAssembly, type WasmMemory } from '@nlpkit/kit/wasm';
import { align64, bitsFor } from './bits.js';
import { ByteWordIndex } from './byte-words.js';
import { COUNT_KERNEL_WASM } from './count-kernel.wasm.js';
import type { TrieData } from './trie-data.js';

interface Exports {
  memory: WasmMemory<ArrayBuffer>;
  setup(slots: number, cap: number, arena: number, offs: number, cnt: number, ids: number, ends: number): void;
  place(ids: number, ends: number): void;
  lines(pos: number, end: number): number;
  intern(p: number, wl: number): number;
  scan(pos: number, end: number, pads: number, bos: number, eos: number): void;
  words(): number;
  arenaLen(): number;
  mask(): number;
  len(): number;
  sentences(): number;
  remap(map: number, uni: number, idCount: number): void;
  keys(k: number, entryAt: number, wb: number, pb: number, out: number, wide: number, hist: number, passes: number, d: number): number;
  radix32(a: number, b: number, m: number, passes: number, d: number, hist: number): number;
  radix64(a: number, b: number, m: number, passes: number, d: number, hist: number, shift0: number): number;
  runs(
    src: number,
    m: number,
    wide: number,
    wb: number,
    pb: number,
    words: number,
    parents: number,
    counts: number,
    childStart: number,
    total: number,
    prev: number,
    next: number,
  ): number;
}

/** Whether training uses the kernel (tests turn it off to compare with the JavaScript path). */
export const countKernelSwitch = { enabled: hasWebAssembly };

/**
 * `keepBytes`: the most memory the process's kernel keeps between calls (Brown trigrams: about 64 MiB);
 * `keyBits`: the widest packed key (tests narrow it to reach the fallback to `countBucketed`);
 * `maxMemory`: the most memory a count may lay out (addresses are 32-bit, and the kernel's i32 arithmetic
 * assumes less than 2^31): texts of up to 32 MiB, so every single-threaded file of `countNgramsFromFiles`'
 * default budget; bigger ones are counted in JavaScript (tests lower it to get there).
 */
export const countKernelLimits = { keepBytes: 128 << 20, keyBits: 64, maxMemory: 2 ** 31 };

/** The scanned text: the raw words' index and counts (pads included), and the sentences' sizes. */
export interface ScannedText {
  index: ByteWordIndex;
  raw: Float64Array;
  /** Ids and sentences scanned. */
  len: number;
  count: number;
}

/** Histogram scratch: up to 6 passes of 11-bit digits (64-bit keys). */
const HIST = 0;
const HIST_BYTES = 6 << 13;
const PADS_AT = HIST_BYTES;
const TEXT_AT = PADS_AT + 64;
/** `ByteWordIndex`'s first table (its `expected` 1 << 14: 32768 slots). */
const FIRST_CAP = 1 << 15;

let compiled: object | undefined;
let shared: CountKernel | undefined;

export class CountKernel {
  private readonly ex: Exports;
  private idsAt = 0;
  private endsAt = 0;
  private len = 0;
  private sentenceCount = 0;
  private busy = false;

  private constructor() {
    compiled ??= new WebAssembly.Module(Buffer.from(COUNT_KERNEL_WASM, 'base64'));
    this.ex = new WebAssembly.Instance(compiled, {}).exports as Exports;
  }

  /**
   * The process's kernel for one count, or, while that one is busy (counts awaiting file reads), a kernel of the
   * count's own; undefined without WebAssembly or when switched off. Give it back with `release`.
   */
  static acquire(): CountKernel | undefined {
    if (!countKernelSwitch.enabled) return undefined;
    shared ??= new CountKernel();
    const k = shared.busy ? new CountKernel() : shared;
    k.busy = true;
    return k;
  }

  /** Ends a count: the process's kernel is let go when its memory has grown past `countKernelLimits.keepBytes`. */
  release(): void {
    this.busy = false;
    if (shared === this && this.ex.memory.buffer.byteLength > countKernelLimits.keepBytes) shared = undefined;
  }

  /** Lets the process's kernel go (for the GC; a count running on it keeps it until it ends). `releaseKernelMemory`. */
  static releaseShared(): void {
    shared = undefined;
  }

  /** Whether a text of `n` bytes may be counted here (its memory's limit; bigger texts are counted in JavaScript). */
  static fits(n: number): boolean {
    return n <= countKernelLimits.maxMemory / 64;
  }

  /**
   * A view of `n` bytes (see `fits`) of the kernel's memory where `scan` looks for its text first (count-file.ts
   * reads a file straight into it: no fresh buffer, no copy). Valid until the kernel's memory grows (its next
   * `scan`).
   */
  textArea(n: number): Uint8Array {
    this.ensure(TEXT_AT + n + 16);
    return new Uint8Array(this.ex.memory.buffer, TEXT_AT, n);
  }

  /** Memory of at least `bytes`. */
  private ensure(bytes: number): void {
    growMemory(this.ex.memory, bytes);
  }

  /**
   * `scanLines` of `bytes[start..)` for training (the JavaScript scan's raw ids, sentences and index), with the
   * pads' words interned first as `countNgramsFromBytes` does (`<s>` then `</s>`, when `pads` > 0); undefined,
   * with `bytes` untouched, when its layout could pass the memory's limit.
   */
  scan(bytes: Uint8Array, start: number, pads: number, bos: string, eos: string): ScannedText | undefined {
    const ex = this.ex;
    const n = bytes.length - start;
    if (!CountKernel.fits(bytes.length)) return undefined;
    let textAt = TEXT_AT;
    if (bytes.buffer === ex.memory.buffer && bytes.byteOffset === TEXT_AT) textAt += start; // in `textArea` already
    else {
      this.ensure(TEXT_AT + n + 16);
      new Uint8Array(ex.memory.buffer, TEXT_AT, n).set(bytes.subarray(start));
    }
    // (`bytes` may be detached from here on: the memory grows.)
    const textEnd = textAt + n;
    // Bounds: a word takes at least a byte and a space (the pads' two words too), a line adds 2 × pads ids.
    const lines = ex.lines(textAt, textEnd) + 1;
    const words = (n >>> 1) + 4;
    const idsAt = align64(textEnd + 16);
    const endsAt = align64(idsAt + 4 * (words + 2 * pads * lines));
    const arenaAt = align64(endsAt + 4 * (lines + 1));
    const offsAt = align64(arenaAt + n + 64);
    const cntAt = align64(offsAt + 4 * (words + 1));
    const slotsAt = align64(cntAt + 8 * words);
    // The largest layouts (the table at its largest, then the counting buffers) must fit the memory's limit.
    const most = words + 2 * pads * lines;
    const limit = countKernelLimits.maxMemory;
    const tableMost = 16 * 2 ** Math.ceil(Math.log2(2 * words + 2));
    if (slotsAt + tableMost > limit || align64(TEXT_AT + 80 * most) > limit) return undefined;
    this.ensure(slotsAt + 16 * FIRST_CAP);
    ex.setup(slotsAt, FIRST_CAP, arenaAt, offsAt, cntAt, idsAt, endsAt);
    let bosId = 0;
    let eosId = 0;
    if (pads > 0) {
      bosId = this.intern(bos);
      eosId = this.intern(eos);
    }
    ex.scan(textAt, textEnd, pads, bosId, eosId);
    // The tables out (the memory may have grown: fresh views), then the ids and ends moved down over the text.
    const mem = ex.memory.buffer;
    const size = ex.words();
    const cap = ex.mask() + 1;
    const index = ByteWordIndex.fromTables(
      new Int32Array(mem, slotsAt, 4 * cap).slice(),
      new Uint8Array(mem, arenaAt, ex.arenaLen()).slice(),
      new Uint32Array(mem, offsAt, size + 1).slice(),
      size,
    );
    const raw = new Float64Array(mem, cntAt, size).slice();
    this.len = ex.len();
    this.sentenceCount = ex.sentences();
    this.idsAt = TEXT_AT;
    this.endsAt = align64(TEXT_AT + 4 * this.len);
    const all = new Uint8Array(mem);
    all.copyWithin(this.idsAt, idsAt, idsAt + 4 * this.len);
    all.copyWithin(this.endsAt, endsAt, endsAt + 4 * this.sentenceCount);
    ex.place(this.idsAt, this.endsAt);
    return { index, raw, len: this.len, count: this.sentenceCount };
  }

  private intern(word: string): number {
    const b = Buffer.from(word, 'utf8');
    if (b.length > 56) throw new RangeError(`count kernel: pad word too long: ${word}`);
    new Uint8Array(this.ex.memory.buffer, PADS_AT, 64).fill(0).set(b);
    return this.ex.intern(PADS_AT, b.length);
  }

  /** The scanned ids and sentence ends (views, valid until the kernel's next call). */
  scanned(): { ids: Uint32Array; ends: Uint32Array } {
    const mem = this.ex.memory.buffer;
    return { ids: new Uint32Array(mem, this.idsAt, this.len), ends: new Uint32Array(mem, this.endsAt, this.sentenceCount) };
  }

  /**
   * The scanned raw ids mapped to vocabulary ids by `map`, then `countBucketed`'s counts of orders 1..`order`;
   * undefined (the ids mapped, nothing counted) when some order's keys would not fit 64 bits.
   */
  count(map: Uint32Array, order: number, idCount: number): TrieData | undefined {
    const ex = this.ex;
    const len = this.len;
    const mapAt = align64(this.endsAt + 4 * this.sentenceCount);
    const uniAt = align64(mapAt + 4 * map.length);
    const aAt = align64(uniAt + 8 * idCount);
    const bAt = align64(aAt + 8 * len);
    const nextAt = align64(bAt + 8 * len);
    const wAt = align64(nextAt + 4 * len);
    const pAt = align64(wAt + 4 * len);
    const cAt = align64(pAt + 4 * len);
    const maxPrev = Math.max(len, idCount);
    const csAt = align64(cAt + 8 * len);
    const totAt = align64(csAt + 4 * (maxPrev + 1));
    this.ensure(totAt + 8 * maxPrev);
    new Uint32Array(ex.memory.buffer, mapAt, map.length).set(map);
    ex.remap(mapAt, uniAt, idCount);
    const counts: Float64Array[] = [new Float64Array(ex.memory.buffer, uniAt, idCount).slice()];
    const words: Uint32Array[] = [new Uint32Array(0)];
    const parents: Uint32Array[] = [new Uint32Array(0)];
    if (order < 2) return { order, idCount, counts, words, parents };
    const childStart: Uint32Array[] = [];
    const contextTotal: Float64Array[] = [];
    const wb = bitsFor(idCount);
    const pb = bitsFor(len);
    let entryAt = this.idsAt;
    let prev = idCount;
    for (let k = 2; k <= order; k++) {
      const last = k === order;
      const kb = bitsFor(prev) + wb;
      const wide = !(last && kb <= 32);
      const pbk = last ? 0 : pb;
      if (kb + pbk > countKernelLimits.keyBits) return undefined;
      // Digits of at most 11 bits: 2048 counters and write streams a pass stay in cache.
      const passes = Math.ceil(kb / 11);
      const d = Math.ceil(kb / passes);
      const m = ex.keys(k, entryAt, wb, pbk, aAt, wide ? 1 : 0, HIST, passes, d);
      const flip = wide ? ex.radix64(aAt, bAt, m, passes, d, HIST, pbk) : ex.radix32(aAt, bAt, m, passes, d, HIST);
      const e = ex.runs(flip ? bAt : aAt, m, wide ? 1 : 0, wb, pbk, wAt, pAt, cAt, csAt, totAt, prev, last ? 0 : nextAt);
      const mem = ex.memory.buffer;
      words.push(new Uint32Array(mem, wAt, e).slice());
      parents.push(new Uint32Array(mem, pAt, e).slice());
      counts.push(new Float64Array(mem, cAt, e).slice());
      childStart.push(new Uint32Array(mem, csAt, prev + 1).slice());
      contextTotal.push(new Float64Array(mem, totAt, prev).slice());
      entryAt = nextAt;
      prev = e;
    }
    return { order, idCount, counts, words, parents, childStart, contextTotal };
  }
}
