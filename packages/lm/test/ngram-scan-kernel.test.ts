// The WebAssembly text scan (src/ngram/scan-kernel.ts) against the JavaScript scan it stands in for
// (byte-words.ts's `scanLines`): the same padded sentences of ids, sentence ends and stopping points on random
// bytes — ASCII and non-ASCII words, every JavaScript `\s` space (multi-byte ones too), long words, empty lines,
// CRLF, control bytes, invalid UTF-8 — with windows, output and sentence areas small enough to cross their edges.
import { describe, expect, it } from 'vitest';
import { countNgramsFromBytes, NgramModel, PyRandom } from '@nlpkit/lm';
import { ByteWordIndex, IdBuffer, scanLines, scanTarget } from '../src/ngram/byte-words.js';
import { ScanKernel, scanKernelSizes, scanKernelSwitch } from '../src/ngram/scan-kernel.js';

const SPACES = [' ', ' ', ' ', '\t', '\r', '\v', '\f', '\r\n', '\u00a0', '\u3000', '\u2028', '\u2000', '\u200a', '\ufeff', '\u205f'];
/** Not spaces, though near them in UTF-8. */
const NEAR = ['\u200b', '\u00a1', '\u3001', '\u2029x', '\u1680', 'x\u180e', '\x01', '\x1f', '\x7f', '\x00'];

function randomText(rng: PyRandom, lines: number, words: string[]): Buffer {
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    const r = rng.random();
    if (r < 0.1) {
      out.push(r < 0.05 ? '' : SPACES[Math.floor(rng.random() * SPACES.length)]);
      continue;
    }
    let line = rng.random() < 0.2 ? SPACES[Math.floor(rng.random() * SPACES.length)] : '';
    const n = Math.floor(rng.random() * 12);
    for (let k = 0; k < n; k++) {
      const x = rng.random();
      line += x < 0.03 ? NEAR[Math.floor(rng.random() * NEAR.length)] : words[Math.floor(rng.random() ** 2 * words.length)];
      line += k + 1 < n || rng.random() < 0.3 ? SPACES[Math.floor(rng.random() * (rng.random() < 0.9 ? 3 : SPACES.length))] : '';
    }
    out.push(line);
  }
  let text = out.join(rng.random() < 0.3 ? '\r\n' : '\n');
  if (rng.random() < 0.5) text += '\n';
  const b = Buffer.from(text, 'utf8');
  // Now and then, raw bytes (invalid UTF-8 among them): the scans work on bytes, before any decoding.
  if (rng.random() < 0.3) for (let k = 0; k < 5; k++) b[Math.floor(rng.random() * b.length)] = Math.floor(rng.random() * 256);
  return b;
}

function wordList(rng: PyRandom): string[] {
  const words: string[] = [];
  for (let i = 0; i < 200; i++) {
    const len = rng.random() < 0.1 ? 9 + Math.floor(rng.random() * 40) : 1 + Math.floor(rng.random() * 8);
    let w = '';
    for (let k = 0; k < len; k++) w += String.fromCharCode(rng.random() < 0.05 ? 0xe9 : 97 + Math.floor(rng.random() * 6));
    words.push(w);
  }
  words.push('x'.repeat(300), 'y'.repeat(16), 'y'.repeat(17), 'y'.repeat(15), 'z'.repeat(8), 'e\u00e9\u4e2d');
  return words;
}

/** Every block of `b` scanned by `scan`, as `scoreText` does: the ids, the ends and the stopping points. */
function scanAll(b: Uint8Array, scan: (buf: IdBuffer, i: number) => number): number[][] {
  const buf = new IdBuffer(8, 2);
  const stops: number[] = [];
  const ids: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < b.length; ) {
    buf.reset();
    i = scan(buf, i);
    stops.push(i, buf.len, buf.count);
    ids.push(...buf.ids.subarray(0, buf.len));
    ends.push(...buf.ends.subarray(0, buf.count));
  }
  return [stops, ids, ends];
}

describe('ScanKernel', () => {
  it('gives the JavaScript scan’s ids, sentence ends and stops on random bytes', () => {
    const saved = { ...scanKernelSizes };
    try {
      for (let seed = 1; seed <= 40; seed++) {
        const rng = new PyRandom(seed);
        const words = wordList(rng);
        const text = randomText(rng, 1 + Math.floor(rng.random() * 300), words);
        // The vocabulary: some of the words (and others), mapped to ids in another order, unknown to `unk`.
        const index = new ByteWordIndex(16);
        const known = words.filter(() => rng.random() < 0.6);
        index.addAll([...known, '<s>', '</s>', 'never-in-text']);
        const idMap = new Uint32Array(index.size);
        for (let r = 0; r < idMap.length; r++) idMap[r] = Math.floor(rng.random() * 1000);
        const pads = seed % 4;
        const t = scanTarget(index, false, pads, 1001, 1002, idMap, 1003);
        scanKernelSizes.window = seed % 3 === 0 ? 64 + Math.floor(rng.random() * 200) : 1 << 22;
        scanKernelSizes.out = seed % 5 === 0 ? 2 * pads + 1 + Math.floor(rng.random() * 40) : 4096;
        scanKernelSizes.ends = seed % 7 === 0 ? 1 + Math.floor(rng.random() * 5) : 4096;
        const kernel = ScanKernel.of(index);
        expect(kernel).toBeDefined();
        for (const block of [Infinity, 1 + Math.floor(rng.random() * 50)]) {
          const start = text.length >= 3 && text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf ? 3 : 0;
          const js = scanAll(text, (buf, i) => scanLines(text, Math.max(i, start), text.length, t, buf, block));
          kernel!.reset();
          const wasm = scanAll(text, (buf, i) => kernel!.scan(text, Math.max(i, start), text.length, t, buf, block));
          expect(wasm, `seed ${seed}, block ${block}`).toEqual(js);
        }
      }
    } finally {
      Object.assign(scanKernelSizes, saved);
    }
  });

  it('perplexityOfText is the same with and without the kernel', () => {
    const rng = new PyRandom(7);
    const words = wordList(rng);
    const train = randomText(rng, 400, words).toString('utf8').replace(/\uFFFD/g, 'q');
    const test = randomText(rng, 200, words).toString('utf8').replace(/\uFFFD/g, 'q');
    for (const order of [1, 2, 3]) {
      const counts = countNgramsFromBytes(Buffer.from(train), { order, unkCutoff: 2 });
      const withKernel = NgramModel.fromCounts(counts, { smoothing: 'laplace' }).perplexityOfText(test);
      scanKernelSwitch.enabled = false;
      try {
        const without = NgramModel.fromCounts(counts, { smoothing: 'laplace' }).perplexityOfText(test);
        expect(withKernel, `order ${order}`).toBe(without);
      } finally {
        scanKernelSwitch.enabled = true;
      }
    }
    // Back and forth on one model: the block scratch moves between the kernel's memory and plain arrays each time
    // (and must not grow each time).
    const lm = NgramModel.fromCounts(countNgramsFromBytes(Buffer.from(train), { order: 2 }), { smoothing: 'lidstone', gamma: 0.5 });
    const expected = lm.perplexityOfText(test);
    try {
      for (let r = 0; r < 40; r++) {
        scanKernelSwitch.enabled = r % 2 === 1;
        expect(lm.perplexityOfText(test)).toBe(expected);
      }
    } finally {
      scanKernelSwitch.enabled = true;
    }
  });
});
