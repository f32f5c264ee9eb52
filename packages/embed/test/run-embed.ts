/** Test driver for the `embed` CLI: runs it in-process through `runEmbed` with stand-in streams. */
import { Readable, Writable } from 'node:stream';
import { runEmbed } from '../src/cli/program.js';

export interface EmbedRun {
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

/** Runs `embed args` in-process with `stdin` as its standard input. */
export async function embed(args: readonly string[], stdin: string = ''): Promise<EmbedRun> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runEmbed(args, { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr, stderrIsTTY: false });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
