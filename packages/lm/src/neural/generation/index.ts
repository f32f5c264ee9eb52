/**
 * Model-independent decoding pieces on typed arrays: logits processors (repetition penalty, temperature,
 * top-k, top-p), a seeded RNG for sampling, `BeamScorer` (transformers' BeamSearchScorer semantics) and
 * `batchedSearch`, the greedy/beam driver every model here uses (batches of sources, finished ones dropped).
 * Nothing here knows ONNX or tokenizers. The beam scorer is ours, not @nlpkit/translate's generic search,
 * because translate depends on lm (see README); it can be swapped once that search moves below lm.
 */
export * from './logits.js';
export * from './rng.js';
export * from './beam-scorer.js';
export * from './search.js';
