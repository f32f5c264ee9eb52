/** Test driver for the `lm` CLI: runs it in-process through `runLm` with stand-in streams. */
import { runInProcess } from '@nlpkit/kit/testing';
import { runLm } from '../src/cli/program.js';

/** Runs `lm argv` in-process with `stdin` as its standard input; `out`/`err` are what it wrote. */
export async function lm(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runInProcess((io) => runLm(argv, io), stdin);
  return { code, out: stdout, err: stderr };
}
