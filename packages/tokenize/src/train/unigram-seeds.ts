/**
 * Seed pieces for Unigram training, and the candidate-piece lattice of every word.
 *
 * Rust (and SentencePiece) seed with the substrings a suffix array finds repeated. We use a simpler
 * method with the same scoring: count every substring of 2..maxPieceLength characters that occurs at
 * least twice among the distinct words (level by level: a substring is only counted when both its
 * shorter halves were frequent, so the tables stay small), score it frequency × length as Rust does,
 * and keep the best `seedSize` together with every single character (scored by its weighted count).
 * Equal scores: the larger string first (Rust's `Reverse((score, chars))` order).
 */
import { compareCodePoints } from './bpe-core.js';
import { PieceTrie } from './unigram-trie.js';

export interface SeedWords {
  words: readonly string[];
  counts: Float64Array;
}

/** Characters of all words, flattened: `charStart[w]..charStart[w+1]` index `offsets` (UTF-16 start of each char). */
export interface CharIndex {
  charStart: Int32Array;
  /** UTF-16 offset of every character in its word, plus one end offset per word. */
  offsets: Int32Array;
}

export function indexChars(words: readonly string[]): CharIndex {
  let total = 0;
  for (const w of words) total += w.length + 1;
  const charStart = new Int32Array(words.length + 1);
  const offsets = new Int32Array(total);
  let o = 0;
  for (let i = 0; i < words.length; i++) {
    charStart[i] = o;
    const w = words[i]!;
    for (let j = 0; j < w.length; j++) {
      offsets[o++] = j;
      const c = w.charCodeAt(j);
      if (c >= 0xd800 && c <= 0xdbff && j + 1 < w.length) j++;
    }
    offsets[o++] = w.length; // end sentinel
  }
  charStart[words.length] = o;
  return { charStart, offsets: offsets.subarray(0, o) };
}

/** Number of characters of word w. */
export function charCount(index: CharIndex, w: number): number {
  return index.charStart[w + 1]! - index.charStart[w]! - 1;
}

/**
 * Seed pieces with raw scores (to be turned into log-probabilities), characters first, and a trie of
 * them (`pieceOf` = index in the returned list + 1).
 * Level by level, `nodeAt[p]` is the trie node of the frequent substring of the current length that
 * starts at character position p, or -1: extending it by one character is one trie step.
 */
