/**
 * `tok` writing to a full disk (/dev/full): a short `tok: …` message and exit 1, never a stack
 * trace — both for line output (LineWriter) and for help text, which is written outside it.
 */
import { openSync, closeSync, existsSync } from 'node:fs';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { spawnTok } from './run-tok.js';

async function runToFullDisk(args: readonly string[], input: string): Promise<{ code: number | null; stderr: string }> {
  const full = openSync('/dev/full', 'w');
  try {
    const child = spawnTok(args, [], { stdio: ['pipe', full, 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdin!.on('error', () => {});
    child.stdin!.end(input);
    const [code] = (await once(child, 'close')) as [number | null];
    return { code, stderr };
  } finally {
    closeSync(full);
  }
}

describe.skipIf(!existsSync('/dev/full'))('tok on a full disk', () => {
  it('line output: reports the write error and exits 1', async () => {
    const r = await runToFullDisk(['words'], 'hello world\n');
    expect(r.stderr).toBe('tok: cannot write the output: no space left on device\n');
    expect(r.code).toBe(1);
  });

  it('help text: reports the write error and exits 1', async () => {
    const r = await runToFullDisk(['--help'], '');
    expect(r.stderr).toBe('tok: cannot write the output: no space left on device\n');
    expect(r.code).toBe(1);
  });
});
