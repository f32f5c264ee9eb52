/**
 * `ReadKernel`: the ARPA reader's n-gram lines through the WebAssembly kernel (score-kernel.wat's
 * `readLines`): read-arpa.ts's `entryBytes` + `addNgram` for runs of lines, straight into the tables'
 * `probe` slots in the model's `WasmArena`. A line the kernel declines (odd layout, an error, a number
 * beyond its fast parse) is left untouched and read by the JavaScript path, which reports errors as before
 * (test/arpa-fast.test.ts checks both give the same models and the same errors).
 */
import { WebAssembly } from '@nlpkit/kit/wasm';
import type { NgramTable } from './ngram-table.js';
import { buildVocab, HAS_WASM, kernelModule, powersOfTen, readerVocabs, vocabBytes } from './score-kernel.js';
import type { WasmArena } from './wasm-arena.js';

interface Exports {
  init(n: number, bos: number, eos: number, sentence: number, uni: number, tabs: number, vslots: number, vmask: number, vbytes: number, woff: number, pow10: number): void;
  readSection(n: number, count: number, seen: number, high: number, size: number, slotOf: number, ids: number): void;
  readLines(pos: number, end: number): number;
  seen(): number;
  size(): number;
}

export class ReadKernel {
  private readonly x: Exports;
  private readonly tabs: number;
  private readonly ids: number;
  private input = 0;
  private inputSize = 0;

  private constructor(
    private readonly arena: WasmArena,
    words: readonly string[],
    encoded: readonly Uint8Array[],
    unigrams: NgramTable,
    private readonly order: number,
  ) {
    const v = buildVocab(arena, words, encoded);
    readerVocabs.set(unigrams, v); // the scoring kernel's, once it has the unigram values
    this.tabs = arena.alloc(8 * order);
    this.ids = arena.alloc(24 * order + 16 + 16 * 32 + 320 * order + 64); // the line scratch, the queue of 16 lines ($flush), $readAhead's (score-kernel.wat)
    const never = () => 0;
    this.x = new WebAssembly.Instance(kernelModule(), { env: { memory: arena.memory, lookup: () => -1, surface: never, fmt: never } }).exports as Exports;
    this.x.init(order, -1, 0, 0, unigrams.dataAddress, this.tabs, v.vslots, v.vmask, v.vbytes, v.woff, powersOfTen(arena));
  }

  /** A kernel for the n-gram sections, when the unigrams are in `arena` and there is room; else undefined. */
  static create(arena: WasmArena, words: readonly string[], unigrams: NgramTable, order: number): ReadKernel | undefined {
    if (!HAS_WASM || unigrams.arena !== arena || unigrams.dataAddress < 0) return undefined;
    const encoded = words.map((w) => Buffer.from(w, 'utf8'));
    if (!arena.fits(vocabBytes(words.length, encoded.reduce((a, b) => a + b.length, 0)) + 16 * order + 4096 + (2 << 20))) return undefined;
    try {
      return new ReadKernel(arena, words, encoded, unigrams, order);
    } catch (err) {
      if (err instanceof RangeError) return undefined; // the memory could not grow: JavaScript reads
      throw err;
    }
  }

  /** Makes `table`'s probe the kernel's table of its order; false when it is not in the arena (the JavaScript path reads it). */
  addTable(table: NgramTable): boolean {
    table.ensureAllocated();
    if (table.arena !== this.arena || table.probeAddress < 0 || table.slotOfAddress < 0) return false;
    const dir = this.arena.int32(this.tabs + 8 * (table.order - 2), 2);
    dir[0] = table.probeAddress;
    dir[1] = table.probeMask;
    return true;
  }

  /** Copies `buf[0..end)` into the kernel's input area; returns its address. */
  load(buf: Uint8Array, end: number): number {
    if (end + 16 > this.inputSize) {
      this.inputSize = Math.max(end + 16, this.inputSize * 2);
      this.input = this.arena.alloc(this.inputSize);
    }
    this.arena.bytes().set(buf.subarray(0, end), this.input);
    return this.input;
  }

  /**
   * Reads the lines of [pos, end) (addresses from `load`) of section `table.order` (`count` entries in
   * the header, `seen` read so far) into `table` until one is declined; returns where it stopped and
   * how many it read (the table has adopted them).
   */
  lines(table: NgramTable, count: number, seen: number, pos: number, end: number): { stop: number; read: number } {
    const x = this.x;
    x.readSection(table.order, count, seen, table.order === this.order ? 1 : 0, table.length, table.slotOfAddress, this.ids);
    const stop = x.readLines(pos, end);
    const read = x.seen() - seen;
    if (read > 0) table.adoptInserted(x.size());
    return { stop, read };
  }
}
