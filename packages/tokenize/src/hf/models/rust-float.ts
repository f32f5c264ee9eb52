/**
 * The f64 that Rust's serde_json (without its `float_roundtrip` feature, as `tokenizers` builds it)
 * reads for a JSON number. Its fast parser is not correctly rounded: it reads up to 19 significant
 * digits into a u64, converts that to f64 and then multiplies or divides by a power of ten — two
 * roundings — so about one score in thirty lands one ulp away from JSON.parse's value. Unigram
 * scores decide ties, so we reproduce Rust's value. `value` must have been parsed from its shortest
 * decimal spelling (what Rust, Python and JS all write), which String(value) gives back.
 */
const POW10: readonly number[] = Array.from({ length: 309 }, (_, k) => Number(`1e${k}`));
const U64_MAX = (1n << 64n) - 1n;

export function serdeJsonF64(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const text = String(Math.abs(value));
  const [mantissa = '', exponentText] = text.split('e');
  let exponent = exponentText === undefined ? 0 : Number(exponentText);
  const [integerDigits = '', fractionDigits = ''] = mantissa.split('.');
  let significand = 0n;
  let overflowed = false;
  // Digits past u64 are dropped; dropped integer digits still scale the value.
  for (const digit of integerDigits) {
    const next = overflowed ? 0n : significand * 10n + BigInt(digit);
    if (overflowed || next > U64_MAX) {
      overflowed = true;
      exponent += 1;
    } else {
      significand = next;
    }
  }
  for (const digit of fractionDigits) {
    if (overflowed) break;
    const next = significand * 10n + BigInt(digit);
    if (next > U64_MAX) {
      overflowed = true;
    } else {
      significand = next;
      exponent -= 1;
    }
  }
  let result = Number(significand);
  for (;;) {
    const power = POW10[Math.abs(exponent)];
    if (power !== undefined) {
      result = exponent >= 0 ? result * power : result / power;
      break;
    }
    if (result === 0) break;
    result /= 1e308;
    exponent += 308;
  }
  return value < 0 ? -result : result;
}
