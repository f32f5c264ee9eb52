/**
 * CONTRACT placeholder (filled in by the tokenizer work): the mutable encoding that the tokenizer
 * builds and the post-processors merge.
 */
export class EncodingBuilder {}
