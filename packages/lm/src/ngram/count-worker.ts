/**
 * Worker body for `countNgramsFromFiles`: runs one pass (`vocab` or `count`) over one byte range and posts
 * the result back (typed arrays transferred). Errors are posted back and rethrown by the caller.
 */
import { parentPort } from 'node:worker_threads';
import { type ByteRange, countRange, type CountRangeOptions, vocabRange } from './count-range.js';
import type { TrieData } from './trie-data.js';

export type ToWorker = { kind: 'vocab'; range: ByteRange } | { kind: 'count'; range: ByteRange; options: CountRangeOptions };
export type FromWorker =
  | { kind: 'vocab'; words: string[]; counts: Float64Array; sentences: number }
  | { kind: 'count'; trie: TrieData }
  | { kind: 'error'; message: string; name: string; props: Record<string, unknown> };

const port = parentPort!;
port.on('message', (msg: ToWorker) => {
  const run = async (): Promise<void> => {
    if (msg.kind === 'vocab') {
      const v = await vocabRange(msg.range);
      port.postMessage({ kind: 'vocab', ...v } satisfies FromWorker, [v.counts.buffer as ArrayBuffer]);
    } else {
      const trie = await countRange(msg.range, msg.options);
      const buffers = [...trie.counts, ...trie.words, ...trie.parents].map((a) => a.buffer as ArrayBuffer);
      port.postMessage({ kind: 'count', trie } satisfies FromWorker, buffers);
    }
  };
  run().catch((err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    port.postMessage({ kind: 'error', message: e.message, name: e.name, props: { ...e } } satisfies FromWorker);
  });
});
