/**
 * How a failed `translate` run ends: one `translate: <message>` line on stderr (the stack only with --debug)
 * and an exit code: 2 for bad usage (commander's parse errors, bad option values), 1 for bad input
 * (unreadable or corrupt files, dictionaries that do not match the vocabularies, dimension mismatches).
 * The plumbing is @nlpkit/kit's; this file is translate's policy.
 */
import { EXIT_DATA, EXIT_USAGE, UsageError, errorMessage, errorReport, isSystemError, systemErrorReason } from '@nlpkit/kit/cli';
import { EmbedError } from '@nlpkit/embed';
import { InvalidOptionError, TranslateError } from '../errors.js';

/** Bad usage that commander cannot see (exit 2). */
export { UsageError } from '@nlpkit/kit/cli';

/** translate's `exitCodeFor` and `formatError`. */
export const report = errorReport({
  name: 'translate',
  debugOption: true,
  exitCode: (err) => (err instanceof UsageError || err instanceof InvalidOptionError ? EXIT_USAGE : EXIT_DATA),
  isExpected: (err) => err instanceof TranslateError || err instanceof EmbedError || err instanceof UsageError || isSystemError(err),
  message: (err) => {
    if (isSystemError(err)) {
      // "ENOENT: no such file or directory, open 'x'" → "x: no such file or directory"; translate has always
      // kept Node's words for EISDIR ("illegal operation on a directory") where the others say "is a directory".
      const what = err.code === 'EISDIR' ? 'illegal operation on a directory' : systemErrorReason(err);
      return err.path ? `${err.path}: ${what}` : err.message;
    }
    return errorMessage(err);
  },
});

export const formatError = report.formatError;
