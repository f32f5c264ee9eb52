/**
 * Training input: strings (sync or async iterables, one sequence per item) or files read as streams.
 * Files are cut into chunks of whole lines (each line keeps its `\n`, as the Rust trainer reads them),
 * so a file of any size is read in bounded memory.
 */
import { createReadStream } from 'node:fs';
import { Buffer } from 'node:buffer';

export type Corpus = Iterable<string> | AsyncIterable<string> | { files: readonly string[] };

/** A unit of counting work: a buffer of whole UTF-8 lines, or a batch of sequences. */
export type CorpusChunk = { kind: 'lines'; bytes: Buffer } | { kind: 'texts'; texts: string[]; bytes: number };

const CHUNK_BYTES = 1 << 20;

export function isFileCorpus(corpus: Corpus): corpus is { files: readonly string[] } {
  return typeof corpus === 'object' && corpus !== null && 'files' in corpus && Array.isArray(corpus.files);
}

/** Yields chunks of about 1 MB. */
export async function* corpusChunks(corpus: Corpus): AsyncGenerator<CorpusChunk> {
  if (isFileCorpus(corpus)) {
    for (const file of corpus.files) yield* fileChunks(file);
    return;
  }
  let texts: string[] = [];
  let size = 0;
  for await (const text of corpus as AsyncIterable<string>) {
    if (typeof text !== 'string') throw new TypeError(`corpus items must be strings, got ${typeof text}`);
    texts.push(text);
    size += text.length;
    if (size >= CHUNK_BYTES) {
      yield { kind: 'texts', texts, bytes: size };
      texts = [];
      size = 0;
    }
  }
  if (texts.length > 0) yield { kind: 'texts', texts, bytes: size };
}

async function* fileChunks(path: string): AsyncGenerator<CorpusChunk> {
  let carry: Buffer | undefined;
  for await (const piece of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    const buf = carry ? Buffer.concat([carry, piece]) : piece;
    const lastNl = buf.lastIndexOf(0x0a);
    if (lastNl < 0) {
      carry = buf; // a line longer than a chunk: keep reading until it ends
      continue;
    }
    yield { kind: 'lines', bytes: ownedCopy(buf.subarray(0, lastNl + 1)) };
    carry = lastNl + 1 < buf.length ? ownedCopy(buf.subarray(lastNl + 1)) : undefined;
  }
  if (carry && carry.length > 0) yield { kind: 'lines', bytes: carry };
}

/** A copy with an ArrayBuffer of its own (never Node's shared pool), so it can be transferred to a worker. */
function ownedCopy(view: Uint8Array): Buffer {
  const copy = new Uint8Array(view.length);
  copy.set(view);
  return Buffer.from(copy.buffer);
}
