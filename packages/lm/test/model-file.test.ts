// N-gram model files (src/ngram/model-file.ts): every estimator survives a write and a read with the same counts,
// vocabulary and bit-identical scores; damaged files are ModelFileErrors naming the section.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelFileError, NgramModel, parseNgramModel, readNgramModel, writeNgramModel, type ModelOptions } from '@nlpkit/lm';
import { rng } from './xorshift.js';

const tmp = mkdtempSync(join(tmpdir(), 'lm-model-file-'));

/** Zipf-ish sentences over a small vocabulary, with a few odd words (non-ASCII, spaces, a newline). */
function sentences(seed: number, count: number): string[][] {
  const next = rng(seed);
  const words = ['the', 'a', 'cat', 'dog', 'sat', 'ran', 'on', 'mat', 'éclair', 'naïve café', 'x\ny', '日本', 'rare'];
  const out: string[][] = [];
  for (let s = 0; s < count; s++) {
    const len = 1 + (next() % 9);
    const sent: string[] = [];
    for (let i = 0; i < len; i++) sent.push(words[Math.min(words.length - 1, Math.floor(Math.sqrt(next() % (words.length * words.length))))]);
    out.push(sent);
  }
  return out;
}

const train = sentences(7, 300);
const test = sentences(8, 60).concat([['unseen', 'words', 'here'], ['the', 'unseen']]);

const ESTIMATORS: ModelOptions[] = [
  { smoothing: 'mle' },
  { smoothing: 'laplace' },
  { smoothing: 'lidstone', gamma: 0.1 },
  { smoothing: 'absolute-discounting', discount: 0.6 },
  { smoothing: 'witten-bell' },
  { smoothing: 'kneser-ney', discount: 0.2 },
  { smoothing: 'stupid-backoff', alpha: 0.3 },
];

describe('writeNgramModel / readNgramModel', () => {
  for (const order of [1, 3]) {
    for (const options of ESTIMATORS) {
      if (order === 1 && options.smoothing === 'kneser-ney') continue;
      it(`round-trips ${options.smoothing}, order ${order}`, async () => {
        const model = NgramModel.train(train, { order, unkCutoff: 2, ...options });
        const path = join(tmp, `${options.smoothing}-${order}.nlm`);
        await writeNgramModel(model, path);
        const back = await readNgramModel(path);
        expect(back.options).toEqual(model.options);
        expect(back.vocab.words).toEqual(model.vocab.words);
        expect(back.vocab.size).toBe(model.vocab.size);
        expect([...back.vocab.rawCounts()]).toEqual([...model.vocab.rawCounts()]);
        for (let k = 1; k <= order; k++) expect(back.counts.counts[k - 1]).toEqual(model.counts.counts[k - 1]);
        // Bit for bit: the same counts and options make the same float operations.
        expect(back.perplexity(test)).toBe(model.perplexity(test));
        const text = test.map((s) => s.join(' ')).join('\n') + '\n';
        expect(back.perplexityOfText(text)).toBe(model.perplexityOfText(text));
        for (const s of test.slice(0, 10)) {
          for (let i = 0; i < s.length; i++) expect(back.score(s[i], s.slice(Math.max(0, i - order + 1), i))).toBe(model.score(s[i], s.slice(Math.max(0, i - order + 1), i)));
        }
      });
    }
  }

  it('writes atomically: a failed write leaves the old target and no temporary file', async () => {
    const model = NgramModel.train(train, { order: 2, smoothing: 'laplace' });
    const dir = mkdtempSync(join(tmp, 'atomic-'));
    // The target is a non-empty directory: the final rename fails after the whole model was written.
    mkdirSync(join(dir, 'm.nlm'));
    writeFileSync(join(dir, 'm.nlm', 'keep'), 'x');
    await expect(writeNgramModel(model, join(dir, 'm.nlm'))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['m.nlm']);
    expect(readdirSync(join(dir, 'm.nlm'))).toEqual(['keep']);
  });
});

