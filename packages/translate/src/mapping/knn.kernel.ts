/**
 * The hot loop of word translation: dot products of many query rows with many base rows, consumed as they are
 * produced (top-k lists, CSLS means, a full matrix). One micro-kernel, `tile`, computes a 4 × BLOCK tile of
 * dot products: 4 query rows × 2 base rows at a time (8 accumulators: 6 loads per 8 multiply-adds), base rows
 * in blocks that stay in cache. Each query keeps a k-slot sorted list behind a threshold test, so nothing is
 * sorted but the k winners.
 *
 * The tile runs in WebAssembly SIMD (`dot-tile.wat`: the same 4 × 2 blocking on f32x4 lanes) when the dimension
 * is a multiple of 4, else in JavaScript (the fallback and the reference; `NLPKIT_NO_WASM=1` forces it).
 * @nlpkit/embed's `dot.kernel.ts` has a similar JavaScript loop but exports no kernel, so this one is separate.
 *
 * Performance notes (d = 300, 5,000 × 5,000, Node 20, x64, a 2-core box at load ~10, bench/mapping-timing.ts):
 * the SIMD tile 4.1–4.7 G multiply-adds/s against 0.40–0.46 for the JavaScript tile (~10×); the JavaScript 4 × 2
 * blocking itself runs ~1.8× a 4 × 1 version and ~3.5× one dot product at a time. CSLS needs one full
 * n_src × n_tgt pass for both penalties.
 */

import { growMemory, hasWebAssembly, WebAssembly, type WasmMemory } from '@nlpkit/kit/wasm';
import { DOT_TILE_WASM } from './dot-tile.wasm.js';

export interface TopKResult {
  readonly k: number;
  /** m × k base-row indices, best first (-1 when the base has fewer rows than k). */
  readonly index: Int32Array;
  /** m × k scores, best first. */
  readonly score: Float32Array;
}

export interface TopKOptions {
  /** Multiplies the dot product (2 for CSLS). Default 1. */
  scale?: number;
  /** Subtracted per base row (r_S for CSLS). */
  bias?: Float32Array;
  /** Skip base row i for query row i (a space against itself). */
  excludeSelf?: boolean;
  /** Only the first `baseRows` base rows are candidates. */
  baseRows?: number;
}

const BLOCK = 256;

/**
 * `tileOut[r * BLOCK + (j − j0)] = q[i + r] · base[j]` for r < rows (≤ 4) and j0 ≤ j < j1 (j1 − j0 ≤ BLOCK).
 */
function tile(q: Float32Array, i: number, rows: number, base: Float32Array, j0: number, j1: number, d: number, out: Float32Array): void {
  const q0 = i * d;
  const q1 = (i + Math.min(1, rows - 1)) * d;
  const q2 = (i + Math.min(2, rows - 1)) * d;
  const q3 = (i + Math.min(3, rows - 1)) * d;
  for (let j = j0; j < j1; j += 2) {
    const bo = j * d;
    const bp = j + 1 < j1 ? bo + d : bo;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    for (let t = 0; t < d; t++) {
      const v = base[bo + t];
      const w = base[bp + t];
      const a0 = q[q0 + t];
      const a1 = q[q1 + t];
      const a2 = q[q2 + t];
      const a3 = q[q3 + t];
      s0 += a0 * v;
      s1 += a1 * v;
      s2 += a2 * v;
      s3 += a3 * v;
      r0 += a0 * w;
      r1 += a1 * w;
      r2 += a2 * w;
      r3 += a3 * w;
    }
    const o = j - j0;
    out[o] = s0;
    out[BLOCK + o] = s1;
    out[2 * BLOCK + o] = s2;
    out[3 * BLOCK + o] = s3;
    if (j + 1 < j1) {
      out[o + 1] = r0;
      out[BLOCK + o + 1] = r1;
      out[2 * BLOCK + o + 1] = r2;
      out[3 * BLOCK + o + 1] = r3;
    }
  }
}

