/**
 * Integer ids for tokens and n-grams, so the hot loops count in typed arrays instead of building
 * string keys or hashing into Maps. Code points are their own ids (below 0x110000); every word and
 * every n-gram of order >= 2 gets a fresh id from one counter starting at 0x110000, an n-gram's id
 * being interned from the pair (id of its (n-1)-gram prefix, id of its last item) in an
 * open-addressing hash table. So ids never coincide across orders or kinds, and one count array
 * serves all of them. Ids only have to agree within one segment (a hypothesis and its references),
 * so the tables are cleared between segments once they grow large, which bounds memory.
 * References are only looked up (`find`, `findWord`, `knownNgramIds*`), never added: an n-gram
 * the hypothesis lacks cannot match, so it gets id -1, which counting loops and `reset` skip.
 */
const FIRST_ID = 0x110000;
const RESET_AT = FIRST_ID + (1 << 14); // small tables stay in cache: measured fastest (2^13–2^15)

export class Interner {
  private words = new Map<string, number>();
  /**
   * The pair table, one slot per 3 ints [a, b, id] (a = -1: empty). Interleaved rather than three
   * parallel arrays so that a probe touches one cache line instead of three: the lookups here are
   * random accesses into a table larger than L1, and dominate chrF's time.
   */
  private table: Int32Array;
  private mask: number;
  private size = 0;
  /** One more than the largest id handed out so far. */
  next = FIRST_ID;

  constructor(capacity = 1 << 15) {
    this.table = new Int32Array(3 * capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /** Clear the tables if they grew large; call between segments only. */
  maybeReset(): void {
    if (this.next > RESET_AT) {
      this.words.clear();
      this.table.fill(-1);
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

  /** Id of a word if it has one, else -1 (does not add it). */
  findWord(w: string): number {
    return this.words.get(w) ?? -1;
  }

  /** Id of the sequence (prefix, item) if it has one, else -1 (does not add it; prefix -1 gives -1). */
  find(a: number, b: number): number {
    if (a === -1) return -1;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
    h = (h ^ (h >>> 15)) & this.mask;
    const t = this.table;
    for (;;) {
      const k = t[3 * h];
      if (k === -1) return -1;
      if (k === a && t[3 * h + 1] === b) return t[3 * h + 2];
      h = (h + 1) & this.mask;
    }
  }

  /** Id of the sequence (prefix, item). */
  pair(a: number, b: number): number {
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
    h = (h ^ (h >>> 15)) & this.mask;
    const t = this.table;
    for (;;) {
      const k = t[3 * h];
      if (k === -1) break;
      if (k === a && t[3 * h + 1] === b) return t[3 * h + 2];
      h = (h + 1) & this.mask;
    }
    const id = this.next++;
    t[3 * h] = a;
    t[3 * h + 1] = b;
    t[3 * h + 2] = id;
    if (++this.size * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.table;
    const cap = (old.length / 3) * 2;
    const t = new Int32Array(3 * cap).fill(-1);
    this.table = t;
    this.mask = cap - 1;
    for (let i = 0; i < old.length; i += 3) {
      const a = old[i];
      if (a === -1) continue;
      const b = old[i + 1];
      let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
      h = (h ^ (h >>> 15)) & this.mask;
      while (t[3 * h] !== -1) h = (h + 1) & this.mask;
      t[3 * h] = a;
      t[3 * h + 1] = b;
      t[3 * h + 2] = old[i + 2];
    }
  }
}

/** The ids of all n-grams of orders 1..maxOrder of `items`; order n occupies ids[offsets[n-1] .. offsets[n]). */
export interface NgramIds {
  ids: Int32Array;
  offsets: number[];
}

/** `len` (default items.length) lets callers pass a reused, larger buffer of which only a prefix is valid. */
export function ngramIds(items: ArrayLike<number>, maxOrder: number, interner: Interner, len = items.length): NgramIds {
  return allocateNgramIds(items, len, maxOrder, interner, true);
}

/**
 * Like `ngramIds`, but only looks ids up, writing -1 for n-grams that have none: for a reference
 * whose n-grams matter only where they also occur in the (already interned) hypothesis. An n-gram
 * whose (n-1)-gram prefix is unknown is unknown too, so most lookups are skipped, and nothing is
 * added to the tables. Items may be -1 (unknown words). Positions and offsets are as in `ngramIds`.
 */
export function knownNgramIds(items: ArrayLike<number>, maxOrder: number, interner: Interner, len = items.length): NgramIds {
  return allocateNgramIds(items, len, maxOrder, interner, false);
}

/** How many n-grams of orders 1..maxOrder a sequence of `len` items has. */
export function ngramCount(len: number, maxOrder: number): number {
  let total = 0;
  for (let n = 1; n <= maxOrder; n++) total += Math.max(0, len - n + 1);
  return total;
}

/**
 * `ngramIds` writing into `out` from position `pos` (room for ngramCount(len, maxOrder) ids needed),
 * for callers that reuse one buffer across sentences; order n lands in out[offsets[n-1] .. offsets[n])
 * (absolute positions). Returns the end position.
 */
export function ngramIdsInto(
  items: ArrayLike<number>,
  len: number,
  maxOrder: number,
  interner: Interner,
  out: Int32Array,
  pos: number,
  offsets: number[] | Int32Array,
): number {
  return fillNgramIds(items, len, maxOrder, interner, out, pos, offsets, true);
}

/** `knownNgramIds` writing into a reused buffer, as `ngramIdsInto` does. */
export function knownNgramIdsInto(
  items: ArrayLike<number>,
  len: number,
  maxOrder: number,
  interner: Interner,
  out: Int32Array,
  pos: number,
  offsets: number[] | Int32Array,
): number {
  return fillNgramIds(items, len, maxOrder, interner, out, pos, offsets, false);
}

function allocateNgramIds(items: ArrayLike<number>, len: number, maxOrder: number, interner: Interner, insert: boolean): NgramIds {
  const ids = new Int32Array(ngramCount(len, maxOrder));
  const offsets = new Array<number>(maxOrder + 1);
  fillNgramIds(items, len, maxOrder, interner, ids, 0, offsets, insert);
  return { ids, offsets };
}

/**
 * The one n-gram loop: order n's id is the pair (id of its (n-1)-gram prefix, its last item), interned
 * (`insert`) or only looked up. The choice is made per order, outside the inner loop.
 */
function fillNgramIds(
  items: ArrayLike<number>,
  len: number,
  maxOrder: number,
  interner: Interner,
  out: Int32Array,
  pos: number,
  offsets: number[] | Int32Array,
  insert: boolean,
): number {
  offsets[0] = pos;
  let prevStart = pos;
  for (let n = 1; n <= maxOrder; n++) {
    const count = len - n + 1;
    const start = pos;
    if (n === 1) {
      for (let i = 0; i < count; i++) out[pos++] = items[i];
    } else if (insert) {
      for (let i = 0; i < count; i++) out[pos++] = interner.pair(out[prevStart + i], items[i + n - 1]);
    } else {
      for (let i = 0; i < count; i++) out[pos++] = interner.find(out[prevStart + i], items[i + n - 1]);
    }
    prevStart = start;
    offsets[n] = pos;
  }
  return pos;
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
  /** Zero the counts of the given ids (those in ids[from .. to), by default all; -1 entries are skipped). */
  reset(ids: Int32Array, from = 0, to = ids.length): void {
    const c = this.counts;
    for (let i = from; i < to; i++) {
      const id = ids[i];
      if (id >= 0) c[id] = 0;
    }
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
