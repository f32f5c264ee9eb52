/**
 * How a failed `lm` run ends: one `lm: <message>` line on stderr (the stack only with `--debug`) and
 * an exit code: 2 for bad usage (bad options, commander's parse errors), 1 for bad input (malformed
 * ARPA, unreadable files, training text the estimator cannot take). The plumbing is @nlpkit/kit's;
 * this file is lm's policy.
 */
import { EXIT_DATA, EXIT_USAGE, errorMessage, errorReport, isSystemError, systemErrorReason } from '@nlpkit/kit/cli';
import { LmError, type LmErrorCode } from '../errors.js';

const USAGE_CODES: ReadonlySet<LmErrorCode> = new Set<LmErrorCode>(['INVALID_OPTION', 'ORDER']);

/** lm's `exitCodeFor` and `formatError`. */
export const report = errorReport({
  name: 'lm',
  debugOption: true,
  exitCode: (err) => (err instanceof LmError && USAGE_CODES.has(err.code) ? EXIT_USAGE : EXIT_DATA),
  isExpected: (err) => err instanceof LmError || isNodeError(err),
  message: messageOf,
});

/** `lm: <message>\n`, plus the stack with `debug`, plus a bug hint for errors that are not ours. */
export const formatError = report.formatError;

function messageOf(err: unknown): string {
  if (isNodeError(err)) {
    const what = systemErrorReason(err);
    if (err.path) return `cannot ${err.syscall === 'open' || err.syscall === 'read' || err.syscall === 'stat' ? 'read' : 'write'} ${err.path}: ${what}`;
    if (err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR') return `corrupt gzip input: ${err.message}`;
    return err.message;
  }
  return errorMessage(err);
}

/** A system error, or a zlib one (a `code` and an `errno`, no `syscall`): input errors, not bugs. */
function isNodeError(err: unknown): err is NodeJS.ErrnoException {
  return isSystemError(err) || (err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && 'errno' in err);
}
