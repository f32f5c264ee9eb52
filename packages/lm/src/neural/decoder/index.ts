/**
 * Decoder-only (GPT-style) language models: `CausalLm` generates (greedy, sampling, beam search) with the KV
 * cache over left-padded batches and scores text; `DecoderRunner` hides whether the folder has Optimum's merged
 * graph, the split pair or a plain model.onnx. Decoding maths lives in `../generation`.
 */
export * from './causal-lm.js';
export * from './runner.js';
