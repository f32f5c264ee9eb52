/**
 * The WordPiece model (Rust `models::wordpiece`, BERT): greedy longest-match-first from the left;
 * every piece after the first is looked up with `continuing_subword_prefix`. A word longer than
 * `max_input_chars_per_word` code points, or with any part that matches nothing, becomes a single
 * unknown token spanning the whole word.
 */
import type { JsonReader } from '../json-reader.js';
import type { JsonObject, Model } from '../stages.js';
import type { TokenBuffer } from '../token-buffer.js';
import { missingUnkError } from './model-errors.js';
import { readVocabObject, VocabModel, vocabToJSON, type VocabInput } from './vocab.js';

export interface WordPieceOptions {
  vocab: VocabInput;
  /** Default `[UNK]`. */
  unkToken?: string;
  /** Default `##`. */
  continuingSubwordPrefix?: string;
  /** Default 100 (code points). */
  maxInputCharsPerWord?: number;
}

export class WordPiece extends VocabModel implements Model {
  readonly unkToken: string;
  readonly continuingSubwordPrefix: string;
  readonly maxInputCharsPerWord: number;
  /** Longest token in UTF-16 units (prefix included): no match can be longer, so no need to try. */
  private readonly maxTokenLength: number;

  constructor(options: WordPieceOptions) {
    super(options.vocab);
    this.unkToken = options.unkToken ?? '[UNK]';
    this.continuingSubwordPrefix = options.continuingSubwordPrefix ?? '##';
    this.maxInputCharsPerWord = options.maxInputCharsPerWord ?? 100;
    let longest = 0;
    for (const token of this.vocab.keys()) if (token.length > longest) longest = token.length;
    this.maxTokenLength = longest;
  }

  static fromJSON(reader: JsonReader): WordPiece {
    // Rust requires all four fields ("type" is optional for old files).
    return new WordPiece({
      vocab: readVocabObject(reader, 'vocab'),
      unkToken: reader.string('unk_token'),
      continuingSubwordPrefix: reader.string('continuing_subword_prefix'),
      maxInputCharsPerWord: reader.integer('max_input_chars_per_word'),
    });
  }

  tokenize(sequence: string, out: TokenBuffer): void {
    const n = sequence.length;
    if (n === 0) return;
    if (countCodePoints(sequence, this.maxInputCharsPerWord + 1) > this.maxInputCharsPerWord) {
      out.push(this.unkId(), 0, n);
      return;
    }
    const first = out.length;
    const prefix = this.continuingSubwordPrefix;
    for (let start = 0; start < n; ) {
      const room = this.maxTokenLength - (start > 0 ? prefix.length : 0);
      let end = Math.min(n, start + Math.max(room, 0));
      if (end < n && isLowSurrogate(sequence.charCodeAt(end))) end--;
      let id: number | undefined;
      while (end > start) {
        const piece = start > 0 ? prefix + sequence.slice(start, end) : sequence.slice(start, end);
        id = this.vocab.get(piece);
        if (id !== undefined) break;
        end -= end - 2 >= start && isLowSurrogate(sequence.charCodeAt(end - 1)) && isHighSurrogate(sequence.charCodeAt(end - 2)) ? 2 : 1;
      }
      if (id === undefined) {
        out.length = first;
        out.push(this.unkId(), 0, n);
        return;
      }
      out.push(id, start, end);
      start = end;
    }
  }

  toJSON(): JsonObject {
    return {
      type: 'WordPiece',
      unk_token: this.unkToken,
      continuing_subword_prefix: this.continuingSubwordPrefix,
      max_input_chars_per_word: this.maxInputCharsPerWord,
      vocab: vocabToJSON(this.idToTokenTable),
    };
  }

  private unkId(): number {
    const id = this.vocab.get(this.unkToken);
    if (id === undefined) throw missingUnkError('WordPiece', `Missing ${this.unkToken} token from the vocabulary`);
    return id;
  }
}

/** Code points in `s`, counting no further than `limit`. */
function countCodePoints(s: string, limit: number): number {
  let count = 0;
  for (let i = 0; i < s.length && count < limit; i++, count++) {
    if (isHighSurrogate(s.charCodeAt(i)) && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) i++;
  }
  return count;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
