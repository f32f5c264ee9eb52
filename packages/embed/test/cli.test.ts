import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVectors } from '../src/index.js';
import { gensimFixture, QUESTIONS, readJson, tempDir } from './helpers.js';
import { embed } from './run-embed.js';

type Pairs = Array<[string, number]>;
interface Queries {
  mostSimilar: Array<{ positive: string[]; negative: string[]; topN: number; result: Pairs }>;
  cosmul: Array<{ positive: string[]; negative: string[]; topN: number; result: Pairs }>;
  pca: { words: string[]; explained: number[]; coords: number[][] };
}
const queries = readJson<Queries>('queries.json');
const VECTORS = gensimFixture('eval-vectors.bin');

function expectPairs(ours: Array<{ word: string; similarity: number }>, gensim: Pairs): void {
  expect(ours.map((n) => n.word)).toEqual(gensim.map(([w]) => w));
  ours.forEach((n, i) => expect(n.similarity).toBeCloseTo(gensim[i][1], 5));
}

/** A failed run: one "embed: …" line on stderr, no stack trace. */
function expectOneLineError(run: { code: number; stderr: string; stdout: string }, code: number, message: RegExp): void {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^embed: /);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('embed similar / analogy', () => {
  it('similar --json gives gensim most_similar', async () => {
    const q = queries.mostSimilar[0];
    const run = await embed(['similar', VECTORS, q.positive[0], '--top', String(q.topN), '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Array<{ word: string; neighbors: Array<{ word: string; similarity: number }> }>;
    expect(out[0].word).toBe(q.positive[0]);
    expectPairs(out[0].neighbors, q.result);
  });
  it('similar prints a block per word', async () => {
    const q = queries.mostSimilar[0];
    const run = await embed(['similar', VECTORS, q.positive[0], 'Athens', '-n', '3']);
    expect(run.code).toBe(0);
    const blocks = run.stdout.split('\n\n');
    expect(blocks).toHaveLength(2);
    expect(blocks[0].split('\n')[1]).toMatch(new RegExp(`^  ${q.result[0][0]}\\s+${q.result[0][1].toFixed(4)}$`));
  });
  it('analogy a b c = a - b + c, with 3CosAdd and 3CosMul', async () => {
    const q = queries.mostSimilar[1]; // positive [w1, w2], negative [w3]
    const [a, c] = q.positive;
    const b = q.negative[0];
    const add = await embed(['analogy', VECTORS, a, b, c, '--top', '5', '--json']);
    expect(add.code).toBe(0);
    expectPairs(JSON.parse(add.stdout), q.result);
    const m = queries.cosmul[0];
    const mul = await embed(['analogy', VECTORS, m.positive[0], m.negative[0], m.positive[1], '--top', '5', '--cosmul', '--json']);
    expectPairs(JSON.parse(mul.stdout), m.result);
    const text = await embed(['analogy', VECTORS, a, b, c, '--top', '2']);
    expect(text.stdout.split('\n')[0]).toBe(`${a} - ${b} + ${c}`);
  });
  it('unknown words: exit 1, one line naming all of them', async () => {
    expectOneLineError(await embed(['similar', VECTORS, 'zzqq', 'Athens', 'xxyy']), 1, /Not in the vocabulary: "zzqq", "xxyy"/);
    expectOneLineError(await embed(['analogy', VECTORS, 'Athens', 'nope', 'Greece']), 1, /"nope"/);
  });
});

describe('embed eval', () => {
  it('--json gives gensim evaluate_word_analogies and evaluate_word_pairs', async () => {
    const run = await embed(['eval', VECTORS, '--analogies', QUESTIONS, '--restrict', '1500', '--similarity', gensimFixture('pairs.tsv'), '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      analogies: { accuracy: number; sections: Array<{ section: string; correct: number; incorrect: number }> };
      similarity: Array<{ pearson: { r: number }; spearman: { r: number }; oovRatio: number }>;
    };
    const a = readJson<Array<{ restrictVocab: number; dummy4unknown: boolean; accuracy: number; sections: Array<{ correct: number }> }>>('analogies.json')
      .find((r) => r.restrictVocab === 1500 && !r.dummy4unknown)!;
    expect(out.analogies.accuracy).toBeCloseTo(a.accuracy, 12);
    expect(out.analogies.sections.map((s) => s.correct)).toEqual(a.sections.map((s) => s.correct));
    const p = readJson<Array<{ restrictVocab: number; spearman: number[]; pearson: number[]; oovRatio: number }>>('pairs.json').find((r) => r.restrictVocab === 1500)!;
    expect(out.similarity[0].spearman.r).toBeCloseTo(p.spearman[0], 6);
    expect(out.similarity[0].pearson.r).toBeCloseTo(p.pearson[0], 6);
    expect(out.similarity[0].oovRatio).toBeCloseTo(p.oovRatio, 10);
  });
  it('prints a table', async () => {
    const run = await embed(['eval', VECTORS, '--analogies', QUESTIONS, '--restrict', '1500', '--similarity', gensimFixture('pairs.tsv')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^capital-common-countries\s+\d+\s+\d+\s+\d+\.\d%$/m);
    const total = readJson<Array<{ restrictVocab: number; dummy4unknown: boolean; sections: Array<{ correct: number; incorrect: number }> }>>('analogies.json')
      .find((r) => r.restrictVocab === 1500 && !r.dummy4unknown)!
      .sections.at(-1)!;
    const n = total.correct + total.incorrect;
    expect(run.stdout).toMatch(new RegExp(`^Total accuracy +${total.correct} +${n} +${((100 * total.correct) / n).toFixed(1)}%$`, 'm'));
    expect(run.stdout).toMatch(/^pairs\.tsv\s+\d+\s+\d+\.\d%\s+-?0\.\d{4}\s+-?0\.\d{4}/m);
  });
  it('needs something to evaluate (exit 2)', async () => {
    expectOneLineError(await embed(['eval', VECTORS]), 2, /nothing to evaluate/);
  });
});

describe('embed convert', () => {
  it('binary → text gives the bytes gensim writes; back again gives the same floats', async () => {
    const dir = tempDir();
    const run = await embed(['convert', gensimFixture('small.bin'), join(dir, 'v.txt')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`wrote 120 words × 8 dims to ${join(dir, 'v.txt')} (word2vec-text)\n`);
    expect(readFileSync(join(dir, 'v.txt')).equals(readFileSync(gensimFixture('small.txt')))).toBe(true);
    expect((await embed(['convert', join(dir, 'v.txt'), join(dir, 'out.data'), '--to', 'word2vec-binary', '--limit', '10'])).code).toBe(0);
    const back = await readVectors(join(dir, 'out.data'), { format: 'word2vec-binary' });
    const orig = await readVectors(gensimFixture('small.bin'), { limit: 10 });
    expect(back.words).toEqual(orig.words);
    expect(back.vectors).toEqual(orig.vectors);
  });
  it('unknown output format is bad usage; a corrupt input names file and line', async () => {
    const dir = tempDir();
    expectOneLineError(await embed(['convert', gensimFixture('small.bin'), join(dir, 'v.xyz')]), 2, /cannot tell the format of .*v\.xyz.*--to/);
    writeFileSync(join(dir, 'bad.txt'), '2 3\na 1 2 3\nb 1 oops 3\n');
    expectOneLineError(await embed(['convert', join(dir, 'bad.txt'), join(dir, 'o.bin')]), 1, /bad\.txt:3: value 2 of "b" is not a number/);
    expectOneLineError(await embed(['convert', join(dir, 'missing.bin'), join(dir, 'o.bin')]), 1, /missing\.bin: no such file or directory/);
    expectOneLineError(await embed(['convert', gensimFixture('small.bin'), join(dir, 'o.txt'), '--limit', 'x']), 2, /--limit/);
  });
});

describe('embed plot', () => {
  it('writes a labelled SVG of the PCA projection that numpy gives', async () => {
    const out = join(tempDir(), 'plot.svg');
    const { words, explained, coords } = queries.pca;
    const run = await embed(['plot', VECTORS, ...words, '-o', out, '--json', '--title', 'a <test>']);
    expect(run.code).toBe(0);
    const res = JSON.parse(run.stdout) as { explained: number[]; points: Array<{ word: string; x: number; y: number }> };
    res.explained.forEach((e, i) => expect(e).toBeCloseTo(explained[i], 8));
    // Components are defined up to sign: compare |coordinates|.
    res.points.forEach((p, i) => {
      expect(p.word).toBe(words[i]);
      expect(Math.abs(p.x)).toBeCloseTo(Math.abs(coords[i][0]), 5);
      expect(Math.abs(p.y)).toBeCloseTo(Math.abs(coords[i][1]), 5);
    });
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(`PC1 (${(100 * explained[0]).toFixed(1)}% of variance)`);
    expect(svg).toContain('PC2 (');
    expect(svg).toContain('a &lt;test&gt;');
    for (const w of words) expect(svg).toContain(`>${w}</text>`);
    expect(svg.match(/<circle /g)).toHaveLength(words.length);
  });
  it('needs two words, all known', async () => {
    const out = join(tempDir(), 'p.svg');
    expectOneLineError(await embed(['plot', VECTORS, 'Athens', '-o', out]), 2, /at least 2/);
    expectOneLineError(await embed(['plot', VECTORS, 'Athens', 'nope', '-o', out]), 1, /"nope"/);
  });
});

describe('embed train', () => {
  it('trains on stdin and writes vectors that load back', async () => {
    const dir = tempDir();
    const corpus = Array.from({ length: 200 }, (_, i) => `the cat sat on the mat ${i % 7} and the dog ran ${i % 5}`).join('\n');
    const run = await embed(['train', '-', '-o', join(dir, 'v.txt'), '--dim', '8', '--epochs', '1', '--min-count', '1', '--threads', '1', '--json'], corpus);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { words: number; dim: number; format: string };
    expect(summary.dim).toBe(8);
    expect(summary.format).toBe('word2vec-text');
    const kv = await readVectors(join(dir, 'v.txt'));
    expect(kv.size).toBe(summary.words);
    expect(kv.has('cat') && kv.has('dog')).toBe(true);
  });
  it('trains GloVe (--model glove) and spills to the given directory', async () => {
    const dir = tempDir();
    const corpus = Array.from({ length: 200 }, (_, i) => `the cat sat on the mat ${i % 7} and the dog ran ${i % 5}`).join('\n');
    const run = await embed(['train', '-', '-o', join(dir, 'g.vec'), '--model', 'glove', '--dim', '6', '--epochs', '3', '--min-count', '1',
      '--threads', '1', '--x-max', '10', '--spill-dir', dir, '--json'], corpus);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { words: number; dim: number; format: string };
    expect(summary).toMatchObject({ dim: 6, format: 'fasttext-vec' });
    const kv = await readVectors(join(dir, 'g.vec'));
    expect(kv.size).toBe(summary.words);
    expect(kv.has('cat') && kv.has('dog')).toBe(true);
    expectOneLineError(await embed(['train', '-', '-o', 'x.bin', '--model', 'glove', '--negative', '5']), 2, /--negative does not apply to --model glove/);
    expectOneLineError(await embed(['train', '-', '-o', 'x.bin', '--x-max', '10']), 2, /are for --model glove/);
  });
  it('bad values are bad usage, named by flag', async () => {
    expectOneLineError(await embed(['train', '-', '-o', 'x.bin', '--dim', '0']), 2, /--dim/);
    expectOneLineError(await embed(['train', '-', '-o', 'x.bin', '--model', 'skipgram']), 2, /skipgram/);
    expectOneLineError(await embed(['train', '-', '-o', 'x.bin', '--binary', '--text']), 2, /exclude each other/);
  });
});

describe('help', () => {
  it.each(['train', 'similar', 'analogy', 'eval', 'convert', 'plot'])('%s --help', async (cmd) => {
    const run = await embed([cmd, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: embed ${cmd} `));
  });
  it('no command shows help and is bad usage', async () => {
    const run = await embed([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Usage: embed/);
  });
});
