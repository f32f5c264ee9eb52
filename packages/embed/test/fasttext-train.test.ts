/**
 * fastText training: it learns (words of the same topic end up closer than words of different topics,
 * for sg+ns and cbow+hs), an unknown word's vector is the mean of its n-gram rows, one thread is
 * reproducible per seed, several threads work, and the model saved as `.bin` loads in the real fastText
 * with the same vectors (when the `fasttext` CLI is installed).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { subwordIds } from '@nlpkit/tokenize';
import { describe, expect, it } from 'vitest';
import { FastTextModel, InvalidOptionError, trainFastText, type FastTextTrainOptions } from '../src/index.js';
import { tempDir } from './helpers.js';

const TOPICS = [
  ['cat', 'dog', 'kitten', 'puppy', 'pet', 'fur', 'paw', 'tail'],
  ['car', 'truck', 'engine', 'wheel', 'road', 'driver', 'fuel', 'brake'],
  ['piano', 'violin', 'melody', 'chord', 'song', 'singer', 'guitar', 'drum'],
];

/** 1,000 seeded lines of 8–15 words, each line from one topic (plus some shared filler words). */
function corpus(): string[] {
  let r = 12345;
  const next = (n: number): number => {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    return (r >>> 8) % n;
  };
  const lines: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const topic = TOPICS[next(3)];
    const words: string[] = [];
    const len = 8 + next(8);
    for (let k = 0; k < len; k++) words.push(next(4) === 0 ? ['the', 'a', 'of', 'and'][next(4)] : topic[next(topic.length)]);
    lines.push(words.join(' '));
  }
  return lines;
}

const SMALL: Partial<FastTextTrainOptions> = { dim: 16, bucket: 2000, minCount: 1, epoch: 5, threads: 1, seed: 3, t: 1e-2 };

function topicGap(model: FastTextModel): number {
  const kv = model.toKeyedVectors();
  let same = 0;
  let diff = 0;
  for (const [a, b] of [['cat', 'dog'], ['car', 'truck'], ['piano', 'violin'], ['kitten', 'paw']]) same += kv.similarity(a, b);
  for (const [a, b] of [['cat', 'car'], ['truck', 'violin'], ['piano', 'dog'], ['kitten', 'brake']]) diff += kv.similarity(a, b);
  return (same - diff) / 4;
}

describe('trainFastText', () => {
  const lines = corpus();
  let trained: Promise<FastTextModel> | undefined;
  /** The sg+ns model of SMALL, trained once and shared by the tests that only read it. */
  const base = (): Promise<FastTextModel> => (trained ??= trainFastText(lines, SMALL));

  it('skip-gram + negative sampling learns the topics', async () => {
    const model = await base();
    expect(model.dictionary.nwords).toBe(3 * 8 + 4 + 1); // the words and </s>
    expect(model.args).toMatchObject({ model: 'sg', loss: 'ns', dim: 16, bucket: 2000, minn: 3, maxn: 6 });
    expect(topicGap(model)).toBeGreaterThan(0.3);
  });

  it('CBOW + hierarchical softmax learns the topics', async () => {
    const model = await trainFastText(lines, { ...SMALL, model: 'cbow', loss: 'hs', lr: 0.1 });
    expect(topicGap(model)).toBeGreaterThan(0.3);
  });

  it("an unknown word's vector is the mean of its n-gram rows", async () => {
    const model = await base();
    const rows = subwordIds('kittens', { nwords: model.dictionary.nwords, bucket: 2000 });
    expect(rows.length).toBeGreaterThan(5);
    const mean = new Float64Array(16);
    for (const row of rows) for (let j = 0; j < 16; j++) mean[j] += model.input[row * 16 + j] / rows.length;
    const v = model.wordVector('kittens');
    for (let j = 0; j < 16; j++) expect(v[j]).toBeCloseTo(mean[j], 6);
    // and it lands near its known neighbour
    expect(model.nearestNeighbors('kittens', 3).map((n) => n.word)).toContain('kitten');
  });

  it('is reproducible with one thread and a seed', async () => {
    const a = await base();
    const b = await trainFastText(lines, SMALL);
    const c = await trainFastText(lines, { ...SMALL, seed: 4 });
    expect(Buffer.from(a.input.buffer).equals(Buffer.from(b.input.buffer))).toBe(true);
    expect(Buffer.from(a.output.buffer).equals(Buffer.from(b.output.buffer))).toBe(true);
    expect(Buffer.from(a.input.buffer).equals(Buffer.from(c.input.buffer))).toBe(false);
  });

  it('trains on worker threads from files', async () => {
    const file = join(tempDir(), 'corpus.txt');
    writeFileSync(file, lines.join('\n') + '\n');
    let reports = 0;
    const model = await trainFastText({ files: [file] }, { ...SMALL, threads: 2, onProgress: () => reports++ });
    expect(reports).toBeGreaterThan(0);
    expect(model.input.every(Number.isFinite)).toBe(true);
    expect(topicGap(model)).toBeGreaterThan(0.2);
  });

  it('rejects bad options by name', async () => {
    await expect(trainFastText(lines, { dim: 0 })).rejects.toThrow(InvalidOptionError);
    await expect(trainFastText(lines, { minn: 5, maxn: 3 })).rejects.toMatchObject({ option: 'minn' });
    await expect(trainFastText(lines, { model: 'skipgram' as 'sg' })).rejects.toMatchObject({ option: 'model' });
  });

  it('saves a .bin that reads back identically', async () => {
    const model = await base();
    const path = join(tempDir(), 'ours.bin');
    await model.save(path);
    const back = await FastTextModel.load(path);
    expect(back.words).toEqual(model.words);
    expect([...back.wordVector('kittens')]).toEqual([...model.wordVector('kittens')]);
  });

  const hasFastText = (() => {
    try {
      execFileSync('fasttext', [], { stdio: 'ignore' });
      return true;
    } catch (e) {
      // It ran when it has an exit status (usage exits non-zero); a missing binary throws ENOENT with status null.
      return typeof (e as { status?: unknown }).status === 'number';
    }
  })();

  it.runIf(hasFastText)('the real fastText loads our .bin and gives the same vectors', async () => {
    const model = await base();
    const path = join(tempDir(), 'ours.bin');
    await model.save(path);
    const words = ['cat', 'violin', '</s>', 'kittens', 'zebra'];
    const out = execFileSync('fasttext', ['print-word-vectors', path], { input: words.join('\n') + '\n', encoding: 'utf8' });
    const rows = out.trim().split('\n').map((l) => l.trim().split(' '));
    expect(rows.map((r) => r[0])).toEqual(words);
    rows.forEach(([w, ...values]) => {
      const v = model.wordVector(w);
      values.map(Number).forEach((x, j) => expect(Math.abs(v[j] - x), `${w}[${j}]`).toBeLessThanOrEqual(5e-5 * Math.abs(x) + 1e-12));
    });
  });
});
