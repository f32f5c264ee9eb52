/**
 * fastText's subword rows of a word, straight from its UTF-8 bytes (`Dictionary::computeSubwords` on
 * `<word>`): for each character start, the n-grams of minn..maxn characters (a character is a UTF-8
 * sequence; the lone `<` and `>` are left out), each at row `nwords + hash % bucket` with fastText's
 * signed-char FNV-1a. Works on bytes so that vocabulary words that are not valid UTF-8 hash as fastText
 * hashes them; @nlpkit/tokenize's `subwordIds` gives the same ids for strings (checked in the tests).
 */

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
const EOS_BYTES = [0x3c, 0x2f, 0x73, 0x3e]; // "</s>"

/** True when `bytes` spell `</s>`, which fastText never splits into n-grams. */
export function isEos(bytes: Uint8Array): boolean {
  return bytes.length === 4 && bytes[0] === EOS_BYTES[0] && bytes[1] === EOS_BYTES[1] && bytes[2] === EOS_BYTES[2] && bytes[3] === EOS_BYTES[3];
}

/**
 * Appends the n-gram rows of `word` (its bytes, without `<` `>`) to `out`, in fastText's order. Nothing
 * for `</s>` or when `maxn` is 0.
 */
export function pushSubwordRows(word: Uint8Array, minn: number, maxn: number, bucket: number, nwords: number, out: { push(row: number): void }): void {
  if (maxn === 0 || bucket === 0 || isEos(word)) return;
  const n = word.length + 2;
  const at = (k: number): number => (k === 0 ? 0x3c : k === n - 1 ? 0x3e : word[k - 1]);
  for (let i = 0; i < n; i++) {
    if ((at(i) & 0xc0) === 0x80) continue; // a continuation byte starts no character
    let h = FNV_OFFSET;
    let j = i;
    for (let len = 1; j < n && len <= maxn; len++) {
      h = Math.imul(h ^ ((at(j++) << 24) >> 24), FNV_PRIME);
      while (j < n && (at(j) & 0xc0) === 0x80) h = Math.imul(h ^ ((at(j++) << 24) >> 24), FNV_PRIME);
      if (len >= minn && !(len === 1 && (i === 0 || j === n))) out.push(nwords + ((h >>> 0) % bucket));
    }
  }
}

/** A growable Int32Array (a vocabulary of millions of words has tens of millions of subword rows). */
export class IntList {
  data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
