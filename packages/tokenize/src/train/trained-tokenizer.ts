/**
 * What a trainer returns: the tokenizer.json object, ready to save (atomically) or to load into a
 * Tokenizer (ours or Hugging Face's).
 */
import { Tokenizer } from '../hf/tokenizer.js';
import { writeFileAtomic } from '../vocab/atomic-write.js';
import type { TokenizerJson } from './tokenizer-json.js';

export class TrainedTokenizer {
  private built: Tokenizer | undefined;

  constructor(
    /** The whole tokenizer.json, as Rust's `Tokenizer::save` would write it. */
    readonly json: TokenizerJson,
    /** Trained vocabulary size, special tokens included. */
    readonly vocabSize: number,
  ) {}

  /** The trained tokenizer, ready to encode (built from `json` on first use). */
  get tokenizer(): Tokenizer {
    return (this.built ??= Tokenizer.fromJSON(this.json));
  }

  /** The tokenizer.json text (pretty: two-space indentation, like Rust's `save(path, pretty=true)`). */
  toString(pretty = false): string {
    return JSON.stringify(this.json, null, pretty ? 2 : undefined);
  }

  /** Writes tokenizer.json to `path` through a temporary file and a rename: never a half-written file. */
  async save(path: string, options: { pretty?: boolean } = {}): Promise<void> {
    await writeFileAtomic(path, this.toString(options.pretty ?? true));
  }
}
