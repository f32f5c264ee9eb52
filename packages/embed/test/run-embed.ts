/** Test driver for the `embed` CLI: runs it in-process through `runEmbed` with stand-in streams. */
import { runInProcess, type CliRun } from '@nlpkit/kit/testing';
import { runEmbed } from '../src/cli/program.js';

export type EmbedRun = CliRun;

/** Runs `embed args` in-process with `stdin` as its standard input. */
export function embed(args: readonly string[], stdin: string = ''): Promise<EmbedRun> {
  return runInProcess((io) => runEmbed(args, io), stdin);
}
