/**
 * Pre-tokenizers: the second stage of a Hugging Face tokenizer, cutting the normalized text into the
 * pieces the model tokenizes one by one (see ../pre-tokenized-string.ts). One component per file; this
 * index reads the `pre_tokenizer` field of tokenizer.json into them.
 */
import type { JsonReader } from '../json-reader.js';
import type { PreTokenizer } from '../stages.js';
import { BertPreTokenizer } from './bert.js';
import { ByteLevelPreTokenizer } from './byte-level.js';
import { CharDelimiterSplitPreTokenizer } from './char-delimiter-split.js';
import { DigitsPreTokenizer } from './digits.js';
import { FixedLengthPreTokenizer } from './fixed-length.js';
import { MetaspacePreTokenizer } from './metaspace.js';
import { PunctuationPreTokenizer } from './punctuation.js';
import { SequencePreTokenizer } from './sequence.js';
import { SplitPreTokenizer } from './split.js';
import { WhitespaceSplitPreTokenizer } from './whitespace-split.js';
import { UnicodeScriptsPreTokenizer } from './unicode-scripts.js';
import { WhitespacePreTokenizer } from './whitespace.js';

export {
  BertPreTokenizer,
  ByteLevelPreTokenizer,
  CharDelimiterSplitPreTokenizer,
  DigitsPreTokenizer,
  FixedLengthPreTokenizer,
  MetaspacePreTokenizer,
  PunctuationPreTokenizer,
  SequencePreTokenizer,
  SplitPreTokenizer,
  UnicodeScriptsPreTokenizer,
  WhitespacePreTokenizer,
  WhitespaceSplitPreTokenizer,
};
export type { ByteLevelOptions } from './byte-level.js';
export { GPT2_PATTERN } from './byte-level.js';
export type { PrependScheme } from './metaspace.js';

export const PRE_TOKENIZER_TYPES = [
  'BertPreTokenizer',
  'ByteLevel',
  'CharDelimiterSplit',
  'Digits',
  'FixedLength',
  'Metaspace',
  'Punctuation',
  'Sequence',
  'Split',
  'UnicodeScripts',
  'Whitespace',
  'WhitespaceSplit',
] as const;

/** Builds the pre-tokenizer described by a tokenizer.json `pre_tokenizer` object. */
export function preTokenizerFromJSON(reader: JsonReader): PreTokenizer {
  switch (reader.type()) {
    case 'BertPreTokenizer':
      return new BertPreTokenizer();
    case 'ByteLevel':
      return ByteLevelPreTokenizer.fromJSON(reader);
    case 'CharDelimiterSplit':
      return CharDelimiterSplitPreTokenizer.fromJSON(reader);
    case 'Digits':
      return DigitsPreTokenizer.fromJSON(reader);
    case 'FixedLength':
      return FixedLengthPreTokenizer.fromJSON(reader);
    case 'Metaspace':
      return MetaspacePreTokenizer.fromJSON(reader);
    case 'Punctuation':
      return PunctuationPreTokenizer.fromJSON(reader);
    case 'Sequence':
      return new SequencePreTokenizer(reader.objects('pretokenizers').map(preTokenizerFromJSON));
    case 'Split':
      return SplitPreTokenizer.fromJSON(reader);
    case 'UnicodeScripts':
      return new UnicodeScriptsPreTokenizer();
    case 'Whitespace':
      return new WhitespacePreTokenizer();
    case 'WhitespaceSplit':
      return new WhitespaceSplitPreTokenizer();
    default:
      return reader.unsupported('pre-tokenizer', PRE_TOKENIZER_TYPES);
  }
}
