/**
 * Seed pieces for Unigram training, and the candidate-piece lattice of every word.
 *
 * Rust (and SentencePiece) seed with the substrings a suffix array finds repeated. We use a simpler
 * method with the same scoring: count every substring of 2..maxPieceLength characters that occurs at
 * least twice among the distinct words, score it frequency × length as Rust does, and keep the best
 * `seedSize` together with every single character (scored by its weighted count). Equal scores: the
 * larger string first (Rust's `Reverse((score, chars))` order).
 *
 * Memory: counting goes level by level (length 2, 3, …) over flat typed arrays. A substring of length
 * L is identified by (id of its frequent prefix of length L−1, its last character), so each level needs
 * only a hash table of that level's distinct candidates, dropped once the frequent ones are renumbered;
 * a substring is only a candidate when both its (L−1)-character halves were frequent (a substring seen
 * once has no frequent extension). Frequent substrings are kept as (position, length, score) triples and
 * spelled as strings only when selected. The lattice stores one piece id per edge, grouped by start
 * position (CSR), the end being start + the piece's length.
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
  return { charStart, offsets: offsets.slice(0, o) };
}

/** Number of characters of word w. */
export function charCount(index: CharIndex, w: number): number {
  return index.charStart[w + 1]! - index.charStart[w]! - 1;
}

/** Seeds: strings (characters first) and their raw scores (to be turned into log-probabilities). */
export interface Seeds {
  strings: string[];
  scores: Float64Array;
}

/**
 * Seed pieces with raw scores, characters first, and a trie of them (`pieceOf` = index in the list + 1).
 */
