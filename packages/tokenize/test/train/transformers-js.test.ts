/**
 * A tokenizer we train loads in transformers.js (its tokenizers are the pure-JavaScript
 * @huggingface/tokenizers package) and gives the same ids there as in our Tokenizer. Texts stay in the
 * Basic Multilingual Plane plus one emoji: @huggingface/tokenizers is known to differ from Rust on some
 * astral characters, and the Rust comparison (tokenizer-parity.test.ts) covers those.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tokenizer as JsTokenizer } from '@huggingface/tokenizers';
import { beforeAll, describe, expect, test } from 'vitest';
import { Tokenizer } from '../../src/hf/tokenizer.js';
import { trainBpe, trainUnigram, trainWordPiece, type TrainedTokenizer } from '../../src/train/index.js';

const CORPUS = fileURLToPath(new URL('./fixtures/corpus-small.txt', import.meta.url));
const TEXTS = [
  'Hello world! The quick brown fox jumps over the lazy dog.',
  "  It's   a\ttest,   isn't it?  ",
  'Grüße aus München — naïve café, déjà vu.',
  'Привет, мир! Γειά σου κόσμε.',
  '東京は日本の首都です。北京是中国的首都。',
  'x = f(a, b) + 12345; // comment',
  'emoji 😀 here',
  'unseen ǅ ꙮ characters',
];

const TRAINERS: Record<string, () => Promise<TrainedTokenizer>> = {
  'byte-level BPE': () => trainBpe({ files: [CORPUS] }, { vocabSize: 800, specialTokens: ['<|endoftext|>'] }),
  WordPiece: () => trainWordPiece({ files: [CORPUS] }, { vocabSize: 800, specialTokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] }),
  Unigram: () => trainUnigram({ files: [CORPUS] }, { vocabSize: 800, specialTokens: ['<unk>'] }),
};

describe.each(Object.keys(TRAINERS))('%s trained here, loaded in transformers.js', (name) => {
  let ours: Tokenizer;
  let theirs: JsTokenizer;
  beforeAll(async () => {
    const trained = await TRAINERS[name]!();
    const json = JSON.parse(trained.toString()) as object;
    ours = Tokenizer.fromJSON(json);
    theirs = new JsTokenizer(json, {});
  });

  test.each(TEXTS)('same ids for %j', (text) => {
    expect(theirs.encode(text).ids).toEqual(ours.encode(text).ids);
  });

  test('the corpus lines give the same ids', () => {
    const lines = readFileSync(CORPUS, 'utf8').split('\n').slice(0, 200);
    const differing = lines.filter((l) => theirs.encode(l).ids.join() !== ours.encode(l).ids.join());
    expect(differing).toEqual([]);
  });
});
