/**
 * The error classes of @nlpkit/lm. Every error carries a stable `code` and the data that names what went
 * wrong (file, line, field), so callers and the CLI can react without parsing the message. Append new
 * classes at the end; keep codes stable.
 */

export type LmErrorCode =
  | 'INVALID_OPTION'
  | 'EMPTY_TRAINING_DATA'
  | 'ARPA_FORMAT'
  | 'ORDER'
  | 'CORPUS'
  | 'DISCOUNT'
  | 'MODEL_FILE'
  | NeuralErrorCode;

export class LmError extends Error {
  readonly code: LmErrorCode;
  constructor(code: LmErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An option whose value is out of its domain. */
export class InvalidOptionError extends LmError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super('INVALID_OPTION', `Invalid ${option}: ${String(JSON.stringify(value))} (expected ${expected})`);
  }
}

/** Training data with no sentences or no words. */
export class EmptyTrainingDataError extends LmError {
  constructor(readonly source: string) {
    super('EMPTY_TRAINING_DATA', `No training data in ${source}`);
  }
}

/** A malformed ARPA file; `line` is 1-based. */
export class ArpaFormatError extends LmError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super('ARPA_FORMAT', `${file}:${line}: ${reason}`);
  }
}

/** An n-gram order that is 0, negative, or above the model's. */
export class OrderError extends LmError {
  constructor(
    readonly order: number,
    readonly maxOrder: number,
  ) {
    super('ORDER', `Order ${order} is out of range: expected 1..${maxOrder}`);
  }
}

/** Training text that an estimator cannot take (e.g. a reserved word such as `<s>` in lmplz-style training). */
export class CorpusError extends LmError {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super('CORPUS', `${source}:${line}: ${reason}`);
  }
}

/**
 * Modified Kneser–Ney discounts that cannot be estimated from the count-of-counts (too little or
 * artificial data); `order` is the n-gram order, `reason` says which statistic failed.
 */
export class DiscountError extends LmError {
  constructor(
    readonly order: number,
    readonly reason: string,
  ) {
    super('DISCOUNT', `Cannot estimate modified Kneser-Ney discounts for ${order}-grams: ${reason}; use more (or deduplicated) text, or discount fallback (--discount-fallback)`);
  }
}

// ---- neural models (src/neural/) ----------------------------------------------------------------------------------

export type NeuralErrorCode = 'MODEL_FILE_MISSING' | 'MODEL_IO' | 'MODEL_CONFIG' | 'VOCAB_MISMATCH' | 'DEVICE_UNAVAILABLE' | 'SEQUENCE_TOO_LONG';

/** Base of the neural-model errors (`instanceof LmError` holds too). */
export class NeuralError extends LmError {
  declare readonly code: NeuralErrorCode;
  constructor(code: NeuralErrorCode, message: string) {
    super(code, message);
  }
}

/** A file the model folder needs is absent; `path` is the full path looked for, `what` the role it plays. */
export class ModelFileMissingError extends NeuralError {
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    super('MODEL_FILE_MISSING', `Missing ${what}: ${path}`);
  }
}

/** An ONNX graph whose inputs or outputs are not the ones this model kind feeds and reads. */
export class ModelIoError extends NeuralError {
  constructor(
    readonly file: string,
    readonly kind: 'inputs' | 'outputs',
    readonly expected: readonly string[],
    readonly found: readonly string[],
  ) {
    super('MODEL_IO', `${file}: unexpected ${kind}; expected ${expected.join(', ')}; found ${found.join(', ')}`);
  }
}

/** A config.json (or generation_config.json) field that is missing or out of range. */
export class ModelConfigError extends NeuralError {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super('MODEL_CONFIG', `${file}: ${field}: ${reason}`);
  }
}

/** tokenizer.json can emit ids the model's embedding table does not have. */
export class VocabMismatchError extends NeuralError {
  constructor(
    readonly dir: string,
    readonly tokenizerVocabSize: number,
    readonly modelVocabSize: number,
  ) {
    super('VOCAB_MISMATCH', `${dir}: tokenizer.json has ${tokenizerVocabSize} tokens but the model's vocab_size is ${modelVocabSize}; the tokenizer does not belong to this model`);
  }
}

/** A GPU execution provider that cannot be loaded while `strictDevice: true` forbids the CPU fallback. */
export class DeviceUnavailableError extends NeuralError {
  constructor(
    readonly device: string,
    readonly reason: string,
  ) {
    super('DEVICE_UNAVAILABLE', `ONNX Runtime cannot use device "${device}": ${reason}. Install its provider (see @nlpkit/lm README, "Neural models") or drop strictDevice to fall back to CPU`);
  }
}

/** An input longer than the model's max_position_embeddings (n_positions). */
export class SequenceTooLongError extends NeuralError {
  constructor(
    readonly length: number,
    readonly maxLength: number,
    readonly what: string,
  ) {
    super('SEQUENCE_TOO_LONG', `${what} needs ${length} positions but the model has ${maxLength} (max_position_embeddings)`);
  }
}

// ---- n-gram model files (src/ngram/model-file.ts) -----------------------------------------------------------------

/**
 * An n-gram model file (`readNgramModel`) that is not one, or is damaged: `section` names the part (the header's
 * field, or a section of counts, words or parents), `reason` what is wrong with it.
 */
export class ModelFileError extends LmError {
  constructor(
    readonly file: string,
    readonly section: string,
    readonly reason: string,
  ) {
    super('MODEL_FILE', `${file}: ${section}: ${reason}`);
  }
}
