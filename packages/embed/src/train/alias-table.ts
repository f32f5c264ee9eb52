/**
 * Negative sampling's noise distribution, count^0.75 (word2vec C's unigram table), as a Walker/Vose
 * alias table: one uniform column, one coin, at most two entries read. word2vec C's table has 1e8
 * ints (400 MB) and each draw is a cache miss; this one is 8 bytes a word (560 KB for 70k words)
 * with both fields of a column side by side, so a draw touches one cache line.
 */

export const NOISE_POWER = 0.75;

/**
 * `table[2c]`: the coin threshold of column c as a uint32 (keep c when the coin, a uniform uint32,
 * is below it); `table[2c + 1]`: the column's alias.
 */
export function buildAliasTable(counts: ArrayLike<number>, power = NOISE_POWER): Int32Array {
  const n = counts.length;
  const p = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += p[i] = Math.pow(counts[i]!, power);
  for (let i = 0; i < n; i++) p[i] = (p[i]! * n) / sum;
  const table = new Int32Array(2 * n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    if (p[i]! < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns]!;
    const l = large[nl - 1]!;
    table[2 * s] = toThreshold(p[s]!);
    table[2 * s + 1] = l;
    p[l] = p[l]! + p[s]! - 1;
    if (p[l]! < 1) {
      nl--;
      small[ns++] = l;
    }
  }
  // What is left is 1 up to rounding: always keep the column itself.
  while (nl > 0) {
    const l = large[--nl]!;
    table[2 * l] = -1; // 0xffffffff
    table[2 * l + 1] = l;
  }
  while (ns > 0) {
    const s = small[--ns]!;
    table[2 * s] = -1;
    table[2 * s + 1] = s;
  }
  return table;
}

function toThreshold(p: number): number {
  return Math.min(Math.floor(p * 4294967296), 4294967295) | 0;
}

/**
 * One draw from `table` for a uniform uint32 `r`: its high part picks the column, its low part is the
 * coin (r·n = column·2^32 + coin, exact in a double).
 */
export function aliasDraw(table: Int32Array, n: number, r: number): number {
  const m = (r >>> 0) * n;
  const col = Math.floor(m * 2.3283064365386963e-10);
  const coin = m - col * 4294967296;
  return coin < table[2 * col]! >>> 0 ? col : table[2 * col + 1]!;
}
