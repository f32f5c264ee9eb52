/**
 * How a failed `embed` run ends: one `embed: <message>` line on stderr (the stack trace only with
 * --debug) and an exit code: 2 for bad usage (commander's parse errors, bad option values), 1 for bad
 * input (unreadable or corrupt files, unknown words, dimension mismatches).
 */
import { CommanderError } from 'commander';
import { EmbedError, InvalidOptionError } from '../errors.js';
import { UsageError } from './errors.js';

export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;

export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
    return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (err instanceof UsageError || err instanceof InvalidOptionError) return EXIT_USAGE;
  return EXIT_DATA;
}

/** `embed: <message>\n`, plus the stack with `debug` (or a hint, for errors that look like bugs). */
export function formatError(err: unknown, debug: boolean): string {
  let text = `embed: ${messageOf(err)}\n`;
  if (debug) {
    if (err instanceof Error && err.stack) text += `${err.stack}\n`;
  } else if (!(err instanceof EmbedError) && !(err instanceof UsageError) && !isSystemError(err)) {
    text += 'embed: this looks like a bug in embed; run again with --debug for the stack trace and report it\n';
  }
  return text;
}

function messageOf(err: unknown): string {
  if (isSystemError(err)) {
    // "ENOENT: no such file or directory, open 'x'" → "x: no such file or directory"
    const what = err.code === 'EISDIR' ? 'is a directory' : (/^[A-Z0-9_]+: ([^,]+)/.exec(err.message)?.[1] ?? err.message);
    if (err.path) return `${err.path}: ${what}`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && 'syscall' in err;
}
