/** Test driver for the `lm` CLI: runs it in-process through `runLm` with stand-in streams. */
import { PassThrough, Readable } from 'node:stream';
import { runLm } from '../src/cli/program.js';

/** Runs `lm argv` in-process with `stdin` as its standard input; `out`/`err` are what it wrote. */
export async function lm(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runLm(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr, stderrIsTTY: false });
  return { code, out, err };
}
