/** Test driver for the `score` CLI: runs it in-process through `runScore` with stand-in streams. */
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runScore } from '../src/cli/program.js';

export interface ScoreRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Sink extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.chunks.push(chunk);
    cb();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** Runs `score args` in-process with `stdin` as its standard input. */
export async function score(args: readonly string[], stdin: string | Uint8Array = ''): Promise<ScoreRun> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runScore(args, { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Absolute path of a file in test/fixtures/cli/. */
export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/cli/${name}`, import.meta.url));
