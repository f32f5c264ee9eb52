/**
 * `tok` as a real process on real pipes: exit codes and stderr-only errors, a reader that goes away
 * (EPIPE: `tok … | head -1`), and streaming in bounded memory: an input far bigger than both the read
 * chunks and the V8 heap, and an output the reader does not take, neither of which may pile up in memory.
 */
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { getEncoding } from '../../src/index.js';
import { spawnTok, spawnTokAndWait } from './run-tok.js';

const MAX_RSS = fileURLToPath(new URL('fixtures/report-max-rss.mjs', import.meta.url));
/** Small enough that holding the test's input or output in the heap would crash `tok`. */
const HEAP_MB = 32;

/** Resolves when `stream` can take more, or will never again (closed, failed: tok exited). */
function writable(stream: NodeJS.WritableStream & { off(e: string, f: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const e of ['drain', 'close', 'error']) stream.off(e, done);
      resolve();
    };
    for (const e of ['drain', 'close', 'error']) stream.once(e, done);
  });
}

interface Run {
  code: number | null;
  lines: number;
  bytes: number;
  stderr: string;
  maxRssKb: number;
}

/**
 * Runs `tok args` in a heap-limited process, feeding it `repeat` copies of `block` with backpressure;
 * `pauseMs` leaves stdout unread that long after its first output.
 */
async function streamThrough(args: readonly string[], block: Buffer, repeat: number, pauseMs = 0): Promise<Run> {
  const child = spawnTok(args, [`--max-old-space-size=${HEAP_MB}`, '--import', MAX_RSS]);
  let lines = 0;
  let bytes = 0;
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const stdout = child.stdout!;
  stdout.on('data', (b: Buffer) => {
    bytes += b.length;
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) lines++;
  });
  if (pauseMs > 0) {
    stdout.once('data', () => {
      stdout.pause();
      setTimeout(() => stdout.resume(), pauseMs);
    });
  }
  const closed = once(child, 'close');
  const stdin = child.stdin!;
  stdin.on('error', () => {});
  for (let i = 0; i < repeat && !stdin.destroyed; i++) {
    if (!stdin.write(block)) await writable(stdin);
  }
  stdin.end();
  const [code] = (await closed) as [number | null];
  const rss = /maxRSS=(\d+)/.exec(stderr);
  return { code, lines, bytes, stderr: stderr.replace(/maxRSS=\d+\n/, ''), maxRssKb: rss ? Number(rss[1]) : Infinity };
}

describe('tok as a process', () => {
  it('reads stdin, writes stdout, exits 0', async () => {
    const r = await spawnTokAndWait(['encode'], 'hello world\nsecond line');
    const enc = getEncoding('cl100k_base');
    expect(r).toEqual({ code: 0, stdout: `${enc.encode('hello world').join(' ')}\n${enc.encode('second line').join(' ')}\n`, stderr: '' });
  });

  it('prints only "tok: <message>" on stderr, nothing on stdout, and exits 2 for bad usage', async () => {
    const r = await spawnTokAndWait(['count', '--encoding', 'nope'], 'x\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tok: Unknown encoding "nope"; known: [^\n]*\n$/);
  });

  it('exits 1 for bad input (invalid UTF-8 on stdin)', async () => {
    const r = await spawnTokAndWait(['count'], Buffer.from([0x61, 0x0a, 0xff, 0x0a]));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('tok: <stdin>:2: invalid UTF-8 at byte offset 2 (pass --lossy to replace invalid bytes with U+FFFD)\n');
  });

  it('stops quietly with exit 0 when its reader goes away (EPIPE)', async () => {
    const child = spawnTok(['decode']);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdin!.on('error', () => {});
    const closed = once(child, 'close');
    // Like `head -1`: read the first output, then close the pipe while tok still has input to go.
    child.stdout!.once('data', () => child.stdout!.destroy());
    const block = Buffer.from(`${'15339 1917 '.repeat(100)}\n`.repeat(2000));
    for (let i = 0; i < 500 && !child.stdin!.destroyed; i++) {
      if (!child.stdin!.write(block)) await writable(child.stdin!);
    }
    child.stdin!.end();
    const [code] = (await closed) as [number | null];
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('stops quietly when the reader of its help text has gone (`tok encode --help | head -1`)', async () => {
    const child = spawnTok(['encode', '--help']);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const closed = once(child, 'close');
    child.stdout!.destroy(); // closed before tok starts, so its help text meets EPIPE
    const [code] = (await closed) as [number | null];
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  // The same command on 1 MiB gives this machine's baseline memory.
  let baselineKb = 0;
  beforeAll(async () => {
    const small = await streamThrough(['decode'], Buffer.from('15339 1917\n'.repeat(100_000)), 1);
    expect(small.code).toBe(0);
    baselineKb = small.maxRssKb;
  });

  it('streams an input much bigger than its heap in bounded memory', async () => {
    const line = `${'15339 1917 '.repeat(50)}\n`;
    const block = Buffer.from(line.repeat(Math.floor((1 << 20) / line.length)));
    const linesPerBlock = Math.floor((1 << 20) / line.length);
    const blocks = 64;
    const big = await streamThrough(['decode'], block, blocks);
    expect(big.stderr).toBe('');
    expect(big.code).toBe(0);
    expect(big.lines).toBe(blocks * linesPerBlock);
    expect(big.bytes).toBe(blocks * linesPerBlock * ('hello world'.length * 50 + 1));
    // 64 MiB went in and as much came out; holding either would show here (or crash the heap). The
    // peak of a correct run is within ~12 MiB of the baseline.
    expect(big.maxRssKb - baselineKb).toBeLessThan(32 * 1024);
  });

  it('waits for a slow reader instead of queueing output in memory (backpressure)', async () => {
    // Each id stands for the longest token (128 bytes), so 4 MiB of ids becomes ~85 MiB of text, which
    // tok would produce in well under the pause if it did not wait for stdout to drain.
    const enc = getEncoding('cl100k_base');
    let longest = 0;
    for (let id = 0; id < 100256; id++) if (enc.tokenBytes(id).length > enc.tokenBytes(longest).length) longest = id;
    const line = `${`${longest} `.repeat(100)}\n`;
    const block = Buffer.from(line.repeat(Math.floor((1 << 20) / line.length)));
    const linesPerBlock = Math.floor((1 << 20) / line.length);
    const big = await streamThrough(['decode'], block, 4, 1000);
    expect(big.stderr).toBe('');
    expect(big.code).toBe(0);
    expect(big.lines).toBe(4 * linesPerBlock);
    expect(big.bytes).toBe(4 * linesPerBlock * (enc.decode(Uint32Array.of(longest)).length * 100 + 1));
    expect(big.maxRssKb - baselineKb).toBeLessThan(32 * 1024);
  });
});
