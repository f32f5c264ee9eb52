/** @nlpkit/lm — language models. */
export {};
