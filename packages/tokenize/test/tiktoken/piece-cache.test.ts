/**
 * The BPE result cache: hits return exactly what was put, misses return -1, and filling it past its
 * bounds clears it instead of growing or returning stale results.
 */
import { describe, expect, it } from 'vitest';
import { PieceCache } from '../../src/tiktoken/piece-cache.js';
import { hashBytes } from '../../src/tiktoken/rank-table.js';

const enc = new TextEncoder();

function put(cache: PieceCache, key: string, ids: number[]): void {
  const buf = enc.encode(key);
  cache.put(buf, 0, buf.length, hashBytes(buf, 0, buf.length), Uint32Array.from(ids), 0, ids.length);
}

function get(cache: PieceCache, key: string): number[] | undefined {
  const buf = enc.encode(`..${key}`); // at an offset, as pieces are in the encoder's buffer
  const out = new Uint32Array(300);
  out[0] = 7;
  const n = cache.get(buf, 2, buf.length, hashBytes(buf, 2, buf.length), out, 1);
  if (n < 0) return undefined;
  expect(out[0]).toBe(7); // writes start at the given length
  return Array.from(out.subarray(1, n));
}

describe('PieceCache', () => {
  it('returns what was put, for the same bytes only', () => {
    const cache = new PieceCache();
    put(cache, 'hello', [1, 2, 3]);
    put(cache, 'héllo', [4]);
    expect(get(cache, 'hello')).toEqual([1, 2, 3]);
    expect(get(cache, 'héllo')).toEqual([4]);
    expect(get(cache, 'hell')).toBeUndefined();
    expect(get(cache, 'hello!')).toBeUndefined();
  });

  it('clears itself when full, and never returns another key’s ids', () => {
    const cache = new PieceCache();
    const n = 200_000; // more entries than it holds
    for (let i = 0; i < n; i++) put(cache, `k${i}`, [i, i + 1]);
    expect(get(cache, `k${n - 1}`)).toEqual([n - 1, n]);
    expect(get(cache, 'k0')).toBeUndefined();
    let hits = 0;
    for (let i = 0; i < n; i += 97) {
      const ids = get(cache, `k${i}`);
      if (ids !== undefined) {
        hits++;
        expect(ids).toEqual([i, i + 1]);
      }
    }
    expect(hits).toBeGreaterThan(0);
  });

  it('does not cache pieces longer than MAX_CACHED_PIECE bytes', () => {
    const cache = new PieceCache();
    const long = 'x'.repeat(1000);
    put(cache, long, [1]);
    expect(get(cache, long)).toBeUndefined();
  });
});
