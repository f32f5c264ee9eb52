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
  for (let n = 1; n <= model.order; n++) {
    yield `\n\\${n}-grams:\n`;
    const t = model.tables[n - 1];
    const highest = n === model.order;
    // An n-gram is written as its first word + its suffix's text. Consecutive n-grams usually share the
    // suffix (lmplz writes them in suffix order), so only the last suffix's text is kept: no table of
    // millions of strings for the garbage collector.
    let lastSuffix = -1;
    let suffixText = '';
    let buf = '';
    for (let i = 0; i < t.length; i++) {
      let words: string;
      if (n === 1) words = model.words[i];
      else {
        if (t.suffix[i] !== lastSuffix) {
          lastSuffix = t.suffix[i];
          suffixText = ngramText(model, n - 1, lastSuffix);
        }
        words = `${model.words[t.left[i]]} ${suffixText}`;
      }
      // A zero backoff's sign only marks whether longer n-grams extend it (KenLM's convention): "0" either way.
      const bo = t.backoff[i];
      buf += highest ? `${formatFloat32(t.prob[i])}\t${words}\n` : `${formatFloat32(t.prob[i])}\t${words}\t${bo === 0 ? '0' : formatFloat32(bo)}\n`;
      if (buf.length > 1 << 16) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  yield '\n\\end\\\n';
}

/** "w1 w2 … wm" of entry `index` of order `m`. */
function ngramText(model: ArpaModel, m: number, index: number): string {
  let text = '';
  let i = index;
  for (let k = m; k >= 1; k--) {
    const t = model.tables[k - 1];
    text += k === m ? model.words[t.left[i]] : ` ${model.words[t.left[i]]}`;
    if (k > 1) i = t.suffix[i];
  }
  return text;
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
