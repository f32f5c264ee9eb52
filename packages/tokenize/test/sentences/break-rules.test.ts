/**
 * The "run of dots" break rule reads a run of dots once (it matches only from a run's first dot).
 * That must not change a single match: compared here with split-sentences.perl's rule as written,
 * on random strings of the characters the rule reacts to; and a long run of dots must finish.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/index.js';

const START = `\\p{Uppercase}0-9`;
const perlRule = new RegExp(`(\\.[.]+) +(['"([¿¡\\p{Pi}]*[${START}])`, 'gu');
const ourRule = new RegExp(`(?<!\\.)(\\.[.]+) +(['"([¿¡\\p{Pi}]*[${START}])`, 'gu');

describe('run-of-dots break rule', () => {
  it('makes the same replacements as the rule as written', () => {
    const piece = fc.constantFrom('.', '..', ' ', '  ', 'A', 'a', '7', '"', '(', '«', 'x.', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(text.replace(ourRule, '$1\n$2')).toBe(text.replace(perlRule, '$1\n$2'));
      }),
      { seed: 20261129, numRuns: 5000 },
    );
  });

  it('splits a paragraph with a 200,000-dot run (quadratic before: it would not finish)', () => {
    const text = `Wait${'.'.repeat(200_000)} It came. Then${'.'.repeat(1000)}`;
    expect(splitSentences(text).tokens).toEqual([`Wait${'.'.repeat(200_000)}`, `It came.`, `Then${'.'.repeat(1000)}`]);
  });
});
