import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError, TrainingError, trainBpe } from '../../src/index.js';
import { BYTE_TO_CHAR } from '../../src/hf/byte-level.js';
import { rustEncode, rustTokens, rustTrain, SMALL_CORPUS } from './rust.js';

const lines = readFileSync(SMALL_CORPUS, 'utf8').split('\n').filter((l) => l !== '');

interface BpeJsonModel {
  vocab: Record<string, number>;
  merges: Array<[string, string]>;
}
const modelOf = (json: object): BpeJsonModel => (json as { model: BpeJsonModel }).model;

describe('trainBpe (byte-level) against Rust tokenizers 0.23.2', () => {
  const rust = rustTrain('bpe', SMALL_CORPUS);
  const rustModel = rust.model as BpeJsonModel;

  it('learns exactly Rust’s merges, in the same order, on a multilingual corpus trained to exhaustion', async () => {
    const ours = modelOf((await trainBpe({ files: [SMALL_CORPUS] }, { threads: 1 })).json);
    expect(rustModel.merges.length).toBeGreaterThan(4000);
    expect(ours.merges).toEqual(rustModel.merges);
  });

  it('has Rust’s vocabulary plus the bytes the corpus never uses (always in a byte-level alphabet)', async () => {
    const ours = modelOf((await trainBpe({ files: [SMALL_CORPUS] }, { threads: 1 })).json);
    const unseen = BYTE_TO_CHAR.filter((c) => !(c in rustModel.vocab));
    expect(unseen.length).toBeGreaterThan(0);
    for (const c of BYTE_TO_CHAR) expect(ours.vocab).toHaveProperty([c]);
    // Dropping the unseen bytes and renumbering gives Rust's ids exactly.
    const renumbered = Object.entries(ours.vocab)
      .filter(([t]) => !unseen.includes(t))
      .sort((a, b) => a[1] - b[1])
      .map(([t], i) => [t, i] as const);
    expect(Object.fromEntries(renumbered)).toEqual(rustModel.vocab);
  });

  it('saves a tokenizer.json that Rust loads and that segments text as Rust’s own model does', async () => {
    const ours = await trainBpe({ files: [SMALL_CORPUS] }, { threads: 1 });
    const texts = [...lines.slice(0, 40), 'unseen wörds ünd 数字 12345 \u{1F600}!'];
    expect(await rustTokens(ours.json, texts)).toEqual(await rustTokens(rust, texts));
    const ids = await rustEncode(ours.json, texts);
    const vocab = modelOf(ours.json).vocab;
    const tokens = await rustTokens(ours.json, texts);
    expect(ids).toEqual(tokens.map((ts) => ts.map((t) => vocab[t])));
  });
});

