/**
 * The Huffman tree of hierarchical softmax, built as word2vec C's CreateBinaryTree builds it: words
 * sorted by descending count are merged two at a time by the classic two-queue method (leaves from the
 * rarest end, inner nodes in creation order; on equal counts the inner node is taken first), the second
 * of each pair getting code bit 1. Inner node j (0 = first merged) is row j of syn1; the root is V - 2.
 */

export interface HuffmanCodes {
  /** codes[w * stride + d]: bit d of word w's code, root first. */
  codes: Uint8Array;
  /** points[w * stride + d]: the inner node (row of syn1) deciding bit d. */
  points: Int32Array;
  lengths: Uint8Array;
  stride: number;
}

/** `counts` must be sorted by descending count from index 1 on (index 0 is `</s>`, as in word2vec C). */
export function buildHuffman(counts: ArrayLike<number>): HuffmanCodes {
  const v = counts.length;
  if (v < 2) {
    // One word: no inner node, nothing to predict (word2vec C reads out of bounds here).
    return { codes: new Uint8Array(v), points: new Int32Array(v), lengths: new Uint8Array(v), stride: 1 };
  }
  const count = new Float64Array(2 * v);
  for (let i = 0; i < v; i++) count[i] = counts[i]!;
  for (let i = v; i < 2 * v; i++) count[i] = 1e15;
  const parent = new Int32Array(2 * v);
  const bit = new Uint8Array(2 * v);
  let leaf = v - 1; // next leaf (rarest first)
  let inner = v; // next inner node
  const pick = (): number => (leaf >= 0 && count[leaf]! < count[inner]! ? leaf-- : inner++);
  for (let a = 0; a < v - 1; a++) {
    const m1 = pick();
    const m2 = pick();
    count[v + a] = count[m1]! + count[m2]!;
    parent[m1] = v + a;
    parent[m2] = v + a;
    bit[m2] = 1;
  }
  const root = 2 * v - 2;
  const depth = new Uint8Array(v);
  let stride = 1;
  for (let w = 0; w < v; w++) {
    let d = 0;
    for (let n = w; n !== root; n = parent[n]!) d++;
    if (d > 255) throw new Error(`Huffman code of word ${w} is ${d} bits long`);
    depth[w] = d;
    if (d > stride) stride = d;
  }
  const codes = new Uint8Array(v * stride);
  const points = new Int32Array(v * stride);
  for (let w = 0; w < v; w++) {
    const len = depth[w]!;
    // Walk leaf → root, filling from the end so the code reads root first.
    let d = len - 1;
    for (let n = w; n !== root; n = parent[n]!, d--) {
      codes[w * stride + d] = bit[n]!;
      points[w * stride + d] = parent[n]! - v;
    }
  }
  return { codes, points, lengths: depth, stride };
}