/** The WebAssembly tile (`dot-tile.wat`) and its memory: [out tile | queries | base], grown on demand. */
interface WasmTile {
  readonly memory: WasmMemory<ArrayBuffer>;
  readonly tile: (q0: number, q1: number, q2: number, q3: number, b: number, cnt: number, d4: number, out: number, block4: number) => void;
}
let wasmTile: WasmTile | null | undefined;

/** Instantiated on first use; null where WebAssembly SIMD is missing (the JavaScript tile then serves). */
function getWasmTile(): WasmTile | null {
  if (wasmTile !== undefined) return wasmTile;
  wasmTile = null;
  if (process.env.NLPKIT_NO_WASM === '1' || !hasWebAssembly) return wasmTile;
  try {
    const bytes = Buffer.from(DOT_TILE_WASM, 'base64');
    if (!WebAssembly.validate(bytes)) return wasmTile;
    wasmTile = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as WasmTile;
  } catch {
    wasmTile = null;
  }
  return wasmTile;
}

/** Scan with the WebAssembly tile; false (nothing visited) when it cannot serve this shape. */
function scanWasm(
  q: Float32Array,
  base: Float32Array,
  d: number,
  n: number,
  visit: (i: number, j0: number, j1: number, tileOut: Float32Array, r: number) => void,
): boolean {
  if (d % 4 !== 0) return false;
  const w = getWasmTile();
  if (w === null) return false;
  const m = q.length / d;
  const outBytes = 4 * BLOCK * 4;
  const need = outBytes + (q.length + n * d) * 4;
  if (need > 2 ** 31) return false;
  growMemory(w.memory, need);
  const heap = new Float32Array(w.memory.buffer);
  const qOff = outBytes;
  const bOff = qOff + q.length * 4;
  heap.set(q, qOff / 4);
  heap.set(base.subarray(0, n * d), bOff / 4);
  const out = heap.subarray(0, 4 * BLOCK);
  const d4 = d * 4;
  for (let j0 = 0; j0 < n; j0 += BLOCK) {
    const j1 = Math.min(n, j0 + BLOCK);
    for (let i = 0; i < m; i += 4) {
      const rows = Math.min(4, m - i);
      const a = qOff + i * d4;
      w.tile(a, a + Math.min(1, rows - 1) * d4, a + Math.min(2, rows - 1) * d4, a + Math.min(3, rows - 1) * d4, bOff + j0 * d4, j1 - j0, d4, 0, BLOCK * 4);
      for (let r = 0; r < rows; r++) visit(i + r, j0, j1, out, r * BLOCK);
    }
  }
  return true;
}

/** Visit every (query row, base row, dot) in tile order. */
function scan(
  q: Float32Array,
  base: Float32Array,
  d: number,
  n: number,
  visit: (i: number, j0: number, j1: number, tileOut: Float32Array, r: number) => void,
): void {
  if (scanWasm(q, base, d, n, visit)) return;
  const m = q.length / d;
  const out = new Float32Array(4 * BLOCK);
  for (let j0 = 0; j0 < n; j0 += BLOCK) {
    const j1 = Math.min(n, j0 + BLOCK);
    for (let i = 0; i < m; i += 4) {
      const rows = Math.min(4, m - i);
      tile(q, i, rows, base, j0, j1, d, out);
      for (let r = 0; r < rows; r++) visit(i + r, j0, j1, out, r * BLOCK);
    }
  }
}

