/**
 * The `score` CLI with several systems: paired tests (--paired-bs, --paired-ar), the plain multi-system
 * table and single-system --confidence print what the real `sacrebleu` command prints
 * (test/fixtures/sacrebleu-significance-cli.json, written by scripts/gen-significance-fixtures.py, which
 * ran sacreBLEU on files in a fixed directory: system names are paths and set the table's widths, so
 * this test writes the same files there). Plus the usage and input errors of these modes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../src/index.js';
import { score } from './run-score.js';

interface CliCase {
  args: string[];
  inputs: string[];
  stdout: string;
}
const fx = JSON.parse(readFileSync(new URL('./fixtures/sacrebleu-significance-cli.json', import.meta.url), 'utf8')) as {
  dir: string;
  files: Record<string, string[]>;
  cases: CliCase[];
};
const path = (name: string) => join(fx.dir, name);
const ours = (text: string) => text.replaceAll('version:2.6.0', `version:${VERSION}`);
const run = (c: CliCase, extra: string[] = []) => score(['-r', path('ref.txt'), '-i', ...c.inputs.map(path), ...c.args.filter((a) => a !== '-f' && a !== 'text'), ...extra]);
const find = (...args: string[]) => fx.cases.find((c) => c.args.join(' ') === args.join(' '))!;

beforeAll(() => {
  mkdirSync(fx.dir, { recursive: true });
  for (const [name, lines] of Object.entries(fx.files)) writeFileSync(path(name), lines.join('\n') + '\n');
});

describe('score with several systems = the sacrebleu command', () => {
  it('--paired-bs, three metrics: the table, the explanation and the signatures, character for character', async () => {
    const r = await run(find('--paired-bs', '-m', 'bleu', 'chrf', 'ter', '-f', 'text'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(ours(find('--paired-bs', '-m', 'bleu', 'chrf', 'ter', '-f', 'text').stdout));
  });

  it('--paired-ar --paired-ar-n 500 -w 2', async () => {
    const c = find('--paired-ar', '--paired-ar-n', '500', '-m', 'bleu', 'ter', '-f', 'text', '-w', '2');
    const r = await run(c);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(ours(c.stdout));
  });

  it('--paired-bs --json: sacreBLEU’s JSON (full-precision numbers) plus each metric’s signature', async () => {
    const c = find('--paired-bs', '--paired-bs-n', '300', '-m', 'chrf', 'bleu');
    const r = await run(c, ['--json']);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as Record<string, Record<string, unknown> | string>[];
    for (const row of got) {
      for (const v of Object.values(row)) {
        if (typeof v === 'object') {
          expect(v.signature).toMatch(/^nrefs:1\|bs:300\|seed:12345\|/);
          delete v.signature;
        }
      }
    }
    expect(got).toEqual(JSON.parse(c.stdout));
  });

  it('several systems without a test: the score table, metrics sorted by name', async () => {
    const c = find('-m', 'ter', 'bleu', '-f', 'text');
    const r = await run(c);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(ours(c.stdout));
  });

  it('--confidence (one system): sacreBLEU’s lines with (μ = mean ± CI) and bs/seed in the signatures', async () => {
    const c = find('--confidence', '-m', 'bleu', 'chrf', 'ter', '-f', 'text');
    const r = await run(c);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(ours(c.stdout));
  });

  it('--confidence --json: the same rounded mean and CI as sacreBLEU’s JSON, at full precision', async () => {
    const c = find('--confidence', '--confidence-n', '300', '-m', 'bleu', 'ter');
    const r = await run(c, ['--json']);
    expect(r.code).toBe(0);
    const want = JSON.parse(c.stdout) as { name: string; signature: string; confidence_mean: number; confidence_var: number }[];
    const got = JSON.parse(r.stdout) as { name: string; signature: string; confidenceMean: number; confidenceCi: number }[];
    expect(got.map((g) => g.name)).toEqual(want.map((w) => w.name));
    got.forEach((g, i) => {
      expect(g.signature).toBe(ours(want[i].signature));
      expect(Number(g.confidenceMean.toFixed(1))).toBe(want[i].confidence_mean);
      expect(Number(g.confidenceCi.toFixed(1))).toBe(want[i].confidence_var);
    });
  });

  it('--seed changes the resamples (and the signature); --seed none is recorded as seed:none', async () => {
    const args = ['-r', path('ref.txt'), '-i', path('base.txt'), path('sys1.txt'), '--paired-bs', '--paired-bs-n', '200', '--json'];
    const a = JSON.parse((await score([...args, '--seed', '7'])).stdout) as { BLEU: { p_value: number; mean: number; signature: string } }[];
    const b = JSON.parse((await score([...args, '--seed', '8'])).stdout) as typeof a;
    expect(a[1].BLEU.signature).toContain('|bs:200|seed:7|');
    expect(a[1].BLEU.mean).not.toBe(b[1].BLEU.mean);
    const n = JSON.parse((await score([...args, '--seed', 'none'])).stdout) as typeof a;
    expect(n[1].BLEU.signature).toContain('|seed:none|');
  });
});

describe('score with several systems: errors', () => {
  const ref = () => path('ref.txt');
  it.each([
    [['--paired-bs'], 'score: --paired-bs compares systems: give the baseline and at least one more system to -i (got 1)\n'],
    [['--paired-ar'], 'score: --paired-ar compares systems: give the baseline and at least one more system to -i (got 1)\n'],
    [['--paired-bs', '--paired-ar', 'X'], 'score: --paired-bs and --paired-ar exclude each other; choose one test\n'],
    [['X', '--confidence'], 'score: --confidence takes a single system; use --paired-bs or --paired-ar for several\n'],
    [['X', '--sentence-level'], 'score: --sentence-level takes a single system, without --confidence or paired tests\n'],
    [['--paired-ar-confidence-n', '5', 'X'], 'score: --paired-ar-confidence-n needs --paired-ar\n'],
    [['base', '--paired-bs'], 'score: the system BASE is given twice to -i\n'],
    [['X', '--paired-bs', '--paired-bs-n', '0'], 'score: Invalid option --paired-bs-n: "0"; expected an integer from 1 to 10000000\n'],
    [['X', '--paired-bs', '--seed', '-3'], 'score: Invalid option --seed: "-3"; expected an integer from 0 to 9007199254740991\n'],
  ])('usage error %j (exit 2)', async (extra, message) => {
    // X stands for a second system, base for the baseline given again
    const inputs = [path('base.txt'), ...extra.filter((a) => a === 'X' || a === 'base').map((a) => (a === 'X' ? path('sys1.txt') : path('base.txt')))];
    const flags = extra.filter((a) => a !== 'X' && a !== 'base');
    const r = await score(['-r', ref(), '-i', ...inputs, ...flags]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: message.replace('BASE', path('base.txt')) });
  });

  it('a system with another line count: exit 1, naming the file and both counts', async () => {
    const short = path('short.txt');
    writeFileSync(short, fx.files['sys2.txt'].slice(0, 7).join('\n') + '\n');
    const r = await score(['-r', ref(), '-i', path('base.txt'), short, '--paired-bs']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `score: the hypotheses (${short}) have 7 line(s) but the reference ${ref()} has 12\n` });
  });
});
