/**
 * The corpus the training benches (word2vec, fastText, GloVe) share: the 17M-word English Wikipedia
 * text, unpacked once into WORK, and slices of its first N bytes, so every bench and peer reads the
 * same files and a slice made by one bench serves the others.
 */
import { closeSync, createReadStream, createWriteStream, existsSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

export const CORPUS_GZ = '/work/shared/data/wiki-en/wiki-en-17m.txt.gz';
export const QUESTIONS = '/work/shared/data/eval/questions-words.txt';
/** Where the benches keep the unpacked corpus, its slices and the runs' outputs. */
export const WORK = '/tmp/nlpkit-embed-bench';

/** The corpus unpacked into WORK (once); `bench` names the bench in the progress line. */
export async function unpackedCorpus(bench: string): Promise<string> {
  const out = join(WORK, 'wiki-en-17m.txt');
  if (!existsSync(out) || statSync(out).size === 0) {
    console.error(`[${bench}] unpacking ${CORPUS_GZ} to ${out}…`);
    await pipeline(createReadStream(CORPUS_GZ), createGunzip(), createWriteStream(out));
  }
  return out;
}

/** The first `bytes` of `file`, cut after a newline (made once, then shared by the benches). */
export function sliceOf(file: string, bytes: number): string {
  const out = join(WORK, `slice-${bytes}.txt`);
  if (existsSync(out)) return out;
  const buf = Buffer.alloc(bytes);
  const fd = openSync(file, 'r');
  const n = readSync(fd, buf, 0, bytes, 0);
  closeSync(fd);
  writeFileSync(out, buf.subarray(0, buf.lastIndexOf(10, n - 1) + 1));
  return out;
}
