/**
 * The open-addressing layout shared by the word tables and line caches of both the string and the byte
 * paths: 4 int32 per slot, the hash in field 0, linear probing, one field that is EMPTY in a free slot.
 */

/** A free slot's marker in its flag field. */
export const EMPTY = -1;

/**
 * The entries of `old` rehashed into twice as many slots (`flag`: the field that is EMPTY in a free slot).
 * The new mask is `result.length / 4 - 1`.
 */
export function doubledSlots(old: Int32Array, flag: number): Int32Array<ArrayBuffer> {
  const cap = old.length / 2; // twice the old number of slots
  const slots = new Int32Array(4 * cap).fill(EMPTY);
  const mask = cap - 1;
  for (let i = 0; i < old.length; i += 4) {
    if (old[i + flag] === EMPTY) continue;
    let s = old[i] & mask;
    while (slots[4 * s + flag] !== EMPTY) s = (s + 1) & mask;
    for (let j = 0; j < 4; j++) slots[4 * s + j] = old[i + j]; // (a subarray per entry cost 50 ms on the bench)
  }
  return slots;
}
