/**
 * Text of float32 values as numpy's `repr` writes them (what gensim's `save_word2vec_format` puts in
 * text files): the shortest digits that read back to the same float32, positional for
 * 1e-4 <= |x| < 1e16 ("0.1", "100.0"), scientific otherwise ("1e-05", "1.234e+17").
 */

/** The shortest decimal text that rounds back to the float32 `x` (`x` must already be a float32). */
export function float32Text(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  if (!Number.isFinite(x)) return x !== x ? 'nan' : x > 0 ? 'inf' : '-inf';
  let exp = '';
  for (let p = 1; p <= 9; p++) {
    exp = x.toExponential(p - 1);
    if (Math.fround(Number(exp)) === x) break;
  }
  // exp = "-d.ddde±x"
  const e = exp.indexOf('e');
  const neg = exp[0] === '-';
  const mantissa = exp.slice(neg ? 1 : 0, e).replace('.', '');
  const power = Number(exp.slice(e + 1));
  const sign = neg ? '-' : '';
  const abs = Math.abs(x);
  if (abs < 1e-4 || abs >= 1e16) {
    const frac = mantissa.length > 1 ? `.${mantissa.slice(1)}` : '';
    const ep = Math.abs(power);
    return `${sign}${mantissa[0]}${frac}e${power < 0 ? '-' : '+'}${ep < 10 ? '0' : ''}${ep}`;
  }
  if (power < 0) return `${sign}0.${'0'.repeat(-power - 1)}${mantissa}`;
  if (mantissa.length <= power + 1) return `${sign}${mantissa}${'0'.repeat(power + 1 - mantissa.length)}.0`;
  return `${sign}${mantissa.slice(0, power + 1)}.${mantissa.slice(power + 1)}`;
}
