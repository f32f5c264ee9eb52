/**
 * How a failed nlpkit command ends: one `<name>: <message>` line on stderr and an exit code, 0 ok,
 * 1 bad input, 2 bad usage. Commander's own errors map the same way in every command; which of a
 * package's errors are usage errors, which are expected (no bug hint) and how they read is the
 * package's `ErrorPolicy`.
 */
import { CommanderError } from 'commander';

export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;

/** What a command says about its errors. */
export interface ErrorReport {
  /** The exit code for an error thrown by a run. */
  exitCodeFor(err: unknown): number;
  /** The text printed for an error: `<name>: <message>\n`, then the stack trace (with `debug`) or a bug hint. */
  formatError(err: unknown, debug: boolean): string;
}

/** A package's rules for its errors; everything else about reporting is shared. */
export interface ErrorPolicy {
  /** The command's name, which prefixes every line: `tok: …`. */
  readonly name: string;
  /**
   * Whether the command has `--debug`. With it, an unexpected error gets a hint to rerun with
   * `--debug`; without it, the hint carries the stack trace itself.
   */
  readonly debugOption: boolean;
  /** The exit code of an error that is not commander's: `EXIT_USAGE` or `EXIT_DATA`. */
  exitCode(err: unknown): number;
  /** Errors a user can act on (the package's own, system errors): no bug hint. */
  isExpected(err: unknown): boolean;
  /** The message after `<name>: `; default: the error's message. */
  message?(err: unknown): string;
  /** The error behind a wrapper that only adds a place (tok's `LineError`): it decides the exit code, stack and hint. */
  rootOf?(err: unknown): unknown;
}

/**
 * The exit code of a commander error: `--help` and `--version` end with one too (0). Commander's
 * parse errors, and a program run without a subcommand (help on stderr, commander's code 1), are
 * bad usage: 2.
 */
export function commanderExitCode(err: CommanderError): number {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
  return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
}

/**
 * `exitCodeFor` and `formatError` of a command, from its policy.
 * @example const { exitCodeFor, formatError } = errorReport({ name: 'lm', debugOption: true, exitCode, isExpected });
 */
export function errorReport(policy: ErrorPolicy): ErrorReport {
  const { name } = policy;
  const rootOf = policy.rootOf ?? ((err: unknown) => err);
  const message = policy.message ?? errorMessage;
  return {
    exitCodeFor(err) {
      const root = rootOf(err);
      return root instanceof CommanderError ? commanderExitCode(root) : policy.exitCode(root);
    },
    formatError(err, debug) {
      const root = rootOf(err);
      let text = `${name}: ${message(err)}\n`;
      if (debug) {
        if (root instanceof Error && root.stack) text += `${root.stack}\n`;
      } else if (!policy.isExpected(root)) {
        text += bugHint(root);
      }
      return text;
    },
  };

  function bugHint(root: unknown): string {
    if (policy.debugOption) return `${name}: this looks like a bug in ${name}; run again with --debug for the stack trace and report it\n`;
    return root instanceof Error && root.stack ? `${name}: this looks like a bug; please report it with this stack trace:\n${root.stack}\n` : '';
  }
}

/** An error's message, or the thrown value as a string. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A Node.js system error (ENOENT, EACCES, EPIPE…): a string `code` and the failed `syscall`. */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && 'syscall' in err;
}

/**
 * The reason in a system error's message, for "<path>: <reason>" lines: "ENOENT: no such file or
 * directory, open 'x'" → "no such file or directory"; EISDIR → "is a directory" (Node says "illegal
 * operation on a directory").
 * @example systemErrorReason(Object.assign(new Error("EACCES: permission denied, open 'x'"), { code: 'EACCES' })); // 'permission denied'
 */
export function systemErrorReason(err: NodeJS.ErrnoException): string {
  if (err.code === 'EISDIR') return 'is a directory';
  return /^[A-Z0-9_]+: ([^,]+)/.exec(err.message)?.[1] ?? err.message;
}

/** Bad usage that commander cannot see (a wrong combination of options): exit 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
