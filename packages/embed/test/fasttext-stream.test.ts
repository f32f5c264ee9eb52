/**
 * fastText training streams its corpus: files are re-read from disk in chunks every pass, so a thread
 * holds a bounded number of word ids however long the corpus. With one thread and a seed, training
 * from files read in tiny chunks (over several files, `.gz` too) gives bit-for-bit the model trained
 * from the same lines in memory, and `IdStream` reads as fastText's threads do: from the thread's start
 * to the end of the corpus, then from the beginning again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CorpusFileError } from '../src/errors.js';
import { WordTable } from '../src/corpus/index.js';
import { trainFastTextWith, type FastTextInternals } from '../src/fasttext/train-fasttext.js';
import { IdStream } from '../src/fasttext/train-input.js';
import type { FastTextModel, FastTextTrainOptions } from '../src/index.js';
import { tempDir } from './helpers.js';

/** 600 seeded lines of 5–14 words from a 60-word vocabulary (a few rare words fall under minCount). */
function corpus(): string[] {
  let r = 777;
  const next = (n: number): number => {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    return (r >>> 8) % n;
  };
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    const words: string[] = [];
    const len = 5 + next(10);
    for (let k = 0; k < len; k++) words.push(next(50) === 0 ? `rare${next(40)}` : `w${next(60)}é`);
    lines.push(words.join(' '));
  }
  return lines;
}

const OPTIONS: Partial<FastTextTrainOptions> = { dim: 8, bucket: 500, minCount: 2, epoch: 3, threads: 1, seed: 9, t: 1e-2 };

function sameWeights(a: FastTextModel, b: FastTextModel): boolean {
  return Buffer.from(a.input.buffer).equals(Buffer.from(b.input.buffer)) && Buffer.from(a.output.buffer).equals(Buffer.from(b.output.buffer));
}

describe('fastText training streams its corpus', () => {
  const lines = corpus();
  const tokens = lines.reduce((n, l) => n + l.split(' ').length + 1, 0);

  it('files read in small chunks train exactly as the same lines in memory, holding few ids at once', async () => {
    const dir = tempDir();
    const half = lines.length / 2;
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt.gz');
    writeFileSync(a, lines.slice(0, half).join('\n') + '\n');
    writeFileSync(b, gzipSync(lines.slice(half).join('\n') + '\n'));

    const inMemory = await trainFastTextWith(lines, OPTIONS, {});
    let peak = 0;
    const small: FastTextInternals = { chunkBytes: 256, refill: 1100, onPeak: (p) => (peak = p) };
    const streamed = await trainFastTextWith({ files: [a, b] }, OPTIONS, small);
    expect(streamed.words).toEqual(inMemory.words);
    expect(streamed.dictionary.ntokens).toBe(tokens);
    expect(sameWeights(streamed, inMemory)).toBe(true);
    // The thread read the corpus (3 epochs of ~6,000 tokens) through a buffer a small fraction of its size.
    expect(peak).toBeGreaterThan(1025);
    expect(peak).toBeLessThan(tokens / 3);

    // The default chunk and buffer sizes give the same model too.
    const whole = await trainFastTextWith({ files: [a, b] }, OPTIONS, {});
    expect(sameWeights(whole, inMemory)).toBe(true);
  });

  it('a thread reads from its start to the end of the corpus, then rewinds (ids and files alike)', async () => {
    const ids = Int32Array.from({ length: 10 }, (_, i) => i);
    const s = new IdStream({ kind: 'ids', ids }, 7, 4);
    await s.fill(12);
    expect([...s.buf.subarray(s.pos, s.len)].slice(0, 12)).toEqual([7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8]);

    const dir = tempDir();
    const f1 = join(dir, '1.txt');
    const f2 = join(dir, '2.txt');
    writeFileSync(f1, 'aa bb\ncc\n'); // 9 bytes
    writeFileSync(f2, 'dd ee');
    const table = WordTable.of(['aa', 'bb', 'cc', 'dd', 'ee', '</s>']);
    const files = [
      { path: f1, size: 9 },
      { path: f2, size: 5 },
    ];
    // Byte 4 is inside "bb": that word belongs to the range before; reading starts at the newline.
    const f = new IdStream({ kind: 'files', files, table: table.toData() }, 4, 1, 2);
    await f.fill(14);
    const words = table.words();
    expect([...f.buf.subarray(f.pos, f.len)].slice(0, 14).map((i) => words[i])).toEqual(
      ['</s>', 'cc', '</s>', 'dd', 'ee', 'aa', 'bb', '</s>', 'cc', '</s>', 'dd', 'ee', 'aa', 'bb'],
    );
    await f.close();
  });

  it('a corpus without one dictionary word left (changed since counting) is a CorpusFileError, not a hang', async () => {
    const path = join(tempDir(), 'changed.txt');
    writeFileSync(path, 'other words only\n');
    const table = WordTable.of(['gone']);
    const s = new IdStream({ kind: 'files', files: [{ path, size: 17 }], table: table.toData() }, 5);
    await expect(s.fill(10)).rejects.toBeInstanceOf(CorpusFileError);
  });
});
