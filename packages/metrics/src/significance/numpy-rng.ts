/**
 * NumPy's `np.random.default_rng(seed)` (SeedSequence → PCG64) and the two draws sacreBLEU makes
 * with it, ported so that the same seed gives the same resamples, hence the same p-values, means
 * and confidence intervals as sacreBLEU's paired tests:
 *   - `choiceIndices`: `rng.choice(n, size=(rows, n), replace=True)`, i.e. `integers(0, n, dtype=int64)`:
 *     NumPy's Lemire rejection on 32-bit draws (the range fits in 32 bits), each draw one half of a
 *     64-bit PCG64 output (low half first, the high half kept for the next call);
 *   - `boolBits` / `boolMatrix`: `rng.integers(2, size=(rows, n), dtype=bool)`: one 32-bit draw gives
 *     32 booleans, least significant bit first, the bit buffer reset at each call (so the packed
 *     form is just the draws).
 * Sources read: numpy/random/bit_generator.pyx (SeedSequence), src/pcg64/pcg64.{h,c},
 * src/distributions/distributions.c (random_bounded_uint64_fill, buffered_bounded_lemire_uint32,
 * random_bounded_bool_fill). Checked draw for draw against NumPy 1.24 (test/fixtures/numpy-rng.json).
 *
 * PCG64 is a 128-bit LCG (state = state * M + inc) with the XSL-RR output. The 128-bit product is
 * done on eight 16-bit limbs in plain Numbers (every column sum stays below 2^35), not BigInt, so
 * a step costs ~36 multiplications and no allocation: the 3M indices of a WMT17 bootstrap matrix
 * (1000 x 3004) take ~0.2 CPU s on a loaded machine (0.27 s with Math.floor/% for the carries).
 */
import { InvalidOptionError } from '../errors.js';

// SeedSequence constants (bit_generator.pyx).
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

// PCG64's default multiplier 0x2360ed051fc65da44385df649fccf645, as 16-bit limbs, least significant first.
const m0 = 0xf645, m1 = 0x9fcc, m2 = 0xdf64, m3 = 0x4385, m4 = 0x5da4, m5 = 0x1fc6, m6 = 0xed05, m7 = 0x2360;

/** The uint32 words of a non-negative integer, least significant first (NumPy's _coerce_to_uint32_array). */
function entropyWords(seed: number): number[] {
  if (seed === 0) return [0];
  const words: number[] = [];
  let n = seed;
  while (n > 0) {
    words.push(n % 0x1_0000_0000);
    n = Math.floor(n / 0x1_0000_0000);
  }
  return words;
}

/** SeedSequence(entropy).generate_state(nWords32) as uint32 words. */
export function seedSequenceState(entropy: readonly number[], nWords32: number): Uint32Array {
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    value = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    value = Math.imul(value, hashConst) >>> 0;
    return (value ^ (value >>> 16)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> 16)) >>> 0;
  };
  const pool = new Uint32Array(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
  }
  const out = new Uint32Array(nWords32);
  let h = INIT_B;
  for (let i = 0; i < nWords32; i++) {
    let v = (pool[i % POOL_SIZE] ^ h) >>> 0;
    h = Math.imul(h, MULT_B) >>> 0;
    v = Math.imul(v, h) >>> 0;
    out[i] = (v ^ (v >>> 16)) >>> 0;
  }
  return out;
}

/** The 16-bit limbs (least significant first) of a 128-bit number given as uint32 words, least significant first. */
function limbs(words: readonly number[]): number[] {
  const out: number[] = [];
  for (const w of words) out.push(w & 0xffff, w >>> 16);
  return out;
}

/** NumPy's PCG64 bit generator (with its buffered 32-bit output), seeded as `default_rng(seed)`. */
export class Pcg64 {
  /** 128-bit state and increment as 16-bit limbs, least significant first. */
  private readonly s = new Int32Array(8);
  private readonly inc = new Int32Array(8);
  private hasUint32 = false;
  private uinteger = 0;
  /** Output of the last step: low and high 32 bits. */
  private outLo = 0;
  private outHi = 0;

