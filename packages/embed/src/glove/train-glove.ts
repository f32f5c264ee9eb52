/**
 * `trainGlove`: the four GloVe tools in one call — vocabulary (vocab_count), co-occurrence counting
 * with a memory cap (cooccur), shuffling (shuffle), AdaGrad training (glove) — with every temporary
 * file in a private directory under `spillDir`, removed on success and on error. Training is Hogwild
 * over SharedArrayBuffer weights, one worker per thread, each on its slice of the shuffled records
 * (inline when threads = 1, which makes a seeded run bit-reproducible).
 */
import { KeyedVectors } from '../vectors/keyed-vectors.js';
import { checkFiles } from '../corpus/sources.js';
import { countCorpus, isFileCorpus } from '../corpus/count-corpus.js';
import { countInto, type CooccurInternals } from './cooccur.js';
import { resolveGloveOptions, type ResolvedGloveOptions } from './options.js';
import { allocateGloveHeap, weightsOf } from './kernel.js';
import { GlovePool } from './pool.js';
import { Rng } from './rng.js';
import { shuffleInto } from './shuffle.js';
import { sliceOf, trainSlice, type SliceTask } from './slice.js';
import { SpillDir } from './spill-dir.js';
import type { GloveCorpus, GloveOptions } from './types.js';
import { buildGloveVocab } from './vocab.js';

/**
 * Trains GloVe on `corpus` (files streamed from disk, `.gz` too, or lines of text) and returns W + C
 * (or W) for the vocabulary, by descending count, with the counts.
 * @example
 * const kv = await trainGlove({ files: ['text8'] }, { dim: 50, window: 15, xMax: 10, iterations: 15 });
 */
export async function trainGlove(corpus: GloveCorpus, options: Partial<GloveOptions> = {}): Promise<KeyedVectors> {
  return trainGloveWith(corpus, options, {});
}

/** Internal knobs for tests and benches: the cooccur ones, plus stage timings. */
export interface GloveInternals extends CooccurInternals {
  shuffleChunkRecords?: number;
  /** Receives the seconds each stage took (wall clock) and the record count. */
  onStage?: (stage: 'vocab' | 'cooccur' | 'shuffle' | 'train', seconds: number, records: number) => void;
}

export async function trainGloveWith(corpus: GloveCorpus, options: Partial<GloveOptions>, internals: GloveInternals): Promise<KeyedVectors> {
  const o = resolveGloveOptions(options);
  if (isFileCorpus(corpus)) await checkFiles(corpus.files);
  let t = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const s = (now - t) / 1000;
    t = now;
    return s;
  };
  const counted = await countCorpus(corpus);
  const vocab = buildGloveVocab(counted, o.minCount, o.maxVocab);
  internals.onStage?.('vocab', lap(), 0);
  const spill = SpillDir.create(o.spillDir, internals.io);
  try {
    const cooc = spill.writer('cooccurrence');
    const { records } = await countInto(counted, vocab, o, spill, cooc, internals);
    internals.onStage?.('cooccur', lap(), records);
    const shuffled = spill.writer('cooccurrence.shuf');
    shuffleInto(cooc.path, shuffled, o, spill, { chunkRecords: internals.shuffleChunkRecords });
    internals.onStage?.('shuffle', lap(), records);
    const V = vocab.words.length;
    const { W } = await train(shuffled.path, spill.parent, records, V, o);
    internals.onStage?.('train', lap(), records);
    return new KeyedVectors(vocab.words, outputVectors(W, V, o.dim, o.output), o.dim, { counts: vocab.counts });
  } finally {
    spill.remove();
  }
}

async function train(file: string, dir: string, records: number, V: number, o: ResolvedGloveOptions): Promise<{ W: Float64Array }> {
  const threads = Math.max(1, Math.min(o.threads, records));
  const heap = allocateGloveHeap(V, o.dim, threads);
  const { W, gradsq } = weightsOf(heap);
  // glove.c: every weight and bias uniform in [-0.5, 0.5) / dim; gradsq 1, so the first step is eta.
  const rng = new Rng(o.seed);
  for (let a = 0; a < W.length; a++) W[a] = (rng.float() - 0.5) / o.dim;
  gradsq.fill(1);
  const params = { dim: o.dim, vocabSize: V, xMax: o.xMax, alpha: o.alpha, eta: o.eta, gradClip: o.gradClip };
  const tasks: SliceTask[] = [];
  for (let k = 0; k < threads; k++) tasks.push({ file, dir, ...sliceOf(records, threads, k), params, heap, thread: k });
  const pool = threads > 1 ? new GlovePool(tasks) : undefined;
  try {
    for (let it = 1; it <= o.iterations; it++) {
      const started = performance.now();
      const cost = pool ? await pool.iterate() : trainSlice(tasks[0]!);
      o.onProgress?.({ iteration: it, iterations: o.iterations, cost: records > 0 ? cost / records : 0, records, seconds: (performance.now() - started) / 1000 });
    }
  } finally {
    await pool?.close();
  }
  return { W };
}

/** W + C (glove -model 2) or W (-model 1), biases dropped, as float32 rows. */
function outputVectors(W: Float64Array, V: number, dim: number, output: ResolvedGloveOptions['output']): Float32Array {
  const out = new Float32Array(V * dim);
  const row = dim + 1;
  for (let a = 0; a < V; a++) {
    for (let b = 0; b < dim; b++) {
      const w = W[a * row + b]!;
      out[a * dim + b] = output === 'word' ? w : w + W[(V + a) * row + b]!;
    }
  }
  return out;
}
