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
  const counts = model.counts;
  yield `\\data\\\n${counts.map((c, i) => `ngram ${i + 1}=${c}\n`).join('')}`;
  // Text of each (n-1)-gram: n-grams are written as their first word + their suffix's text.
  let lower: string[] = [];
  for (let n = 1; n <= model.order; n++) {
    yield `\n\\${n}-grams:\n`;
    const t = model.tables[n - 1];
    const highest = n === model.order;
    const texts = highest ? [] : new Array<string>(t.length);
    let buf = '';
    for (let i = 0; i < t.length; i++) {
      const words = n === 1 ? model.words[i] : `${model.words[t.left[i]]} ${lower[t.suffix[i]]}`;
      if (!highest) texts[i] = words;
      buf += highest ? `${formatFloat32(t.prob[i])}\t${words}\n` : `${formatFloat32(t.prob[i])}\t${words}\t${formatFloat32(t.backoff[i])}\n`;
      if (buf.length > 1 << 16) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
    lower = texts;
  }
  yield '\n\\end\\\n';
}

/** The whole ARPA text of `model` as one string (small models, tests). */
export function formatArpa(model: ArpaModel): string {
  return [...arpaChunks(model)].join('');
}

/** Writes `model` to `path` (gzip if it ends in ".gz") via a temp file and a rename. */
export async function writeArpa(model: ArpaModel, path: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const source = Readable.from(arpaChunks(model));
    const sink = createWriteStream(tmp);
    if (path.endsWith('.gz')) await pipeline(source, createGzip(), sink);
    else await pipeline(source, sink);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