  /**
   * @param seed a non-negative safe integer (NumPy accepts any Python int; larger ones are not
   *   supported here), or null for OS entropy (128 random bits, as NumPy draws them).
   */
  constructor(seed: number | null) {
    let entropy: number[];
    if (seed === null) {
      entropy = Array.from(globalThis.crypto.getRandomValues(new Uint32Array(4)));
    } else {
      if (!Number.isSafeInteger(seed) || seed < 0) {
        throw new InvalidOptionError('seed', seed, 'a non-negative safe integer or null');
      }
      entropy = entropyWords(seed);
    }
    // generate_state(4, uint64): val[0] is the high word of the initial state, val[1] the low one,
    // val[2]/val[3] likewise for the stream (pcg64_set_seed); each uint64 is two little-endian uint32s.
    const w = seedSequenceState(entropy, 8);
    const initState = limbs([w[2], w[3], w[0], w[1]]);
    const initSeq = limbs([w[6], w[7], w[4], w[5]]);
    // inc = (initseq << 1) | 1
    let carry = 1;
    for (let k = 0; k < 8; k++) {
      const v = initSeq[k] * 2 + carry;
      this.inc[k] = v & 0xffff;
      carry = v >>> 16;
    }
    this.step();
    carry = 0;
    for (let k = 0; k < 8; k++) {
      const v = this.s[k] + initState[k] + carry;
      this.s[k] = v & 0xffff;
      carry = v >>> 16;
    }
    this.step();
  }

  /** state = state * M + inc (mod 2^128); `& 0xffff` and `(t / 65536) | 0` are exact for 0 <= t < 2^35. */
  private step(): void {
    const s = this.s;
    const inc = this.inc;
    const s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3], s4 = s[4], s5 = s[5], s6 = s[6], s7 = s[7];
    let t = s0 * m0 + inc[0];
    s[0] = t & 0xffff;
    t = ((t / 65536) | 0) + s0 * m1 + s1 * m0 + inc[1];
    s[1] = t & 0xffff;
    t = ((t / 65536) | 0) + s0 * m2 + s1 * m1 + s2 * m0 + inc[2];
    s[2] = t & 0xffff;
    t = ((t / 65536) | 0) + s0 * m3 + s1 * m2 + s2 * m1 + s3 * m0 + inc[3];
    s[3] = t & 0xffff;
    t = ((t / 65536) | 0) + s0 * m4 + s1 * m3 + s2 * m2 + s3 * m1 + s4 * m0 + inc[4];
    s[4] = t & 0xffff;
    t = ((t / 65536) | 0) + s0 * m5 + s1 * m4 + s2 * m3 + s3 * m2 + s4 * m1 + s5 * m0 + inc[5];
    s[5] = t & 0xffff;
    t = ((t / 65536) | 0) + s0 * m6 + s1 * m5 + s2 * m4 + s3 * m3 + s4 * m2 + s5 * m1 + s6 * m0 + inc[6];
    s[6] = t & 0xffff;
    t = ((t / 65536) | 0) + s0 * m7 + s1 * m6 + s2 * m5 + s3 * m4 + s4 * m3 + s5 * m2 + s6 * m1 + s7 * m0 + inc[7];
    s[7] = t & 0xffff;
  }

  /** One 64-bit output (pcg64_random_r: step, then XSL-RR of the new state) into outLo/outHi. */
  private next64(): void {
    this.step();
    const s = this.s;
    const lo = (s[0] + s[1] * 65536) ^ (s[4] + s[5] * 65536); // xor of the low and high 64-bit halves
    const hi = (s[2] + s[3] * 65536) ^ (s[6] + s[7] * 65536);
    const rot = s[7] >>> 10; // state >> 122
    if (rot === 0) {
      this.outLo = lo >>> 0;
      this.outHi = hi >>> 0;
    } else if (rot < 32) {
      this.outLo = ((lo >>> rot) | (hi << (32 - rot))) >>> 0;
      this.outHi = ((hi >>> rot) | (lo << (32 - rot))) >>> 0;
    } else if (rot === 32) {
      this.outLo = hi >>> 0;
      this.outHi = lo >>> 0;
    } else {
      const r = rot - 32;
      this.outLo = ((hi >>> r) | (lo << (32 - r))) >>> 0;
      this.outHi = ((lo >>> r) | (hi << (32 - r))) >>> 0;
    }
  }

  /** A raw 64-bit draw as [high, low] uint32 (for tests). */
  nextUint64Parts(): [hi: number, lo: number] {
    this.next64();
    return [this.outHi, this.outLo];
  }

  /** pcg64_next32: the low half of a fresh 64-bit draw, or the high half buffered by the previous call. */
  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    this.next64();
    this.hasUint32 = true;
    this.uinteger = this.outHi;
    return this.outLo;
  }
}