/** Sorted-ascending k-slot lists, one per row, in flat typed arrays; slot 0 is the threshold. */
class TopLists {
  readonly score: Float64Array;
  readonly index: Int32Array;
  constructor(
    rows: number,
    readonly k: number,
  ) {
    this.score = new Float64Array(rows * k).fill(-Infinity);
    this.index = new Int32Array(rows * k).fill(-1);
  }
  push(i: number, j: number, s: number): void {
    const k = this.k;
    const o0 = i * k;
    const sc = this.score;
    if (!(s > sc[o0])) return;
    let p = 0;
    while (p + 1 < k && sc[o0 + p + 1] < s) {
      sc[o0 + p] = sc[o0 + p + 1];
      this.index[o0 + p] = this.index[o0 + p + 1];
      p++;
    }
    sc[o0 + p] = s;
    this.index[o0 + p] = j;
  }
  /** Mean of each list (−∞ slots, from a base smaller than k, are skipped). */
  means(): Float32Array {
    const rows = this.score.length / Math.max(this.k, 1);
    const out = new Float32Array(this.k === 0 ? 0 : rows);
    for (let i = 0; i < out.length; i++) {
      let s = 0;
      let c = 0;
      for (let t = 0; t < this.k; t++) {
        const v = this.score[i * this.k + t];
        if (v === -Infinity) continue;
        s += v;
        c++;
      }
      out[i] = c === 0 ? 0 : s / c;
    }
    return out;
  }
}

/** For each query row, the k best `scale · ⟨q, b⟩ − bias[b]` over the base rows, best first. */
export function topKDot(q: Float32Array, base: Float32Array, d: number, k: number, o: TopKOptions = {}): TopKResult {
  const m = q.length / d;
  const n = Math.min(o.baseRows ?? Infinity, base.length / d);
  const kk = Math.max(0, Math.min(k, n));
  const scale = o.scale ?? 1;
  const bias = o.bias;
  const excl = o.excludeSelf === true;
  const lists = new TopLists(m, kk);
  if (kk > 0) {
    scan(q, base, d, n, (i, j0, j1, t, r) => {
      for (let j = j0; j < j1; j++) {
        if (excl && j === i) continue;
        lists.push(i, j, scale * t[r + j - j0] - (bias === undefined ? 0 : bias[j]));
      }
    });
  }
  const index = new Int32Array(m * kk);
  const score = new Float32Array(m * kk);
  for (let i = 0; i < m; i++) {
    for (let r = 0; r < kk; r++) {
      index[i * kk + r] = lists.index[i * kk + kk - 1 - r];
      score[i * kk + r] = lists.score[i * kk + kk - 1 - r];
    }
  }
  return { k: kk, index, score };
}

/** Mean of each query's k best dot products with the base rows: MUSE's `get_nn_avg_dist` (r_S, r_T of CSLS). */
export function meanTopKDot(q: Float32Array, base: Float32Array, d: number, k: number, o: TopKOptions = {}): Float32Array {
  const r = topKDot(q, base, d, k, o);
  const m = q.length / d;
  const out = new Float32Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    let c = 0;
    for (let t = 0; t < r.k; t++) {
      if (r.index[i * r.k + t] < 0) continue;
      s += r.score[i * r.k + t];
      c++;
    }
    out[i] = c === 0 ? 0 : s / c;
  }
  return out;
}

/**
 * Both CSLS penalties from one pass over the n_q × n_b similarity matrix: each row's and each column's mean
 * of its k largest dot products (`rows[i]`: row i of q against the base; `cols[j]`: base row j against q).
 * Half the work of two `meanTopKDot` calls.
 */
export function meanTopKBothWays(q: Float32Array, base: Float32Array, d: number, k: number): { rows: Float32Array; cols: Float32Array } {
  const m = q.length / d;
  const n = base.length / d;
  const rl = new TopLists(m, Math.min(k, n));
  const cl = new TopLists(n, Math.min(k, m));
  scan(q, base, d, n, (i, j0, j1, t, r) => {
    for (let j = j0; j < j1; j++) {
      const s = t[r + j - j0];
      rl.push(i, j, s);
      cl.push(j, i, s);
    }
  });
  return { rows: rl.k === 0 ? new Float32Array(m) : rl.means(), cols: cl.k === 0 ? new Float32Array(n) : cl.means() };
}

/** The full m × n matrix of dot products `a[i] · b[j]` (Float32Array, row-major). */
export function dotMatrix(a: Float32Array, b: Float32Array, d: number): Float32Array {
  const m = a.length / d;
  const n = b.length / d;
  const out = new Float32Array(m * n);
  scan(a, b, d, n, (i, j0, j1, t, r) => out.set(t.subarray(r, r + j1 - j0), i * n + j0));
  return out;
}
