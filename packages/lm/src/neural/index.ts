/**
 * Neural language models on ONNX Runtime, loaded from local Hugging Face / Optimum folders: `MaskedLm`
 * (BERT-style fill-mask and embeddings, `bert/`), `CausalLm` (GPT-style generate/score with the KV cache,
 * `decoder/`), `Seq2SeqLm` (encoder–decoder translate, `seq2seq/`), `AttentionSeq2Seq` (d2l-style GRU with
 * attention and SVG heat maps, `attention/`), decoding maths and the batched greedy/beam driver (`generation/`),
 * folder + config reading (`model-folder.ts`, `config.ts`) and the runtime (`runtime/`, the only importer of
 * onnxruntime-node). Nothing here fetches from a hub.
 */
export * from './runtime/index.js';
export * from './config.js';
export * from './model-folder.js';
export * from './generation/index.js';
export * from './bert/index.js';
export * from './decoder/index.js';
export * from './seq2seq/index.js';
export * from './attention/index.js';