export function seedPieces(
  input: SeedWords,
  index: CharIndex,
  maxPieceLength: number,
  seedSize: number,
): { seeds: Array<[string, number]>; trie: PieceTrie } {
  const { words, counts } = input;
  const { charStart, offsets } = index;
  const trie = new PieceTrie();
  let cnt = new Float64Array(1 << 16);
  // Where each node first occurred, to spell it: word, UTF-16 start and end.
  let origin = new Int32Array(3 << 16);
  const step = (node: number, w: number, from: number, to: number): number => {
    const word = words[w]!;
    const before = trie.size;
    for (let u = from; u < to; u++) node = trie.childOrAdd(node, word.charCodeAt(u));
    if (trie.size !== before) {
      if (trie.size > cnt.length) {
        const c = new Float64Array(cnt.length * 2);
        c.set(cnt);
        cnt = c;
        const o = new Int32Array(origin.length * 2);
        o.set(origin);
        origin = o;
      }
    }
    return node;
  };
  const remember = (node: number, w: number, start: number, end: number): void => {
    if (origin[3 * node + 2] === 0) {
      origin[3 * node] = w;
      origin[3 * node + 1] = start;
      origin[3 * node + 2] = end;
    }
  };
  const spell = (node: number): string => words[origin[3 * node]!]!.slice(origin[3 * node + 1]!, origin[3 * node + 2]!);

  // Level 1: characters, weighted by word count.
  const total = offsets.length;
  let nodeAt = new Int32Array(total).fill(-1);
  const charNodes: number[] = [];
  for (let w = 0; w < words.length; w++) {
    const base = charStart[w]!;
    const n = charCount(index, w);
    for (let i = 0; i < n; i++) {
      const from = offsets[base + i]!;
      const to = offsets[base + i + 1]!;
      const node = step(0, w, from, to);
      if (origin[3 * node + 2] === 0) charNodes.push(node);
      remember(node, w, from, to);
      cnt[node] += counts[w]!;
      nodeAt[base + i] = node;
    }
  }
  const chars: Array<[string, number]> = charNodes.map((node) => [spell(node), cnt[node]!]);
  chars.sort((a, b) => b[1] - a[1] || compareCodePoints(b[0], a[0]));

  // Levels 2..maxPieceLength: substrings seen at least twice among the distinct words (unweighted, as Rust).
  const frequent: Array<[number, number]> = []; // node, score
  for (let len = 2; len <= maxPieceLength; len++) {
    const next = new Int32Array(total).fill(-1);
    const levelNodes: number[] = [];
    for (let w = 0; w < words.length; w++) {
      const base = charStart[w]!;
      const n = charCount(index, w);
      for (let i = 0; i + len <= n; i++) {
        const prev = nodeAt[base + i]!;
        if (prev < 0 || nodeAt[base + i + 1]! < 0) continue;
        const node = step(prev, w, offsets[base + i + len - 1]!, offsets[base + i + len]!);
        if (origin[3 * node + 2] === 0) levelNodes.push(node);
        remember(node, w, offsets[base + i]!, offsets[base + i + len]!);
        cnt[node]++;
        next[base + i] = node;
      }
    }
    if (levelNodes.length === 0) break;
    for (let p = 0; p < total; p++) if (next[p]! >= 0 && cnt[next[p]!]! < 2) next[p] = -1;
    for (const node of levelNodes) if (cnt[node]! >= 2) frequent.push([node, cnt[node]! * len]);
    nodeAt = next;
  }
  const substrings: Array<[string, number]> = frequent.map(([node, score]) => [spell(node), score]);
  substrings.sort((a, b) => b[1] - a[1] || compareCodePoints(b[0], a[0]));
  const seeds: Array<[string, number]> = chars.slice();
  for (const [s, score] of substrings) {
    if (seeds.length >= seedSize) break;
    seeds.push([s, score]);
  }
  // A fresh trie of the seeds alone: the counting trie also holds every substring seen once (memory).
  return { seeds, trie: new PieceTrie(seeds.map(([s], i) => [s, i + 1] as const)) };
}

/**
 * Candidate edges (start char, end char, seed index) of every word, sorted by start: every substring of
 * at most maxPieceLength characters that is a seed. Pieces later pruned are dropped from these lists.
 */
export interface WordEdges {
  /** Edges of word w: `edgeStart[w]..edgeStart[w+1]`. */
  wordEdgeStart: Int32Array;
  from: Int32Array;
  to: Int32Array;
  piece: Int32Array;
}

export function buildEdges(words: readonly string[], index: CharIndex, trie: PieceTrie, maxPieceLength: number): WordEdges {
  let cap = 1 << 20;
  let from = new Int32Array(cap);
  let to = new Int32Array(cap);
  let piece = new Int32Array(cap);
  let m = 0;
  const wordEdgeStart = new Int32Array(words.length + 1);
  const { offsets, charStart } = index;
  for (let w = 0; w < words.length; w++) {
    wordEdgeStart[w] = m;
    const word = words[w]!;
    const base = charStart[w]!;
    const n = charCount(index, w);
    for (let i = 0; i < n; i++) {
      let node = 0;
      for (let len = 1; len <= maxPieceLength && i + len <= n && node >= 0; len++) {
        // Walk the code units of the next character, then look for a piece ending here.
        const end = offsets[base + i + len]!;
        for (let u = offsets[base + i + len - 1]!; u < end && node >= 0; u++) node = trie.next(node, word.charCodeAt(u));
        if (node < 0) break;
        const id = trie.pieceOf[node]!;
        if (id >= 0) {
          if (m === cap) {
            cap *= 2;
            from = growTo(from, cap);
            to = growTo(to, cap);
            piece = growTo(piece, cap);
          }
          from[m] = i;
          to[m] = i + len;
          piece[m++] = id;
        }
      }
    }
  }
  wordEdgeStart[words.length] = m;
  return { wordEdgeStart, from: from.subarray(0, m), to: to.subarray(0, m), piece: piece.subarray(0, m) };
}

function growTo(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
