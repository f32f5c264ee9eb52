/**
 * `@nlpkit/kit/testing`: the in-process driver of the packages' CLI tests. A command's `runX(argv, io)`
 * is run with stand-in streams: stdin from a string or bytes, stdout and stderr kept as text. Tests run
 * on the TypeScript source; nothing is spawned or built.
 */
import { Readable, Writable } from 'node:stream';

/** What a run ended with: its exit code and all it wrote. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A Writable that keeps everything written to it; `isTTY` makes cli-progress draw on it. */
export class Sink extends Writable {
  readonly chunks: Buffer[] = [];
  isTTY = false;
  columns = 100;
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.chunks.push(chunk);
    cb();
  }
  /** Everything written, decoded as UTF-8 as a whole (a character split across writes stays whole). */
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** The stand-in streams a run gets. */
export interface StandInIo {
  readonly stdin: Readable;
  readonly stdout: Sink;
  readonly stderr: Sink;
  readonly stderrIsTTY: boolean;
}

/**
 * Runs `run` with stand-in streams. `stdin` is one chunk, or a list of chunks (to test how lines split
 * across reads); `stderrIsTTY` makes stderr a terminal (progress bars).
 * @example const { code, stdout } = await runInProcess((io) => runTok(['count'], io), 'hello world\n');
 */
export async function runInProcess(
  run: (io: StandInIo) => Promise<number>,
  stdin: string | Uint8Array | readonly (string | Uint8Array)[] = '',
  options: { stderrIsTTY?: boolean } = {},
): Promise<CliRun> {
  const chunks = (Array.isArray(stdin) ? stdin : [stdin]).map((c: string | Uint8Array) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c)));
  const stdout = new Sink();
  const stderr = new Sink();
  const stderrIsTTY = options.stderrIsTTY === true;
  stderr.isTTY = stderrIsTTY;
  // object mode: each chunk arrives as given
  const code = await run({ stdin: Readable.from(chunks), stdout, stderr, stderrIsTTY });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
