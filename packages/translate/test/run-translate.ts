/** Test driver for the `translate` CLI: runs it in-process through `runTranslate` with stand-in streams. */
import { Readable, Writable } from 'node:stream';
import { runTranslate } from '../src/cli/program.js';

export interface TranslateRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString('utf8');
    cb();
  }
}

/** Runs `translate args` in-process with `input` as its standard input and no progress bars. */
export async function translate(args: readonly string[], input = ''): Promise<TranslateRun> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runTranslate([...args], { stdout, stderr, stdin: Readable.from([input]), progress: false });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
