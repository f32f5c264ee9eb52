/**
 * The starting state of a worker's xorshift32 generator, shared by the word2vec and fastText trainers.
 */

/** Seeds are spread so that workers' xorshift streams start far apart; never 0. */
export function seedFor(seed: number, workerId: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(workerId + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h === 0 ? 0x2545f491 : h;
}
