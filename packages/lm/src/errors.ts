/**
 * The error classes of @nlpkit/lm. Every error carries a stable `code` and the data that names what went
 * wrong (file, line, field), so callers and the CLI can react without parsing the message. Append new
 * classes at the end; keep codes stable.
 */

export type LmErrorCode = 'INVALID_OPTION' | 'EMPTY_TRAINING_DATA' | 'ARPA_FORMAT' | 'ORDER' | 'CORPUS' | 'DISCOUNT';

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
