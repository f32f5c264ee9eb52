/**
 * Test drivers for the `tok` CLI: `tok()` runs it in-process through `runTok` with stand-in streams
 * (fast, most tests), `spawnTok()` starts it as a real process on the TypeScript source, for what only
 * a process shows (stdin pipes, exit codes, EPIPE, memory). Tests run on source: no build needed.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runInProcess, type CliRun } from '@nlpkit/kit/testing';
import { runTok } from '../../src/cli/program.js';
import type { CliIo } from '../../src/cli/io.js';

export type TokResult = CliRun;

/**
 * Runs `tok args` in-process. `stdin` is given as one chunk, or as a list of chunks to test how
 * lines split across reads. `io` overrides parts of the stand-in process (TTY, stdin size).
 */
export function tok(
  args: readonly string[],
  stdin: string | Uint8Array | readonly (string | Uint8Array)[] = '',
  io: Partial<Pick<CliIo, 'stderrIsTTY' | 'stdinSize'>> = {},
): Promise<TokResult> {
  return runInProcess((standIn) => runTok(args, { ...standIn, stdinSize: io.stdinSize }), stdin, { stderrIsTTY: io.stderrIsTTY });
}

export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));
const TOK_SOURCE = fileURLToPath(new URL('../../src/cli/tok.ts', import.meta.url));

/** Starts `node [nodeArgs] src/cli/tok.ts args` (TypeScript through tsx) from the package folder. */
export function spawnTok(args: readonly string[], nodeArgs: readonly string[] = [], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, '--conditions=@nlpkit/source', '--import', 'tsx', TOK_SOURCE, ...args], {
    cwd: PACKAGE_DIR,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...options,
  });
}

/** Runs a spawned `tok` to the end with `input` on stdin; resolves to its exit code and output. */
export async function spawnTokAndWait(args: readonly string[], input: string | Buffer = ''): Promise<TokResult> {
  const child = spawnTok(args);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (b: Buffer) => out.push(b));
  child.stderr!.on('data', (b: Buffer) => err.push(b));
  child.stdin!.on('error', () => {}); // tok may exit before reading all of it
  child.stdin!.end(input);
  const code = await new Promise<number>((resolve) => child.on('close', (c, signal) => resolve(c ?? (signal ? 128 : -1))));
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
