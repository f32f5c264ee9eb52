/** Test driver for the `score` CLI: runs it in-process through `runScore` with stand-in streams. */
import { fileURLToPath } from 'node:url';
import { runInProcess, type CliRun } from '@nlpkit/kit/testing';
import { runScore } from '../src/cli/program.js';

export type ScoreRun = CliRun;

/** Runs `score args` in-process with `stdin` as its standard input. */
export function score(args: readonly string[], stdin: string | Uint8Array = ''): Promise<ScoreRun> {
  return runInProcess((io) => runScore(args, io), stdin);
}

/** Absolute path of a file in test/fixtures/cli/. */
export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/cli/${name}`, import.meta.url));
