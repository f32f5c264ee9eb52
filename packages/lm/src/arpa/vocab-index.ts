/**
 * `VocabIndex`: word → id in typed arrays, looked up from a *range of a line* without cutting the word
 * out: the reader and the query loop hash each word's UTF-16 code units while scanning the line and
 * confirm with `startsWith`. Splitting lines into substrings and hashing them in a `Map` cost several
 * times more (most of an ARPA load). Ids are dense, in insertion order.
 */

const EMPTY = -1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the code units of `s[start..end)`. */
export function hashRange(s: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

export class VocabIndex {
  readonly words: string[] = [];
  private slots = new Int32Array(1024).fill(EMPTY);
  private hashes = new Uint32Array(512);

  get size(): number {
    return this.words.length;
  }

  /** The id of `s[start..end)` whose hash is `hash` (from `hashRange`), or -1. */
  findRange(s: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let h = hash & mask; ; h = (h + 1) & mask) {
      const id = this.slots[h];
      if (id === EMPTY) return -1;
      if (this.hashes[id] === hash) {
        const w = this.words[id];
        if (w.length === len && s.startsWith(w, start)) return id;
      }
    }
  }

  /** The id of `word`, or -1. */
  find(word: string): number {
    return this.findRange(word, 0, word.length, hashRange(word, 0, word.length));
  }

  /** Adds `word` (not yet present) with the next id; returns it. */
  add(word: string): number {
    const id = this.words.length;
    if ((id + 1) * 2 > this.slots.length) this.grow();
    if (id >= this.hashes.length) {
      const h = new Uint32Array(this.hashes.length * 2);
      h.set(this.hashes);
      this.hashes = h;
    }
    const hash = hashRange(word, 0, word.length);
    this.words.push(word);
    this.hashes[id] = hash;
    this.place(id, hash);
    return id;
  }

  private place(id: number, hash: number): void {
    const mask = this.slots.length - 1;
    let h = hash & mask;
    while (this.slots[h] !== EMPTY) h = (h + 1) & mask;
    this.slots[h] = id;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    for (let id = 0; id < this.words.length; id++) this.place(id, this.hashes[id]);
  }
}

export const FNV = { offset: FNV_OFFSET, prime: FNV_PRIME } as const;

/**
 * Word → id over UTF-8 bytes (the ARPA reader's n-gram lines are never decoded to strings): FNV-1a over
 * the bytes, open addressing, confirmed by comparing bytes. Built once from the unigrams. Each slot
 * holds the id, the hash and where the word's bytes are (4 Int32s, one cache line), so a lookup costs
 * the slot line and the word's bytes, not also separate hash and offset arrays (`lm query` looks up
 * every token).
 */
export class ByteVocab {
  private readonly bytes: Uint8Array;
  /** Per slot: id (-1 = empty), hash, byte offset, byte length. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(words: readonly string[]) {
    const n = words.length;
    this.bytes = Buffer.from(words.join(''), 'utf8');
    let size = 2;
    while (size < n * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 4);
    for (let h = 0; h < size; h++) this.slots[4 * h] = EMPTY;
    for (let id = 0, at = 0; id < n; id++) {
      const len = Buffer.byteLength(words[id], 'utf8');
      const hash = hashBytes(this.bytes, at, at + len) | 0;
      let h = hash & this.mask;
      while (this.slots[4 * h] !== EMPTY) h = (h + 1) & this.mask;
      this.slots[4 * h] = id;
      this.slots[4 * h + 1] = hash;
      this.slots[4 * h + 2] = at;
      this.slots[4 * h + 3] = len;
      at += len;
    }
  }

  /** The id of the word `b[start..end)` whose FNV-1a hash is `hash`, or -1. */
  find(b: Uint8Array, start: number, end: number, hash: number): number {
    const { slots, bytes, mask } = this;
    const len = end - start;
    const want = hash | 0;
    for (let h = want & mask; ; h = (h + 1) & mask) {
      const id = slots[4 * h];
      if (id === EMPTY) return -1;
      if (slots[4 * h + 1] === want && slots[4 * h + 3] === len) {
        const at = slots[4 * h + 2];
        let k = 0;
        while (k < len && bytes[at + k] === b[start + k]) k++;
        if (k === len) return id;
      }
    }
  }
}

/** FNV-1a over `b[start..end)`. */
export function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], FNV_PRIME);
  return h >>> 0;
}
