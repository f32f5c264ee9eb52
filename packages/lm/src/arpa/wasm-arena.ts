/**
 * `WasmArena`: a shared WebAssembly.Memory handed out in pieces (bump allocation, never freed), so that a
 * model's tables can live where the scoring kernel (score-kernel.wat) reads them: the ARPA reader
 * allocates each `NgramTable`'s unigram records and `probe` slots here, sized from the header's counts,
 * and JavaScript uses them through typed-array views as before. A shared memory's views stay valid when
 * it grows (an unshared one's would be detached). An arena lives as long as its model.
 */
import { growMemory, hasWebAssembly, WASM_PAGE, WebAssembly, type WasmMemory } from '@nlpkit/kit/wasm';

/** 32-bit addresses: at most 4 GiB of pages (a shared memory reserves address space for them, not memory). */
const MAX_PAGES = 65536;
/** Bytes below this are never handed out (address 0 stays invalid). */
const RESERVED = 64;
/** Arenas are not made for models above this (they use plain typed arrays and the JavaScript scorer). */
export const ARENA_LIMIT = 3 * 2 ** 30;

export class WasmArena {
  readonly memory: WasmMemory<SharedArrayBuffer>;
  private top = RESERVED;

  private constructor(bytes: number) {
    this.memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / WASM_PAGE)), maximum: MAX_PAGES, shared: true });
  }

  /** An arena for about `expectedBytes` (it grows past them), or undefined when there is no WebAssembly or the size is beyond `ARENA_LIMIT`. */
  static create(expectedBytes: number): WasmArena | undefined {
    if (!hasWebAssembly || !(expectedBytes <= ARENA_LIMIT)) return undefined;
    try {
      return new WasmArena(expectedBytes + RESERVED);
    } catch {
      return undefined; // no address space for it: plain arrays
    }
  }

  /** `bytes` zeroed bytes, 64-byte aligned (a cache line); returns their address. Throws a RangeError past `ARENA_LIMIT`. */
  alloc(bytes: number): number {
    const at = (this.top + 63) & ~63;
    const end = at + bytes;
    if (end > ARENA_LIMIT) throw new RangeError(`WasmArena: ${end} bytes is beyond the ${ARENA_LIMIT}-byte limit`);
    growMemory(this.memory, end);
    this.top = end;
    return at;
  }

  /** Whether `bytes` more fit under `ARENA_LIMIT`. */
  fits(bytes: number): boolean {
    return ((this.top + 63) & ~63) + bytes <= ARENA_LIMIT;
  }

  int32(at: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, at, length);
  }

  /** A byte view of the whole memory as it is now (make a new one after an `alloc` that may grow it). */
  bytes(): Uint8Array {
    return new Uint8Array(this.memory.buffer);
  }
}
