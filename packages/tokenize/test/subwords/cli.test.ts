/**
 * `tok subwords` as registered in the `tok` program: plain n-gram lines, --json ids equal to
 * fastText's, option errors (exit 2, the option named).
 */
import { describe, expect, it } from 'vitest';
import { tok } from '../cli/run-tok.js';
import { fasttextFixtures } from './fixtures.js';

/** Runs `tok subwords args`, expecting success; its stdout. */
async function run(args: string[]): Promise<string> {
  const r = await tok(['subwords', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('tok subwords', () => {
  const m = fasttextFixtures().models.find((x) => x.name === 'm1-2-b2000');

  it('prints one line of n-grams per word', async () => {
    expect(await run(['ab', 'où'])).toBe('<ab <ab> ab>\n<où <où> où>\n');
  });

  it("prints fastText's ids with --json", async () => {
    if (!m) throw new Error('fixture model m1-2-b2000 missing');
    const cases = m.cases.filter((c) => ['東京', '😀', 'straße', 'x>y'].includes(c.word));
    const flags = ['--json', '--minn', '1', '--maxn', '2', '--bucket', String(m.bucket), '--nwords', String(m.nwords)];
    const out = await run([...flags, ...cases.map((c) => c.word)]);
    expect(out.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(
      cases.map((c) => ({ word: c.word, ngrams: c.ngrams, ids: c.ids })),
    );
  });

  it('rejects option values that are not whole numbers or out of range', async () => {
    for (const [args, message] of [
      [['--minn', 'x', 'ab'], /^tok: Invalid option --minn: "x"/],
      [['--bucket', '0', 'ab'], /^tok: Invalid option --bucket: 0/],
      [['--maxn', '-1', 'ab'], /^tok: Invalid option --maxn: "-1"/],
    ] as const) {
      const r = await tok(['subwords', ...args]);
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});
