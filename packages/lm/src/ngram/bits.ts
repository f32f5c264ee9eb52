/** Small integer helpers shared by the counters, the block lookup and the WebAssembly kernels' layouts. */

/** Bits to hold 0..n-1 (at least 1): the width of an id field in a packed key. */
export function bitsFor(n: number): number {
  return Math.max(1, 32 - Math.clz32(Math.max(1, n - 1)));
}

/** `x` rounded up to a multiple of 64 (a cache line): where a kernel places its next array. */
export function align64(x: number): number {
  return (x + 63) & ~63;
}
