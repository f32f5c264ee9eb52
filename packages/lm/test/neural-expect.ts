import { expect } from 'vitest';

/** The neural tests' float check against PyTorch's reference outputs: same length, every value within `tol`. */
export function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst).toBeLessThan(tol);
}
