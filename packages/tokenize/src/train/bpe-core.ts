/**
 * The BPE merge loop, shared by trainBpe, trainWordPiece and the subword-nmt trainer. It follows the
 * Rust trainer (tokenizers/src/models/bpe/trainer.rs) step by step so that merges come out identical:
 *
 * 1. ids: special tokens, then the alphabet sorted by code point (limitAlphabet drops the rarest).
 * 2. Each word becomes a run of symbol ids; a character outside the alphabet is dropped.
 *    With a continuing-subword prefix or an end-of-word suffix, the decorated characters get the next ids
 *    in code-point order (Rust numbers them in hash-map order, which differs from run to run).
 * 3. Pair counts (weighted by word count, overlapping windows included) go into a max-heap ordered by
 *    count, ties to the smaller (left id, right id) pair, exactly Rust's `Merge` ordering.
 * 4. Pop the best pair; a stale entry (count changed since it was pushed) is pushed back with its current
 *    count (lazy invalidation). Merge it, left to right without overlap, in the words that hold it,
 *    update neighbouring pair counts, and push every pair that gained occurrences.
 *    As in Rust, the merged pair's own count is left as it was.
 * Stops when the vocabulary is full, the heap is empty, or the best count is below minFrequency or 1.
 *
 * Storage is flat typed arrays: all words' symbols in one Int32Array (merges shrink words in place),
 * pairs in an open-addressing table, and for each pair a linked list of the words where it was created.
 */
import { InvalidOptionError } from '../errors.js';
import type { TrainingProgress } from './options.js';

export interface BpeCoreInput {
  words: readonly string[];
  counts: Float64Array;
  vocabSize: number;
  minFrequency: number;
  specialTokens: readonly string[];
  limitAlphabet: number | undefined;
  /** One character each. */
  initialAlphabet: readonly string[];
  continuingSubwordPrefix?: string | undefined;
  endOfWordSuffix?: string | undefined;
  onProgress?: ((p: TrainingProgress) => void) | undefined;
  /**
   * `rust` (default): equal counts go to the pair with the smaller ids, and a merged pair keeps its count.
   * `subword-nmt`: equal counts go to the pair whose strings are larger (Python's `max` over
   * `(count, (left, right))`, code-point order), and a merged pair's count drops to 0, as learn_bpe does.
   */
  tieBreak?: 'rust' | 'subword-nmt';
  /** Stop after this many merges (subword-nmt's `--symbols`). */
  maxMerges?: number;
}

export interface BpeCoreResult {
  /** Token strings by id. */
  vocab: string[];
  merges: Array<[string, string]>;
  /** Size of the vocabulary before merges (specials + alphabet + decorated characters). */
  initialSize: number;
}

export function runBpe(input: BpeCoreInput): BpeCoreResult {
  const vocab = new Vocabulary();
  for (const t of input.specialTokens) vocab.idOf(t);
  const alphabet = computeAlphabet(input);
  for (const cp of alphabet) vocab.idOf(String.fromCodePoint(cp));
  const words = symbolize(input, new Set(alphabet), vocab);
  const initialSize = vocab.size;
  if (input.vocabSize < initialSize) {
    const decorated = initialSize - alphabet.length - input.specialTokens.length;
    // A lower limitAlphabet only helps when the alphabet holds more than the characters always kept.
    const canLimit = alphabet.length > new Set(input.initialAlphabet).size;
    throw new InvalidOptionError(
      'vocabSize',
      input.vocabSize,
      `at least ${initialSize}, the initial vocabulary: ${input.specialTokens.length} special tokens + ${alphabet.length} alphabet characters` +
        `${decorated > 0 ? ` + ${decorated} prefixed/suffixed characters` : ''}${canLimit ? ' (or a lower limitAlphabet)' : ''}`,
    );
  }
  const merges = mergeLoop(input, words, vocab);
  return { vocab: vocab.tokens, merges, initialSize };
}

class Vocabulary {
  readonly tokens: string[] = [];
  private readonly ids = new Map<string, number>();
  get size(): number {
    return this.tokens.length;
  }
  /** The id of `token`, adding it when new. */
  idOf(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.tokens.length;
      this.tokens.push(token);
      this.ids.set(token, id);
    }
    return id;
  }
}

/** Code points of the alphabet in ascending order. Ties in limitAlphabet: the higher code point goes first. */
function computeAlphabet(input: BpeCoreInput): number[] {
  const freq = new Map<number, number>();
  const { words, counts } = input;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const n = counts[i]!;
    for (let j = 0; j < w.length; j++) {
      const cp = w.codePointAt(j)!;
      if (cp > 0xffff) j++;
      freq.set(cp, (freq.get(cp) ?? 0) + n);
    }
  }
  for (const ch of input.initialAlphabet) freq.set(ch.codePointAt(0)!, Infinity);
  let kept = [...freq.keys()];
  const limit = input.limitAlphabet;
  if (limit !== undefined && kept.length > limit) {
    kept.sort((x, y) => freq.get(x)! - freq.get(y)! || y - x);
    kept = kept.slice(kept.length - limit);
  }
  return kept.sort((x, y) => x - y);
}

