/**
 * How a failed `embed` run ends: one `embed: <message>` line on stderr (the stack trace only with
 * --debug) and an exit code: 2 for bad usage (commander's parse errors, bad option values), 1 for bad
 * input (unreadable or corrupt files, unknown words, dimension mismatches). The plumbing is
 * @nlpkit/kit's; this file is embed's policy.
 */
import { EXIT_DATA, EXIT_USAGE, UsageError, errorMessage, errorReport, isSystemError, systemErrorReason } from '@nlpkit/kit/cli';
import { EmbedError, InvalidOptionError } from '../errors.js';

/** embed's `exitCodeFor` and `formatError`. */
export const report = errorReport({
  name: 'embed',
  debugOption: true,
  exitCode: (err) => (err instanceof UsageError || err instanceof InvalidOptionError ? EXIT_USAGE : EXIT_DATA),
  isExpected: (err) => err instanceof EmbedError || err instanceof UsageError || isSystemError(err),
  message: (err) => {
    if (isSystemError(err)) {
      // "ENOENT: no such file or directory, open 'x'" → "x: no such file or directory"
      return err.path ? `${err.path}: ${systemErrorReason(err)}` : err.message;
    }
    return errorMessage(err);
  },
});

/** `embed: <message>\n`, plus the stack with `debug` (or a hint, for errors that look like bugs). */
export const formatError = report.formatError;
