/**
 * Writing an `ArpaModel` as an ARPA file in lmplz's layout: the `\data\` counts, one section per order
 * with "log10p<TAB>words[<TAB>backoff]" lines (a backoff on every n-gram below the highest order, none
 * on the highest), numbers in KenLM's shortest float32 form, then `\end\`. Written through a temp file
 * renamed into place (gzip when the name ends in ".gz").
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { ArpaModel } from './arpa-model.js';
import { formatFloat32 } from './float-format.js';

/** The ARPA text of `model`, in chunks of many lines (for streaming writers). */
export function* arpaChunks(model: ArpaModel): Generator<string> {
  for (const b of arpaBuffers(model)) yield b.toString('utf8');
}

const CHUNK = 1 << 20;

/**
 * The ARPA file of `model` as UTF-8 chunks (each ends at a line end). Lines are written as bytes into
 * one 1 MiB buffer: words pre-encoded once, numbers as their cached shortest text (values repeat, so
 * the cache beat `writeFloat32`'s digits each time), the shared suffix copied from a scratch buffer.
 * Building and encoding strings took ~0.75 s of a profiled 4.6 s order-3 training (1.3M lines); this
 * loop takes ~0.3 s, number formatting included.
 */
export function* arpaBuffers(model: ArpaModel): Generator<Buffer> {
  const counts = model.counts;
  yield Buffer.from(`\\data\\\n${counts.map((c, i) => `ngram ${i + 1}=${c}\n`).join('')}`);
  // Every word's UTF-8 bytes, one after another.
  const words = model.words;
  const wordStart = new Int32Array(words.length + 1);
  const wordBytes = Buffer.from(words.join(''), 'utf8');
  let longest = 0;
  for (let i = 0, at = 0; i < words.length; i++) {
    wordStart[i] = at;
    at += Buffer.byteLength(words[i], 'utf8');
    wordStart[i + 1] = at;
    if (at - wordStart[i] > longest) longest = at - wordStart[i];
  }
  // A line: two numbers (≤ 24 bytes each), `order` words, separators; a section header fits too.
  const lineMax = model.order * (longest + 1) + 80;
  let buf = Buffer.allocUnsafe(Math.max(CHUNK, 2 * lineMax));
  const suffix = new Uint8Array(lineMax);
  let pos = 0;
  const putText = (s: string): void => {
    for (let k = 0; k < s.length; k++) buf[pos++] = s.charCodeAt(k);
  };
  // Byte loops, not `set(subarray(…))`: words are short, and a subarray per word is an allocation.
  const putWord = (w: number): void => {
    for (let k = wordStart[w], end = wordStart[w + 1]; k < end; k++) buf[pos++] = wordBytes[k];
  };
  for (let n = 1; n <= model.order; n++) {
    if (pos + lineMax > buf.length) {
      yield buf.subarray(0, pos);
      buf = Buffer.allocUnsafe(buf.length);
      pos = 0;
    }
    putText(`\n\\${n}-grams:\n`);
    const t = model.tables[n - 1];
    const highest = n === model.order;
    // An n-gram is its first word + its suffix's text. Consecutive n-grams usually share the suffix
    // (lmplz writes them in suffix order), so only the last suffix's bytes are kept.
    let lastSuffix = -1;
    let suffixLen = 0;
    for (let i = 0; i < t.length; i++) {
      if (pos + lineMax > buf.length) {
        yield buf.subarray(0, pos);
        buf = Buffer.allocUnsafe(buf.length);
        pos = 0;
      }
      putText(formatFloat32(t.prob(i)));
      buf[pos++] = 9;
      putWord(t.left(i));
      if (n > 1) {
        if (t.suffix(i) !== lastSuffix) {
          lastSuffix = t.suffix(i);
          suffixLen = 0;
          let j = lastSuffix;
          for (let k = n - 1; k >= 1; k--) {
            const u = model.tables[k - 1];
            const w = u.left(j);
            suffix[suffixLen++] = 32;
            for (let q = wordStart[w], end = wordStart[w + 1]; q < end; q++) suffix[suffixLen++] = wordBytes[q];
            if (k > 1) j = u.suffix(j);
          }
        }
        for (let q = 0; q < suffixLen; q++) buf[pos++] = suffix[q];
      }
      if (!highest) {
        buf[pos++] = 9;
        // A zero backoff's sign only marks whether longer n-grams extend it (KenLM's convention): "0" either way.
        const bo = t.backoff(i);
        if (bo === 0) buf[pos++] = 48;
        else putText(formatFloat32(bo));
      }
      buf[pos++] = 10;
    }
  }
  if (pos + lineMax > buf.length) {
    yield buf.subarray(0, pos);
    buf = Buffer.allocUnsafe(buf.length);
    pos = 0;
  }
  putText('\n\\end\\\n');
  yield buf.subarray(0, pos);
}

/** The whole ARPA text of `model` as one string (small models, tests). */
export function formatArpa(model: ArpaModel): string {
  return [...arpaChunks(model)].join('');
}

/** Writes `model` to `path` (gzip if it ends in ".gz") via a temp file and a rename. */
export async function writeArpa(model: ArpaModel, path: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const source = Readable.from(arpaBuffers(model));
    const sink = createWriteStream(tmp);
    if (path.endsWith('.gz')) await pipeline(source, createGzip(), sink);
    else await pipeline(source, sink);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