export function seedPieces(input: SeedWords, index: CharIndex, maxPieceLength: number, seedSize: number): { seeds: Seeds; trie: PieceTrie } {
  const { words, counts } = input;
  const { charStart, offsets } = index;
  const total = offsets.length;
  const wordOf = (p: number): number => {
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (charStart[mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const spell = (p: number, len: number): string => {
    const w = wordOf(p);
    return words[w]!.slice(offsets[p]!, offsets[p + len]!);
  };

  // Level 1: characters (keyed by their UTF-16 units), weighted by word count. Every one is a candidate prefix.
  let nodeAt = new Int32Array(total).fill(-1);
  const chars = new PairTable(1 << 12);
  let charCount1 = new Float64Array(1 << 12);
  let charPos = new Int32Array(1 << 12);
  for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    const count = counts[w]!;
    for (let p = charStart[w]!, end = charStart[w + 1]! - 1; p < end; p++) {
      const u = offsets[p]!;
      const key = offsets[p + 1]! - u === 1 ? word.charCodeAt(u) : 0x10000 + (((word.charCodeAt(u) - 0xd800) << 16) | word.charCodeAt(u + 1));
      const id = chars.getOrAdd(0, key);
      if (id === charPos.length) {
        charCount1 = grow(charCount1, id * 2);
        charPos = grow(charPos, id * 2);
      }
      if (id === chars.size - 1 && chars.added) charPos[id] = p;
      charCount1[id] += count;
      nodeAt[p] = id;
    }
  }
  const charList: Array<[string, number]> = [];
  for (let id = 0; id < chars.size; id++) charList.push([spell(charPos[id]!, 1), charCount1[id]!]);
  charList.sort((a, b) => b[1] - a[1] || compareCodePoints(b[0], a[0]));
  const charKeys = new Int32Array(total); // the key of the character at each position (for the levels below)
  for (let p = 0; p < total; p++) charKeys[p] = nodeAt[p]!;

  // Levels 2..maxPieceLength: substrings seen at least twice among the distinct words (unweighted, as Rust).
  let fPos = new Int32Array(1 << 16);
  let fLen = new Int32Array(1 << 16);
  let fScore = new Float64Array(1 << 16);
  let nFrequent = 0;
  let next = new Int32Array(total);
  let prevFrequent = chars.size;
  for (let len = 2; len <= maxPieceLength; len++) {
    next.fill(-1);
    const table = new PairTable(Math.max(1 << 10, prevFrequent * 2));
    let cnt = new Int32Array(Math.max(1 << 10, prevFrequent));
    let firstPos = new Int32Array(cnt.length);
    for (let p = 0; p + 1 < total; p++) {
      const a = nodeAt[p]!;
      if (a < 0 || nodeAt[p + 1]! < 0) continue;
      const id = table.getOrAdd(a, charKeys[p + len - 1]!);
      if (table.added) {
        if (id === cnt.length) {
          cnt = grow(cnt, id * 2);
          firstPos = grow(firstPos, id * 2);
        }
        firstPos[id] = p;
      }
      cnt[id]++;
      next[p] = id;
    }
    if (table.size === 0) break;
    // Renumber the frequent ones (in place in cnt: -1 for the rest) and record them.
    let f = 0;
    for (let id = 0; id < table.size; id++) {
      const c = cnt[id]!;
      if (c < 2) {
        cnt[id] = -1;
        continue;
      }
      if (nFrequent === fPos.length) {
        fPos = grow(fPos, nFrequent * 2);
        fLen = grow(fLen, nFrequent * 2);
        fScore = grow(fScore, nFrequent * 2);
      }
      fPos[nFrequent] = firstPos[id]!;
      fLen[nFrequent] = len;
      fScore[nFrequent++] = c * len;
      cnt[id] = f++;
    }
    for (let p = 0; p < total; p++) if (next[p]! >= 0) next[p] = cnt[next[p]!]!;
    const t = nodeAt;
    nodeAt = next;
    next = t;
    prevFrequent = f;
  }

  // The best `seedSize - characters` substrings: all those above the cut-off score, then the larger
  // strings among those at it; only the selected ones are spelled.
  const want = Math.max(0, seedSize - charList.length);
  let selected: Int32Array;
  if (nFrequent <= want) selected = Int32Array.from({ length: nFrequent }, (_, i) => i);
  else if (want === 0) selected = new Int32Array(0);
  else {
    const sorted = fScore.slice(0, nFrequent).sort();
    const cut = sorted[nFrequent - want]!;
    const picked: number[] = [];
    const atCut: Array<[string, number]> = [];
    for (let i = 0; i < nFrequent; i++) {
      if (fScore[i]! > cut) picked.push(i);
      else if (fScore[i] === cut) atCut.push([spell(fPos[i]!, fLen[i]!), i]);
    }
    atCut.sort((a, b) => compareCodePoints(b[0], a[0]));
    for (let i = 0; picked.length < want; i++) picked.push(atCut[i]![1]);
    selected = Int32Array.from(picked);
  }
  const substrings: Array<[string, number]> = Array.from(selected, (i) => [spell(fPos[i]!, fLen[i]!), fScore[i]!]);
  substrings.sort((a, b) => b[1] - a[1] || compareCodePoints(b[0], a[0]));
  const n = charList.length + substrings.length;
  const strings = new Array<string>(n);
  const scores = new Float64Array(n);
  let k = 0;
  for (const list of [charList, substrings]) {
    for (const [s, score] of list) {
      strings[k] = s;
      scores[k++] = score;
    }
  }
  return { seeds: { strings, scores }, trie: new PieceTrie(strings.map((s, i) => [s, i + 1] as const)) };
}

/**
 * Open-addressing table from a pair of non-negative integers to dense ids 0..size-1 (in insertion order).
 * `added` tells whether the last `getOrAdd` created its id.
 */
class PairTable {
  size = 0;
  added = false;
  private keyA: Int32Array;
  private keyB: Int32Array;
  private value: Int32Array;
  private mask: number;

  constructor(expected: number) {
    let cap = 1 << 10;
    while (cap < expected * 2) cap *= 2;
    this.keyA = new Int32Array(cap).fill(-1);
    this.keyB = new Int32Array(cap);
    this.value = new Int32Array(cap);
    this.mask = cap - 1;
  }

  getOrAdd(a: number, b: number): number {
    let h = pairHash(a, b) & this.mask;
    for (;;) {
      const k = this.keyA[h]!;
      if (k === -1) break;
      if (k === a && this.keyB[h] === b) {
        this.added = false;
        return this.value[h]!;
      }
      h = (h + 1) & this.mask;
    }
    const id = this.size++;
    this.keyA[h] = a;
    this.keyB[h] = b;
    this.value[h] = id;
    this.added = true;
    if (this.size * 2 > this.mask) this.rehash();
    return id;
  }

  private rehash(): void {
    const { keyA, keyB, value } = this;
    const cap = keyA.length * 2;
    this.keyA = new Int32Array(cap).fill(-1);
    this.keyB = new Int32Array(cap);
    this.value = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < keyA.length; i++) {
      const a = keyA[i]!;
      if (a === -1) continue;
      let h = pairHash(a, keyB[i]!) & this.mask;
      while (this.keyA[h] !== -1) h = (h + 1) & this.mask;
      this.keyA[h] = a;
      this.keyB[h] = keyB[i]!;
      this.value[h] = value[i]!;
    }
  }
}

function pairHash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x3c6ef372, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

function grow<T extends Int32Array | Float64Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/**
 * Candidate edges of every word: every substring of at most maxPieceLength characters that is a seed.
 * Edges starting at character position p (a position of `CharIndex.offsets`) are
 * `piece[posStart[p]..posStart[p+1]]`, by increasing length; an edge ends at p + length of its piece.
 * Pieces later pruned are dropped from these lists.
 */
export interface WordEdges {
  posStart: Int32Array;
  piece: Int32Array;
}

/**
 * Two passes over the trie (count, then fill) so the edge array is allocated once at its exact size.
 */
export function buildEdges(words: readonly string[], index: CharIndex, trie: PieceTrie, maxPieceLength: number): WordEdges {
  const { offsets, charStart } = index;
  const posStart = new Int32Array(offsets.length + 1);
  let piece = new Int32Array(0);
  for (let pass = 0; pass < 2; pass++) {
    let m = 0;
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      const base = charStart[w]!;
      const n = charCount(index, w);
      for (let i = 0; i < n; i++) {
        posStart[base + i] = m;
        let node = 0;
        for (let len = 1; len <= maxPieceLength && i + len <= n; len++) {
          // Walk the code units of the next character, then look for a piece ending here.
          const end = offsets[base + i + len]!;
          for (let u = offsets[base + i + len - 1]!; u < end && node >= 0; u++) node = trie.next(node, word.charCodeAt(u));
          if (node < 0) break;
          const id = trie.pieceOf[node]!;
          if (id >= 0) {
            if (pass === 1) piece[m] = id;
            m++;
          }
        }
      }
      posStart[base + n] = m;
    }
    posStart[offsets.length] = m;
    if (pass === 0) piece = new Int32Array(m);
  }
  return { posStart, piece };
}
