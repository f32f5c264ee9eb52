/**
 * The error classes of @nlpkit/tokenize. Every error carries a stable `code` and the data that
 * names what went wrong and where, so callers (and the `tok` CLI) can react without parsing text.
 */

export type ErrorCode =
  | 'UNKNOWN_NAME'
  | 'INVALID_OPTION'
  | 'DISALLOWED_SPECIAL_TOKEN'
  | 'INVALID_TOKEN_ID'
  | 'UNKNOWN_TOKEN'
  | 'INVALID_UTF8'
  | 'PARSE_ERROR'
  | 'DATA_ERROR'
  | 'TOKENIZER_JSON'
  | 'TRAINING_ERROR';

export class NlpkitError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A name (encoding, model, style…) that is not one of the known ones. */
export class UnknownNameError extends NlpkitError {
  constructor(
    readonly kind: string,
    readonly value: string,
    readonly known: readonly string[],
    hint = '',
  ) {
    super('UNKNOWN_NAME', `Unknown ${kind} ${JSON.stringify(value)}; known: ${known.join(', ')}${hint}`);
  }
}

/** An option whose value is out of its domain. */
export class InvalidOptionError extends NlpkitError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super('INVALID_OPTION', `Invalid option ${option}: ${describe(value)}; expected ${expected}`);
  }
}

/** Text that spells a special token the caller did not allow (tiktoken's default, safe behaviour). */
export class DisallowedSpecialTokenError extends NlpkitError {
  constructor(
    readonly token: string,
    /** UTF-16 index of the token in the input text. */
    readonly index: number,
  ) {
    super(
      'DISALLOWED_SPECIAL_TOKEN',
      `Encountered text corresponding to disallowed special token ${JSON.stringify(token)} at index ${index}.\n` +
        `If you want this text to be encoded as a special token, pass it in allowedSpecial, e.g. { allowedSpecial: [${JSON.stringify(token)}] } or { allowedSpecial: 'all' }.\n` +
        `If you want this text to be encoded as normal text, disable the check for this token with { disallowedSpecial: [] } or encodeOrdinary(text).`,
    );
  }
}

/** A token id that the encoding cannot decode. */
export class InvalidTokenIdError extends NlpkitError {
  constructor(
    readonly id: number,
    /** Position of the id in the input sequence. */
    readonly position: number,
    readonly encoding: string,
  ) {
    super(
      'INVALID_TOKEN_ID',
      `Invalid token id ${describe(id)} at position ${position}: ${encoding} has no token with this id`,
    );
  }
}

/** A token that a vocabulary without `<unk>` cannot encode. */
export class UnknownTokenError extends NlpkitError {
  constructor(
    readonly token: string,
    /** Position of the token in the input sequence. */
    readonly position: number,
  ) {
    super(
      'UNKNOWN_TOKEN',
      `Unknown token ${JSON.stringify(token)} at position ${position}: the vocabulary has no such token and no unknown-token entry (build it with "<unk>" among its specials)`,
    );
  }
}

/** Bytes that are not valid UTF-8, e.g. on the CLI's stdin. */
export class InvalidUtf8Error extends NlpkitError {
  constructor(
    readonly source: string,
    readonly line: number,
    /** Byte offset of the first invalid byte from the start of the input. */
    readonly byteOffset: number,
  ) {
    super(
      'INVALID_UTF8',
      `${source}:${line}: invalid UTF-8 at byte offset ${byteOffset} (pass --lossy to replace invalid bytes with U+FFFD)`,
    );
  }
}

/** Input text that does not parse (file, line, field). */
export class ParseError extends NlpkitError {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly detail: string,
    readonly field?: string,
  ) {
    super('PARSE_ERROR', `${source}:${line}${field ? ` (${field})` : ''}: ${detail}`);
  }
}

/** Packaged data (e.g. a rank file) that is missing or malformed. */
export class DataError extends NlpkitError {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super('DATA_ERROR', `${file}: ${detail}`);
  }
}

/** A tokenizer.json value that is malformed or names a component we do not implement. */
export class TokenizerJsonError extends NlpkitError {
  constructor(
    /** JSONPath of the bad field, e.g. `$.model.merges[3]`. */
    readonly path: string,
    readonly detail: string,
    /** The file it came from, when loaded from one. */
    readonly file?: string,
  ) {
    super('TOKENIZER_JSON', `${file ? `${file}: ` : ''}${path}: ${detail}`);
  }

  /** The same error, now naming the file it was read from. */
  inFile(file: string): TokenizerJsonError {
    return new TokenizerJsonError(this.path, this.detail, file);
  }
}

/** Training that cannot produce what was asked (empty corpus, vocabulary smaller than the alphabet…). */
export class TrainingError extends NlpkitError {
  constructor(readonly detail: string) {
    super('TRAINING_ERROR', detail);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
