/**
 * The WordLevel model (Rust `models::wordlevel`): the whole pre-token is one vocabulary entry, or
 * the unknown token.
 */
import type { JsonReader } from '../json-reader.js';
import type { JsonObject, Model } from '../stages.js';
import type { TokenBuffer } from '../token-buffer.js';
import { missingUnkError } from './model-errors.js';
import { readVocabObject, VocabModel, vocabToJSON, type VocabInput } from './vocab.js';

export interface WordLevelOptions {
  vocab: VocabInput;
  /** Default `<unk>`. */
  unkToken?: string;
}

export class WordLevel extends VocabModel implements Model {
  readonly unkToken: string;

  constructor(options: WordLevelOptions) {
    super(options.vocab);
    this.unkToken = options.unkToken ?? '<unk>';
  }

  static fromJSON(reader: JsonReader): WordLevel {
    return new WordLevel({ vocab: readVocabObject(reader, 'vocab'), unkToken: reader.string('unk_token') });
  }

  /**
   * The whole sequence is one token: itself, or the unknown token. (Rust's pipeline never passes an
   * empty pre-token; given one, this looks up "" like Rust's model does.)
   */
  tokenize(sequence: string, out: TokenBuffer): void {
    const id = this.vocab.get(sequence) ?? this.vocab.get(this.unkToken);
    if (id === undefined) throw missingUnkError('WordLevel', `Missing ${this.unkToken} token from the vocabulary`);
    out.push(id, 0, sequence.length);
  }

  toJSON(): JsonObject {
    return { type: 'WordLevel', vocab: vocabToJSON(this.idToTokenTable), unk_token: this.unkToken };
  }
}
