/**
 * The bits of the WebAssembly JS API that embed's SIMD kernels (word2vec's vector ops, GloVe's AdaGrad
 * step) use, declared once for all packages in @nlpkit/kit/wasm.
 */
export { WebAssembly, type WasmMemory, type WasmModule } from '@nlpkit/kit/wasm';
