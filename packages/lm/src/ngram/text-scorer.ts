/**
 * Perplexity of UTF-8 text straight from its bytes (`NgramModel.crossEntropyOfText`): lines are scanned in
 * blocks into padded sentences of vocabulary ids (`scanLines` over a `ByteWordIndex` of the vocabulary, OOV →
 * the unknown label), and each sentence is summed by the `SentenceScorer`, exactly as `crossEntropy` sums the
 * split lines. Memory stays at one block of ids, whatever the text's size.
 */
import { ByteWordIndex, checkUtf8, IdBuffer, scanLines, scanTarget, textStart } from './byte-words.js';
import { ScanKernel } from './scan-kernel.js';
import type { SentenceScorer } from './sentence-scorer.js';
import { BOS, EOS, type NgramVocabulary } from './vocabulary.js';

/** The vocabulary's words by their bytes: `idMap[index id]` is the vocabulary's id. */
export interface ByteVocabulary {
  index: ByteWordIndex;
  identity: Uint32Array;
  unkId: number;
  bos: number;
  eos: number;
}

/** Byte indexes of the raw words that vocabularies were counted with (`countNgramsFromBytes`), reused here. */
const counted = new WeakMap<NgramVocabulary, ByteWordIndex>();

/** Notes that `vocab` was made from the raw words of `index` (raw ids mapped by `vocab.rawIdMap()`). */
export function rememberByteIndex(vocab: NgramVocabulary, index: ByteWordIndex): void {
  counted.set(vocab, index);
}

export function byteVocabulary(vocab: NgramVocabulary): ByteVocabulary {
  const unkId = vocab.unkId;
  // The counting's own index: raw ids, mapped to ids (words below the cutoff to the unknown label's). The pads'
  // ids come from it too: `vocab.lookup` would build a string index of every raw word first (5–15 ms on Brown).
  const rawIndex = counted.get(vocab);
  if (rawIndex !== undefined) {
    const identity = vocab.rawIdMap();
    const id = (w: string): number => {
      const r = rawIndex.findString(w);
      return r < 0 ? unkId : identity[r];
    };
    return { index: rawIndex, identity, unkId, bos: id(BOS), eos: id(EOS) };
  }
  const index = new ByteWordIndex(vocab.words.length);
  index.addAll(vocab.words);
  const identity = new Uint32Array(vocab.words.length);
  for (let i = 0; i < identity.length; i++) identity[i] = i;
  return { index, identity, unkId, bos: vocab.lookup(BOS), eos: vocab.lookup(EOS) };
}

/**
 * Ids per block of scanned lines (a block's n-grams are sorted and merged against the model together:
 * `BlockLookup`; bigger blocks merge denser — Brown's held-out text, 107k ids, as one block scored in about
 * half the time of 8k-id blocks). Tests shrink it to cross block boundaries.
 */
export const textBlock = { ids: 1 << 18 };

let textBuffer = new IdBuffer(1, 1);

/**
 * Adds the log2 scores of the order-n n-grams of every line of `bytes` to `acc` (see `SentenceScorer.sumLog2`).
 * `bytes` may be a piece of a longer text that starts at line `firstLine` (a byte-order mark is skipped at line 1 only).
 */
export function scoreText(
  bytes: Uint8Array,
  source: string,
  v: ByteVocabulary,
  scorer: SentenceScorer,
  order: number,
  acc: { sum: number; count: number },
  firstLine = 1,
): void {
  checkUtf8(bytes, source, firstLine);
  const t = scanTarget(v.index, false, order - 1, v.bos, v.eos, v.identity, v.unkId);
  const block = textBlock.ids;
  // Room for the whole text when it is smaller than a block (about a word per 4 bytes; grown if more), kept for
  // the next call (scoring is not re-entrant): fresh pages cost more than the scan of a small text.
  const want = Math.min(block, (bytes.length >>> 2) + 4096) + 1024;
  const buf = textBuffer.ids.length >= want ? textBuffer : (textBuffer = new IdBuffer(want, 4096));
  // The WebAssembly scan when there is one (ASCII lines; the others by `scanLines`): same ids.
  const kernel = ScanKernel.of(v.index);
  kernel?.reset();
  for (let i = firstLine === 1 ? textStart(bytes) : 0; i < bytes.length; ) {
    buf.reset();
    i = kernel !== undefined ? kernel.scan(bytes, i, bytes.length, t, buf, block) : scanLines(bytes, i, bytes.length, t, buf, block);
    scorer.sumLog2Block(buf.ids, buf.ends, buf.count, acc);
  }
}
