/**
 * `ScoreKernel`: `Query`'s byte paths (`addBytes`, `queryBytes`) through the WebAssembly kernel
 * (score-kernel.wat): a batch of lines split, looked up, scored and (for `lm query`) printed in one call.
 * Same totals and the same output bytes as the JavaScript path (test/score-kernel.test.ts).
 *
 * The kernel reads the model where it is: a model read by `readArpa` has its tables in a `WasmArena`
 * (NgramTable `dataAddress` / `probeAddress`); other models' tables are copied into one on first use.
 * Per model (cached): the vocabulary by UTF-8 bytes (32-byte slots that hold the unigram values too),
 * the table directory and the powers of ten; per kernel (one per model and mode, shared by its `Query`
 * objects): scratch, input and output areas in the same memory.
 */
import { hasWebAssembly, WebAssembly, type WasmModule } from '@nlpkit/kit/wasm';
import type { ArpaModel } from './arpa-model.js';
import { writeFloat32 } from './float-format.js';
import type { NgramTable } from './ngram-table.js';
import { SCORE_KERNEL_WASM } from './score-kernel.wasm.js';
import { hashBytes } from './vocab-index.js';
import { WasmArena } from './wasm-arena.js';

interface Exports {
  init(n: number, bos: number, eos: number, sentence: number, uni: number, tabs: number, vslots: number, vmask: number, vbytes: number, woff: number, pow10: number): void;
  setScratch(p: number, cap: number): void;
  setOut(p: number, size: number): void;
  setTotals(total: number, totalOov: number, tokens: number, oovs: number): void;
  total(): number;
  totalOov(): number;
  tokens(): number;
  oovs(): number;
  lines(): number;
  status(): number;
  need(): number;
  outPos(): number;
  resetOut(): void;
  run(pos: number, end: number, emit: number): number;
}

let compiled: WasmModule | undefined;

/** What every kernel of one model shares: where the tables, the vocabulary and the constants are. */
interface KernelModel {
  readonly arena: WasmArena;
  readonly uni: number;
  readonly tabs: number;
  readonly vslots: number;
  readonly vmask: number;
  readonly vbytes: number;
  readonly woff: number;
  readonly pow10: number;
  /** The tables' lengths and probes when this was made (a model changed since is set up again). */
  readonly lengths: readonly number[];
  readonly probes: readonly Int32Array[];
  /** The kernels made for it: [without, with] sentence context. */
  readonly kernels: (ScoreKernel | undefined)[];
}

const models = new WeakMap<ArpaModel, KernelModel>();

/** The table's probe (or unigram records) in `arena`: in place when it is there, else a copy. */
function place(arena: WasmArena, table: NgramTable): number {
  if (table.order === 1) {
    if (table.arena === arena && table.dataAddress >= 0) return table.dataAddress;
    const at = arena.alloc(Math.max(table.length, 1) * 16);
    new Int32Array(arena.memory.buffer, at, table.length * 4).set(table.data.subarray(0, table.length * 4));
    return at;
  }
  if (table.arena === arena && table.probeAddress >= 0) return table.probeAddress;
  const at = arena.alloc((table.probeMask + 1) * 16);
  if (table.probe.length > 0) new Int32Array(arena.memory.buffer, at, table.probe.length).set(table.probe);
  return at;
}

/** 10^0 … 10^22 (exact doubles) in `arena`; returns their address. */
export function powersOfTen(arena: WasmArena): number {
  const at = arena.alloc(8 * 23);
  const p10 = new Float64Array(arena.memory.buffer, at, 23);
  for (let i = 0; i < 23; i++) p10[i] = 10 ** i;
  return at;
}

/** Bytes `buildVocab` takes for `words` of `wordBytes` UTF-8 bytes in all. */
export function vocabBytes(words: number, wordBytes: number): number {
  let vsize = 2;
  while (vsize < words * 2) vsize *= 2;
  return wordBytes + 4 * words + vsize * 32 + 256;
}

/**
 * The vocabulary by bytes in `arena` (see $vocabFind): 32-byte slots (id, length, the unigram's prob and
 * backoff from `uniValues` (NgramTable records), the first 16 bytes), -1 = empty; longer words' bytes at
 * vbytes + woff[id]. `encoded[id]` is `words[id]` in UTF-8.
 */