interface SymbolWords {
  sym: Int32Array;
  start: Int32Array;
  len: Int32Array;
  counts: Float64Array;
}

/** Position of a character in its word: decides the prefix/suffix decoration. */
const FIRST = 0;
const MIDDLE = 1;
const ONLY = 2;
const LAST = 3;

function symbolize(input: BpeCoreInput, alphabet: Set<number>, vocab: Vocabulary): SymbolWords {
  const prefix = input.continuingSubwordPrefix ?? '';
  const suffix = input.endOfWordSuffix ?? '';
  const decorate = (cp: number, kind: number): string => {
    const c = String.fromCodePoint(cp);
    const p = kind === MIDDLE || kind === LAST ? prefix : '';
    const s = kind === ONLY || kind === LAST ? suffix : '';
    return p + c + s;
  };
  const { words, counts } = input;
  // Pass 1: code points per word, and which decorated characters exist (numbered afterwards, in order).
  let total = 0;
  const cps: number[][] = new Array<number[]>(words.length);
  const decorated = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const list: number[] = [];
    for (let j = 0; j < w.length; j++) {
      const cp = w.codePointAt(j)!;
      if (cp > 0xffff) j++;
      if (alphabet.has(cp)) list.push(cp);
    }
    cps[i] = list;
    total += list.length;
  }
  // Rust decides first/last on the word's characters before dropping those outside the alphabet.
  const firstLast = (i: number, list: number[]): [boolean, boolean] => {
    const w = words[i]!;
    const firstCp = w.codePointAt(0)!;
    const lastCp = w.codePointAt(w.length - 1 - (w.length >= 2 && isLowSurrogate(w.charCodeAt(w.length - 1)) ? 1 : 0))!;
    return [list.length > 0 && list[0] === firstCp, list.length > 0 && list[list.length - 1] === lastCp];
  };
  if (prefix !== '' || suffix !== '') {
    for (let i = 0; i < words.length; i++) {
      const list = cps[i]!;
      const [firstKept, lastKept] = firstLast(i, list);
      for (let j = 0; j < list.length; j++) {
        const kind = kindFor(j, list.length, firstKept, lastKept);
        if (kind !== FIRST) decorated.add(list[j]! * 4 + kind);
      }
    }
    for (const key of [...decorated].sort((x, y) => x - y)) vocab.idOf(decorate(Math.floor(key / 4), key % 4));
  }
  const sym = new Int32Array(total);
  const start = new Int32Array(words.length);
  const len = new Int32Array(words.length);
  const plainIds = new Map<number, number>();
  let o = 0;
  for (let i = 0; i < words.length; i++) {
    const list = cps[i]!;
    start[i] = o;
    len[i] = list.length;
    const [firstKept, lastKept] = prefix !== '' || suffix !== '' ? firstLast(i, list) : [true, true];
    for (let j = 0; j < list.length; j++) {
      const cp = list[j]!;
      const kind = prefix !== '' || suffix !== '' ? kindFor(j, list.length, firstKept, lastKept) : FIRST;
      if (kind === FIRST) {
        let id = plainIds.get(cp);
        if (id === undefined) plainIds.set(cp, (id = vocab.idOf(String.fromCodePoint(cp))));
        sym[o++] = id;
      } else {
        sym[o++] = vocab.idOf(decorate(cp, kind));
      }
    }
    cps[i] = EMPTY;
  }
  return { sym, start, len, counts };
}

const EMPTY: number[] = [];

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Decoration of the j-th kept character of n; firstKept/lastKept say whether the word's own first/last survived. */
function kindFor(j: number, n: number, firstKept: boolean, lastKept: boolean): number {
  const first = j === 0 && firstKept;
  const last = j === n - 1 && lastKept;
  return first ? (last ? ONLY : FIRST) : last ? LAST : MIDDLE;
}

