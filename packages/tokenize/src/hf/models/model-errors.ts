/**
 * How models report a bad configuration. The same check serves a programmatic constructor (an
 * INVALID_OPTION error naming the option) and tokenizer.json loading (a TokenizerJsonError naming
 * the JSON path, e.g. `$.model.merges[12]`); and the errors Rust raises only while encoding.
 */
import { NlpkitError, TokenizerJsonError } from '../../errors.js';
import type { JsonReader } from '../json-reader.js';

/** Reports a bad `field` (relative to the model: `merges[3]`, `unk_id`) and never returns. */
export type FieldFailure = (field: string, detail: string) => never;

export const failOption: FieldFailure = (field, detail) => {
  throw new NlpkitError('INVALID_OPTION', `Invalid option ${field}: ${detail}`);
};

/** Failures reported under the JSON path of `reader` (the model object). */
export function failAt(reader: JsonReader): FieldFailure {
  return (field, detail) => {
    const path = /^[A-Za-z_]/.test(field) ? `${reader.path}.${field}` : `${reader.path}${field}`;
    throw new TokenizerJsonError(path, detail);
  };
}

/** An unknown piece the model has no way to spell (Rust's MissingUnkToken / UnkTokenOutOfVocabulary). */
export function missingUnkError(model: string, detail: string): NlpkitError {
  return new NlpkitError('UNKNOWN_TOKEN', `${model}: ${detail}`);
}
