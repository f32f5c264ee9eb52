/**
 * Integer ids for tokens and n-grams, so the hot loops count in typed arrays instead of building
 * string keys or hashing into Maps. Code points are their own ids (below 0x110000); every word and
 * every n-gram of order >= 2 gets a fresh id from one counter starting at 0x110000, an n-gram's id
 * being interned from the pair (id of its (n-1)-gram prefix, id of its last item) in an
 * open-addressing hash table. So ids never coincide across orders or kinds, and one count array
 * serves all of them. Ids only have to agree within one segment (a hypothesis and its references),
 * so the tables are cleared between segments once they grow large, which bounds memory.
 */
const FIRST_ID = 0x110000;
const RESET_AT = FIRST_ID + (1 << 14); // small tables stay in cache: measured fastest (2^13–2^15)

export class Interner {
  private words = new Map<string, number>();
  private keysA: Int32Array;
  private keysB: Int32Array;
  private vals: Int32Array;
  private mask: number;
  private size = 0;
  /** One more than the largest id handed out so far. */
  next = FIRST_ID;

  constructor(capacity = 1 << 15) {
    this.keysA = new Int32Array(capacity).fill(-1);
    this.keysB = new Int32Array(capacity);
    this.vals = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Clear the tables if they grew large; call between segments only. */
  maybeReset(): void {
    if (this.next > RESET_AT) {
      this.words.clear();
      this.keysA.fill(-1);
      this.size = 0;
      this.next = FIRST_ID;
    }
  }

  /** Id of a word. */
  word(w: string): number {
    let id = this.words.get(w);
    if (id === undefined) {
      id = this.next++;
      this.words.set(w, id);
    }
    return id;
  }

  /** Id of the sequence (prefix, item). */
  pair(a: number, b: number): number {
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
    h = (h ^ (h >>> 15)) & this.mask;
    const ka = this.keysA;
    const kb = this.keysB;
    for (;;) {
      const k = ka[h];
      if (k === -1) break;
      if (k === a && kb[h] === b) return this.vals[h];
      h = (h + 1) & this.mask;
    }
    const id = this.next++;
    ka[h] = a;
    kb[h] = b;
    this.vals[h] = id;
    if (++this.size * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const oa = this.keysA;
    const ob = this.keysB;
    const ov = this.vals;
    const cap = oa.length * 2;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < oa.length; i++) {
      const a = oa[i];
      if (a === -1) continue;
      const b = ob[i];
      let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
      h = (h ^ (h >>> 15)) & this.mask;
      while (this.keysA[h] !== -1) h = (h + 1) & this.mask;
      this.keysA[h] = a;
      this.keysB[h] = b;
      this.vals[h] = ov[i];
    }
  }
}

/** The ids of all n-grams of orders 1..maxOrder of `items`; order n occupies ids[offsets[n-1] .. offsets[n]). */
export interface NgramIds {
  ids: Int32Array;
  offsets: number[];
}

export function ngramIds(items: ArrayLike<number>, maxOrder: number, interner: Interner): NgramIds {
  const len = items.length;
  let total = 0;
  for (let n = 1; n <= maxOrder; n++) total += Math.max(0, len - n + 1);
  const ids = new Int32Array(total);
  const offsets = [0];
  let prevStart = 0;
  let pos = 0;
  for (let n = 1; n <= maxOrder; n++) {
    const count = len - n + 1;
    if (count <= 0) {
      offsets.push(pos);
      continue;
    }
    const start = pos;
    if (n === 1) {
      for (let i = 0; i < count; i++) ids[pos++] = items[i];
    } else {
      for (let i = 0; i < count; i++) ids[pos++] = interner.pair(ids[prevStart + i], items[i + n - 1]);
    }
    prevStart = start;
    offsets.push(pos);
  }
  return { ids, offsets };
}

/** A count per id, grown on demand; callers reset the ids they touched. */
export class IdCounts {
  counts = new Int32Array(FIRST_ID + (1 << 16));
  ensure(limit: number): void {
    if (limit > this.counts.length) {
      let cap = this.counts.length;
      while (cap < limit) cap *= 2;
      const c = new Int32Array(cap);
      c.set(this.counts);
      this.counts = c;
    }
  }
  /** Zero the counts of the given ids. */
  reset(ids: Int32Array): void {
    const c = this.counts;
    for (let i = 0; i < ids.length; i++) c[ids[i]] = 0;
  }
}

/**
 * Reusable working memory (an interner and three count arrays), so that many small calls
 * (sentence-level scores) do not each allocate megabytes. A caller takes it, and gives it back
 * only after finishing normally (count arrays all zero again); after an exception, or while it is
 * taken, `takeScratch` makes a fresh one.
 */
export interface Scratch {
  interner: Interner;
  a: IdCounts;
  b: IdCounts;
  c: IdCounts;
}
let spare: Scratch | null = null;

export function takeScratch(): Scratch {
  const s = spare ?? { interner: new Interner(), a: new IdCounts(), b: new IdCounts(), c: new IdCounts() };
  spare = null;
  return s;
}

export function giveBackScratch(s: Scratch): void {
  s.interner.maybeReset();
  spare = s;
}
