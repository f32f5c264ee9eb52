/**
 * The error classes of @nlpkit/metrics (the same pattern as @nlpkit/tokenize's errors, kept local so
 * the package has no runtime dependency). Every error carries a stable `code` and the data that
 * names what went wrong, so callers (and a CLI) can react without parsing the message.
 */

export type MetricsErrorCode = 'UNKNOWN_NAME' | 'INVALID_OPTION' | 'LENGTH_MISMATCH' | 'MISSING_REFERENCE';

export class MetricsError extends Error {
  readonly code: MetricsErrorCode;
  constructor(code: MetricsErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A name (tokenizer, smoothing method…) that is not one of the known ones. */
export class UnknownNameError extends MetricsError {
  constructor(
    readonly kind: string,
    readonly value: string,
    readonly known: readonly string[],
  ) {
    super('UNKNOWN_NAME', `Unknown ${kind} ${JSON.stringify(value)}; known: ${known.join(', ')}`);
  }
}

/** An option whose value is out of its domain. */
export class InvalidOptionError extends MetricsError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super('INVALID_OPTION', `Invalid option ${option}: ${describe(value)}; expected ${expected}`);
  }
}

/** Hypotheses and a reference stream of different lengths (sacreBLEU would silently truncate). */
export class LengthMismatchError extends MetricsError {
  constructor(
    readonly hypotheses: number,
    readonly references: number,
    /** Index of the offending reference stream. */
    readonly stream: number,
  ) {
    super(
      'LENGTH_MISMATCH',
      `The hypotheses have ${hypotheses} segment(s) but reference stream ${stream} has ${references}`,
    );
  }
}

/** A segment with no reference at all (every stream has null there), or no reference stream. */
export class MissingReferenceError extends MetricsError {
  constructor(readonly segment: number) {
    super(
      'MISSING_REFERENCE',
      segment < 0 ? 'No reference streams were given' : `Segment ${segment} has no reference (null in every stream)`,
    );
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return Object.prototype.toString.call(value);
}
