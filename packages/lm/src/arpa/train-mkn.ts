/**
 * `trainMkn`: lmplz-style modified Kneser–Ney from a text file or stream (one sentence a line, words
 * split on spaces and tabs), streamed: `MknCounts` takes the lines, `estimateMkn` the counts.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { InvalidOptionError } from '../errors.js';
import { MknCounts } from './mkn-counts.js';
import { estimateMkn, type MknOptions, type MknResult } from './mkn.js';
import { byteLineBatches } from './text-lines.js';

export interface TrainMknOptions extends MknOptions {
  /** The n-gram order (lmplz -o). */
  readonly order: number;
  /** Called after each chunk of input with the lines read so far (progress bars). */
  readonly onLines?: (lines: number) => void;
}

/**
 * Estimates a modified Kneser–Ney model as `lmplz -o <order>` does, from the file at `source`
 * (a path) or from a stream of text.
 * @example const { model } = await trainMkn('corpus.txt', { order: 3 }); await writeArpa(model, 'lm.arpa');
 */
export async function trainMkn(
  source: string | Readable | AsyncIterable<Uint8Array | string>,
  options: TrainMknOptions,
  name = typeof source === 'string' ? source : '<stream>',
): Promise<MknResult> {
  const { order } = options;
  if (!Number.isInteger(order) || order < 1 || order > 255) throw new InvalidOptionError('order', order, 'an integer from 1 to 255');
  // Tables sized from the file (about 6 bytes a token), not doubled up from small.
  const counts = new MknCounts(order, typeof source === 'string' ? (await stat(source)).size / 6 : 0);
  const stream = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  let line = 0;
  for await (const piece of byteLineBatches(stream)) {
    line += counts.addBytes(piece, name, line + 1);
    options.onLines?.(line);
  }
  return estimateMkn(counts, options);
}
