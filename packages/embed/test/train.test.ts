import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  CorpusFileError,
  EmptyCorpusError,
  EmptyVocabularyError,
  InvalidOptionError,
  trainWord2Vec,
  type KeyedVectors,
  type Word2VecProgress,
} from '@nlpkit/embed';
import { trainWord2VecWith } from '../src/train/train-word2vec.js';

const dir = mkdtempSync(join(tmpdir(), 'nlpkit-w2v-'));

/** Two planted topics: each line draws its words from one topic only. */
function topicCorpus(lines: number, seed = 7): { lines: string[]; a: string[]; b: string[] } {
  const a = ['cat', 'dog', 'horse', 'cow', 'sheep', 'goat', 'pig', 'duck'];
  const b = ['car', 'bus', 'train', 'truck', 'plane', 'boat', 'bike', 'tram'];
  let r = seed;
  const next = (n: number): number => {
    r ^= r << 13;
    r ^= r >>> 17;
    r ^= r << 5;
    return (r >>> 0) % n;
  };
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const topic = i % 2 === 0 ? a : b;
    const len = 6 + next(8);
    const words: string[] = [];
    for (let j = 0; j < len; j++) words.push(topic[next(topic.length)]!);
    out.push(words.join(' '));
  }
  return { lines: out, a, b };
}

function cosine(kv: KeyedVectors, x: string, y: string): number {
  const i = kv.indexOf(x) * kv.dim;
  const j = kv.indexOf(y) * kv.dim;
  let d = 0;
  let nx = 0;
  let ny = 0;
  for (let k = 0; k < kv.dim; k++) {
    d += kv.vectors[i + k]! * kv.vectors[j + k]!;
    nx += kv.vectors[i + k]! ** 2;
    ny += kv.vectors[j + k]! ** 2;
  }
  return d / Math.sqrt(nx * ny);
}

function meanCosine(kv: KeyedVectors, xs: string[], ys: string[]): number {
  let s = 0;
  let n = 0;
  for (const x of xs) for (const y of ys) if (x !== y) (s += cosine(kv, x, y)), n++;
  return s / n;
}

describe('vocabulary', () => {
  it('orders words as word2vec C: </s> first, then by count, ties by first occurrence; minCount cuts', async () => {
    const kv = await trainWord2Vec(['b a c a b a', 'c d d d e', 'x\r'], { minCount: 2, dim: 4, epochs: 1, threads: 1 });
    expect(kv.words).toEqual(['</s>', 'a', 'd', 'b', 'c']);
    expect(Array.from(kv.counts!)).toEqual([3, 3, 3, 2, 2]);
    expect(kv.vectors.length).toBe(5 * 4);
  });

  it('reads files as bytes: CRLF, tabs, a missing final newline, gzip, several files', async () => {
    const text = 'über naïve über\r\nnaïve\tüber x\n\nx über';
    const plain = join(dir, 'v.txt');
    const gz = join(dir, 'v.txt.gz');
    writeFileSync(plain, text);
    writeFileSync(gz, gzipSync(Buffer.from(text)));
    const fromPlain = await trainWord2Vec({ files: [plain] }, { minCount: 1, dim: 2, epochs: 1, threads: 1 });
    expect(fromPlain.words).toEqual(['</s>', 'über', 'naïve', 'x']);
    expect(Array.from(fromPlain.counts!)).toEqual([3, 4, 2, 2]);
    const fromGz = await trainWord2Vec({ files: [gz] }, { minCount: 1, dim: 2, epochs: 1, threads: 1 });
    expect(fromGz.words).toEqual(fromPlain.words);
    expect(Array.from(fromGz.vectors)).toEqual(Array.from(fromPlain.vectors));
    const twice = await trainWord2Vec({ files: [plain, gz] }, { minCount: 1, dim: 2, epochs: 1, threads: 1 });
    expect(Array.from(twice.counts!)).toEqual([6, 8, 4, 4]);
  });

  it('maxVocabSize keeps the most frequent words (</s> included)', async () => {
    const kv = await trainWord2Vec(['a a a b b c'], { minCount: 1, maxVocabSize: 3, dim: 2, epochs: 1, threads: 1 });
    expect(kv.words).toEqual(['</s>', 'a', 'b']);
  });
});

