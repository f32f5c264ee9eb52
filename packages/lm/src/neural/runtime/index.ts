/**
 * The ONNX Runtime layer: the only code in @nlpkit/lm that imports `onnxruntime-node`. It opens sessions on a
 * device (CPU, CUDA, WebGPU) with a CPU fallback, and converts between our typed arrays and ORT tensors
 * (ids and masks are int64 = BigInt64Array). Models (`../bert`, `../decoder`) see only the types defined here.
 */
export * from './session.js';
export * from './tensors.js';
