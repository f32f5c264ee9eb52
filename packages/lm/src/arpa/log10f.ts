/**
 * `log10f`: the float32 log10 of glibc's libm (2.36, x86-64), bit for bit, which lmplz uses to write
 * log10 probabilities and backoffs. It is not the correctly rounded log10: `Math.fround(Math.log10(x))`
 * differs from it in the last bit for about 4% of floats, which would change about one ARPA number in
 * 25. glibc computes it as fdlibm's e_log10f.c (k·log10(2) split in two, plus log(m)/ln 10 in float32)
 * over logf from ARM's optimized-routines (MIT / Apache-2.0): a 16-entry table of 1/c and log(c) and a
 * degree-3 polynomial evaluated in float64. The constants below are those of glibc's `__logf_data`.
 * Checked against glibc's log10f on 7 million floats in (2^-32, 1] (test/kenlm-mkn.test.ts checks the
 * ARPA files it produces).
 */

const f32 = Math.fround;
const F = new Float32Array(1);
const U = new Uint32Array(F.buffer);

// __logf_data.tab: 1/c and log(c) for the 16 subintervals of [0x3f330000, 2·0x3f330000) (hex floats 0x1.661ec79f8f3bep+0 … as decimals).
const INVC = new Float64Array([
  1.398907162146528, 1.3403141896637998, 1.286432210124115, 1.2367150214269895, 1.1906977166711752, 1.1479821020556429, 1.1082251448272158, 1.0711297413057381,
  1.036437278977283, 1, 0.9492859795739057, 0.8951049428609004, 0.8476821620351103, 0.8050314851692001, 0.7664671008843108, 0.731428603316328,
]);
const LOGC = new Float64Array([
  -0.33569133332882284, -0.2929040563774074, -0.2518726580937369, -0.21245868807117255, -0.17453945183745634, -0.1380057072319758, -0.10275976698545139, -0.06871392447020525,
  -0.0357891387398228, 0, 0.05204517742929496, 0.11081431298787942, 0.1652495223695143, 0.21687389031699977, 0.2659635028121397, 0.3127556664073557,
]);
const LN2 = 0.6931471805599453;
// __logf_data.poly: log1p(r) ≈ r + A2·r² + A1·r³ + A0·r⁴.
const A0 = -0.25089342214237154;
const A1 = 0.333456765744066;
const A2 = -0.4999997485802103;

// fdlibm e_log10f.c: log10(2) = LOG10_2HI + LOG10_2LO, and 1/ln(10), as float32.
const IVLN10 = f32(4.3429449201e-1);
const LOG10_2HI = f32(3.0102920532e-1);
const LOG10_2LO = f32(7.9034151668e-7);

/** glibc's logf for a positive normal float32 (optimized-routines: table lookup, float64 polynomial). */
function logf(x: number): number {
  F[0] = x;
  const ix = U[0];
  if (ix === 0x3f800000) return 0;
  const tmp = (ix - 0x3f330000) >>> 0;
  const i = (tmp >>> 19) & 15;
  const k = (tmp | 0) >> 23;
  U[0] = (ix - (tmp & 0xff800000)) >>> 0;
  const z = F[0];
  const r = z * INVC[i] - 1;
  const y0 = LOGC[i] + k * LN2;
  const r2 = r * r;
  let y = A1 * r + A2;
  y = A0 * r2 + y;
  y = y * r2 + (y0 + r);
  return f32(y);
}

/** log10 of the float32 `x` as glibc's log10f computes it (float32 result). */
export function log10f(x: number): number {
  x = f32(x);
  if (!(x > 0) || x === Infinity || x < 2 ** -126) {
    // Zero, negatives, NaN, infinity and subnormals: never produced by the estimator; no bit-exactness claimed.
    return f32(Math.log10(x));
  }
  F[0] = x;
  let hx = U[0];
  const k = (hx >>> 23) - 127;
  const i = (k >>> 31) & 1;
  hx = (hx & 0x7fffff) | ((0x7f - i) << 23);
  const y = f32(k + i);
  if (hx === 0x3f800000) return f32(y * LOG10_2HI);
  U[0] = hx;
  const m = F[0];
  const z = f32(f32(y * LOG10_2LO) + f32(IVLN10 * logf(m)));
  return f32(z + f32(y * LOG10_2HI));
}
