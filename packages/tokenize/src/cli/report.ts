/**
 * How a failed `tok` run ends: one `tok: <message>` line on stderr (the stack only with `--debug`)
 * and an exit code: 2 for bad usage (unknown names, bad options, commander's parse errors),
 * 1 for bad input (invalid UTF-8, special-token text, unknown ids, unreadable files, full disks).
 * Error texts come from the library; only advice that names API options is rephrased as CLI flags.
 */
import { CommanderError } from 'commander';
import { DisallowedSpecialTokenError, NlpkitError, type ErrorCode } from '../errors.js';
import { LineError } from './io.js';

export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;

const USAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['UNKNOWN_NAME', 'INVALID_OPTION']);

/** The exit code for an error thrown by a `tok` run. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof LineError) return exitCodeFor(err.cause);
  if (err instanceof CommanderError) {
    // --help and --version end with CommanderError too. `tok` alone prints help on stderr and ends
    // with commander's exit code 1, which is bad usage here: exit code 2.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
    return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (err instanceof NlpkitError) return USAGE_CODES.has(err.code) ? EXIT_USAGE : EXIT_DATA;
  return EXIT_DATA;
}

/** The text printed for an error: `tok: <message>`, plus the stack trace when `debug`. */
export function formatError(err: unknown, debug: boolean): string {
  let text = `tok: ${messageOf(err)}\n`;
  const root = err instanceof LineError ? err.cause : err;
  if (debug) {
    if (root instanceof Error && root.stack) text += `${root.stack}\n`;
  } else if (!(root instanceof NlpkitError) && !isSystemError(root)) {
    text += 'tok: this looks like a bug in tok; run again with --debug for the stack trace and report it\n';
  }
  return text;
}

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
    const what = err.code === 'EISDIR' ? 'is a directory' : (/^[A-Z0-9_]+: ([^,]+)/.exec(err.message)?.[1] ?? err.message);
    if (err.path) return `cannot read ${err.path}: ${what}`;
    if (err.syscall === 'write') return `cannot write the output: ${what}`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && 'syscall' in err;
}
