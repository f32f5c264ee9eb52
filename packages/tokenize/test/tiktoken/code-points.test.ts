/**
 * Code points whose character class a port can get wrong because its Unicode tables are not the
 * Unicode version of tiktoken's Rust regex crate (e.g. letters new in Unicode 17, which tiktoken
 * 1.0.22 does not know). The ranges were found by `fixtures/scan-code-points.ts` over all of Unicode;
 * here the first, middle and last code point of each range are compared with the real tiktoken.
 */
import { describe, expect, it } from 'vitest';
import ranges from './fixtures/code-point-ranges.json' with { type: 'json' };
import { codePointContexts } from './fixtures/code-point-contexts.js';
import { compareWithTiktoken, describeMismatch, ENCODING_NAMES } from './oracle.js';

const all = new Set<number>();
for (const list of Object.values(ranges.ranges)) {
  for (const [first, last] of list) for (const cp of [first, (first + last) >> 1, last]) all.add(cp);
}
const codePoints = [...all].sort((a, b) => a - b);

describe('code points whose class depends on the Unicode version', () => {
  it('the recorded ranges are not empty', () => {
    expect(codePoints.length).toBeGreaterThan(20);
  });
  // One test per encoding that lists every failing code point, rather than hundreds of failures.
  it.each(ENCODING_NAMES.map((n) => [n]))('%s', (name) => {
    const failing: string[] = [];
    let first = '';
    for (const cp of codePoints) {
      const mismatch = compareWithTiktoken(name, codePointContexts(String.fromCodePoint(cp)).join('\n\n'));
      if (!mismatch) continue;
      failing.push(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
      first ||= describeMismatch(mismatch);
    }
    expect(failing, `of ${codePoints.length} code points; first: ${first}`).toEqual([]);
  });
});
