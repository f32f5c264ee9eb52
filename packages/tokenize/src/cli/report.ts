/**
 * How a failed `tok` run ends: one `tok: <message>` line on stderr (the stack only with `--debug`)
 * and an exit code: 2 for bad usage (unknown names, bad options, commander's parse errors),
 * 1 for bad input (invalid UTF-8, special-token text, unknown ids, unreadable files, full disks).
 * Error texts come from the library; only advice that names API options is rephrased as CLI flags.
 * The plumbing is @nlpkit/kit's; this file is tok's policy.
 */
import { EXIT_DATA, EXIT_USAGE, errorMessage, errorReport, isSystemError, systemErrorReason } from '@nlpkit/kit/cli';
import { DisallowedSpecialTokenError, NlpkitError, type ErrorCode } from '../errors.js';
import { LineError } from './io.js';

const USAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['UNKNOWN_NAME', 'INVALID_OPTION']);

/** tok's `exitCodeFor` and `formatError`. */
export const report = errorReport({
  name: 'tok',
  debugOption: true,
  exitCode: (err) => (err instanceof NlpkitError && USAGE_CODES.has(err.code) ? EXIT_USAGE : EXIT_DATA),
  isExpected: (err) => err instanceof NlpkitError || isSystemError(err),
  message: messageOf,
  // A line error only adds the place; its cause decides the exit code, stack and hint.
  rootOf: (err) => (err instanceof LineError ? err.cause : err),
});

/** The text printed for an error: `tok: <message>`, plus the stack trace when `debug`. */
export const formatError = report.formatError;

function messageOf(err: unknown): string {
  if (err instanceof LineError) return `${err.source}:${err.line}: ${messageOf(err.cause)}`;
  if (err instanceof DisallowedSpecialTokenError) {
    const token = JSON.stringify(err.token);
    return (
      `Encountered text corresponding to disallowed special token ${token} at index ${err.index}.\n` +
      `If you want this text to be encoded as a special token, pass --allowed-special '${err.token}' (or --allowed-special all).\n` +
      `If you want this text to be encoded as normal text, pass --disallowed-special none.`
    );
  }
  if (isSystemError(err)) {
    // "ENOENT: no such file or directory, open 'x'" → "no such file or directory"
    const what = systemErrorReason(err);
    if (err.path) return `cannot read ${err.path}: ${what}`;
    if (err.syscall === 'write') return `cannot write the output: ${what}`;
    return err.message;
  }
  return errorMessage(err);
}