describe('damaged model files', () => {
  const model = NgramModel.train(train, { order: 3, smoothing: 'lidstone', gamma: 0.5 });
  const path = join(tmp, 'good.nlm');
  let good: Buffer;
  const expectError = (bytes: Uint8Array, section: string | RegExp): void => {
    let caught: unknown;
    try {
      parseNgramModel(bytes, 'm.nlm');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ModelFileError);
    const err = caught as ModelFileError;
    expect(err.file).toBe('m.nlm');
    if (typeof section === 'string') expect(err.section).toBe(section);
    else expect(err.section).toMatch(section);
    expect(err.message).toContain('m.nlm: ');
  };
  /** The file with its header replaced by `edit(header)`, the sections after it as they were (8-aligned again). */
  const withHeader = (edit: (h: Record<string, unknown>) => void): Buffer => {
    const nl1 = good.indexOf(10);
    const nl2 = good.indexOf(10, nl1 + 1);
    const h = JSON.parse(good.subarray(nl1 + 1, nl2).toString('utf8')) as Record<string, unknown>;
    edit(h);
    const head = Buffer.concat([good.subarray(0, nl1 + 1), Buffer.from(`${JSON.stringify(h)}\n`)]);
    const body = good.subarray((nl2 + 1 + 7) & ~7);
    return Buffer.concat([head, Buffer.alloc(((head.length + 7) & ~7) - head.length), body]);
  };

  it('reads the good file', async () => {
    await writeNgramModel(model, path);
    good = readFileSync(path);
    expect(parseNgramModel(good, 'm.nlm').perplexity(test)).toBe(model.perplexity(test));
  });

  it('names the part that is wrong', () => {
    expectError(Buffer.from('\\data\\\nngram 1=3\n'), 'magic');
    expectError(good.subarray(0, 20), 'header');
    expectError(good.subarray(0, good.length - 8), /^(counts3|words3|parents3|end)$/);
    expectError(Buffer.concat([good, Buffer.alloc(8)]), 'end');
    expectError(withHeader((h) => (h.order = 0)), 'header.order');
    expectError(withHeader((h) => ((h.options as Record<string, unknown>).gamma = -1)), 'header.options');
    expectError(withHeader((h) => ((h.options as Record<string, unknown>).smoothing = 'good-turing')), 'header.options');
    expectError(withHeader((h) => (h.unkCutoff = 0)), 'header.unkCutoff');
    expectError(withHeader((h) => (h.sections as unknown[]).splice(3, 1)), /./);
  });

  it('checks ids, parents and the trie order', () => {
    const h = JSON.parse(good.subarray(good.indexOf(10) + 1, good.indexOf(10, good.indexOf(10) + 1)).toString('utf8')) as {
      sections: { name: string; type: 'u8' | 'u32' | 'f64'; length: number }[];
    };
    const size = { u8: 1, u32: 4, f64: 8 };
    let at = good.indexOf(10, good.indexOf(10) + 1) + 1;
    const where = new Map<string, number>();
    for (const s of h.sections) {
      at = (at + 7) & ~7;
      where.set(s.name, at);
      at += s.length * size[s.type];
    }
    const poke = (name: string, index: number, value: number): Buffer => {
      const b = Buffer.from(good);
      b.writeUInt32LE(value, where.get(name)! + 4 * index);
      return b;
    };
    expectError(poke('words3', 0, 1 << 30), 'words3');
    expectError(poke('parents3', 0, 1 << 30), 'parents3');
    // The second entry made equal to the first: out of (parent, word) order.
    const b = Buffer.from(good);
    const w3 = where.get('words3')!;
    const p3 = where.get('parents3')!;
    b.writeUInt32LE(good.readUInt32LE(w3), w3 + 4);
    b.writeUInt32LE(good.readUInt32LE(p3), p3 + 4);
    expectError(b, 'words3');
    const c = Buffer.from(good);
    c.writeDoubleLE(-1, where.get('counts2')!);
    expectError(c, 'counts2');
  });

  it('reads a file written by hand with no model in it as not a model', () => {
    const file = join(tmp, 'not-a-model.nlm');
    writeFileSync(file, 'hello\n');
    return expect(readNgramModel(file)).rejects.toBeInstanceOf(ModelFileError);
  });
});
