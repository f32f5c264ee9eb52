/**
 * A tokenised corpus as word ids in one flat Int32Array (`ids`) with sentence offsets, over a growing
 * `WordVocabulary`: the form the aligner and the phrase extractor read, so their loops never touch strings.
 */

/** Word ↔ id. Id 0 is reserved for NULL (the empty word IBM models align to). */
export class WordVocabulary {
  readonly words: string[] = ['<null>'];
  private readonly ids = new Map<string, number>();

  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
    }
    return id;
  }

  find(word: string): number | undefined {
    return this.ids.get(word);
  }

  get size(): number {
    return this.words.length;
  }
}

export class IdCorpus {
  /** Sentence k is `ids.subarray(offsets[k], offsets[k + 1])`. */
  readonly ids: Int32Array;
  readonly offsets: Int32Array;

  constructor(
    sentences: readonly (readonly string[])[],
    readonly vocab: WordVocabulary,
  ) {
    let total = 0;
    for (const s of sentences) total += s.length;
    this.ids = new Int32Array(total);
    this.offsets = new Int32Array(sentences.length + 1);
    let p = 0;
    for (let k = 0; k < sentences.length; k++) {
      for (const w of sentences[k]) this.ids[p++] = vocab.id(w);
      this.offsets[k + 1] = p;
    }
  }

  get length(): number {
    return this.offsets.length - 1;
  }
}

/**
 * Dense ids for (f, e) word-id pairs: open addressing over Int32Arrays (linear probing, load ≤ 1/2), because a
 * Map keyed by f · 2^26 + e hashes heap numbers and was measured 2× slower on the aligner's pair index.
 */
export class PairIndex {
  private keysF = new Int32Array(1 << 12).fill(-1);
  private keysE = new Int32Array(1 << 12);
  private ids = new Int32Array(1 << 12);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The pair's id, −1 when it has none. */
  find(f: number, e: number): number {
    const mask = this.keysF.length - 1;
    for (let h = hashPair(f, e) & mask; ; h = (h + 1) & mask) {
      const k = this.keysF[h];
      if (k === -1) return -1;
      if (k === f && this.keysE[h] === e) return this.ids[h];
    }
  }

  /** The pair's id, given the next one (ids count up from 0) when it is new. */
  id(f: number, e: number): number {
    const mask = this.keysF.length - 1;
    let h = hashPair(f, e) & mask;
    for (; ; h = (h + 1) & mask) {
      const k = this.keysF[h];
      if (k === -1) break;
      if (k === f && this.keysE[h] === e) return this.ids[h];
    }
    const id = this.count++;
    this.keysF[h] = f;
    this.keysE[h] = e;
    this.ids[h] = id;
    if (this.count * 2 > this.keysF.length) this.grow();
    return id;
  }

  private grow(): void {
    const [oldF, oldE, oldIds] = [this.keysF, this.keysE, this.ids];
    const size = oldF.length * 2;
    this.keysF = new Int32Array(size).fill(-1);
    this.keysE = new Int32Array(size);
    this.ids = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < oldF.length; i++) {
      if (oldF[i] === -1) continue;
      let h = hashPair(oldF[i], oldE[i]) & mask;
      while (this.keysF[h] !== -1) h = (h + 1) & mask;
      this.keysF[h] = oldF[i];
      this.keysE[h] = oldE[i];
      this.ids[h] = oldIds[i];
    }
  }
}

function hashPair(f: number, e: number): number {
  let h = Math.imul(f, 0x9e3779b1) ^ Math.imul(e + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 13);
}
