/**
 * CTC decoder (speech models such as wav2vec2): collapses repeated tokens, removes the pad token and,
 * with `cleanup`, applies the WordPiece clean-up and turns the word delimiter into a space; tokens
 * left empty are dropped.
 */
import type { JsonReader } from '../json-reader.js';
import type { JsonObject } from '../stages.js';
import { BaseDecoder } from './base.js';
import { replaceAllLiteral } from './text.js';
import { cleanup } from './wordpiece.js';

export class CTCDecoder extends BaseDecoder {
  constructor(
    readonly padToken = '<pad>',
    readonly wordDelimiterToken = '|',
    readonly cleanup = true,
  ) {
    super();
  }

  static fromJSON(reader: JsonReader): CTCDecoder {
    return new CTCDecoder(reader.string('pad_token'), reader.string('word_delimiter_token'), reader.boolean('cleanup'));
  }

  decodeChain(tokens: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (i > 0 && tokens[i] === tokens[i - 1]) continue;
      let text = replaceAllLiteral(tokens[i]!, this.padToken, '');
      if (this.cleanup) text = replaceAllLiteral(cleanup(text), this.wordDelimiterToken, ' ');
      if (text !== '') out.push(text);
    }
    return out;
  }

  toJSON(): JsonObject {
    return { type: 'CTC', pad_token: this.padToken, word_delimiter_token: this.wordDelimiterToken, cleanup: this.cleanup };
  }
}
