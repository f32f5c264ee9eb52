/**
 * Encoder-only (BERT-style) models: `MaskedLm` runs onnx/model.onnx (input_ids, attention_mask, optional
 * token_type_ids → logits and/or last_hidden_state) for fill-mask and sentence embeddings. Imports the runtime
 * and the model folder, never onnxruntime directly.
 */
export * from './masked-lm.js';
