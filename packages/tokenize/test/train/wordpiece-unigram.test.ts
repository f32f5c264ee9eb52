import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tokenizers from 'tokenizers';
import { InvalidOptionError, trainUnigram, trainWordPiece } from '../../src/index.js';
import { rustTokens, rustTrain, SMALL_CORPUS } from './rust.js';

const lines = readFileSync(SMALL_CORPUS, 'utf8').split('\n').filter((l) => l !== '');

type Vocab = Record<string, number>;

describe('trainWordPiece', () => {
  it('has Rust’s alphabet (plain and ##-prefixed) and a vocabulary of the same size class', async () => {
    // Rust numbers the ##-characters in hash-map order, so its WordPiece merges (and even its vocabulary)
    // change from run to run; what is deterministic must match exactly.
    const rust = rustTrain('wordpiece', SMALL_CORPUS).model.vocab as Vocab;
    const ours = (await trainWordPiece({ files: [SMALL_CORPUS] }, { threads: 1 })).json.model as { vocab: Vocab };
    const chars = (v: Vocab): string[] => Object.keys(v).filter((t) => [...t.replace(/^##/, '')].length === 1).sort();
    expect(chars(ours.vocab)).toEqual(chars(rust));
    const size = Object.keys(rust).length;
    expect(Math.abs(Object.keys(ours.vocab).length - size)).toBeLessThan(size * 0.01);
    const shared = Object.keys(ours.vocab).filter((t) => t in rust).length;
    expect(shared / size).toBeGreaterThan(0.9);
  });

  it('writes BERT’s layout: specials first, [CLS]/[SEP] template; Rust loads and encodes it', async () => {
    const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
    const t = await trainWordPiece(lines, { vocabSize: 1500, specialTokens: specials, threads: 1 });
    const model = t.json.model as { vocab: Vocab; unk_token: string };
    expect(specials.map((s) => model.vocab[s])).toEqual([0, 1, 2, 3, 4]);
    expect(Object.keys(model.vocab)).toHaveLength(1500);
    expect(model.unk_token).toBe('[UNK]');
    expect((t.json.normalizer as { type: string; lowercase: boolean }).lowercase).toBe(true);
    expect((t.json.post_processor as { type: string }).type).toBe('TemplateProcessing');
    const [tokens] = await rustTokens(t.json, ['Hello, World! Ünïcödé 北京']);
    expect(tokens![0]).toBe('[CLS]');
    expect(tokens![tokens!.length - 1]).toBe('[SEP]');
    expect(tokens!.every((tok) => tok in model.vocab)).toBe(true);
  });

  it('is deterministic', async () => {
    const a = await trainWordPiece(lines, { vocabSize: 1200, threads: 1 });
    const b = await trainWordPiece(lines, { vocabSize: 1200, threads: 1 });
    expect(a.toString()).toBe(b.toString());
  });
});

describe('trainWordPiece unknown token', () => {
  const lines = ['hello world', 'the quick brown fox'];

  it("has BERT's special tokens by default, so an unseen character becomes [UNK]", async () => {
    const trained = await trainWordPiece(lines, { vocabSize: 100 });
    const tok = trained.tokenizer;
    expect(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map((t) => tok.tokenToId(t))).toEqual([0, 1, 2, 3, 4]);
    expect(tok.encode('hello ж').tokens).toEqual(['[CLS]', 'hello', '[UNK]', '[SEP]']);
  });

  it('adds the unknown token after the special tokens given when they leave it out (Rust would fail on ж)', async () => {
    const trained = await trainWordPiece(lines, { vocabSize: 100, specialTokens: ['<pad>'] });
    const tok = trained.tokenizer;
    expect([tok.tokenToId('<pad>'), tok.tokenToId('[UNK]')]).toEqual([0, 1]);
    expect(tok.encode('ж hello').tokens).toEqual(['[UNK]', 'hello']);
    const rust = tokenizers.Tokenizer.fromString(trained.toString());
    expect((await rust.encode('ж hello', null)).getTokens()).toEqual(['[UNK]', 'hello']);
  });
});

describe('trainUnigram', () => {
  it('trains a SentencePiece-layout model that Rust loads; segmentations spell the input', async () => {
    const t = await trainUnigram({ files: [SMALL_CORPUS] }, { vocabSize: 1000, threads: 1 });
    const model = t.json.model as { vocab: Array<[string, number]>; unk_id: number };
    expect(model.vocab).toHaveLength(1000);
    expect(model.vocab[0]).toEqual(['<unk>', 0]);
    expect(model.unk_id).toBe(0);
    expect((t.json.pre_tokenizer as { type: string }).type).toBe('Metaspace');
    // Every character of the corpus is a piece; scores are log-probabilities, best first.
    const pieces = new Set(model.vocab.map(([p]) => p));
    const normalizer = tokenizers.Tokenizer.fromString(t.toString()).getNormalizer()!;
    for (const ch of new Set(normalizer.normalizeString(lines.join(' ')))) if (ch !== ' ') expect([ch, pieces.has(ch)]).toEqual([ch, true]);
    const scores = model.vocab.slice(1).map(([, s]) => s);
    expect(scores.every((s, i) => s < 0 && (i === 0 || s <= scores[i - 1]!))).toBe(true);
    const texts = lines.slice(0, 30);
    const tokens = await rustTokens(t.json, texts);
    tokens.forEach((toks, i) => expect(toks.join('')).toBe(`\u2581${normalizer.normalizeString(texts[i]!).replaceAll(' ', '\u2581')}`));
  });

  it('compresses about as well as Rust’s Unigram trainer on the same corpus', async () => {
    const ours = await trainUnigram({ files: [SMALL_CORPUS] }, { vocabSize: 1000, threads: 1 });
    const rust = new tokenizers.Tokenizer(tokenizers.Unigram.empty());
    rust.setPreTokenizer(tokenizers.metaspacePreTokenizer());
    // Rust's train(files) ignores trainer options: its default vocabulary is 8000, so compare at its size.
    rust.train([SMALL_CORPUS]);
    const rustSize = rust.getVocabSize();
    const oursSame = await trainUnigram({ files: [SMALL_CORPUS] }, { vocabSize: rustSize, threads: 1 });
    const count = async (json: object | undefined, tok?: InstanceType<typeof tokenizers.Tokenizer>): Promise<number> => {
      const t = tok ?? tokenizers.Tokenizer.fromString(JSON.stringify(json));
      let n = 0;
      for (const l of lines) n += (await t.encode(l)).getLength();
      return n;
    };
    const oursTokens = await count(oursSame.json);
    const rustTokensCount = await count(undefined, rust);
    expect(oursTokens / rustTokensCount).toBeLessThan(1.1);
    expect(await count(ours.json)).toBeGreaterThan(oursTokens);
  });

  it('gives identical files with one thread and with a worker (a 6 MB file)', async () => {
    // Words first seen in the worker's chunks reach the main table last: the order must not matter.
    const dir = mkdtempSync(join(tmpdir(), 'nlpkit-unigram-'));
    const path = join(dir, 'big.txt');
    writeFileSync(path, Array.from({ length: 300 }, (_, r) => lines.map((l) => `${l} w${r}x${r * 7}\n`).join('')).join(''));
    try {
      const a = await trainUnigram({ files: [path] }, { vocabSize: 800, threads: 2 });
      const b = await trainUnigram({ files: [path] }, { vocabSize: 800, threads: 1 });
      expect(a.toString()).toBe(b.toString());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is deterministic, and rejects a vocabulary smaller than the alphabet', async () => {
    const a = await trainUnigram(lines.slice(0, 100), { vocabSize: 600, threads: 1 });
    const b = await trainUnigram(lines.slice(0, 100), { vocabSize: 600, threads: 1 });
    expect(a.toString()).toBe(b.toString());
    const err = await trainUnigram(lines, { vocabSize: 50, threads: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidOptionError);
    expect(err).toMatchObject({ option: 'vocabSize', value: 50 });
    expect((err as Error).message).toMatch(/^Invalid option vocabSize: 50; expected at least \d+: 1 special tokens \(the unknown token included\) \+ \d+ characters/);
  });
});
