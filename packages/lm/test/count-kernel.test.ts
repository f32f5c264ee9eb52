// Training's WebAssembly kernel (src/ngram/count-kernel.ts) against the JavaScript path it stands in for: the
// scan's raw ids, sentence ends, raw counts and word table slot for slot (byte-words.ts's `scanLines` over a
// `ByteWordIndex`), and every order's counts (`countBucketed`) on random texts — ASCII and non-ASCII words,
// every JavaScript `\s` space, long words, empty lines, CRLF, a BOM, enough distinct words to grow the table —
// plus the kernel's fallback to `countBucketed`, files read into its memory, and counts running side by side.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { countNgramsFromBytes, countNgramsFromFiles, EmptyTrainingDataError, type NgramCounts, PyRandom, releaseKernelMemory } from '@nlpkit/lm';
import { ByteWordIndex, IdBuffer, scanLines, scanTarget } from '../src/ngram/byte-words.js';
import { CountKernel, countKernelLimits, countKernelSwitch } from '../src/ngram/count-kernel.js';

const dir = mkdtempSync(join(tmpdir(), 'nlpkit-count-kernel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SPACES = [' ', ' ', ' ', '\t', '\r', '\v', '\f', '\u00a0', '\u3000', '\u2028', '\u2029', '\u2000', '\u200a', '\u202f', '\ufeff', '\u205f', '\u1680'];
/** Not spaces, though near them in UTF-8. */
const NEAR = ['\u200b', '\u00a1', '\u3001', '\u180e', '\u2030', '\u1681', '\x01', '\x1f', '\x7f', '\x00', '\u00c2'];

function wordList(rng: PyRandom, n: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = rng.random() < 0.1 ? 9 + Math.floor(rng.random() * 40) : 1 + Math.floor(rng.random() * 8);
    let w = '';
    for (let k = 0; k < len; k++) w += String.fromCharCode(rng.random() < 0.05 ? 0xe9 : 97 + Math.floor(rng.random() * 6));
    words.push(w);
  }
  words.push('x'.repeat(300), 'y'.repeat(16), 'y'.repeat(17), 'z'.repeat(8), 'e\u00e9\u4e2d', '\ud83d\ude00', '<s>', '</s>', '<UNK>');
  return words;
}

function randomText(rng: PyRandom, lines: number, words: string[]): Buffer {
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    const r = rng.random();
    if (r < 0.08) {
      out.push(r < 0.04 ? '' : SPACES[Math.floor(rng.random() * SPACES.length)]);
      continue;
    }
    let line = rng.random() < 0.2 ? SPACES[Math.floor(rng.random() * SPACES.length)] : '';
    const n = 1 + Math.floor(rng.random() * 14);
    for (let k = 0; k < n; k++) {
      line += rng.random() < 0.03 ? NEAR[Math.floor(rng.random() * NEAR.length)] : words[Math.floor(rng.random() ** 2 * words.length)];
      line += k + 1 < n || rng.random() < 0.3 ? SPACES[Math.floor(rng.random() * (rng.random() < 0.9 ? 3 : SPACES.length))] : '';
    }
    out.push(line);
  }
  let text = out.join(rng.random() < 0.3 ? '\r\n' : '\n');
  if (rng.random() < 0.5) text += '\n';
  if (rng.random() < 0.2) text = '\ufeff' + text;
  return Buffer.from(text, 'utf8');
}

/** The JavaScript scan as countNgramsFromBytes runs it: the index (pads first), ids, ends and raw counts. */
function jsScan(b: Uint8Array, pads: number): { index: ByteWordIndex; ids: number[]; ends: number[]; raw: number[] } {
  const index = new ByteWordIndex(1 << 14);
  const bos = pads > 0 ? index.addString('<s>') : 0;
  const eos = pads > 0 ? index.addString('</s>') : 0;
  const out = new IdBuffer(16, 4);
  const start = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  scanLines(b, start, b.length, scanTarget(index, true, pads, bos, eos), out);
  const ids = [...out.ids.subarray(0, out.len)];
  const raw = new Array<number>(index.size).fill(0);
  for (const id of ids) raw[id]++;
  return { index, ids, ends: [...out.ends.subarray(0, out.count)], raw };
}

