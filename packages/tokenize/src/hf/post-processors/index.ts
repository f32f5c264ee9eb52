/**
 * Post-processors: they add the special tokens a model expects around the encoded sequence(s)
 * (BERT, RoBERTa, templates) and fix up offsets (ByteLevel). `postProcessorFromJSON` reads the
 * `post_processor` of a tokenizer.json.
 */
import type { JsonReader } from '../json-reader.js';
import type { EncodingsProcessor } from './base.js';
import { BertProcessing } from './bert.js';
import { ByteLevelProcessing } from './byte-level.js';
import { RobertaProcessing } from './roberta.js';
import { SequenceProcessing } from './sequence.js';
import { TemplateProcessing } from './template.js';

export { EncodingsProcessor, type TokenAndId } from './base.js';
export { BertProcessing } from './bert.js';
export { ByteLevelProcessing } from './byte-level.js';
export { RobertaProcessing } from './roberta.js';
export { SequenceProcessing } from './sequence.js';
export { TemplateProcessing, type TemplatePiece, type TemplateSpecialToken } from './template.js';

const KNOWN = ['BertProcessing', 'RobertaProcessing', 'ByteLevel', 'TemplateProcessing', 'Sequence'] as const;

export function postProcessorFromJSON(reader: JsonReader): EncodingsProcessor {
  const type = reader.type();
  switch (type) {
    case 'BertProcessing':
      return BertProcessing.fromJSON(reader);
    case 'RobertaProcessing':
      return RobertaProcessing.fromJSON(reader);
    case 'ByteLevel':
      return ByteLevelProcessing.fromJSON(reader);
    case 'TemplateProcessing':
      return TemplateProcessing.fromJSON(reader);
    case 'Sequence':
      return new SequenceProcessing(reader.objects('processors').map(postProcessorFromJSON));
    default:
      return reader.unsupported('post-processor', KNOWN);
  }
}
