/**
 * Neural language models on ONNX Runtime, loaded from local Hugging Face / Optimum folders: `MaskedLm`
 * (BERT-style fill-mask and embeddings, `bert/`), `CausalLm` (GPT-style generate/score with the KV cache,
 * `decoder/`), decoding maths (`generation/`), folder + config reading (`model-folder.ts`, `config.ts`) and the
 * runtime (`runtime/`, the only importer of onnxruntime-node). Nothing here fetches from a hub.
 */
export * from './runtime/index.js';
export * from './config.js';
export * from './model-folder.js';
export * from './generation/index.js';
export * from './bert/index.js';
export * from './decoder/index.js';
