/** Test driver for the `translate` CLI: runs it in-process through `runTranslate` with stand-in streams. */
import { runInProcess, type CliRun } from '@nlpkit/kit/testing';
import { runTranslate } from '../src/cli/program.js';

export type TranslateRun = CliRun;

/** Runs `translate args` in-process with `input` as its standard input and no progress bars. */
export function translate(args: readonly string[], input = ''): Promise<TranslateRun> {
  return runInProcess(({ stdout, stderr, stdin }) => runTranslate([...args], { stdout, stderr, stdin, progress: false }), input);
}
