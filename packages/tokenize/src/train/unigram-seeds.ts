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
  return { charStart, offsets: o === total ? offsets : offsets.slice(0, o) };
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
  const table = new PairTable(1 << 12);
  let cnt = new Float64Array(1 << 12);
  let firstPos = new Int32Array(1 << 12);
  for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    const count = counts[w]!;
    for (let p = charStart[w]!, end = charStart[w + 1]! - 1; p < end; p++) {
      const u = offsets[p]!;
      const key = offsets[p + 1]! - u === 1 ? word.charCodeAt(u) : 0x10000 + (((word.charCodeAt(u) - 0xd800) << 16) | word.charCodeAt(u + 1));
      const id = table.getOrAdd(0, key);
      if (table.added) {
        if (id === firstPos.length) {
          cnt = grow(cnt, id * 2);
          firstPos = grow(firstPos, id * 2);
        }
        firstPos[id] = p;
      }
      cnt[id] += count;
      nodeAt[p] = id;
    }
  }
  const charList: Array<[string, number]> = [];
  for (let id = 0; id < table.size; id++) charList.push([spell(firstPos[id]!, 1), cnt[id]!]);
  charList.sort((a, b) => b[1] - a[1] || compareCodePoints(b[0], a[0]));

  // Levels 2..maxPieceLength: substrings seen at least twice among the distinct words (unweighted, as Rust).
  // A substring of length L at p is keyed by the ids of its two (L−1)-character halves (at p and p+1).
  // levelPos[L] / levelCount[L]: first position and count of every frequent substring of length L.
  const levelPos: Int32Array[] = [];
  const levelCount: Int32Array[] = [];
  let next = new Int32Array(total);
  let seen = new Int32Array(firstPos.length);
  for (let len = 2; len <= maxPieceLength; len++) {
    next.fill(-1);
    table.clear();
    for (let p = 0; p + 1 < total; p++) {
      const a = nodeAt[p]!;
      if (a < 0) continue;
      const b = nodeAt[p + 1]!;
      if (b < 0) continue;
      const id = table.getOrAdd(a, b);
      if (table.added) {
        if (id === seen.length) {
          seen = grow(seen, id * 2);
          firstPos = grow(firstPos, id * 2);
        }
        seen[id] = 0;
        firstPos[id] = p;
      }
      seen[id]++;
      next[p] = id;
    }
    if (table.size === 0) break;
    // Renumber the frequent ones (in place in `seen`: -1 for the rest) and record them.
    let f = 0;
    for (let id = 0; id < table.size; id++) if (seen[id]! >= 2) f++;
    const pos = new Int32Array(f);
    const count = new Int32Array(f);
    f = 0;
    for (let id = 0; id < table.size; id++) {
      const c = seen[id]!;
      if (c < 2) {
        seen[id] = -1;
        continue;
      }
      pos[f] = firstPos[id]!;
      count[f] = c;
      seen[id] = f++;
    }
    levelPos[len] = pos;
    levelCount[len] = count;
    for (let p = 0; p < total; p++) if (next[p]! >= 0) next[p] = seen[next[p]!]!;
    const t = nodeAt;
    nodeAt = next;
    next = t;
  }
  // Done with the per-position arrays (2 × 4 bytes per character): let them go before spelling.
  nodeAt = next = seen = firstPos = new Int32Array(0);
  table.clear(0);

  // The best `seedSize - characters` substrings: all those above the cut-off score, then the larger
  // strings among those at it. Only the selected ones are spelled.
  const want = Math.max(0, seedSize - charList.length);
  let nFrequent = 0;
  for (const c of levelCount) if (c) nFrequent += c.length;
  let cut = -1;
  if (nFrequent > want) {
    const all = new Float64Array(nFrequent);
    let k = 0;
    levelCount.forEach((c, len) => {
      for (let i = 0; i < c.length; i++) all[k++] = c[i]! * len;
    });
    cut = want === 0 ? Infinity : all.sort()[nFrequent - want]!;
  }
  const atCut: string[] = [];
  let above = 0;
  levelCount.forEach((c, len) => {
    for (let i = 0; i < c.length; i++) {
      const score = c[i]! * len;
      if (score > cut) above++;
      else if (score === cut) atCut.push(spell(levelPos[len]![i]!, len));
    }
  });
  atCut.sort((a, b) => compareCodePoints(b, a));
  atCut.length = Math.min(atCut.length, want - above);
  const lastAtCut = atCut.length > 0 ? atCut[atCut.length - 1]! : undefined;
  const subStrings: string[] = [];
  const subScores: number[] = [];
  levelCount.forEach((c, len) => {
    for (let i = 0; i < c.length; i++) {
      const score = c[i]! * len;
      if (score < cut) continue;
      const s = spell(levelPos[len]![i]!, len);
      if (score === cut && (lastAtCut === undefined || compareCodePoints(s, lastAtCut) < 0)) continue;
      subStrings.push(s);
      subScores.push(score);
    }
  });
  levelPos.length = levelCount.length = 0;
  const order = Int32Array.from(subStrings, (_, i) => i).sort(
    (a, b) => subScores[b]! - subScores[a]! || compareCodePoints(subStrings[b]!, subStrings[a]!),
  );
  const n = charList.length + subStrings.length;
  const strings = new Array<string>(n);
  const scores = new Float64Array(n);
  let k = 0;
  for (const [s, score] of charList) {
    strings[k] = s;
    scores[k++] = score;
  }
  for (const i of order) {
    strings[k] = subStrings[i]!;
    scores[k++] = subScores[i]!;
  }
  const trie = new PieceTrie();
  strings.forEach((s, i) => trie.add(s, i + 1));
  return { seeds: { strings, scores }, trie };
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

  /** Empties the table, keeping its capacity (or giving it back with `capacity` 0). */
  clear(capacity?: number): void {
    if (capacity === 0) {
      this.keyA = this.keyB = this.value = new Int32Array(1).fill(-1);
      this.mask = 0;
    } else this.keyA.fill(-1);
    this.size = 0;
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
 * With `alive`, only the pieces whose flag is set.
 */
export function buildEdges(
  words: readonly string[],
  index: CharIndex,
  trie: PieceTrie,
  maxPieceLength: number,
  alive?: Uint8Array,
): WordEdges {
  const { offsets, charStart } = index;
  const posStart = new Int32Array(offsets.length + 1);
  let piece: Int32Array | undefined;
  for (let pass = 0; pass < 2; pass++) {
    let m = 0;
    for (let w = 0; w < words.length; w++) {
      const base = charStart[w]!;
      const n = charCount(index, w);
      m = wordEdges(words[w]!, offsets, base, n, trie, maxPieceLength, alive, posStart, base, piece, m);
      posStart[base + n] = m;
    }
    posStart[offsets.length] = m;
    piece ??= new Int32Array(m);
  }
  return { posStart, piece: piece! };
}

/**
 * The edges of one word (character positions base..base+n-1 of `offsets`): writes the index of each
 * position's first edge to `posStart[posBase + i]` and its pieces to `piece` from `m` (only counts them
 * without `piece`); returns the index after the last edge.
 */
export function wordEdges(
  word: string,
  offsets: Int32Array,
  base: number,
  n: number,
  trie: PieceTrie,
  maxPieceLength: number,
  alive: Uint8Array | undefined,
  posStart: Int32Array,
  posBase: number,
  piece: Int32Array | undefined,
  m: number,
): number {
  for (let i = 0; i < n; i++) {
    posStart[posBase + i] = m;
    let node = 0;
    for (let len = 1; len <= maxPieceLength && i + len <= n; len++) {
      // Walk the code units of the next character, then look for a piece ending here.
      const end = offsets[base + i + len]!;
      for (let u = offsets[base + i + len - 1]!; u < end && node >= 0; u++) node = trie.next(node, word.charCodeAt(u));
      if (node < 0) break;
      const id = trie.pieceOf[node]!;
      if (id >= 0 && (alive === undefined || alive[id] !== 0)) {
        if (piece !== undefined) piece[m] = id;
        m++;
      }
    }
  }
  return m;
}
