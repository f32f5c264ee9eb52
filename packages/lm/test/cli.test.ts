// The `lm` CLI driven in-process (runLm with stand-in streams): outputs against the KenLM fixtures,
// exit codes, and errors as one "lm: …" line without a stack trace.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NgramModel } from '@nlpkit/lm';
import { lm } from './run-lm.js';

const dir = join(import.meta.dirname, 'fixtures/kenlm');
const tmp = mkdtempSync(join(tmpdir(), 'lm-cli-'));

const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('lm train', () => {
  it('mkn writes the ARPA file lmplz writes', async () => {
    const output = join(tmp, 'o4.arpa');
    const r = await lm(['train', join(dir, 'brown-o4.train.txt'), '-o', output, '--order', '4']);
    expect(r.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe(read('brown-o4.arpa'));
    expect(r.err).toMatch(/^lm: 4-gram mkn: ngram 1=\d+ ngram 2=\d+ ngram 3=\d+ ngram 4=\d+; wrote /);
  });

  it('reads stdin and writes stdout with "-o -"; --discount-fallback as lmplz', async () => {
    const r = await lm(['train', '-o', '-', '--order', '5', '--discount-fallback'], read('brown-o5-fallback.train.txt'));
    expect(r.code).toBe(0);
    expect(r.out).toBe(read('brown-o5-fallback.arpa'));
  });

  it('kn writes a model that ppl reads', async () => {
    const output = join(tmp, 'kn.arpa.gz');
    expect((await lm(['train', '--smoothing', 'kn', '--order', '2', '-o', output], read('brown-o4.train.txt'))).code).toBe(0);
    const r = await lm(['ppl', '--json', output], 'The jury said .\n');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { tokens: number; sentences: number; perplexity: number };
    expect([j.tokens, j.sentences]).toEqual([5, 1]);
    expect(j.perplexity).toBeGreaterThan(1);
  });

  it.each([
    [['--smoothing', 'laplace'], /Invalid --output: ".*x\.arpa" \(expected a file name that is not ARPA's \(e\.g\. model\.nlm\): laplace is written as an nlpkit n-gram model/],
    [['--smoothing', 'lidstone', '--k', '0.1'], /Invalid --output: .* lidstone is written as an nlpkit n-gram model/],
    [['--smoothing', 'foo'], /Invalid --smoothing: "foo"/],
    [['--order', '0'], /Invalid --order: "0"/],
    [['--order', 'three'], /Invalid --order: "three" \(expected a non-negative integer\)/],
    [['--k', '0.1'], /no --k/],
  ])('usage error %j: exit 2, one line', async (flags, message) => {
    const r = await lm(['train', '-o', join(tmp, 'x.arpa'), ...flags], 'a b\n');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('reserved words in the text: exit 1 naming the file and line', async () => {
    const r = await lm(['train', '-o', join(tmp, 'y.arpa')], 'a b\nc <s> d\n');
    expect(r).toMatchObject({ code: 1, err: 'lm: <stdin>:2: the training text contains <s>, which the model reserves; remove or rename it\n' });
  });

  it('too little data for the discounts: exit 1 with the advice', async () => {
    const r = await lm(['train', '-o', join(tmp, 'z.arpa')], 'a b\n');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^lm: Cannot estimate modified Kneser-Ney discounts for 1-grams: .*--discount-fallback\)\n$/);
  });
});

describe('lm train --smoothing laplace|lidstone and lm ppl on the model file', () => {
  const train = read('brown-o4.train.txt');
  const test = read('brown-o3.test.txt');

  it.each([
    [['--smoothing', 'laplace', '--order', '3'], { order: 3, smoothing: 'laplace' as const }],
    [['--smoothing', 'lidstone', '--k', '0.25', '--order', '2'], { order: 2, smoothing: 'lidstone' as const, gamma: 0.25 }],
  ])('%j: ppl gives the library\'s (NLTK\'s) perplexity, to the bit, the input streamed', async (flags, options) => {
    const trainFile = join(tmp, 'addk-train.txt');
    writeFileSync(trainFile, train);
    const output = join(tmp, `${options.smoothing}.nlm`);
    const t = await lm(['train', trainFile, '-o', output, ...flags]);
    expect(t.code).toBe(0);
    expect(t.err).toMatch(new RegExp(`^lm: ${options.order}-gram ${options.smoothing}.*; wrote `));
    const want = NgramModel.train(train.split('\n').filter((l) => l.length > 0).map((l) => l.split(' ')), options);
    const r = await lm(['ppl', '--json', output], test);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { perplexity: number; crossEntropy: number; ngrams: number; sentences: number; order: number; smoothing: string };
    expect(j.perplexity).toBe(want.perplexityOfText(test));
    const lines = test.split('\n').filter((l) => l.length > 0);
    expect(j).toMatchObject({ sentences: lines.length, order: options.order, smoothing: options.smoothing });
    expect(j.ngrams).toBe(lines.reduce((n, l) => n + l.split(' ').length + options.order - 1, 0));
    // Two files (the text cut at a line) give the same sum as one; plain output names the same numbers.
    const cut = test.indexOf('\n', test.length >> 1) + 1;
    writeFileSync(join(tmp, 'part1.txt'), test.slice(0, cut));
    writeFileSync(join(tmp, 'part2.txt'), test.slice(cut));
    const p = await lm(['ppl', output, join(tmp, 'part1.txt'), join(tmp, 'part2.txt')]);
    expect(p.out).toBe(`Perplexity:\t${j.perplexity}\nCross-entropy:\t${j.crossEntropy}\nN-grams:\t${j.ngrams}\nSentences:\t${j.sentences}\n`);
  });

  it('reads stdin; refuses a lidstone without --k, --k 0, -o -, and ARPA-only commands on the model', async () => {
    const output = join(tmp, 'stdin.nlm');
    expect((await lm(['train', '--smoothing', 'laplace', '--order', '2', '-o', output], train)).code).toBe(0);
    const fromFile = NgramModel.train(train.split('\n').filter((l) => l.length > 0).map((l) => l.split(' ')), { order: 2, smoothing: 'laplace' });
    expect(JSON.parse((await lm(['ppl', '--json', output], test)).out).perplexity).toBe(fromFile.perplexityOfText(test));
    const usage: [string[], RegExp][] = [
      [['train', '--smoothing', 'lidstone', '-o', join(tmp, 'l.nlm')], /Invalid --k: undefined/],
      [['train', '--smoothing', 'lidstone', '--k', '0', '-o', join(tmp, 'l.nlm')], /Invalid --k: "0"/],
      [['train', '--smoothing', 'laplace', '-o', '-'], /Invalid --output: "-"/],
      [['query', output], /lm query reads ARPA files, and this is an nlpkit n-gram model/],
      [['generate', join(dir, 'brown-o3.arpa'), '--text-seed', 'the'], /Invalid --text-seed: "the" \(expected nlpkit n-gram models only/],
      [['ppl', '-n', output], /Invalid --no-sentence-context/],
    ];
    for (const [argv, message] of usage) {
      const r = await lm(argv, 'a b\n');
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
  });

  it('generate: NgramModel.generate (NLTK\'s) for the same seed and text seed, on one line', async () => {
    const output = join(tmp, 'gen.nlm');
    expect((await lm(['train', '--smoothing', 'lidstone', '--k', '0.5', '--order', '3', '-o', output], train)).code).toBe(0);
    const model = NgramModel.train(train.split('\n').filter((l) => l.length > 0).map((l) => l.split(' ')), { order: 3, smoothing: 'lidstone', gamma: 0.5 });
    const r = await lm(['generate', output, '-n', '15', '--seed', '4', '--text-seed', 'The jury']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${model.generate(15, { seed: 4, textSeed: ['The', 'jury'] }).join(' ')}\n`);
    expect(r.out.split(' ')).toHaveLength(15);
    expect((await lm(['generate', output, '-n', '15', '--seed', '5', '--text-seed', 'The jury'])).out).not.toBe(r.out);
  });

  it('a damaged model file: exit 1 naming the file and the section', async () => {
    const output = join(tmp, 'damaged.nlm');
    expect((await lm(['train', '--smoothing', 'laplace', '--order', '2', '-o', output], train)).code).toBe(0);
    const bytes = readFileSync(output);
    writeFileSync(output, bytes.subarray(0, bytes.length - 16));
    const r = await lm(['ppl', output], test);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^lm: ${output.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (counts2|words2|parents2|end): .*\n$`));
  });
});

describe('lm query and lm ppl', () => {
  it('query prints what KenLM query prints (stdin, gzipped model)', async () => {
    const gz = join(tmp, 'o3.arpa.gz');
    writeFileSync(gz, gzipSync(read('brown-o3.arpa')));
    const r = await lm(['query', gz], read('brown-o3.test.txt'));
    expect(r.code).toBe(0);
    expect(r.out).toBe(read('brown-o3.query.txt'));
  });

  it('query -n equals KenLM query -n; --no-summary drops the summary', async () => {
    const r = await lm(['query', '-n', join(dir, 'm30k-o5.arpa'), join(dir, 'm30k-o5.test.txt')]);
    expect(r.out).toBe(read('m30k-o5.query-n.txt'));
    const s = await lm(['query', '--no-summary', join(dir, 'm30k-o5.arpa'), join(dir, 'm30k-o5.test.txt')]);
    expect(s.out).toBe(read('m30k-o5.query.txt').replace(/Perplexity including[^]*$/, ''));
  });

  it('ppl prints KenLM\'s summary lines, --json the same numbers', async () => {
    const want = read('brown-o4.query.txt').match(/Perplexity including[^]*$/)![0];
    const r = await lm(['ppl', join(dir, 'brown-o4.arpa'), join(dir, 'brown-o4.test.txt')]);
    expect(r.out).toBe(want);
    const j = JSON.parse((await lm(['ppl', '--json', join(dir, 'brown-o4.arpa')], read('brown-o4.test.txt'))).out) as Record<string, number>;
    const num = (label: string) => Number(new RegExp(`^${label}:\\t(\\S+)`, 'm').exec(want)![1]);
    expect(j.perplexity).toBe(num('Perplexity including OOVs'));
    expect(j.perplexityExcludingOovs).toBe(num('Perplexity excluding OOVs'));
    expect([j.oovs, j.tokens, j.sentences]).toEqual([num('OOVs'), num('Tokens'), 60]);
  });

  it('a malformed model: exit 1, "lm: file:line: reason", no stack', async () => {
    const bad = join(tmp, 'bad.arpa');
    writeFileSync(bad, '\\data\\\nngram 1=2\n\n\\1-grams:\n-1\t<s>\n-x\t</s>\n\n\\end\\\n');
    const r = await lm(['ppl', bad], 'a\n');
    expect(r).toEqual({ code: 1, out: '', err: `lm: ${bad}:6: log10 probability "-x" is not a number\n` });
  });

  it('a missing file: exit 1', async () => {
    const r = await lm(['query', join(tmp, 'nope.arpa')], '');
    expect(r).toMatchObject({ code: 1, err: `lm: cannot read ${join(tmp, 'nope.arpa')}: no such file or directory\n` });
  });
});

describe('lm generate', () => {
  const model = join(dir, 'brown-o3.arpa');
  it('is seeded: the same seed gives the same text, another seed other text', async () => {
    const a = await lm(['generate', model, '-n', '25', '--seed', '7']);
    const b = await lm(['generate', model, '-n', '25', '--seed', '7']);
    const c = await lm(['generate', model, '-n', '25', '--seed', '8']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out).not.toBe(c.out);
    expect(a.out.split(/\s+/).filter(Boolean)).toHaveLength(25);
  });
  it('--top-k 1 is greedy: every seed gives the same text', async () => {
    const a = await lm(['generate', model, '-n', '12', '--top-k', '1', '--seed', '1']);
    const b = await lm(['generate', model, '-n', '12', '--top-k', '1', '--seed', '2']);
    expect(a.out).toBe(b.out);
  });
  it('bad numbers are usage errors', async () => {
    expect((await lm(['generate', model, '--temperature', '0'])).code).toBe(2);
    expect((await lm(['generate', model, '--top-k', 'x'])).err).toMatch(/^lm: Invalid --top-k: "x"/);
  });
});

describe('help', () => {
  it.each([[[]], [['train']], [['ppl']], [['query']], [['generate']]])('%j --help exits 0 and prints usage', async (cmd) => {
    const r = await lm([...cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: lm/);
  });
});
