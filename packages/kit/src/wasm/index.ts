/**
 * `@nlpkit/kit/wasm`: the bits of the WebAssembly JS API that the packages' kernels use (embed's
 * word2vec and GloVe SIMD kernels, metrics' BLEU kernel, translate's dot-product tile). Node has them,
 * but the repo's TypeScript libs, without the DOM, do not declare them.
 */

/** A WebAssembly.Memory; a shared one's `buffer` is a SharedArrayBuffer. */
export interface WasmMemory<Buffer extends ArrayBufferLike = ArrayBufferLike> {
  readonly buffer: Buffer;
  /** Grows the memory by `pages` of 64 KiB; returns the old size in pages. */
  grow(pages: number): number;
}

/** Bytes in a WebAssembly memory page. */
export const WASM_PAGE = 65536;

/**
 * Grows `memory` to at least `bytes` (whole pages); nothing when it is that big already. The engine's refusal
 * (a RangeError) is the caller's to catch. Shared by the kernels that keep one memory and grow it as inputs grow.
 */
export function growMemory(memory: WasmMemory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (have < bytes) memory.grow(Math.ceil((bytes - have) / WASM_PAGE));
}

/** A compiled WebAssembly.Module. */
export type WasmModule = object;

export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (mod: WasmModule, imports: object) => { exports: object };
  Memory: {
    new (descriptor: { initial: number; maximum: number; shared: true }): WasmMemory<SharedArrayBuffer>;
    new (descriptor: { initial: number; maximum?: number; shared?: false }): WasmMemory<ArrayBuffer>;
  };
  /** Thrown by a kernel that traps (out of bounds, unreachable). */
  RuntimeError: new () => Error;
}

const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Whether this Node has WebAssembly at all (`node --jitless` has none). */
export const hasWebAssembly = api !== undefined;

/**
 * The global WebAssembly namespace, typed as far as the kernels use it. Where Node may run without it,
 * check `hasWebAssembly` first.
 */
export const WebAssembly = api as WasmApi;