describe('trainBpe options and output', () => {
  it('puts special tokens first and lists them as added tokens; stops at vocabSize', async () => {
    const t = await trainBpe(lines, { vocabSize: 400, specialTokens: ['<|endoftext|>', '<pad>'], threads: 1 });
    const m = modelOf(t.json);
    expect(m.vocab['<|endoftext|>']).toBe(0);
    expect(m.vocab['<pad>']).toBe(1);
    expect(Object.keys(m.vocab)).toHaveLength(400);
    expect(m.merges).toHaveLength(400 - 258);
    expect((t.json.added_tokens as Array<{ content: string; special: boolean }>).map((a) => a.content)).toEqual(['<|endoftext|>', '<pad>']);
    expect((t.json.pre_tokenizer as { type: string }).type).toBe('ByteLevel');
    expect((t.json.decoder as { type: string }).type).toBe('ByteLevel');
    expect((t.json.post_processor as { type: string }).type).toBe('ByteLevel');
  });

  it('respects minFrequency', async () => {
    const t = await trainBpe(['aaab aaab aaab xyz'], { minFrequency: 2, threads: 1 });
    const merges = modelOf(t.json).merges;
    expect(merges.length).toBeGreaterThan(0);
    expect(merges.flat().join('')).not.toContain('xy');
  });

  it('character-level with end-of-word suffix and limitAlphabet', async () => {
    const t = await trainBpe(['low lower lowest newer wider'], { byteLevel: false, endOfWordSuffix: '</w>', limitAlphabet: 6, threads: 1 });
    const m = modelOf(t.json);
    expect(t.json.decoder).toEqual({ type: 'BPEDecoder', suffix: '</w>' });
    expect(m.vocab).toHaveProperty(['w</w>']);
    expect(Object.keys(m.vocab).filter((k) => [...k].length === 1)).toHaveLength(6);
  });

  it('is deterministic: two runs, and one thread vs two workers, give identical files', async () => {
    // > 4 MB so that the worker threads really take part.
    const big = function* (): Generator<string> {
      for (let r = 0; r < 260; r++) for (const l of lines) yield `${l} r${r % 97}\n`;
    };
    const a = await trainBpe(big(), { vocabSize: 2000, threads: 2 });
    const b = await trainBpe(big(), { vocabSize: 2000, threads: 2 });
    const c = await trainBpe(big(), { vocabSize: 2000, threads: 1 });
    expect(a.toString()).toBe(b.toString());
    expect(a.toString()).toBe(c.toString());
  });

  it('reads files line by line, also without a final newline, and async iterables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlpkit-train-'));
    writeFileSync(join(dir, 'a.txt'), 'hello world\nhello there');
    const fromFile = await trainBpe({ files: [join(dir, 'a.txt')] }, { threads: 1 });
    const fromIter = await trainBpe(
      (async function* () {
        yield 'hello world\n';
        yield 'hello there';
      })(),
      { threads: 1 },
    );
    expect(fromFile.toString()).toBe(fromIter.toString());
  });

  it('saves atomically (no temporary file left) and the file round-trips', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlpkit-train-'));
    const t = await trainBpe(lines.slice(0, 50), { vocabSize: 300, threads: 1 });
    await t.save(join(dir, 'tokenizer.json'));
    expect(readdirSync(dir)).toEqual(['tokenizer.json']);
    expect(JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8'))).toEqual(t.json);
  });

  it('reports progress', async () => {
    const stages = new Set<string>();
    await trainBpe(lines, { vocabSize: 500, threads: 1, onProgress: (p) => stages.add(p.stage) });
    expect([...stages]).toEqual(['count', 'merge']);
  });
});

describe('trainBpe errors', () => {
  it('vocabSize below specials + alphabet is an InvalidOptionError naming both numbers', async () => {
    const err = await trainBpe(['abc'], { vocabSize: 100, specialTokens: ['<s>'], threads: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidOptionError);
    expect(err).toMatchObject({ option: 'vocabSize', value: 100, code: 'INVALID_OPTION' });
    expect((err as Error).message).toBe(
      'Invalid option vocabSize: 100; expected at least 257, the initial vocabulary: 1 special tokens + 256 alphabet characters',
    );
    // Character-level: the alphabet can be limited, and the message says so.
    const chars = await trainBpe(['abcdef ghij'], { byteLevel: false, vocabSize: 5, threads: 1 }).catch((e: unknown) => e);
    expect(chars).toMatchObject({ option: 'vocabSize', value: 5 });
    expect((chars as Error).message).toMatch(/expected at least 10, the initial vocabulary: 0 special tokens \+ 10 alphabet characters \(or a lower limitAlphabet\)$/);
  });

  it('an empty corpus', async () => {
    await expect(trainBpe([], { threads: 1 })).rejects.toThrow(/corpus is empty/);
    await expect(trainBpe(['   '], { byteLevel: false, threads: 1 })).rejects.toBeInstanceOf(TrainingError);
  });

  it('bad options are named', async () => {
    for (const [opts, name] of [
      [{ vocabSize: 0 }, 'vocabSize'],
      [{ vocabSize: 1.5 }, 'vocabSize'],
      [{ minFrequency: -1 }, 'minFrequency'],
      [{ threads: 0 }, 'threads'],
      [{ limitAlphabet: -2 }, 'limitAlphabet'],
      [{ specialTokens: [''] }, 'specialTokens'],
      [{ endOfWordSuffix: '' }, 'endOfWordSuffix'],
      [{ limitAlphabet: 100 }, 'limitAlphabet'],
    ] as const) {
      const err = await trainBpe(['x'], opts as object).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidOptionError);
      expect((err as InvalidOptionError).option).toBe(name);
    }
  });
});
