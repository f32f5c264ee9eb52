/**
 * Corpus BLEU statistics of TextLines through the WebAssembly kernel (bleu-kernel.wat): the byte path of
 * ../bleu.ts for the 13a and `none` tokenizers, one kernel call per corpus. The kernel runs at full speed
 * from the first segment, where the JavaScript loops spend a third of a cold run in V8's tiering; see the
 * .wat file's header. Same statistics as the JavaScript byte path, bit for bit.
 *
 * The kernel's memory is a shared WebAssembly.Memory. Bytes the caller read into a KernelArena are already
 * in it and are used in place; other bytes are copied in. (For the `score` CLI the copy of 25 MB into fresh
 * pages cost about 25 ms of a 0.45 s run, more than reading the files.)
 */
import { WebAssembly, type WasmMemory, type WasmModule } from '@nlpkit/kit/wasm';
import { BLEU_KERNEL_WASM } from './bleu-kernel.wasm.js';
import { rewrite13a } from './byte-spans.js';

interface BleuKernel {
  start(top: number): void;
  top(): number;
  alloc(n: number): number;
  init(maxLine: number, maxOrder: number, mode: number, lower: number): void;
  maxSpan(starts: number, ends: number, n: number): number;
  countLines(p: number, n: number): number;
  splitLines(p: number, n: number, rstrip: number, starts: number, ends: number): void;
  run(segments: number, streams: number, descriptors: number, out: number): void;
}

/** What a stream needs: its bytes and line spans (TextLines has these). */
export interface ByteLines {
  readonly bytes: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly length: number;
}

/**
 * Longest line the kernel takes: its per-line arrays are sized for the longest line up front (the
 * n-gram table alone is 256 bytes per byte of line), so a corpus with a longer line stays on the
 * JavaScript path. All inputs together: at most 1 GiB (32-bit addresses, with room for the tables).
 */
export const KERNEL_MAX_LINE = 1 << 16;
const KERNEL_MAX_INPUT = 1 << 30;
const PAGE = 65536;
const MAX_PAGES = 65536;
/** Bytes 0-255 of a kernel memory hold the kernel's byte classes (its data segment). */
const RESERVED = 1024;

const align = (n: number): number => (n + 15) & ~15;
/** Each SharedArrayBuffer an arena handed out (one per size of its memory), to its arena. */
const owners = new WeakMap<object, KernelArena>();

/**
 * Memory to read corpora into so that BLEU's kernel uses them where they are. `allocate` hands out
 * Buffers that stay valid while the memory grows (it is shared); `TextLines.fromBytes` on them, then
 * `corpusBleu`, skips the copy into the kernel. Everything else works on such Buffers as on any other.
 */
export class KernelArena {
  readonly memory: WasmMemory<SharedArrayBuffer>;
  private end = RESERVED;

  /**
   * `expectedBytes`: the data to come (the memory starts that large). `maximum`: its most pages; a shared
   * memory reserves them (address space, not memory) up front. A kernel that outgrows it falls back to
   * the JavaScript path.
   */
  constructor(expectedBytes = 0, maximum = MAX_PAGES) {
    const pages = Math.min(MAX_PAGES, Math.ceil((RESERVED + expectedBytes + 4096) / PAGE));
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: Math.max(pages, Math.min(maximum, MAX_PAGES)), shared: true });
  }

  /** Whether `allocate(n)` fits in the kernel's limit (1 GiB in all; larger inputs stay outside). */
  fits(n: number): boolean {
    return this.end + n + 64 <= KERNEL_MAX_INPUT + RESERVED;
  }

  /** n bytes of the memory (zeroed) as a Buffer, followed by slack the kernel may read past. */
  allocate(n: number): Buffer {
    const at = this.end;
    this.reserve(at + n + 64);
    const buffer = this.memory.buffer;
    owners.set(buffer, this);
    return Buffer.from(buffer, at, n);
  }

  /** Whether `b` is a view of this memory. */
  owns(b: Uint8Array): boolean {
    return owners.get(b.buffer) === this;
  }

  /** The first free byte; `taken` moves it (the kernel's allocations are never reused). */
  get top(): number {
    return this.end;
  }

  taken(end: number): void {
    this.end = align(end);
  }

  private reserve(end: number): void {
    if (end > KERNEL_MAX_INPUT + RESERVED) throw new RangeError('KernelArena: more than 1 GiB');
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
    this.end = align(end);
  }
}

let compiled: WasmModule | undefined;

/** Whether all the streams' bytes lie in one KernelArena (the kernel then uses them in place). */
export function inKernelArena(streams: readonly ByteLines[]): boolean {
  const home = owners.get(streams[0].bytes.buffer);
  return home !== undefined && streams.every((t) => home.owns(t.bytes));
}

/**
 * The statistics rows (2 + 2 * maxOrder numbers per segment, as bleu.ts's) of hypotheses streams[0]
 * against reference streams streams[1 ..] (all of one length), tokenized with 13a (mode 1) or `none`
 * (mode 2); null when the corpus is outside the kernel's limits (see KERNEL_MAX_LINE).
 */
