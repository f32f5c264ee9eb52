/**
 * The fixed tables of fastText training: its sigmoid and log lookup tables (512 entries over [-8, 8]
 * and (0, 1], `Loss` in loss.cc), the subsampling keep probabilities (`initTableDiscard`:
 * sqrt(t/f) + t/f) and the hierarchical-softmax tree (`HierarchicalSoftmaxLoss::buildTree`: the
 * two-queue Huffman construction over the counts, the second of each merged pair coded 1; paths listed
 * leaf to root, inner node i stored as output row i - nwords).
 */

export const SIGMOID_TABLE_SIZE = 512;
export const MAX_SIGMOID = 8;
export const LOG_TABLE_SIZE = 512;

export function sigmoidTable(): Float32Array {
  const t = new Float32Array(SIGMOID_TABLE_SIZE + 1);
  for (let i = 0; i <= SIGMOID_TABLE_SIZE; i++) {
    const x = Math.fround((i * 2 * MAX_SIGMOID) / SIGMOID_TABLE_SIZE - MAX_SIGMOID);
    t[i] = 1 / (1 + Math.exp(-x));
  }
  return t;
}

export function logTable(): Float32Array {
  const t = new Float32Array(LOG_TABLE_SIZE + 1);
  for (let i = 0; i <= LOG_TABLE_SIZE; i++) t[i] = Math.log(Math.fround((i + 1e-5) / LOG_TABLE_SIZE));
  return t;
}

/** fastText's keep probability per word; a word is dropped when a uniform draw exceeds it. */
export function keepProbabilities(counts: ArrayLike<number>, ntokens: number, t: number): Float32Array {
  const p = new Float32Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    const f = Math.fround(counts[i] / ntokens);
    p[i] = Math.sqrt(t / f) + t / f;
  }
  return p;
}

export interface HsTree {
  /** pathStart[w]..pathStart[w+1]: word w's inner nodes (output rows) and code bits, leaf to root. */
  pathStart: Int32Array;
  paths: Int32Array;
  codes: Uint8Array;
}

/** `counts` sorted by descending count (fastText's dictionary order). */
export function buildHsTree(counts: ArrayLike<number>): HsTree {
  const osz = counts.length;
  const nodes = Math.max(1, 2 * osz - 1);
  const count = new Float64Array(nodes).fill(1e15);
  const parent = new Int32Array(nodes).fill(-1);
  const binary = new Uint8Array(nodes);
  for (let i = 0; i < osz; i++) count[i] = counts[i];
  let leaf = osz - 1;
  let node = osz;
  for (let i = osz; i < 2 * osz - 1; i++) {
    const mini = [0, 0];
    for (let j = 0; j < 2; j++) mini[j] = leaf >= 0 && count[leaf] < count[node] ? leaf-- : node++;
    count[i] = count[mini[0]] + count[mini[1]];
    parent[mini[0]] = i;
    parent[mini[1]] = i;
    binary[mini[1]] = 1;
  }
  const pathStart = new Int32Array(osz + 1);
  const paths: number[] = [];
  const codes: number[] = [];
  for (let i = 0; i < osz; i++) {
    for (let j = i; parent[j] !== -1; j = parent[j]) {
      paths.push(parent[j] - osz);
      codes.push(binary[j]);
    }
    pathStart[i + 1] = paths.length;
  }
  return { pathStart, paths: Int32Array.from(paths), codes: Uint8Array.from(codes) };
}