/** Lemire's bounded draw in [0, rngExcl) from 32-bit draws (buffered_bounded_lemire_uint32, rng = rngExcl - 1). */
function lemire32(g: Pcg64, rngExcl: number, threshold: number): number {
  // m = draw * rngExcl as a 64-bit product; we need its high 32 bits and its low 32 bits (leftover).
  let x = g.nextUint32();
  let leftover = Math.imul(x, rngExcl) >>> 0;
  if (leftover < rngExcl) {
    while (leftover < threshold) {
      x = g.nextUint32();
      leftover = Math.imul(x, rngExcl) >>> 0;
    }
  }
  // high 32 bits of x * rngExcl (< 2^64, too wide for a double): split x into 16-bit halves
  const a = (x & 0xffff) * rngExcl; // < 2^48
  const b = (x >>> 16) * rngExcl; // < 2^48
  return Math.floor((b + Math.floor(a / 65536)) / 65536);
}

/**
 * `rng.integers(0, n, size=count, dtype=int64)` for 1 <= n <= 2^32 (random_bounded_uint64_fill with a
 * range that fits in 32 bits): Lemire's method keeps the high 32 bits of draw × n.
 */
export function boundedIntegers(g: Pcg64, n: number, count: number): Float64Array {
  return fill(g, n, new Float64Array(count));
}

function fill<T extends Float64Array | Int32Array>(g: Pcg64, n: number, out: T): T {
  if (!Number.isInteger(n) || n < 1 || n > 0x1_0000_0000) throw new InvalidOptionError('n', n, 'an integer in [1, 2^32]');
  if (n === 1) return out; // rng = 0: NumPy fills with the offset and draws nothing
  if (n === 0x1_0000_0000) {
    for (let i = 0; i < out.length; i++) out[i] = g.nextUint32(); // rng = 0xFFFFFFFF: raw draws
    return out;
  }
  const threshold = (0x1_0000_0000 - n) % n; // (UINT32_MAX - rng) % rngExcl
  for (let i = 0; i < out.length; i++) out[i] = lemire32(g, n, threshold);
  return out;
}

/** `rng.choice(n, size=(rows, n), replace=True)`: a rows × n matrix of indices in [0, n), row-major. */
export function choiceIndices(g: Pcg64, n: number, rows: number): Int32Array {
  if (n > 0x7fffffff) throw new InvalidOptionError('n', n, 'at most 2^31 - 1 segments');
  return fill(g, n, new Int32Array(rows * n));
}

/**
 * `rng.integers(2, size=count, dtype=bool)` packed: boolean k is bit k % 32 of word k >> 5, because
 * NumPy's buffered_bounded_bool takes one 32-bit draw per 32 booleans, least significant bit first.
 * One zero word of padding at the end lets readers take 8 bits at any offset.
 */
export function boolBits(g: Pcg64, count: number): Uint32Array {
  const words = Math.ceil(count / 32);
  const out = new Uint32Array(words + 1);
  for (let i = 0; i < words; i++) out[i] = g.nextUint32();
  return out;
}

/** `rng.integers(2, size=(rows, n), dtype=bool)` as 0/1 bytes, row-major. */
export function boolMatrix(g: Pcg64, rows: number, n: number): Uint8Array {
  const bits = boolBits(g, rows * n);
  const out = new Uint8Array(rows * n);
  for (let i = 0; i < out.length; i++) out[i] = (bits[i >>> 5] >>> (i & 31)) & 1;
  return out;
}