export function kernelBleuStatistics(streams: readonly ByteLines[], mode: 1 | 2, lowercase: boolean, maxOrder: number): Float64Array | null {
  let bytes = 0;
  for (const t of streams) bytes += t.bytes.length + 8 * t.length + 64;
  if (bytes > KERNEL_MAX_INPUT) return null;
  // The streams' own memory when they all lie in one arena. Otherwise the bytes are copied into a scratch
  // memory kept between calls: a fresh memory per call cost ~0.5 ms of page faults on the pages it touched.
  const home = owners.get(streams[0].bytes.buffer);
  const inPlace = inKernelArena(streams);
  const arena = inPlace ? home! : (scratch ??= new KernelArena(bytes));
  const memory = arena.memory;
  let maxLine = 0;
  const buffer = (): Buffer => Buffer.from(memory.buffer);
  const put = (text: string, dst: number): number => {
    if (Buffer.byteLength(text) > maxLine) throw new Error(`BLEU kernel: a line grew past ${maxLine} bytes`);
    return buffer().write(text, dst);
  };
  const kernel = instantiate(arena, {
    // a non-ASCII line to lowercase: JavaScript's toLowerCase, as the string path does
    lower: (p: number, n: number, dst: number) => put(buffer().toString('utf8', p, p + n).toLowerCase(), dst),
    // a line with '<' or '&': 13a's rewrites on the decoded line; -1 when nothing changes
    rewrite: (p: number, n: number, dst: number) => {
      const line = buffer().toString('utf8', p, p + n);
      const rewritten = rewrite13a(line);
      return rewritten === line ? -1 : put(rewritten, dst);
    },
  });
  try {
    // line spans (and bytes not in the arena) into the kernel's memory: plain copies; the kernel reads
    // the spans itself, where a JavaScript loop over every line cost about 15 ms cold on the bench
    const segments = streams[0].length;
    const desc = kernel.alloc(12 * streams.length);
    let maxLen = 0;
    streams.forEach((t, k) => {
      let at = t.bytes.byteOffset;
      if (!arena.owns(t.bytes)) {
        at = kernel.alloc(t.bytes.length);
        new Uint8Array(memory.buffer, at, t.bytes.length).set(t.bytes);
      }
      const starts = kernel.alloc(4 * segments);
      new Int32Array(memory.buffer, starts, segments).set(t.starts.subarray(0, segments));
      const ends = kernel.alloc(4 * segments);
      new Int32Array(memory.buffer, ends, segments).set(t.ends.subarray(0, segments));
      new Int32Array(memory.buffer, desc + 12 * k, 3).set([at, starts, ends]);
      maxLen = Math.max(maxLen, kernel.maxSpan(starts, ends, segments));
    });
    if (maxLen > KERNEL_MAX_LINE) return null;
    // lowercasing can lengthen a line's UTF-8 (U+0130, 2 bytes, becomes i + U+0307, 3 bytes): at most 1.5x
    maxLine = 2 * maxLen + 16;
    kernel.init(maxLine, maxOrder, mode, lowercase ? 1 : 0);
    const width = 2 + 2 * maxOrder;
    const out = kernel.alloc(8 * width * segments);
    kernel.run(segments, streams.length, desc, out);
    return new Float64Array(memory.buffer, out, width * segments).slice();
  } catch (err) {
    // the kernel's memory ran out (4 GiB, or an arena's maximum; a corpus with a huge vocabulary): the
    // JavaScript path has no such limit. Errors of the callbacks are no such case and go on.
    if (err instanceof WebAssembly.RuntimeError) return null;
    throw err;
  } finally {
    if (inPlace) arena.taken(kernel.top()); // the kernel's tables are garbage now: nothing reuses them
    else {
      // the scratch memory zeroed again for the next call, or dropped when large (zeroing it would cost
      // more than fresh pages for a corpus that size)
      const used = Math.min(kernel.top(), memory.buffer.byteLength);
      if (used > SCRATCH_KEEP) scratch = null;
      else new Uint8Array(memory.buffer, RESERVED, used - RESERVED).fill(0);
    }
  }
}

let scratch: KernelArena | null = null;
const SCRATCH_KEEP = 16 << 20;

type Callback = (p: number, n: number, dst: number) => number;

/** A kernel instance on `arena`'s memory, allocating above the arena's data. */
function instantiate(arena: KernelArena, env: { lower: Callback; rewrite: Callback }): BleuKernel {
  compiled ??= new WebAssembly.Module(Buffer.from(BLEU_KERNEL_WASM, 'base64'));
  const kernel = new WebAssembly.Instance(compiled, { env: { memory: arena.memory, ...env } }).exports as unknown as BleuKernel;
  kernel.start(arena.top);
  return kernel;
}

const unused: Callback = () => {
  throw new Error('BLEU kernel: no callback here');
};

/**
 * The line spans of `bytes` when they lie in a KernelArena, found by the kernel 16 bytes at a time
 * (text-lines.ts's splitting: "\n" only, a last line without one, optional Python rstrip); null for other
 * bytes. For TextLines.fromBytes.
 */
export function kernelLineSpans(bytes: Uint8Array, rstrip: boolean): { starts: Int32Array; ends: Int32Array; count: number } | null {
  const arena = owners.get(bytes.buffer);
  if (!arena) return null;
  const kernel = instantiate(arena, { lower: unused, rewrite: unused });
  try {
    const count = kernel.countLines(bytes.byteOffset, bytes.length);
    const s = kernel.alloc(4 * count);
    const e = kernel.alloc(4 * count);
    kernel.splitLines(bytes.byteOffset, bytes.length, rstrip ? 1 : 0, s, e);
    const memory = arena.memory.buffer;
    return { starts: new Int32Array(memory, s, count).slice(), ends: new Int32Array(memory, e, count).slice(), count };
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) return null; // no room for the spans: TextLines splits them
    throw err;
  } finally {
    // zeroed again: the arena's memory above its data must stay fresh for the next kernel's tables
    const memory = arena.memory.buffer;
    new Uint8Array(memory, arena.top, Math.min(kernel.top(), memory.byteLength) - arena.top).fill(0);
  }
}