export function buildVocab(arena: WasmArena, words: readonly string[], encoded: readonly Uint8Array[], uniValues?: Float32Array<ArrayBufferLike>): VocabAddresses {
  let vsize = 2;
  while (vsize < words.length * 2) vsize *= 2;
  const wordBytes = encoded.reduce((a, b) => a + b.length, 0);
  const vbytes = arena.alloc(wordBytes + 8);
  const woff = arena.alloc(4 * words.length);
  const vslots = arena.alloc(vsize * 32);
  const mem = arena.bytes();
  const slots = new Int32Array(arena.memory.buffer, vslots, vsize * 8);
  const offsets = new Int32Array(arena.memory.buffer, woff, words.length);
  const slotValues = new Float32Array(arena.memory.buffer, vslots, vsize * 8);
  for (let h = 0; h < vsize; h++) slots[8 * h] = -1;
  const vmask = vsize - 1;
  for (let id = 0, at = 0; id < words.length; id++) {
    const e = encoded[id];
    mem.set(e, vbytes + at);
    offsets[id] = at;
    let h = hashBytes(e, 0, e.length) & vmask;
    while (slots[8 * h] !== -1) h = (h + 1) & vmask;
    slots[8 * h] = id;
    slots[8 * h + 1] = e.length;
    if (uniValues !== undefined) {
      slotValues[8 * h + 2] = uniValues[4 * id + 2];
      slotValues[8 * h + 3] = uniValues[4 * id + 3];
    }
    mem.set(e.subarray(0, 16), vslots + 32 * h + 16);
    at += e.length;
  }
  return { vslots, vmask, vbytes, woff };
}

export interface VocabAddresses {
  readonly vslots: number;
  readonly vmask: number;
  readonly vbytes: number;
  readonly woff: number;
}

/** Vocabularies the ARPA reader built (without unigram values) in its model's arena, by unigram table. */
export const readerVocabs = new WeakMap<NgramTable, VocabAddresses>();

/** Puts the unigram values (NgramTable records) into the slots of `v`; returns it. */
function fillUnigrams(arena: WasmArena, v: VocabAddresses, uniValues: Float32Array<ArrayBufferLike>): VocabAddresses {
  const slots = new Int32Array(arena.memory.buffer, v.vslots, (v.vmask + 1) * 8);
  const values = new Float32Array(arena.memory.buffer, v.vslots, (v.vmask + 1) * 8);
  for (let h = 0; h <= v.vmask; h++) {
    const id = slots[8 * h];
    if (id < 0) continue;
    values[8 * h + 2] = uniValues[4 * id + 2];
    values[8 * h + 3] = uniValues[4 * id + 3];
  }
  return v;
}

/** The kernel's compiled module (one per process). */
export function kernelModule(): WasmModule {
  return (compiled ??= new WebAssembly.Module(Buffer.from(SCORE_KERNEL_WASM, 'base64')));
}

/** Whether this runtime has WebAssembly. */
export const HAS_WASM = hasWebAssembly;

function setUp(model: ArpaModel): KernelModel | undefined {
  const tables = model.tables;
  const cached = models.get(model);
  if (cached !== undefined && tables.every((t, k) => t.length === cached.lengths[k] && t.probe === cached.probes[k])) return cached;
  const own = tables[0].arena;
  const inPlace = own !== undefined && tables.every((t) => t.arena === own && (t.order === 1 ? t.dataAddress : t.probeAddress) >= 0);
  const words = model.words;
  // The ARPA reader's vocabulary, when it left one in the arena for these unigrams, is reused (its
  // unigram values filled in); else one is built.
  const reused = inPlace ? readerVocabs.get(tables[0]) : undefined;
  const encoded = reused ? [] : words.map((w) => Buffer.from(w, 'utf8'));
  let bytes = (reused ? 0 : vocabBytes(words.length, encoded.reduce((a, b) => a + b.length, 0))) + 8 * 23 + 16 * tables.length + 1024;
  if (!inPlace) for (const t of tables) bytes += t.order === 1 ? t.length * 16 : (t.probeMask + 1) * 16;
  const arena = inPlace ? own : WasmArena.create(bytes + (1 << 20));
  if (arena === undefined || !arena.fits(bytes)) return undefined;
  const tabs = arena.alloc(8 * tables.length);
  const uni = place(arena, tables[0]);
  const dir = new Int32Array(arena.memory.buffer, tabs, 2 * tables.length);
  for (let k = 1; k < tables.length; k++) {
    dir[2 * (k - 1)] = place(arena, tables[k]);
    dir[2 * (k - 1) + 1] = tables[k].probeMask;
  }
  const { vslots, vmask, vbytes, woff } = reused ? fillUnigrams(arena, reused, tables[0].values) : buildVocab(arena, words, encoded, tables[0].values);
  const pow10 = powersOfTen(arena);
  const km: KernelModel = { arena, uni, tabs, vslots, vmask, vbytes, woff, pow10, lengths: tables.map((t) => t.length), probes: tables.map((t) => t.probe), kernels: [] };
  models.set(model, km);
  return km;
}

/** Scratch bytes for `cap` tokens (ids, starts, ends, exact, lengths, probs, unigram probs and backoffs: 4 each; hashes: 4 per order) and two backoff arrays. */
const scratchBytes = (cap: number, order: number): number => cap * 4 * (8 + order) + 8 * order + 64;

export class ScoreKernel {
  private readonly x: Exports;
  private readonly arena: WasmArena;
  private mem: Uint8Array;
  private cap = 0;
  private input = 0;
  private inputSize = 0;
  private out = 0;
  private outSize = 0;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly encoder = new TextEncoder();

