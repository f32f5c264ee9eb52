/**
 * `tok subwords` through its own `configureSubwords` on a bare commander program (the `tok` program
 * registers it separately): plain n-gram lines, --json ids equal to fastText's, option errors.
 */
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { configureSubwords } from '../../src/cli/subwords.js';
import { InvalidOptionError } from '../../src/errors.js';
import { fasttextFixtures } from './fixtures.js';

async function run(args: string[]): Promise<string> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), stderrIsTTY: false };
  const program = new Command().exitOverride();
  configureSubwords(program.command('subwords'), io);
  await program.parseAsync(['subwords', ...args], { from: 'user' });
  return Buffer.concat(chunks).toString('utf8');
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
    await expect(run(['--minn', 'x', 'ab'])).rejects.toThrow(InvalidOptionError);
    await expect(run(['--bucket', '0', 'ab'])).rejects.toThrow(InvalidOptionError);
    await expect(run(['--maxn', '-1', 'ab'])).rejects.toThrow();
  });
});
