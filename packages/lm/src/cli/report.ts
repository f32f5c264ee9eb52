/**
 * How a failed `lm` run ends: one `lm: <message>` line on stderr (the stack only with `--debug`) and
 * an exit code: 2 for bad usage (bad options, commander's parse errors), 1 for bad input (malformed
 * ARPA, unreadable files, training text the estimator cannot take).
 */
import { CommanderError } from 'commander';
import { LmError, type LmErrorCode } from '../errors.js';

export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;

const USAGE_CODES: ReadonlySet<LmErrorCode> = new Set<LmErrorCode>(['INVALID_OPTION', 'ORDER']);

/** The exit code for an error thrown by an `lm` run. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
    return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (err instanceof LmError) return USAGE_CODES.has(err.code) ? EXIT_USAGE : EXIT_DATA;
  return EXIT_DATA;
}

/** `lm: <message>\n`, plus the stack with `debug`, plus a bug hint for errors that are not ours. */
export function formatError(err: unknown, debug: boolean): string {
  let text = `lm: ${messageOf(err)}\n`;
  if (debug) {
    if (err instanceof Error && err.stack) text += `${err.stack}\n`;
  } else if (!(err instanceof LmError) && !isSystemError(err)) {
    text += 'lm: this looks like a bug in lm; run again with --debug for the stack trace and report it\n';
  }
  return text;
}

function messageOf(err: unknown): string {
  if (isSystemError(err)) {
    const what = err.code === 'EISDIR' ? 'is a directory' : (/^[A-Z0-9_]+: ([^,]+)/.exec(err.message)?.[1] ?? err.message);
    if (err.path) return `cannot ${err.syscall === 'open' || err.syscall === 'read' || err.syscall === 'stat' ? 'read' : 'write'} ${err.path}: ${what}`;
    if (err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR') return `corrupt gzip input: ${err.message}`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && ('syscall' in err || 'errno' in err);
}
