/**
 * A segment's alphabet: the distinct items (code points, or word ids) of its hypothesis numbered
 * 0, 1, 2, … in order of first appearance. Such small dense ids let the metrics number unigrams and
 * (for small alphabets) bigrams directly, as c and A + c1 * A + c2, instead of hashing them: about a
 * third of the n-gram table operations of BLEU and chrF. Generation-stamped, so starting a new
 * alphabet clears nothing.
 */
export class Alphabet {
  /** Per item x: [stamp, id] at 2x, 2x + 1 (one cache line per lookup instead of two arrays). */
  private slots = new Int32Array(0);
  private gen = 0;

  /**
   * Start a new alphabet from items[from .. from + len) (each in 0 .. limit), writing the id of each
   * into out[0 .. len); returns the alphabet's size.
   */
  build(items: Int32Array, from: number, len: number, limit: number, out: Int32Array): number {
    if (this.slots.length < 2 * limit || this.gen === 0x7fffffff) {
      this.slots = new Int32Array(Math.max(2 * limit, 2 * this.slots.length));
      this.gen = 0;
    }
    const g = ++this.gen;
    const slots = this.slots;
    let size = 0;
    for (let i = 0; i < len; i++) {
      const x = 2 * items[from + i];
      if (slots[x] !== g) {
        slots[x] = g;
        slots[x + 1] = size++;
      }
      out[i] = slots[x + 1];
    }
    return size;
  }

  /** The ids of items[from .. from + len) in the current alphabet into out[0 .. len), -1 where absent. */
  map(items: Int32Array, from: number, len: number, out: Int32Array): void {
    const slots = this.slots;
    const g = this.gen;
    const limit = slots.length;
    for (let i = 0; i < len; i++) {
      const x = 2 * items[from + i];
      out[i] = x < limit && slots[x] === g ? slots[x + 1] : -1;
    }
  }
}

/** Direct bigram ids (A + A^2 of them, zeroed per segment) for alphabets of at most this size. */
export const DIRECT_ALPHABET = 64;
