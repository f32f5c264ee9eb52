/**
 * The `embed` CLI on fastText: `train --model fasttext-sg|fasttext-cbow` (a `.bin` model or `.vec`),
 * and `similar` / `analogy` / `eval` / `convert` on `.bin` models, unknown words included.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FastTextModel, readVectors } from '../src/index.js';
import { tempDir } from './helpers.js';
import { embed } from './run-embed.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/fasttext/${name}`, import.meta.url));
const MODEL = fixture('sg.bin');

describe('embed on fastText .bin models', () => {
  it('similar: known and unknown words (from their n-grams)', async () => {
    const run = await embed(['similar', MODEL, 'anarchism', 'zzyzx', '--top', '3', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Array<{ word: string; neighbors: Array<{ word: string; similarity: number }> }>;
    const model = await FastTextModel.load(MODEL);
    for (const { word, neighbors } of out) {
      const expected = model.nearestNeighbors(word, 3);
      expect(neighbors.map((n) => n.word)).toEqual(expected.map((n) => n.word));
      neighbors.forEach((n, i) => expect(n.similarity).toBeCloseTo(expected[i].similarity, 6));
    }
  });

  it('analogy with an unknown word', async () => {
    const run = await embed(['analogy', MODEL, 'anarchism', 'philosophy', 'zzyzx', '--top', '2', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(2);
  });

  it('eval scores pairs with unknown words through n-grams, or skips them with --no-oov-subwords', async () => {
    const pairs = join(tempDir(), 'pairs.tsv');
    writeFileSync(pairs, '# w1\tw2\tscore\nanarchism\tphilosophy\t7\nthe\tof\t2\nzzyzx\tanarchism\t1\nstate\tqwertyuiop\t3\n');
    const withOov = JSON.parse((await embed(['eval', MODEL, '--similarity', pairs, '--json'])).stdout) as { similarity: Array<{ pairs: number; oov: number }> };
    expect(withOov.similarity[0]).toMatchObject({ pairs: 4, oov: 0 });
    const skip = JSON.parse((await embed(['eval', MODEL, '--similarity', pairs, '--json', '--no-oov-subwords'])).stdout) as typeof withOov;
    expect(skip.similarity[0]).toMatchObject({ pairs: 2, oov: 2 });
  });

  it('convert writes the vocabulary as .vec (fastText\'s numbers)', async () => {
    const out = join(tempDir(), 'out.vec');
    expect((await embed(['convert', MODEL, out])).code).toBe(0);
    const ours = await readVectors(out);
    const theirs = await readVectors(fixture('sg.vec'));
    expect(ours.words).toEqual(theirs.words);
    for (let i = 0; i < theirs.vectors.length; i++) expect(Math.abs(ours.vectors[i] - theirs.vectors[i])).toBeLessThanOrEqual(5e-5 * Math.abs(theirs.vectors[i]) + 1e-12);
  });

  it('a model with an unsupported version: one error line naming it', async () => {
    const bad = Buffer.from(readFileSync(MODEL));
    bad.writeInt32LE(99, 4);
    const path = join(tempDir(), 'bad.bin');
    writeFileSync(path, bad);
    const run = await embed(['similar', path, 'the']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^embed: .*bad\.bin at byte 4: unsupported fastText model version 99/);
  });
});

describe('embed train --model fasttext-*', () => {
  const corpus = fixture('corpus.txt');
  const common = ['--dim', '8', '--bucket', '500', '--epochs', '1', '--threads', '1', '--min-count', '2', '--json'];

  it('fasttext-sg -o x.bin writes a fastText model', async () => {
    const out = join(tempDir(), 'model.bin');
    const run = await embed(['train', corpus, '-o', out, '--model', 'fasttext-sg', ...common]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ dim: 8, format: 'fasttext-bin' });
    const model = await FastTextModel.load(out);
    expect(model.args).toMatchObject({ model: 'sg', dim: 8, bucket: 500, epoch: 1, minCount: 2 });
  });

  it('fasttext-cbow -o x.vec writes the vectors', async () => {
    const out = join(tempDir(), 'vectors.vec');
    const run = await embed(['train', corpus, '-o', out, '--model', 'fasttext-cbow', '--loss', 'hs', '--minn', '2', '--maxn', '4', ...common]);
    expect(run.code).toBe(0);
    expect((await readVectors(out)).dim).toBe(8);
  });

  it('bad fastText flags are usage errors naming the flag', async () => {
    const out = join(tempDir(), 'x.bin');
    let run = await embed(['train', corpus, '-o', out, '--model', 'fasttext-sg', '--minn', '7', '--maxn', '3']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--minn/);
    run = await embed(['train', corpus, '-o', out, '--model', 'sg', '--minn', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/fasttext-sg/);
  });
});
