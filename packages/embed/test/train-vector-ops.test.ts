import { describe, expect, it } from 'vitest';
import { allocateHeap, jsVectorOps, paddedDim, vectorOpsFor } from '../src/train/vector-ops.js';

describe('vector ops: WebAssembly SIMD vs the JavaScript reference', () => {
  const n = paddedDim(50); // 52: exercises the 8-float loop and the 4-float tail of dot
  const heap = allocateHeap(8 * n);
  const simd = vectorOpsFor(heap);
  const f = new Float32Array(heap.buffer);

  function fill(seed: number): Float32Array {
    let r = seed;
    for (let i = 0; i < 8 * n; i++) {
      r ^= r << 13;
      r ^= r >>> 17;
      r ^= r << 5;
      f[i] = (r >>> 8) / 2 ** 24 - 0.5;
    }
    return f.slice(0, 8 * n);
  }

  it('runs on a WebAssembly memory (SIMD available)', () => {
    expect(heap.memory).toBeDefined();
    expect(paddedDim(100)).toBe(100);
    expect(paddedDim(101)).toBe(104);
  });

  it('dot, step, add, scale and zero agree', () => {
    const before = fill(9);
    const ref = jsVectorOps(before);
    expect(simd.dot(n, 3 * n, n)).toBeCloseTo(ref.dot(n, 3 * n, n), 5);
    simd.step(0, n, 2 * n, 0.25, n);
    ref.step(0, n, 2 * n, 0.25, n);
    simd.add(4 * n, 5 * n, n);
    ref.add(4 * n, 5 * n, n);
    simd.scale(6 * n, -3, n);
    ref.scale(6 * n, -3, n);
    simd.zero(7 * n, n);
    ref.zero(7 * n, n);
    for (let i = 0; i < 8 * n; i++) expect(f[i]).toBeCloseTo(before[i]!, 5);
    expect(f.subarray(7 * n, 8 * n).every((x) => x === 0)).toBe(true);
  });
});
