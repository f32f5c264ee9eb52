import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { trainBpe, trainUnigram, trainWordPiece, type TrainedTokenizer } from '../../src/index.js';
import { rustEncode, SMALL_CORPUS } from './rust.js';

const lines = readFileSync(SMALL_CORPUS, 'utf8').split('\n').filter((l) => l !== '');
const extra = ['', '  leading and trailing  ', 'Ünïcödé wörds, 北京市 and \u{1F469}\u{1F3FD}\u200D\u{1F4BB}!', 'unseenword zzzqqq'];

/** A tokenizer we train gives, in our Tokenizer, the ids the Rust library gives for the same tokenizer.json. */
async function expectParity(trained: TrainedTokenizer): Promise<void> {
  const texts = [...lines, ...extra];
  const ours = texts.map((t) => Array.from(trained.tokenizer.encode(t).ids));
  expect(ours).toEqual(await rustEncode(trained.json, texts));
}

describe('trained tokenizers: our Tokenizer and Rust give identical ids', () => {
  it('byte-level BPE', async () => {
    await expectParity(await trainBpe(lines, { vocabSize: 2000, specialTokens: ['<|endoftext|>'], threads: 1 }));
  });
  it('WordPiece (BERT layout)', async () => {
    await expectParity(await trainWordPiece(lines, { vocabSize: 2000, specialTokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'], threads: 1 }));
  });
  it('Unigram (SentencePiece layout)', async () => {
    await expectParity(await trainUnigram(lines, { vocabSize: 1000, threads: 1 }));
  });
  it('character-level BPE with an end-of-word suffix', async () => {
    await expectParity(await trainBpe(lines, { byteLevel: false, endOfWordSuffix: '</w>', unkToken: '<unk>', specialTokens: ['<unk>'], vocabSize: 1500, threads: 1 }));
  });
});
