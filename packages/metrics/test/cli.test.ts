/**
 * The `score` CLI: its numbers are the library's (on the committed files in test/fixtures/cli/), its text
 * lines are sacreBLEU's `name|signature = score verbose`, --json and --sentence-level, and every error's
 * exit code and message.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusBleu, corpusChrf, corpusTer, formatBleu, sentenceBleu, sentenceChrf, sentenceTer, VERSION } from '../src/index.js';
import { fixture, score } from './run-score.js';

const lines = (name: string) => readFileSync(fixture(name), 'utf8').trimEnd().split('\n');
const HYP = fixture('hyp.txt');
const REF1 = fixture('ref1.txt');
const REF2 = fixture('ref2.txt');
const hyps = lines('hyp.txt');
const refs = [lines('ref1.txt'), lines('ref2.txt')];

describe('score: corpus scores', () => {
  it('prints BLEU as sacreBLEU does, equal to the library (width 1 by default)', async () => {
    const r = await score(['-r', REF1, REF2, '-i', HYP]);
    const bleu = corpusBleu(hyps, refs);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(bleu.score).toBeCloseTo(48.530827009929865, 12);
    expect(r.stdout).toBe(
      `BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:${VERSION} = 48.5 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)\n`,
    );
    expect(r.stdout).toBe(`${formatBleu(bleu, 1).replace('BLEU = ', `BLEU|${bleu.signature} = `)}\n`);
  });

  it('reads the hypotheses from stdin, and -w sets the decimals', async () => {
    const r = await score(['-r', REF1, REF2, '-w', '2'], readFileSync(HYP));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ = 48\.53 82\.4\//);
  });

  it('prints several metrics aligned at "="', async () => {
    const r = await score(['-r', REF1, REF2, '-m', 'bleu', 'chrf', 'ter', '-i', HYP]);
    expect(r.code).toBe(0);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(3);
    const at = out.map((l) => l.indexOf(' = '));
    expect(new Set(at).size).toBe(1);
    expect(out[1].trimStart()).toBe(`chrF2|${corpusChrf(hyps, refs).signature} = 59.7`);
    expect(out[2].trimStart()).toBe(`TER|${corpusTer(hyps, refs).signature} = 40.0`);
  });

  it('passes --tokenize, --lowercase and --chrf-word-order to the library', async () => {
    const r = await score(['-r', REF1, '-i', HYP, '-m', 'BLEU', 'chrf', '--tokenize', 'intl', '--lowercase', '--chrf-word-order', '2', '--json']);
    expect(r.code).toBe(0);
    const [b, c] = JSON.parse(r.stdout) as { score: number; signature: string }[];
    const bleu = corpusBleu(hyps, [refs[0]], { tokenize: 'intl', lowercase: true });
    const chrf = corpusChrf(hyps, [refs[0]], { wordOrder: 2, lowercase: true });
    expect(b.score).toBe(bleu.score);
    expect(b.signature).toBe(bleu.signature);
    expect(b.signature).toContain('case:lc|eff:no|tok:intl');
    expect(c.score).toBe(chrf.score);
    expect(c.signature).toBe(chrf.signature);
  });
});

describe('score --json', () => {
  it('is an array with one object per metric: the library result, signature and text line', async () => {
    const r = await score(['-r', REF1, REF2, '-m', 'bleu', 'chrf', 'ter', '-i', HYP, '--json']);
    expect(r.code).toBe(0);
    const records = JSON.parse(r.stdout) as Record<string, unknown>[];
    const bleu = corpusBleu(hyps, refs);
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({ metric: 'bleu', name: 'BLEU', score: bleu.score, signature: bleu.signature });
    expect(records[0]).toMatchObject({ counts: bleu.counts, totals: bleu.totals, bp: bleu.bp, sysLen: 17, refLen: 18 });
    expect(records[1]).toMatchObject({ metric: 'chrf', ...corpusChrf(hyps, refs) });
    expect(records[2]).toMatchObject({ metric: 'ter', ...corpusTer(hyps, refs) });
    expect(records[2].text).toMatch(/^TER\|nrefs:2\|.* = 40\.0$/);
  });
});

describe('score --sentence-level', () => {
  it('prints one line per segment, equal to the sentence scores', async () => {
    const r = await score(['-r', REF1, REF2, '-i', HYP, '--sentence-level', '-w', '4']);
    expect(r.code).toBe(0);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(hyps.length);
    out.forEach((line, i) => {
      const s = sentenceBleu(hyps[i], [refs[0][i], refs[1][i]]);
      expect(line).toBe(formatBleu(s, 4).replace('BLEU = ', `BLEU|${s.signature} = `));
      expect(line).toContain('eff:yes');
    });
  });

  it('with --json prints JSON Lines; chrF and TER too', async () => {
    for (const [metric, fn] of [
      ['chrf', (i: number) => sentenceChrf(hyps[i], [refs[0][i]])],
      ['ter', (i: number) => sentenceTer(hyps[i], [refs[0][i]])],
    ] as const) {
      const r = await score(['-r', REF1, '-i', HYP, '-m', metric, '--sentence-level', '--json']);
      expect(r.code).toBe(0);
      const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { score: number; signature: string });
      expect(out).toHaveLength(hyps.length);
      out.forEach((o, i) => expect(o).toMatchObject({ score: fn(i).score, signature: fn(i).signature }));
    }
  });

  it('takes a single metric (exit 2)', async () => {
    const r = await score(['-r', REF1, '-i', HYP, '-m', 'bleu', 'ter', '--sentence-level']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'score: --sentence-level takes a single metric; got bleu, ter\n' });
  });
});

describe('score: input', () => {
  it('right-strips lines (CRLF, trailing spaces) and accepts a last line without "\\n"', async () => {
    const a = await score(['-r', REF1, REF2, '-m', 'bleu', 'chrf', 'ter'], readFileSync(HYP));
    const b = await score(['-r', REF1, REF2, '-m', 'bleu', 'chrf', 'ter'], hyps.map((l) => `${l} \r`).join('\n'));
    expect(b).toEqual(a);
  });
});

describe('score: errors', () => {
  it('names both files and counts when line counts differ (exit 1)', async () => {
    const short = fixture('short.txt');
    const r = await score(['-r', REF1, short, '-i', HYP]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `score: the hypotheses (${HYP}) have 3 line(s) but the reference ${short} has 2\n` });
    const s = await score(['-r', REF1], 'only one line\n');
    expect(s.stderr).toBe(`score: the hypotheses (<stdin>) have 1 line(s) but the reference ${REF1} has 3\n`);
  });

  it('rejects empty input (exit 1)', async () => {
    const empty = fixture('empty.txt');
    expect(await score(['-r', REF1, '-i', empty])).toEqual({ code: 1, stdout: '', stderr: `score: the hypotheses input ${empty} is empty (no lines)\n` });
    expect(await score(['-r', REF1])).toEqual({ code: 1, stdout: '', stderr: 'score: the hypotheses input <stdin> is empty (no lines)\n' });
    expect(await score(['-r', empty, '-i', HYP])).toEqual({ code: 1, stdout: '', stderr: `score: the reference input ${empty} is empty (no lines)\n` });
  });

  it('names the file and line of invalid UTF-8 (exit 1)', async () => {
    const bad = fixture('bad-utf8.txt');
    expect(await score(['-r', REF1, '-i', bad])).toEqual({ code: 1, stdout: '', stderr: `score: ${bad}:2: invalid UTF-8\n` });
    expect((await score(['-r', REF1], Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xff, 0x0a]))).stderr).toBe('score: <stdin>:3: invalid UTF-8\n');
  });

  it('names an unreadable file (exit 1)', async () => {
    const missing = fixture('missing.txt');
    expect(await score(['-r', missing, '-i', HYP])).toEqual({ code: 1, stdout: '', stderr: `score: cannot read ${missing}: no such file or directory\n` });
    const dir = fixture('');
    expect((await score(['-r', REF1, '-i', dir])).stderr).toBe(`score: cannot read ${dir}: is a directory\n`);
  });

  it.each([
    [['-m', 'bleu', 'meteor'], 'score: Unknown metric "meteor"; known: bleu, chrf, ter\n'],
    [['--tokenize', 'spm'], 'score: Unknown tokenizer "spm"; known: none, 13a, intl, zh, char\n'],
    [['--chrf-word-order', 'x'], 'score: Invalid option --chrf-word-order: "x"; expected an integer from 0 to 9\n'],
    [['-w', '-1'], 'score: Invalid option --width: "-1"; expected an integer from 0 to 20\n'],
  ])('usage error %j (exit 2, known names listed)', async (args, message) => {
    const r = await score(['-r', REF1, '-i', HYP, ...args]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('commander errors: missing -r, unknown option such as --paired-xx (exit 2)', async () => {
    const a = await score(['-i', HYP]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/^score: required option '-r, --references <files\.\.\.>' not specified/);
    const b = await score(['-r', REF1, '-i', HYP, '--paired-xx']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^score: unknown option '--paired-xx'/);
  });
});

describe('score --help / --version', () => {
  it('lists the options, examples and exit codes (exit 0)', async () => {
    const r = await score(['--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--references', '--metrics', '--input', '--tokenize', '--lowercase', '--chrf-word-order', '--width', '--json', '--sentence-level', '--force']) {
      expect(r.stdout).toContain(opt);
    }
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('Exit status: 0 ok; 1 bad input');
    expect(r.stdout).toContain('none, 13a, intl, zh, char');
  });

  it('--version prints the package version', async () => {
    expect(await score(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});
