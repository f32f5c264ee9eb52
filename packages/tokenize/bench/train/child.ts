/**
 * One training run, in its own process (so peak RSS is this run's alone), for bench/train.bench.ts.
 * Usage: node --import tsx bench/train/child.ts <ours|rust> <bpe|wordpiece|unigram> <vocabSize> <threads> <input> <out.json>
 * Prints one JSON line: { "trainMs": … }. Rust's `train(files)` ignores trainer options (vocabulary 30000).
 */
import { writeFileSync } from 'node:fs';
import tokenizers from 'tokenizers';
import { trainBpe, trainUnigram, trainWordPiece } from '../../src/index.js';

const [engine, model, vocab, threads, input, out] = process.argv.slice(2) as [string, string, string, string, string, string];
const vocabSize = Number(vocab);
const started = performance.now();
if (engine === 'ours') {
  const options = { vocabSize, threads: Number(threads) };
  const corpus = { files: [input] };
  const trained =
    model === 'bpe'
      ? await trainBpe(corpus, options)
      : model === 'wordpiece'
        ? await trainWordPiece(corpus, { ...options, specialTokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] })
        : await trainUnigram(corpus, options);
  const trainMs = performance.now() - started;
  writeFileSync(out, trained.toString());
  console.log(JSON.stringify({ trainMs }));
} else {
  const t = tokenizers;
  const tok = new t.Tokenizer(model === 'bpe' ? t.BPE.empty() : t.WordPiece.empty());
  if (model === 'bpe') {
    tok.setPreTokenizer(t.byteLevelPreTokenizer(false));
  } else {
    tok.setNormalizer(t.bertNormalizer({ lowercase: true }));
    tok.setPreTokenizer(t.bertPreTokenizer());
  }
  tok.train([input]);
  const trainMs = performance.now() - started;
  tok.save(out);
  console.log(JSON.stringify({ trainMs }));
}