describe('training', () => {
  const { lines, a, b } = topicCorpus(1200);
  const modes = [
    ['sg', 'ns'],
    ['sg', 'hs'],
    ['cbow', 'ns'],
    ['cbow', 'hs'],
  ] as const;

  for (const [model, loss] of modes) {
    it(`${model}+${loss} learns the planted topics`, async () => {
      const kv = await trainWord2Vec(lines, { model, loss, dim: 16, epochs: 5, minCount: 1, sample: 0, threads: 1, seed: 3 });
      const within = (meanCosine(kv, a, a) + meanCosine(kv, b, b)) / 2;
      const across = meanCosine(kv, a, b);
      expect(within).toBeGreaterThan(across + 0.3);
      // Every word's nearest other word is from its own topic.
      for (const w of [...a, ...b]) {
        const own = a.includes(w) ? a : b;
        let best = '';
        let bestCos = -2;
        for (const o of [...a, ...b]) if (o !== w && cosine(kv, w, o) > bestCos) (bestCos = cosine(kv, w, o)), (best = o);
        expect(own).toContain(best);
      }
    });
  }

  it('the JavaScript fallback ops learn the same structure', async () => {
    const opts = { model: 'sg', loss: 'ns', dim: 16, epochs: 5, minCount: 1, sample: 0, threads: 1, seed: 3 } as const;
    const kv = await trainWord2VecWith(lines, opts, { jsOps: true });
    expect((meanCosine(kv, a, a) + meanCosine(kv, b, b)) / 2).toBeGreaterThan(meanCosine(kv, a, b) + 0.3);
  });

  it('is bit-reproducible with threads: 1 and a seed; another seed differs', async () => {
    const opts = { model: 'sg', loss: 'ns', dim: 8, epochs: 2, minCount: 1, sample: 1e-2, threads: 1 } as const;
    const x = await trainWord2Vec(lines.slice(0, 300), { ...opts, seed: 11 });
    const y = await trainWord2Vec(lines.slice(0, 300), { ...opts, seed: 11 });
    const z = await trainWord2Vec(lines.slice(0, 300), { ...opts, seed: 12 });
    expect(Buffer.from(x.vectors.buffer).equals(Buffer.from(y.vectors.buffer))).toBe(true);
    expect(Buffer.from(x.vectors.buffer).equals(Buffer.from(z.vectors.buffer))).toBe(false);
  });

  it('trains a file on two worker threads and reports progress', async () => {
    const file = join(dir, 'topics.txt');
    writeFileSync(file, topicCorpus(3000, 99).lines.join('\n') + '\n');
    const seen: Word2VecProgress[] = [];
    const kv = await trainWord2Vec(
      { files: [file] },
      { model: 'cbow', loss: 'ns', dim: 16, epochs: 3, minCount: 1, sample: 0, threads: 2, onProgress: (p) => seen.push(p) },
    );
    expect((meanCosine(kv, a, a) + meanCosine(kv, b, b)) / 2).toBeGreaterThan(meanCosine(kv, a, b) + 0.3);
    const total = kv.counts!.reduce((s, c) => s + c, 0) * 3;
    expect(seen.length).toBeGreaterThan(5);
    const last = seen[seen.length - 1]!;
    expect(last.wordsTotal).toBe(total);
    // Each worker reads only its byte range: together they see every word once per epoch.
    expect(Math.max(...seen.map((p) => p.wordsDone))).toBe(total);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.alpha).toBeLessThanOrEqual(seen[i - 1]!.alpha + 1e-12);
    expect(last.alpha).toBeLessThan(0.05 * 0.01);
    expect(seen.every((p) => p.loss >= 0 && Number.isFinite(p.loss))).toBe(true);
  });
});

describe('errors', () => {
  it('an empty corpus', async () => {
    const e = await trainWord2Vec(['', '  \t'], { threads: 1 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EmptyCorpusError);
    expect((e as EmptyCorpusError).code).toBe('EMPTY_CORPUS');
  });

  it('nothing reaches minCount', async () => {
    const e = await trainWord2Vec(['a b c a'], { minCount: 3, threads: 1 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EmptyVocabularyError);
    expect(e).toMatchObject({ code: 'EMPTY_VOCABULARY', distinctWords: 3, minCount: 3 });
  });

  it.each([
    [{ model: 'skipgram' }, 'model'],
    [{ loss: 'softmax' }, 'loss'],
    [{ dim: 0 }, 'dim'],
    [{ window: 2.5 }, 'window'],
    [{ negative: 0 }, 'negative'],
    [{ sample: -1 }, 'sample'],
    [{ epochs: 0 }, 'epochs'],
    [{ alpha: 0 }, 'alpha'],
    [{ threads: 0 }, 'threads'],
    [{ windw: 10 }, 'windw'],
  ])('invalid option %j', async (opts, option) => {
    const e = await trainWord2Vec(['a'], opts as never).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidOptionError);
    expect((e as InvalidOptionError).option).toBe(option);
  });

  it('an unreadable file is named', async () => {
    const missing = join(dir, 'no-such-file.txt');
    const e = await trainWord2Vec({ files: [missing] }, { threads: 1 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CorpusFileError);
    expect((e as CorpusFileError).file).toBe(missing);
    expect((e as Error).message).toContain(missing);
    const bad = join(dir, 'bad.gz');
    writeFileSync(bad, 'not gzip at all');
    await expect(trainWord2Vec({ files: [bad] }, { threads: 1 })).rejects.toMatchObject({ code: 'CORPUS_FILE', file: bad });
  });
});
