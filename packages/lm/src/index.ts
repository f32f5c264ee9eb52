/**
 * @nlpkit/lm — language models: n-gram counting and NLTK-exact estimators with generation (`ngram/`), ARPA
 * files, KenLM-exact scoring and lmplz-style modified Kneser–Ney (`arpa/`), neural models on ONNX Runtime
 * (`neural/`: BERT-family encoders, GPT-style decoders, encoder–decoders, d2l-style seq2seq with attention), and
 * the `lm` CLI (`cli/`).
 */
export * from './errors.js';
export * from './ngram/index.js';
export * from './arpa/index.js';
export * from './neural/index.js';
