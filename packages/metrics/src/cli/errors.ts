/**
 * The errors of the `score` CLI's input handling. Each has a stable `code`, the data naming what went
 * wrong, and an exit code: 1 for bad input (these), 2 for bad usage (`UsageError`, and the library's
 * `UnknownNameError`/`InvalidOptionError`).
 */

export type ScoreErrorCode = 'UNREADABLE_FILE' | 'INVALID_UTF8' | 'EMPTY_INPUT' | 'LINE_COUNT_MISMATCH' | 'USAGE';

export class ScoreCliError extends Error {
  constructor(
    readonly code: ScoreErrorCode,
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A file that cannot be read (missing, a directory, no permission). */
export class UnreadableFileError extends ScoreCliError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super('UNREADABLE_FILE', 1, `cannot read ${path}: ${reason}`);
  }
}

/** Input that is not UTF-8; `line` is the 1-based number of the first line holding invalid bytes. */
export class InvalidUtf8Error extends ScoreCliError {
  constructor(
    readonly source: string,
    readonly line: number,
  ) {
    super('INVALID_UTF8', 1, `${source}:${line}: invalid UTF-8`);
  }
}

/** A hypothesis or reference input without any line. */
export class EmptyInputError extends ScoreCliError {
  constructor(
    readonly source: string,
    readonly role: 'hypotheses' | 'reference',
  ) {
    super('EMPTY_INPUT', 1, `the ${role} input ${source} is empty (no lines)`);
  }
}

/** Hypotheses and a reference file with different numbers of lines. */
export class LineCountMismatchError extends ScoreCliError {
  constructor(
    readonly hypSource: string,
    readonly hypLines: number,
    readonly refSource: string,
    readonly refLines: number,
  ) {
    super(
      'LINE_COUNT_MISMATCH',
      1,
      `the hypotheses (${hypSource}) have ${hypLines} line(s) but the reference ${refSource} has ${refLines}`,
    );
  }
}

/** A combination of options the CLI does not accept. */
export class UsageError extends ScoreCliError {
  constructor(message: string) {
    super('USAGE', 2, message);
  }
}
