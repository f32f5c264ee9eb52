/**
 * The decoders of the Hugging Face pipeline: each turns token strings back into text pieces
 * (`decodeChain`), exactly as Rust `tokenizers` does; `decoderFromJSON` builds one from a
 * tokenizer.json `decoder` object and `decode` runs one and joins the pieces.
 */
import type { JsonReader } from '../json-reader.js';
import type { Decoder } from '../stages.js';
import { BPEDecoder } from './bpe.js';
import { ByteFallbackDecoder } from './byte-fallback.js';
import { ByteLevelDecoder } from './byte-level.js';
import { CTCDecoder } from './ctc.js';
import { FuseDecoder } from './fuse.js';
import { MetaspaceDecoder } from './metaspace.js';
import { ReplaceDecoder } from './replace.js';
import { SequenceDecoder } from './sequence.js';
import { StripDecoder } from './strip.js';
import { WordPieceDecoder } from './wordpiece.js';

export { BaseDecoder } from './base.js';
export { BPEDecoder } from './bpe.js';
export { ByteFallbackDecoder } from './byte-fallback.js';
export { ByteLevelDecoder, type ByteLevelDecoderOptions } from './byte-level.js';
export { CTCDecoder } from './ctc.js';
export { FuseDecoder } from './fuse.js';
export { MetaspaceDecoder, PREPEND_SCHEMES, type MetaspaceDecoderOptions, type PrependScheme } from './metaspace.js';
export { ReplaceDecoder } from './replace.js';
export { SequenceDecoder } from './sequence.js';
export { StripDecoder } from './strip.js';
export { WordPieceDecoder, cleanup as wordPieceCleanup } from './wordpiece.js';

export const DECODER_TYPES = [
  'BPEDecoder',
  'ByteLevel',
  'WordPiece',
  'Metaspace',
  'CTC',
  'Sequence',
  'Replace',
  'Fuse',
  'Strip',
  'ByteFallback',
] as const;

/** Builds the decoder described by a tokenizer.json `decoder` object. */
export function decoderFromJSON(reader: JsonReader): Decoder {
  const type = reader.type();
  switch (type) {
    case 'BPEDecoder':
      return BPEDecoder.fromJSON(reader);
    case 'ByteLevel':
      return ByteLevelDecoder.fromJSON(reader);
    case 'WordPiece':
      return WordPieceDecoder.fromJSON(reader);
    case 'Metaspace':
      return MetaspaceDecoder.fromJSON(reader);
    case 'CTC':
      return CTCDecoder.fromJSON(reader);
    case 'Sequence':
      return new SequenceDecoder(reader.objects('decoders').map(decoderFromJSON));
    case 'Replace':
      return ReplaceDecoder.fromJSON(reader);
    case 'Fuse':
      return new FuseDecoder();
    case 'Strip':
      return StripDecoder.fromJSON(reader);
    case 'ByteFallback':
      return new ByteFallbackDecoder();
    default:
      return reader.unsupported('decoder', DECODER_TYPES);
  }
}

/** The text of `tokens` according to `decoder`: its pieces joined, as Rust's `Decoder::decode`. */
export function decode(decoder: Decoder, tokens: string[]): string {
  return decoder.decodeChain(tokens).join('');
}
