// The WebAssembly block scorer (scan-kernel.wat's `keys`/`radix64`/`merge`, `MergeKernel` in
// src/ngram/scan-kernel.ts) against the JavaScript paths it stands in for: `perplexityOfText` with the kernels
// and without (`scanKernelSwitch` off: block-lookup.ts's sort-then-merge in JavaScript) and `perplexity` of the
// split lines (one n-gram at a time, NLTK's order), bit for bit. The texts are large enough for the merge's
// batches of 512 contexts to fill many times, with repeated n-grams, unseen words and unseen contexts; small
// blocks, both key layouts (the n-gram's number packed into the key, or beside it), and blocks whose keys are
// too wide for the kernel (back to JavaScript).
import { afterEach, describe, expect, it } from 'vitest';
import { countNgramsFromBytes, NgramModel, PyRandom, releaseKernelMemory } from '@nlpkit/lm';
import { MergeKernel, scanKernelSwitch } from '../src/ngram/scan-kernel.js';
import { textBlock } from '../src/ngram/text-scorer.js';

const savedBlock = textBlock.ids;
afterEach(() => {
  scanKernelSwitch.enabled = true;
  textBlock.ids = savedBlock;
});

/** Random sentences over `v` words (w0 the most frequent when `skew` > 1). */
function sentences(n: number, v: number, seed: number, maxLen = 16, skew = 2.5): string[][] {
  const rng = new PyRandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: Math.floor(rng.random() * maxLen) }, () => `w${Math.floor(rng.random() ** skew * v)}`));
}

const text = (s: string[][]): string => s.map((l) => l.join(' ')).join('\n') + '\n';

const OPTIONS = [{ smoothing: 'laplace' }, { smoothing: 'lidstone', gamma: 0.1 }, { smoothing: 'mle' }] as const;

/** Every option's perplexity of `test` by the kernel, by JavaScript blocks and by split lines; they must agree bit for bit. */
function check(trainText: string, test: string[][], order: number, unkCutoff: number, label: string): void {
  const counts = countNgramsFromBytes(Buffer.from(trainText), { order, unkCutoff });
  const testText = text(test);
  for (const options of OPTIONS) {
    const lm = NgramModel.fromCounts(counts, options);
    scanKernelSwitch.enabled = true;
    const kernel = lm.perplexityOfText(testText);
    scanKernelSwitch.enabled = false;
    const js = lm.perplexityOfText(testText);
    scanKernelSwitch.enabled = true;
    const lines = lm.perplexity(test);
    expect(kernel, `${label} ${options.smoothing}: kernel vs JavaScript blocks`).toBe(js);
    expect(kernel, `${label} ${options.smoothing}: kernel vs split lines`).toBe(lines);
  }
}

describe('MergeKernel (block scoring in WebAssembly)', () => {
  it('scores as the JavaScript paths do, bit for bit, orders 2–4, many batches of contexts', () => {
    const train = sentences(6000, 3000, 1);
    // Held-out text: words the training never saw (the unknown label), contexts never counted, repeats.
    const test = [...sentences(2500, 4000, 2), ['w1', 'w1', 'w1', 'w1'], [], ['new-word', 'w0', 'never', 'seen']];
    for (const order of [2, 3, 4]) check(text(train), test, order, 2, `order ${order}`);
  });

  it('takes the blocks it can (packed and side-by-side numbers) and leaves keys over 64 bits to JavaScript', () => {
    const kernel = MergeKernel.shared()!;
    const train = sentences(3000, 6000, 3, 12, 1);
    const counts = countNgramsFromBytes(Buffer.from(text(train)), { order: 5 });
    const lm = NgramModel.fromCounts(counts, { smoothing: 'lidstone', gamma: 0.5 });
    // What the kernel was asked, and said, per block: the block's distinct word ids and whether it took it.
    const calls: [number, boolean][] = [];
    const lookup = kernel.lookup.bind(kernel);
    kernel.lookup = (c, ids, ends, count, ...rest) => {
      const taken = lookup(c, ids, ends, count, ...rest);
      calls.push([new Set(ids.subarray(0, count > 0 ? ends[count - 1] : 0)).size, taken]);
      return taken;
    };
    try {
      // Over 4,096 distinct words: 13-bit ranks, 65 bits at order 5: JavaScript's block path.
      expect(lm.perplexityOfText(text(train))).toBe(lm.perplexity(train));
      expect(calls.length).toBe(1);
      expect(calls[0][0]).toBeGreaterThan(4096);
      expect(calls[0][1]).toBe(false);
      // 2,049–4,096: 12-bit ranks, 60 bits, so the n-gram's number (15 bits here) goes beside the key.
      const narrow = train.slice(0, 700);
      expect(lm.perplexityOfText(text(narrow))).toBe(lm.perplexity(narrow));
      expect(calls[1][0]).toBeGreaterThan(2048);
      expect(calls[1][0]).toBeLessThanOrEqual(4096);
      expect(calls[1][1]).toBe(true);
      // Up to 256: the number packed below the key.
      const few = sentences(300, 200, 4);
      expect(lm.perplexityOfText(text(few))).toBe(lm.perplexity(few));
      expect(calls[2]).toEqual([expect.any(Number), true]);
      scanKernelSwitch.enabled = false;
      expect(lm.perplexityOfText(text(narrow))).toBe(lm.perplexity(narrow));
      expect(calls.length).toBe(3);
    } finally {
      kernel.lookup = lookup;
    }
  });

  it('small blocks (sentences and repeats across block edges) and models taking turns in the kernel', () => {
    const trainA = text(sentences(800, 400, 6));
    const trainB = text(sentences(1500, 900, 7));
    const test = sentences(300, 1000, 8);
    for (const block of [1, 9, 200]) {
      textBlock.ids = block;
      // Two models of different sizes and orders, alternating: each call reloads the kernel's tables.
      for (const round of [0, 1]) {
        check(trainA, test, 3, 1, `A block ${block} round ${round}`);
        check(trainB, test, 2, 2, `B block ${block} round ${round}`);
      }
    }
  });

  it('keeps the kernel (and its copy of the tables) between blocks until releaseKernelMemory, and scores alike after', () => {
    const train = text(sentences(800, 400, 6));
    const test = sentences(300, 1000, 8);
    const first = MergeKernel.shared();
    expect(MergeKernel.shared()).toBe(first);
    check(train, test, 3, 1, 'before release');
    releaseKernelMemory();
    expect(MergeKernel.shared()).not.toBe(first);
    check(train, test, 3, 1, 'after release');
  });
});
