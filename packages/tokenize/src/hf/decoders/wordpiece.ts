/**
 * WordPiece decoder (BERT): a token starting with the prefix (`##`) is glued to the previous one
 * (prefix removed), any other token but the first gets a leading space; then, optionally, Rust's
 * English clean-up of spaces before punctuation and contractions.
 */
import type { JsonReader } from '../json-reader.js';
import type { JsonObject } from '../stages.js';
import { BaseDecoder } from './base.js';

/** Rust's `decoders::wordpiece::cleanup`, replacements applied in this order (also used by CTC). */
export function cleanup(text: string): string {
  return text
    .replaceAll(' .', '.')
    .replaceAll(' ?', '?')
    .replaceAll(' !', '!')
    .replaceAll(' ,', ',')
    .replaceAll(" ' ", "'")
    .replaceAll(" n't", "n't")
    .replaceAll(" 'm", "'m")
    .replaceAll(' do not', " don't")
    .replaceAll(" 's", "'s")
    .replaceAll(" 've", "'ve")
    .replaceAll(" 're", "'re");
}

export class WordPieceDecoder extends BaseDecoder {
  constructor(
    readonly prefix = '##',
    readonly cleanup = true,
  ) {
    super();
  }

  static fromJSON(reader: JsonReader): WordPieceDecoder {
    return new WordPieceDecoder(reader.string('prefix'), reader.boolean('cleanup'));
  }

  decodeChain(tokens: string[]): string[] {
    return tokens.map((token, i) => {
      let text = token;
      if (i !== 0) text = token.startsWith(this.prefix) ? token.slice(this.prefix.length) : ` ${token}`;
      return this.cleanup ? cleanup(text) : text;
    });
  }

  toJSON(): JsonObject {
    return { type: 'WordPiece', prefix: this.prefix, cleanup: this.cleanup };
  }
}
