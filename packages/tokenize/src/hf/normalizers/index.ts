/**
 * Normalizers: the first stage of a Hugging Face tokenizer, rewriting the text in place while keeping
 * its alignment to the original (see ../normalized-string.ts). One component per file; this index
 * reads the `normalizer` field of tokenizer.json into them.
 */
import type { JsonReader } from '../json-reader.js';
import type { Normalizer } from '../stages.js';
import { BertNormalizer } from './bert.js';
import { ByteLevelNormalizer } from './byte-level.js';
import { LowercaseNormalizer } from './lowercase.js';
import { NFCNormalizer } from './nfc.js';
import { NFDNormalizer } from './nfd.js';
import { NFKCNormalizer } from './nfkc.js';
import { NFKDNormalizer } from './nfkd.js';
import { NmtNormalizer } from './nmt.js';
import { PrecompiledNormalizer } from './precompiled.js';
import { PrependNormalizer } from './prepend.js';
import { ReplaceNormalizer } from './replace.js';
import { SequenceNormalizer } from './sequence.js';
import { StripAccentsNormalizer } from './strip-accents.js';
import { StripNormalizer } from './strip.js';

export {
  BertNormalizer,
  ByteLevelNormalizer,
  LowercaseNormalizer,
  NFCNormalizer,
  NFDNormalizer,
  NFKCNormalizer,
  NFKDNormalizer,
  NmtNormalizer,
  PrecompiledNormalizer,
  PrependNormalizer,
  ReplaceNormalizer,
  SequenceNormalizer,
  StripAccentsNormalizer,
  StripNormalizer,
};
export type { BertNormalizerOptions } from './bert.js';

export const NORMALIZER_TYPES = [
  'BertNormalizer',
  'ByteLevel',
  'Lowercase',
  'NFC',
  'NFD',
  'NFKC',
  'NFKD',
  'Nmt',
  'Precompiled',
  'Prepend',
  'Replace',
  'Sequence',
  'Strip',
  'StripAccents',
] as const;

/** Builds the normalizer described by a tokenizer.json `normalizer` object. */
export function normalizerFromJSON(reader: JsonReader): Normalizer {
  switch (reader.type()) {
    case 'BertNormalizer':
      return BertNormalizer.fromJSON(reader);
    case 'ByteLevel':
      return new ByteLevelNormalizer();
    case 'Lowercase':
      return new LowercaseNormalizer();
    case 'NFC':
      return new NFCNormalizer();
    case 'NFD':
      return new NFDNormalizer();
    case 'NFKC':
      return new NFKCNormalizer();
    case 'NFKD':
      return new NFKDNormalizer();
    case 'Nmt':
      return new NmtNormalizer();
    case 'Precompiled':
      return PrecompiledNormalizer.fromJSON(reader);
    case 'Prepend':
      return PrependNormalizer.fromJSON(reader);
    case 'Replace':
      return ReplaceNormalizer.fromJSON(reader);
    case 'Sequence':
      return new SequenceNormalizer(reader.objects('normalizers').map(normalizerFromJSON));
    case 'Strip':
      return StripNormalizer.fromJSON(reader);
    case 'StripAccents':
      return new StripAccentsNormalizer();
    default:
      return reader.unsupported('normalizer', NORMALIZER_TYPES);
  }
}
