/**
 * The hot loop of analogy evaluation: typed arrays in, a Uint8Array of right/wrong out. Questions are
 * scored in blocks of 64 query vectors against blocks of 256 rows of the normalized vocabulary
 * (`scoreBlock`), each question keeping its best 8 rows in a typed-array heap. Runs on the main thread
 * or on a worker (`analogy-worker.ts`), on any range of questions.
 */
import { scoreBlock } from '../vectors/dot.kernel.js';
import { unitVector } from '../vectors/keyed-vectors.js';
import { TopK } from '../vectors/top-k.js';

/** Questions scored per block: their query vectors and score rows stay in cache. */
const QUERY_BLOCK = 64;
/** 256 rows x 100 dims x 4 bytes = 100 KB: a block of rows stays in L2 while all 64 queries use it. */
const ROW_BLOCK = 256;
/** gensim asks most_similar for 5 answers, so it looks at the best 5 + 3 (the question words). */
const TOPN = 5;

export interface AnalogyBatch {
  /** The unit-normalized vocabulary (at least `rows` rows). */
  unit: Float32Array;
  dim: number;
  /** Candidate rows: [0, rows). */
  rows: number;
  /** Per row: the first row with the same (case-folded) key, so keys compare as integers. */
  keyIds: Int32Array;
  /** Per question: rows of a, b, c and the expected answer. */
  quads: Int32Array;
}

/** Answers questions [start, end) of `batch` as gensim does, setting correct[q] to 1 or 0. */
export function answerRange(batch: AnalogyBatch, start: number, end: number, correct: Uint8Array): void {
  const { unit, dim, rows, keyIds, quads } = batch;
  const queries = new Float64Array(QUERY_BLOCK * dim);
  const scores = new Float64Array(QUERY_BLOCK * ROW_BLOCK);
  const tops = Array.from({ length: QUERY_BLOCK }, () => new TopK(TOPN + 3));
  const q = new Float64Array(dim);
  for (let s0 = start; s0 < end; s0 += QUERY_BLOCK) {
    const nq = Math.min(QUERY_BLOCK, end - s0);
    for (let j = 0; j < nq; j++) {
      // gensim: mean of unit(b) + unit(c) - unit(a) (weights of magnitude 1), then unit length.
      const a = quads[4 * (s0 + j)] * dim;
      const b = quads[4 * (s0 + j) + 1] * dim;
      const c = quads[4 * (s0 + j) + 2] * dim;
      for (let k = 0; k < dim; k++) q[k] = (unit[b + k] + unit[c + k] - unit[a + k]) / 3;
      unitVector(q);
      queries.set(q, j * dim);
      tops[j].reset();
    }
    for (let r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
      const r1 = Math.min(rows, r0 + ROW_BLOCK);
      const width = r1 - r0;
      scoreBlock(unit, dim, r0, r1, queries, nq, scores);
      for (let j = 0; j < nq; j++) {
        const top = tops[j];
        const base = j * width;
        for (let i = 0; i < width; i++) {
          const s = scores[base + i];
          if (s >= top.threshold) top.push(r0 + i, s);
        }
      }
    }
    for (let j = 0; j < nq; j++) {
      const o = 4 * (s0 + j);
      correct[s0 + j] = judge(tops[j], keyIds, quads[o], quads[o + 1], quads[o + 2], quads[o + 3]) ? 1 : 0;
    }
  }
}

/**
 * gensim's check of one answer list: drop the question rows, keep 5, take the first whose key is not
 * a question word's key (or the last one), and compare its key with the expected key.
 */
function judge(top: TopK, keyIds: Int32Array, a: number, b: number, c: number, expected: number): boolean {
  const { ids } = top.sorted();
  let predicted = -1;
  let kept = 0;
  const ka = keyIds[a];
  const kb = keyIds[b];
  const kc = keyIds[c];
  for (let j = 0; j < ids.length && kept < TOPN; j++) {
    const id = ids[j];
    if (id === a || id === b || id === c) continue;
    kept++;
    predicted = keyIds[id];
    if (predicted !== ka && predicted !== kb && predicted !== kc) break;
  }
  return predicted === keyIds[expected];
}
