/**
 * The error classes of @nlpkit/embed. Every error carries a stable `code` and the data that names what
 * went wrong (file, line or byte offset, field), so callers and the CLI can react without parsing the
 * message. Append new classes at the end; keep codes stable.
 */

export type EmbedErrorCode =
  | 'INVALID_OPTION'
  | 'EMPTY_CORPUS'
  | 'EMPTY_VOCABULARY'
  | 'VECTOR_FILE'
  | 'DIMENSION_MISMATCH'
  | 'UNKNOWN_WORDS'
  | 'CORPUS_FILE'
  | 'EVAL_FILE'
  | 'SPILL_DIR'
  | 'FASTTEXT_MODEL';

export class EmbedError extends Error {
  readonly code: EmbedErrorCode;
  constructor(code: EmbedErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An option whose value is out of its domain. */
export class InvalidOptionError extends EmbedError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super('INVALID_OPTION', `Invalid ${option}: ${String(JSON.stringify(value))} (expected ${expected})`);
  }
}

/** The training corpus holds no words at all. */
export class EmptyCorpusError extends EmbedError {
  constructor(readonly source: string) {
    super('EMPTY_CORPUS', `The corpus ${source} has no words`);
  }
}

/** No word survives minCount / maxVocabSize. */
export class EmptyVocabularyError extends EmbedError {
  constructor(
    readonly source: string,
    readonly distinctWords: number,
    readonly minCount: number,
  ) {
    super(
      'EMPTY_VOCABULARY',
      `The vocabulary of ${source} is empty: none of its ${distinctWords} distinct words occurs at least minCount=${minCount} times`,
    );
  }
}

/**
 * A vector file that cannot be read: truncated, corrupt, or not in the expected layout. `line` (text
 * formats, 1-based) or `byteOffset` (binary formats) says where.
 */
export class VectorFileError extends EmbedError {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly where: { line?: number; byteOffset?: number } = {},
  ) {
    const at =
      where.line !== undefined ? `:${where.line}` : where.byteOffset !== undefined ? ` at byte ${where.byteOffset}` : '';
    super('VECTOR_FILE', `${file}${at}: ${reason}`);
  }
}

/** Vectors of different dimensions used together. */
export class DimensionMismatchError extends EmbedError {
  constructor(
    readonly what: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super('DIMENSION_MISMATCH', `${what} has dimension ${actual}, expected ${expected}`);
  }
}

/** Query words that are not in the vocabulary. */
export class UnknownWordsError extends EmbedError {
  constructor(readonly words: readonly string[]) {
    super('UNKNOWN_WORDS', `Not in the vocabulary: ${words.map((w) => JSON.stringify(w)).join(', ')}`);
  }
}

/** A corpus file that cannot be opened, read or decompressed. */
export class CorpusFileError extends EmbedError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super('CORPUS_FILE', `Cannot read the corpus file ${file}: ${reason}`);
  }
}

/**
 * An evaluation file (analogy questions, word pairs) that cannot be used: a line before any `: section`
 * header, invalid UTF-8, or no usable line at all. `line` is 1-based when the problem has a place.
 */
export class EvalFileError extends EmbedError {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super('EVAL_FILE', `${file}${line !== undefined ? `:${line}` : ''}: ${reason}`);
  }
}

/**
 * GloVe's temporary files (co-occurrence chunks spilled to disk, shuffle chunks) cannot be written to
 * `dir`: it does not exist, is not writable, or the disk is full (`errno` then says which, e.g.
 * 'ENOSPC'). The temporary files already written have been removed when this is thrown.
 */
export class SpillDirError extends EmbedError {
  constructor(
    readonly dir: string,
    readonly reason: string,
    readonly errno?: string,
  ) {
    super('SPILL_DIR', `Cannot write temporary files in ${dir}: ${reason} (temporary files removed; choose another spillDir or free disk space)`);
  }
}

/**
 * A fastText `.bin` model that cannot be read: wrong magic number (not a fastText model), a version
 * other than fastText's 11/12, a quantized (`.ftz`) model, or a file that ends early (`byteOffset` says
 * where the read failed).
 */
export class FastTextModelError extends EmbedError {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly byteOffset?: number,
  ) {
    super('FASTTEXT_MODEL', `${file}${byteOffset !== undefined ? ` at byte ${byteOffset}` : ''}: ${reason}`);
  }
}