/** Whether two indexes hold the same slots, mask, word bytes and offsets (typed arrays compared natively). */
function sameTables(a: ByteWordIndex, b: ByteWordIndex): boolean {
  return isDeepStrictEqual(a.tables(), b.tables());
}

function trie(c: NgramCounts): unknown {
  return { counts: c.counts, words: c.words, parents: c.parents, childStart: c.childStart, contextTotal: c.contextTotal, vocab: c.vocab.words, size: c.vocab.size };
}

function bothWays(b: Uint8Array, order: number, unkCutoff: number): [NgramCounts, NgramCounts] {
  countKernelSwitch.enabled = false;
  try {
    const js = countNgramsFromBytes(b, { order, unkCutoff });
    countKernelSwitch.enabled = true;
    return [js, countNgramsFromBytes(b, { order, unkCutoff })];
  } finally {
    countKernelSwitch.enabled = true;
  }
}

describe('CountKernel', () => {
  it('scans as the JavaScript scan does: raw ids, ends, counts and the word table slot for slot', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rng = new PyRandom(seed);
      const text = randomText(rng, 1 + Math.floor(rng.random() * 300), wordList(rng, 200));
      const pads = seed % 4;
      const js = jsScan(text, pads);
      const kernel = CountKernel.acquire()!;
      try {
        const start = text.length >= 3 && text[0] === 0xef ? 3 : 0;
        const got = kernel.scan(text, start, pads, '<s>', '</s>')!;
        const { ids, ends } = kernel.scanned();
        expect([...ids], `seed ${seed}`).toEqual(js.ids);
        expect([...ends], `seed ${seed}`).toEqual(js.ends);
        expect([...got.raw], `seed ${seed}`).toEqual(js.raw);
        expect(sameTables(got.index, js.index), `seed ${seed}`).toBe(true);
        expect(got.index.words()).toEqual(js.index.words());
      } finally {
        kernel.release();
      }
    }
  });

  it('grows its word table as ByteWordIndex does (40k distinct words, two doublings)', () => {
    const words: string[] = [];
    for (let i = 0; i < 40000; i++) words.push(i.toString(36) + (i % 7 === 0 ? 'ééé' : '') + (i % 11 === 0 ? 'longer-than-eight' : ''));
    const text = Buffer.from(words.map((w, i) => (i % 10 === 9 ? `${w}\n` : `${w} `)).join('') + words.slice(0, 500).join(' '));
    const js = jsScan(text, 2);
    const kernel = CountKernel.acquire()!;
    try {
      const got = kernel.scan(text, 0, 2, '<s>', '</s>')!;
      expect(got.index.size).toBe(40002);
      expect(sameTables(got.index, js.index)).toBe(true);
      expect(isDeepStrictEqual([...kernel.scanned().ids], js.ids)).toBe(true);
    } finally {
      kernel.release();
    }
  });

  it('counts every order as countBucketed does (orders 1–5, cutoffs 1–3)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rng = new PyRandom(100 + seed);
      const text = randomText(rng, 50 + Math.floor(rng.random() * 400), wordList(rng, 50 + Math.floor(rng.random() * 400)));
      const order = 1 + (seed % 5);
      const [js, wasm] = bothWays(text, order, 1 + (seed % 3));
      expect(trie(wasm), `seed ${seed}, order ${order}`).toEqual(trie(js));
    }
  });

  it('falls back to countBucketed over its ids when keys would not fit', () => {
    const rng = new PyRandom(5);
    const text = randomText(rng, 300, wordList(rng, 100));
    const saved = countKernelLimits.keyBits;
    try {
      for (const bits of [8, 20, 40]) {
        countKernelLimits.keyBits = bits;
        const [js, wasm] = bothWays(text, 4, 1);
        expect(trie(wasm), `key bits ${bits}`).toEqual(trie(js));
      }
    } finally {
      countKernelLimits.keyBits = saved;
    }
  });

  it('keeps its memory for the next count until releaseKernelMemory', () => {
    const first = CountKernel.acquire()!;
    first.release();
    const again = CountKernel.acquire()!;
    expect(again).toBe(first);
    again.release();
    releaseKernelMemory();
    const fresh = CountKernel.acquire()!;
    expect(fresh).not.toBe(first);
    fresh.release();
  });

  it('gives the same counts when its memory is let go after every count, and refuses empty text alike', () => {
    const rng = new PyRandom(9);
    const text = randomText(rng, 200, wordList(rng, 80));
    const [expected] = bothWays(text, 3, 2);
    const saved = countKernelLimits.keepBytes;
    try {
      countKernelLimits.keepBytes = 0;
      for (let r = 0; r < 3; r++) expect(trie(countNgramsFromBytes(text, { order: 3, unkCutoff: 2 }))).toEqual(trie(expected));
    } finally {
      countKernelLimits.keepBytes = saved;
    }
    // No lines at all; lines without words (at order 1, with no pads).
    for (const [empty, order] of [['', 2], ['\n\n', 1], [' \u3000\n', 1]] as const) {
      const messages: string[] = [];
      for (const on of [false, true]) {
        countKernelSwitch.enabled = on;
        try {
          expect(() => countNgramsFromBytes(Buffer.from(empty), { order }), `${JSON.stringify(empty)} kernel ${on}`).toThrow(EmptyTrainingDataError);
          messages.push((() => { try { countNgramsFromBytes(Buffer.from(empty), { order }); return ''; } catch (e) { return (e as Error).message; } })());
        } finally {
          countKernelSwitch.enabled = true;
        }
      }
      expect(messages[1]).toBe(messages[0]);
    }
  });

  it('leaves texts too big for its memory limit to JavaScript, from bytes and from files', async () => {
    const rng = new PyRandom(11);
    const small = randomText(rng, 60, wordList(rng, 40));
    // Too big by its size alone; by its lines (each adds pads: a layout past the limit once they are counted).
    const big = Buffer.concat([small, randomText(rng, 3000, wordList(rng, 300))]);
    const blank = Buffer.concat([small, Buffer.from('\n'.repeat(20000))]);
    const saved = countKernelLimits.maxMemory;
    try {
      for (const [name, text, limit, fits] of [['big', big, 64 * big.length - 64, false], ['blank', blank, 64 * blank.length, true]] as const) {
        const file = join(dir, `${name}.txt`);
        writeFileSync(file, text);
        const [expected] = bothWays(text, 3, 1);
        const [expectedSmall] = bothWays(small, 3, 1);
        countKernelLimits.maxMemory = limit;
        expect(CountKernel.fits(text.length), name).toBe(fits);
        expect(CountKernel.fits(small.length)).toBe(true);
        expect(trie(countNgramsFromBytes(text, { order: 3 })), name).toEqual(trie(expected));
        expect(trie(await countNgramsFromFiles([file], { order: 3, threads: 0 })), name).toEqual(trie(expected));
        expect(trie(countNgramsFromBytes(small, { order: 3 }))).toEqual(trie(expectedSmall));
        countKernelLimits.maxMemory = saved;
      }
    } finally {
      countKernelLimits.maxMemory = saved;
    }
  });

  it('counts files read into its memory, several at once, as the JavaScript path does', async () => {
    const files: string[] = [];
    const expected: unknown[] = [];
    for (let f = 0; f < 4; f++) {
      const rng = new PyRandom(40 + f);
      const text = randomText(rng, 100 + 100 * f, wordList(rng, 60));
      const file = join(dir, `t${f}.txt`);
      writeFileSync(file, text);
      files.push(file);
      expected.push(trie(bothWays(text, 2 + (f % 3), 1)[0]));
    }
    const got = await Promise.all(files.map((file, f) => countNgramsFromFiles([file], { order: 2 + (f % 3), threads: 0 })));
    got.forEach((c, f) => expect(trie(c), files[f]).toEqual(expected[f]));
    const again = await countNgramsFromFiles([files[3]], { order: 2, threads: 0 });
    expect(trie(again)).toEqual(expected[3]);
  });
});