function mergeLoop(input: BpeCoreInput, words: SymbolWords, vocab: Vocabulary): Array<[string, string]> {
  const { sym, start, len, counts } = words;
  const prefix = input.continuingSubwordPrefix;
  const pairs = new PairTable();
  const nmt = input.tieBreak === 'subword-nmt';
  const tokens = vocab.tokens;
  const heap = new PairHeap(
    nmt
      ? (p1, p2) => {
          const c = compareCodePoints(tokens[pairs.left[p1]!]!, tokens[pairs.left[p2]!]!);
          return c !== 0 ? c > 0 : compareCodePoints(tokens[pairs.right[p1]!]!, tokens[pairs.right[p2]!]!) > 0;
        }
      : (p1, p2) => {
          const l1 = pairs.left[p1]!;
          const l2 = pairs.left[p2]!;
          return l1 !== l2 ? l1 < l2 : pairs.right[p1]! < pairs.right[p2]!;
        },
  );
  const maxMerges = input.maxMerges ?? Infinity;
  const nWords = len.length;

  // Words where each pair was (re)created since it was last merged: linked lists in one pool.
  let poolWord = new Int32Array(1 << 16);
  let poolNext = new Int32Array(1 << 16);
  let poolSize = 0;
  let head = new Int32Array(1 << 12).fill(-1);
  let lastWord = new Int32Array(1 << 12).fill(-1);
  const addPosition = (p: number, w: number): void => {
    if (p >= head.length) {
      const n = Math.max(head.length * 2, p + 1);
      head = growFilled(head, n, -1);
      lastWord = growFilled(lastWord, n, -1);
    }
    if (lastWord[p] === w) return;
    lastWord[p] = w;
    if (poolSize === poolWord.length) {
      poolWord = grow(poolWord, poolSize * 2);
      poolNext = grow(poolNext, poolSize * 2);
    }
    poolWord[poolSize] = w;
    poolNext[poolSize] = head[p]!;
    head[p] = poolSize++;
  };

  // Initial pair counts.
  for (let w = 0; w < nWords; w++) {
    const s = start[w]!;
    const e = s + len[w]!;
    const c = counts[w]!;
    for (let i = s; i + 1 < e; i++) {
      const p = pairs.idOf(sym[i]!, sym[i + 1]!);
      pairs.count[p] += c;
      addPosition(p, w);
    }
  }
  for (let p = 0; p < pairs.size; p++) if (pairs.count[p]! > 0) heap.push(pairs.count[p]!, p);

  const mergedPairs: number[] = [];
  let rankOf = new Int32Array(Math.max(16, pairs.size)).fill(-1);
  const wordStamp = new Int32Array(nWords).fill(-1);
  let touched = new Int32Array(1024);
  let touchedStamp = new Int32Array(Math.max(16, pairs.size)).fill(-1);
  let nTouched = 0;
  let iteration = 0;

  const change = (x: number, y: number, delta: number, w: number, c: number): void => {
    const p = pairs.idOf(x, y);
    pairs.count[p] += delta * c;
    if (delta > 0) {
      addPosition(p, w);
      if (p >= touchedStamp.length) touchedStamp = growFilled(touchedStamp, Math.max(touchedStamp.length * 2, p + 1), -1);
      if (touchedStamp[p] !== iteration) {
        touchedStamp[p] = iteration;
        if (nTouched === touched.length) touched = grow(touched, nTouched * 2);
        touched[nTouched++] = p;
      }
    }
  };

  const report = input.onProgress;
  while (vocab.size < input.vocabSize && mergedPairs.length < maxMerges && heap.size > 0) {
    const top = heap.popPair();
    const topCount = heap.poppedCount;
    const current = pairs.count[top]!;
    if (topCount !== current) {
      heap.push(current, top);
      continue;
    }
    if (topCount < 1 || input.minFrequency > topCount) break;

    const a = pairs.left[top]!;
    const b = pairs.right[top]!;
    let right = vocab.tokens[b]!;
    if (prefix !== undefined && right.startsWith(prefix)) right = right.slice(prefix.length);
    const merged = vocab.idOf(vocab.tokens[a]! + right);
    if (top >= rankOf.length) rankOf = growFilled(rankOf, Math.max(rankOf.length * 2, top + 1), -1);
    if (rankOf[top]! >= 0) mergedPairs[rankOf[top]!] = -1; // merged again: Rust keeps the later rank
    rankOf[top] = mergedPairs.length;
    mergedPairs.push(top);

    iteration++;
    nTouched = 0;
    let node = head[top]!;
    head[top] = -1;
    lastWord[top] = -1;
    while (node >= 0) {
      const w = poolWord[node]!;
      node = poolNext[node]!;
      if (wordStamp[w] === iteration) continue;
      wordStamp[w] = iteration;
      const s = start[w]!;
      const n = len[w]!;
      const c = counts[w]!;
      let r = 0;
      let o = 0;
      while (r < n) {
        if (r + 1 < n && sym[s + r] === a && sym[s + r + 1] === b) {
          if (o > 0) {
            const prev = sym[s + o - 1]!;
            change(prev, a, -1, w, c);
            change(prev, merged, 1, w, c);
          }
          if (r + 2 < n) {
            const next = sym[s + r + 2]!;
            change(b, next, -1, w, c);
            change(merged, next, 1, w, c);
          }
          sym[s + o++] = merged;
          r += 2;
        } else {
          sym[s + o++] = sym[s + r++]!;
        }
      }
      len[w] = o;
    }
    if (nmt) pairs.count[top] = 0;
    for (let t = 0; t < nTouched; t++) {
      const p = touched[t]!;
      if (pairs.count[p]! > 0) heap.push(pairs.count[p]!, p);
    }
    if (report && (mergedPairs.length & 1023) === 0) report({ stage: 'merge', done: vocab.size, total: input.vocabSize });
  }
  report?.({ stage: 'merge', done: vocab.size, total: input.vocabSize });

  const merges: Array<[string, string]> = [];
  for (const p of mergedPairs) {
    if (p >= 0) merges.push([vocab.tokens[pairs.left[p]!]!, vocab.tokens[pairs.right[p]!]!]);
  }
  return merges;
}

