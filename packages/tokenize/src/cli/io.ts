/**
 * How every `tok` subcommand meets its input and output: the process's streams (`CliIo`, replaceable
 * in tests), the input files (`-` or none = stdin), and `processLines`, the one loop that streams
 * line batches from each input through a per-line handler to stdout, with progress on stderr.
 * Memory stays bounded by the chunk size and the longest line, whatever the input size.
 */
import { resolveSources, type CliIo, type LineWriter } from '@nlpkit/kit/cli';
import type { Command } from 'commander';
import { startProgress } from './progress.js';
import { readLineBatches } from './read-lines.js';

/** The process's streams (with stdin's size when it is a regular file), or stand-ins in tests. */
export { STDIN_NAME, type CliIo } from '@nlpkit/kit/cli';

/** What the input options of every subcommand resolve to. */
export interface InputOptions {
  /** Paths to read in order; `-` is stdin; none means stdin. */
  readonly files: readonly string[];
  readonly lossy: boolean;
  readonly progress: boolean;
}

/** Where the line being handled comes from: one object, updated in place as lines go by. */
export interface LineCursor {
  source: string;
  line: number;
}

/** What `processLines` read. */
export interface InputStats {
  lines: number;
  bytes: number;
}

/** Read buffer for files: large enough that syscalls and batch overhead vanish, small enough to not matter. */
const FILE_CHUNK_BYTES = 256 * 1024;

/**
 * An error thrown while handling one input line, with the place; the cause is the library's error.
 * The CLI prints it as `source:line: <cause's message>` and exits with the cause's exit code.
 */
export class LineError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    override readonly cause: unknown,
  ) {
    super(`${source}:${line}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'LineError';
  }
}

/** The input rules, appended to every subcommand's --help. */
export const INPUT_HELP = `
Input: the files given, in order, or stdin ("-" or no file). A line is the text up to "\\n", without it;
a "\\r" before the "\\n" is kept as part of the text, and a last line without "\\n" is still a line.
Input must be UTF-8: invalid bytes stop tok with an error naming the file, line and byte offset
(exit 1), unless --lossy replaces them with U+FFFD (WHATWG decoding). A U+FEFF (BOM) is kept as text.
Input is streamed: memory use depends on the longest line, not on the input size.

Exit status: 0 ok, 1 bad input (invalid UTF-8, special-token text, unknown id, unreadable file),
2 bad usage (unknown option, encoding, model or style). Errors print "tok: <message>" on stderr;
--debug adds the stack trace.`;

/** Adds the input options every subcommand has: files, `--lossy`, `--no-progress`. */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .argument('[files...]', 'input files, read in order; "-" or none reads stdin')
    .option('--lossy', 'replace invalid UTF-8 with U+FFFD instead of stopping with an error (exit 1)')
    .option('--no-progress', 'no progress bar (by default one is drawn on stderr for big files when stderr is a terminal)');
}

/** Reads `files` and `--lossy`/`--progress` from a subcommand's parsed arguments. */
export function inputOptions(files: readonly string[], opts: { lossy?: boolean; progress?: boolean }): InputOptions {
  return { files, lossy: opts.lossy === true, progress: opts.progress !== false };
}

/**
 * Streams every input line through `onLine` and writes what it returns (its output lines, "\n"
 * included; `''` for none) to `out`, one write per batch. Stops early, quietly, when stdout's reader
 * goes away. An error from `onLine` comes out as a `LineError` naming the source and line, after the
 * output of the lines before it.
 * @example const stats = await processLines(io, input, out, (line) => `${line.length}\n`);
 */
export async function processLines(
  io: CliIo,
  input: InputOptions,
  out: LineWriter,
  onLine: (text: string, at: LineCursor) => string,
): Promise<InputStats> {
  // Checks every input before reading any, so a missing file fails before output starts (a Node.js
  // ENOENT/EISDIR error, which the CLI reports as `cannot read <path>: …`).
  const sources = await resolveSources(io, input.files, { chunkBytes: FILE_CHUNK_BYTES });
  const sizes = sources.map((s) => s.size);
  const total = sizes.every((s) => s !== undefined) ? sizes.reduce<number>((a, b) => a + (b ?? 0), 0) : undefined;
  const progress = await startProgress(io.stderr, total, input.progress && io.stderrIsTTY);
  const stats: InputStats = { lines: 0, bytes: 0 };
  const at: LineCursor = { source: '', line: 0 };
  try {
    for (const source of sources) {
      at.source = source.name;
      for await (const batch of readLineBatches(source.open(), { source: source.name, lossy: input.lossy })) {
        let text = '';
        const { lines } = batch;
        at.line = batch.firstLine;
        try {
          for (let i = 0; i < lines.length; i++, at.line++) text += onLine(lines[i], at);
        } catch (err) {
          // Lines before the bad one are printed, as if they had been handled one by one.
          await out.write(text);
          throw err instanceof LineError || hasLocation(err) ? err : new LineError(at.source, at.line, err);
        }
        stats.lines += lines.length;
        stats.bytes += batch.bytes;
        progress.advance(batch.bytes);
        await out.write(text);
        if (out.closed) return stats; // leaving the loop closes the input
      }
    }
  } finally {
    progress.stop();
  }
  return stats;
}

/** Errors that already say `source:line` themselves (`ParseError`, `InvalidUtf8Error`). */
function hasLocation(err: unknown): boolean {
  return err instanceof Error && 'source' in err && 'line' in err;
}
