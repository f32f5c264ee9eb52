/**
 * Worker body for word counting: receives chunks of the corpus, counts words into its own table,
 * and hands the whole table back when told the input is over. See `word-count.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Buffer } from 'node:buffer';
import { countLines, countSequence, type SplitOptions, type WordCountMap } from './word-splitters.js';

export type ToWorker = { kind: 'lines'; bytes: Uint8Array } | { kind: 'texts'; texts: string[] } | { kind: 'finish' };
export type FromWorker = { kind: 'ack' } | { kind: 'counts'; words: string[]; counts: Float64Array };

const options = workerData as SplitOptions;
const counts: WordCountMap = new Map();
const port = parentPort!;

port.on('message', (msg: ToWorker) => {
  if (msg.kind === 'lines') {
    const buf = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
    countLines(buf, 0, buf.length, options, counts);
    port.postMessage({ kind: 'ack' } satisfies FromWorker);
  } else if (msg.kind === 'texts') {
    for (const text of msg.texts) countSequence(text, options, counts);
    port.postMessage({ kind: 'ack' } satisfies FromWorker);
  } else {
    const words = [...counts.keys()];
    const values = Float64Array.from(counts.values());
    counts.clear();
    port.postMessage({ kind: 'counts', words, counts: values } satisfies FromWorker, [values.buffer]);
  }
});
