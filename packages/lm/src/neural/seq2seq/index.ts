/**
 * Encoder–decoder models (Marian, BART, T5 … exported by Optimum): `Seq2SeqLm.translate` runs the encoder once per
 * batch and the decoder step by step with its self- and cross-attention caches (greedy or beam search, bad words,
 * forced BOS/EOS from generation_config.json); `Seq2SeqRunner` hides the merged vs split decoder layout.
 */
export * from './runner.js';
export * from './seq2seq-lm.js';
