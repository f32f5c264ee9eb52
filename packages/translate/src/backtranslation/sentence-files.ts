/**
 * Monolingual text that need not fit in memory: a `SentenceSource` is read again from its start for every
 * pass (`open()`), one tokenised sentence at a time, from a file stream (`fileSentences`: readline over a
 * read stream, gzip by the `.gz` suffix) or from an array (`arraySentences`). `writeSentenceFile` writes a
 * stream of sentences (back-translations) to a file line by line, honouring the stream's back-pressure.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { splitTokens } from '../phrase/text.js';

/** Tokenised sentences, readable again: every `open()` yields the same sentences in the same order. */
export interface SentenceSource {
  /** A name for errors and progress (e.g. the file). */
  readonly name: string;
  open(): AsyncIterable<readonly string[]>;
}

export function openText(path: string): Readable {
  const raw = createReadStream(path);
  return path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

/** Lines of `input` (a path, or a stream such as stdin), without line ends, as the stream delivers them. */
export async function* textLines(input: string | Readable): AsyncGenerator<string> {
  const stream = typeof input === 'string' ? openText(input) : input;
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

/** The first `maxLines` lines of a file as tokens (`tokens`: default split on spaces), streamed on every `open()`. */
export function fileSentences(path: string, tokens: (line: string) => string[] = splitTokens, maxLines = Infinity): SentenceSource {
  return {
    name: path,
    async *open() {
      let n = 0;
      for await (const line of textLines(path)) {
        if (n++ >= maxLines) break;
        yield tokens(line);
      }
    },
  };
}

export function arraySentences(sentences: readonly (readonly string[])[], name: string): SentenceSource {
  return {
    name,
    async *open() {
      yield* sentences;
    },
  };
}

/** Writes one sentence a line (tokens joined by one space; an empty sentence is an empty line). */
export async function writeSentenceFile(path: string, sentences: AsyncIterable<readonly string[]> | Iterable<readonly string[]>): Promise<number> {
  const out = createWriteStream(path);
  let n = 0;
  try {
    for await (const s of sentences) {
      n++;
      if (!out.write(`${s.join(' ')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    out.end();
    await finished(out);
  }
  return n;
}
