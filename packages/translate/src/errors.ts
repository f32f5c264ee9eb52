/**
 * The error classes of @nlpkit/translate. Every error carries a stable `code` and the data that names what
 * went wrong, so callers and the CLI can react without parsing the message. Append new classes at the end.
 */

export type TranslateErrorCode =
  | 'INVALID_OPTION'
  | 'DIMENSION_MISMATCH'
  | 'EMPTY_DICTIONARY'
  | 'DICTIONARY_FORMAT'
  | 'COLLAPSED_MAPPING'
  | 'PHRASE_TABLE_FORMAT'
  | 'EMPTY_MONOLINGUAL_DATA'
  | 'LINE_COUNT_MISMATCH'
  | 'MODEL_FOLDER';

export class TranslateError extends Error {
  readonly code: TranslateErrorCode;
  constructor(code: TranslateErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An option whose value is out of its domain. */
export class InvalidOptionError extends TranslateError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super('INVALID_OPTION', `Invalid ${option}: ${String(JSON.stringify(value))} (expected ${expected})`);
  }
}

/** Two embedding spaces (or a space and a mapping) of different dimensions. */
export class DimensionMismatchError extends TranslateError {
  constructor(
    readonly what: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super('DIMENSION_MISMATCH', `${what} has dimension ${actual}, expected ${expected}`);
  }
}

/** A dictionary none of whose pairs has both words in the vocabularies. */
export class EmptyDictionaryError extends TranslateError {
  constructor(
    readonly source: string,
    readonly pairs: number,
    readonly missingSource: number,
    readonly missingTarget: number,
  ) {
    super(
      'EMPTY_DICTIONARY',
      `No pair of ${source} is usable: ${pairs} pairs, ${missingSource} with the source word missing from the source vocabulary, ` +
        `${missingTarget} with the target word missing from the target vocabulary`,
    );
  }
}

/** A malformed dictionary line; `line` is 1-based. */
export class DictionaryFormatError extends TranslateError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super('DICTIONARY_FORMAT', `${file}:${line}: ${reason}`);
  }
}

/**
 * A mapping that does not beat chance on the unsupervised criterion, or maps most words onto a few targets
 * (unsupervised mappings on small corpora often do: Søgaard et al. 2018). Raised where a result would be
 * written, so a collapsed mapping is reported instead of silently kept.
 */
export class CollapsedMappingError extends TranslateError {
  constructor(
    readonly reason: string,
    readonly criterion: number,
    readonly chance: number,
    readonly distinctRatio: number,
    /** The diagnosis's other numbers (`describeDiagnosis`), when known. */
    readonly details?: string,
  ) {
    super(
      'COLLAPSED_MAPPING',
      details === undefined
        ? `The mapping collapsed (${reason}): criterion ${criterion.toFixed(4)} vs chance ${chance.toFixed(4)}, ` +
            `${(100 * distinctRatio).toFixed(1)} % distinct translations`
        : `The mapping collapsed (${reason}): ${details}`,
    );
  }
}

/** A malformed phrase-table line (Moses format); `line` is 1-based. */
export class PhraseTableFormatError extends TranslateError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super('PHRASE_TABLE_FORMAT', `${file}:${line}: ${reason}`);
  }
}

/** Monolingual training data with no words in it (an empty file, or only blank lines). */
export class EmptyMonolingualDataError extends TranslateError {
  constructor(
    readonly file: string,
    readonly lines: number,
  ) {
    super('EMPTY_MONOLINGUAL_DATA', `${file}: no words to train on (${lines} line(s), all blank)`);
  }
}

/** Two files that must be line-parallel (source and reference, source and target) have different line counts. */
export class LineCountMismatchError extends TranslateError {
  constructor(
    readonly fileA: string,
    readonly linesA: number,
    readonly fileB: string,
    readonly linesB: number,
  ) {
    super('LINE_COUNT_MISMATCH', `${fileA} has ${linesA} line(s) but ${fileB} has ${linesB}; the files must be line-parallel`);
  }
}

/** A model folder (written by `trainUnsupervised` / `translate train-unsup`) that is missing a file or has a bad config. */
export class ModelFolderError extends TranslateError {
  constructor(
    readonly folder: string,
    readonly reason: string,
  ) {
    super('MODEL_FOLDER', `${folder}: ${reason}`);
  }
}
