/**
 * The checks every tokenizer's spans must pass: in order, not overlapping, inside the text, and
 * covering exactly the token wherever the style does not rewrite it (`rewrites` says where it may).
 */
import { expect } from 'vitest';
import type { TokenSpans } from '../../src/index.js';

export type RewriteCheck = (token: string, original: string) => boolean;

export function expectValidSpans(text: string, spans: TokenSpans, rewrites?: RewriteCheck): void {
  const { tokens, starts, ends } = spans;
  expect(starts.length).toBe(tokens.length);
  expect(ends.length).toBe(tokens.length);
  let prevEnd = 0;
  for (let i = 0; i < tokens.length; i++) {
    const where = `token ${i} ${JSON.stringify(tokens[i])} at ${starts[i]}–${ends[i]} of ${JSON.stringify(text)}`;
    expect(starts[i], where).toBeGreaterThanOrEqual(prevEnd);
    expect(ends[i], where).toBeGreaterThan(starts[i]);
    expect(ends[i], where).toBeLessThanOrEqual(text.length);
    const original = text.slice(starts[i], ends[i]);
    if (original !== tokens[i]) expect(rewrites?.(tokens[i], original) ?? false, where).toBe(true);
    prevEnd = ends[i];
  }
}
