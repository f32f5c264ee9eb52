/**
 * How a failed `translate` run ends: one `translate: <message>` line on stderr (the stack only with --debug)
 * and an exit code: 2 for bad usage (commander's parse errors, bad option values), 1 for bad input
 * (unreadable or corrupt files, dictionaries that do not match the vocabularies, dimension mismatches).
 */
import { CommanderError } from 'commander';
import { EmbedError } from '@nlpkit/embed';
import { InvalidOptionError, TranslateError } from '../errors.js';

export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;

/** Bad usage that commander cannot see (exit 2). */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
    return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (err instanceof UsageError || err instanceof InvalidOptionError) return EXIT_USAGE;
  return EXIT_DATA;
}

export function formatError(err: unknown, debug: boolean): string {
  let text = `translate: ${messageOf(err)}\n`;
  if (debug) {
    if (err instanceof Error && err.stack) text += `${err.stack}\n`;
  } else if (!(err instanceof TranslateError) && !(err instanceof EmbedError) && !(err instanceof UsageError) && !isSystemError(err)) {
    text += 'translate: this looks like a bug in translate; run again with --debug for the stack trace and report it\n';
  }
  return text;
}

function messageOf(err: unknown): string {
  if (isSystemError(err)) {
    // "ENOENT: no such file or directory, open 'x'" → "x: no such file or directory"
    const what = /^[A-Z0-9_]+: ([^,]+)/.exec(err.message)?.[1] ?? err.message;
    return err.path ? `${err.path}: ${what}` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && 'syscall' in err;
}