  private constructor(
    private readonly model: ArpaModel,
    private readonly km: KernelModel,
    sentenceContext: boolean,
  ) {
    this.arena = km.arena;
    this.mem = km.arena.bytes();
    const env = {
      memory: km.arena.memory,
      lookup: (s: number, e: number) => model.vocab.find(this.decoder.decode(this.view().subarray(s, e))),
      surface: (s: number, e: number, id: number, at: number) => {
        const text = id === 0 ? `${this.decoder.decode(this.view().subarray(s, e))}=0 ` : `${model.words[id]}=${id} `;
        return at + this.encoder.encodeInto(text, this.view().subarray(at)).written;
      },
      fmt: (x: number, at: number) => writeFloat32(x, this.view(), at),
    };
    this.x = new WebAssembly.Instance(kernelModule(), { env }).exports as Exports;
    this.x.init(model.order, model.bosId, model.eosId, sentenceContext ? 1 : 0, km.uni, km.tabs, km.vslots, km.vmask, km.vbytes, km.woff, km.pow10);
    this.grow(256, 1 << 16, 0);
  }

  /** A kernel for `model`, or undefined where it cannot run (no WebAssembly, a model beyond 32-bit addresses). */
  static create(model: ArpaModel, sentenceContext: boolean): ScoreKernel | undefined {
    if (!hasWebAssembly) return undefined;
    try {
      const km = setUp(model);
      if (km === undefined) return undefined;
      // One kernel per model and mode, shared by its Query objects (a run is synchronous and takes the
      // caller's totals), so that making many of them does not pile up scratch in the arena.
      const at = sentenceContext ? 1 : 0;
      return (km.kernels[at] ??= new ScoreKernel(model, km, sentenceContext));
    } catch (err) {
      // No memory for an arena (address space, a failed grow): the JavaScript path scores.
      if (err instanceof RangeError) return undefined;
      throw err;
    }
  }

  /** Whether the model changed since this kernel was made (an appended entry or a new probe: make a new one). */
  stale(): boolean {
    const { lengths, probes } = this.km;
    return this.model.tables.some((t, k) => t.length !== lengths[k] || t.probe !== probes[k]);
  }

  /** The memory as bytes (a new view after growth). */
  private view(): Uint8Array {
    if (this.mem.byteLength !== this.arena.memory.buffer.byteLength) this.mem = this.arena.bytes();
    return this.mem;
  }

  /** Makes the scratch hold `cap` tokens, the input area `input` bytes and the output area `out` bytes (each only grows). */
  private grow(cap: number, input: number, out: number): void {
    if (cap > this.cap) {
      this.cap = Math.max(cap, this.cap * 2);
      this.x.setScratch(this.arena.alloc(scratchBytes(this.cap, this.model.order)), this.cap);
    }
    if (input > this.inputSize) {
      this.inputSize = Math.max(input, this.inputSize * 2);
      this.input = this.arena.alloc(this.inputSize + 16);
    }
    if (out > this.outSize) {
      this.outSize = Math.max(out, this.outSize * 2);
      this.out = this.arena.alloc(this.outSize + 64);
      this.x.setOut(this.out, this.outSize);
    }
  }

  /**
   * Scores the lines of `b` (Query.addBytes's splitting) on top of the totals given; with `emit`, also
   * returns their `lm query` output: a view of the kernel's output area (shared by every Query of this
   * model and mode, so valid only until the next run; the caller copies it). `totals` is [total,
   * totalOov, tokens, oovs], updated in place.
   */
  run(b: Uint8Array, emit: boolean, totals: Float64Array): { lines: number; output?: Uint8Array } {
    const x = this.x;
    // `lm query` output is ~2.5 bytes per input byte: one piece for most batches (else it is flushed in pieces).
    this.grow(0, b.length, emit ? Math.max(3 * b.length, 1 << 16) : 0);
    this.view().set(b, this.input);
    x.setTotals(totals[0], totals[1], totals[2], totals[3]);
    x.resetOut();
    const end = this.input + b.length;
    let pos = this.input;
    let lines = 0;
    const pieces: Uint8Array[] = [];
    for (;;) {
      pos = x.run(pos, end, emit ? 1 : 0);
      lines += x.lines();
      const status = x.status();
      if (status === 0) break;
      if (status === 1) this.grow(x.need(), 0, 0);
      else {
        // Output area full: keep what is there and start it over (grown if one line needs more).
        const used = x.outPos() - this.out;
        if (used > 0) pieces.push(this.view().slice(this.out, this.out + used));
        this.grow(0, 0, x.need());
        x.resetOut();
      }
    }
    totals[0] = x.total();
    totals[1] = x.totalOov();
    totals[2] = x.tokens();
    totals[3] = x.oovs();
    if (!emit) return { lines };
    const last = this.view().subarray(this.out, x.outPos());
    if (pieces.length === 0) return { lines, output: last };
    pieces.push(last);
    return { lines, output: Buffer.concat(pieces) };
  }
}