function grow(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

function growFilled(a: Int32Array, n: number, fill: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n).fill(fill);
  b.set(a);
  return b;
}

/** (left id, right id) → dense pair index, open addressing with linear probing. */
class PairTable {
  left = new Int32Array(1 << 12);
  right = new Int32Array(1 << 12);
  count = new Float64Array(1 << 12);
  size = 0;
  private slots = new Int32Array(1 << 13); // pair index + 1; 0 = empty
  private mask = (1 << 13) - 1;

  idOf(x: number, y: number): number {
    let h = hashPair(x, y) & this.mask;
    for (;;) {
      const slot = this.slots[h]!;
      if (slot === 0) break;
      const p = slot - 1;
      if (this.left[p] === x && this.right[p] === y) return p;
      h = (h + 1) & this.mask;
    }
    const p = this.size++;
    if (p === this.left.length) this.growPairs();
    this.left[p] = x;
    this.right[p] = y;
    this.slots[h] = p + 1;
    if (this.size * 2 > this.mask) this.rehash();
    return p;
  }

  private growPairs(): void {
    const n = this.left.length * 2;
    this.left = grow(this.left, n);
    this.right = grow(this.right, n);
    const c = new Float64Array(n);
    c.set(this.count);
    this.count = c;
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    for (let p = 0; p < this.size; p++) {
      let h = hashPair(this.left[p]!, this.right[p]!) & this.mask;
      while (this.slots[h] !== 0) h = (h + 1) & this.mask;
      this.slots[h] = p + 1;
    }
  }
}

function hashPair(x: number, y: number): number {
  let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Compares strings by code point (as Python does), not by UTF-16 unit. */
export function compareCodePoints(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    let a = x.charCodeAt(i);
    let b = y.charCodeAt(i);
    if (a === b) continue;
    // Surrogates (astral code points) sort after U+E000..U+FFFF.
    if (a >= 0xd800 && a <= 0xdfff) a += 0x10000;
    if (b >= 0xd800 && b <= 0xdfff) b += 0x10000;
    return a - b;
  }
  return x.length - y.length;
}

/** Binary max-heap of (count, pair): higher count first, ties decided by `tieFirst`. */
class PairHeap {
  private counts = new Float64Array(1 << 12);
  private ids = new Int32Array(1 << 12);
  size = 0;
  poppedCount = 0;

  /** `tieFirst(p1, p2)`: whether p1 goes before p2 when their counts are equal. */
  constructor(private readonly tieFirst: (p1: number, p2: number) => boolean) {}

  private above(c1: number, p1: number, c2: number, p2: number): boolean {
    if (c1 !== c2) return c1 > c2;
    return p1 !== p2 && this.tieFirst(p1, p2);
  }

  push(count: number, pair: number): void {
    if (this.size === this.ids.length) {
      const n = this.size * 2;
      const c = new Float64Array(n);
      c.set(this.counts);
      this.counts = c;
      this.ids = grow(this.ids, n);
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(count, pair, this.counts[parent]!, this.ids[parent]!)) break;
      this.counts[i] = this.counts[parent]!;
      this.ids[i] = this.ids[parent]!;
      i = parent;
    }
    this.counts[i] = count;
    this.ids[i] = pair;
  }

  /** Removes the top entry; returns its pair and leaves its count in `poppedCount`. */
  popPair(): number {
    const topPair = this.ids[0]!;
    this.poppedCount = this.counts[0]!;
    const n = --this.size;
    if (n > 0) {
      const c = this.counts[n]!;
      const p = this.ids[n]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const best = r < n && this.above(this.counts[r]!, this.ids[r]!, this.counts[l]!, this.ids[l]!) ? r : l;
        if (!this.above(this.counts[best]!, this.ids[best]!, c, p)) break;
        this.counts[i] = this.counts[best]!;
        this.ids[i] = this.ids[best]!;
        i = best;
      }
      this.counts[i] = c;
      this.ids[i] = p;
    }
    return topPair;
  }
}
