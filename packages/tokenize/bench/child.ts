/**
 * Runs a small ES module in a fresh Node process with a time limit, for what must not share the
 * benchmark's process: the cost of the first encode after import (nothing loaded or JIT-compiled yet)
 * and inputs on which a peer may never finish (it is killed, and reported as "> N s").
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package directory: scripts run here, so `import 'tiktoken'` and `@nlpkit/tokenize` (→ dist/) resolve. */
export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface ChildResult {
  /** Exited with status 0 before the time limit. */
  ok: boolean;
  timedOut: boolean;
  /** Wall time of the whole process, spawn to exit (ms). */
  wallMs: number;
  stdout: string;
  stderr: string;
}

/** Runs `source` as an ES module (`node --input-type=module -e`) in PACKAGE_DIR; kills it after `timeoutMs`. */
export function runModule(source: string, timeoutMs: number): Promise<ChildResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL'); // a wasm loop does not yield to SIGTERM handlers; this is our own child
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0 && !timedOut, timedOut, wallMs: performance.now() - started, stdout, stderr });
    });
  });
}

/**
 * Why ours may not be measurable in a child: children import the built `dist/` (plain Node, as users
 * run it), so a missing or older-than-`src/` build is reported rather than silently measured.
 */
export function distProblem(): string | undefined {
  const dist = join(PACKAGE_DIR, 'dist', 'index.js');
  if (!existsSync(dist)) return 'dist/ is missing: run `pnpm build` first';
  const built = statSync(dist).mtimeMs;
  const newest = newestMtime(join(PACKAGE_DIR, 'src'));
  return newest > built ? 'dist/ is older than src/: run `pnpm build` for current numbers' : undefined;
}

/** The newest mtime of the sources under `dir` (not their READMEs: a doc edit does not stale the build). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.endsWith('.md')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
