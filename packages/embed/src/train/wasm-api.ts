/**
 * The bits of the WebAssembly JS API that embed's SIMD kernels (word2vec's vector ops, GloVe's AdaGrad
 * step) use: Node has them, but the repo's TypeScript libs, without the DOM, do not declare them.
 */
/** A WebAssembly.Memory. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}
/** A compiled WebAssembly.Module. */
export type WasmModule = object;
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (mod: WasmModule, imports: object) => { exports: object };
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
export const WebAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
