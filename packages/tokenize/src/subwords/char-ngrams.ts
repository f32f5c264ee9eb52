/**
 * fastText's character n-grams of a word (`Dictionary::computeSubwords`): every run of minn..maxn
 * characters of `<word>`, by start then length, leaving out the lone `<` and `>` (but keeping the
 * whole `<word>` when it is short enough). A character is a code point (fastText: a UTF-8 sequence).
 */
import { EOS, ngramRange, type NgramOptions } from './subword-options.js';

/**
 * The n-grams fastText sums with a word's own vector, in fastText's order (`fasttext print-ngrams`,
 * less the word itself). `</s>` has none; lone surrogates count as U+FFFD, as in the UTF-8 fastText sees.
 * @example charNgrams('où', { minn: 2, maxn: 3 }) // ['<o', '<ou', 'ou', 'ou>', 'u>']
 */
export function charNgrams(word: string, options?: NgramOptions): string[] {
  const { minn, maxn } = ngramRange(options);
  const out: string[] = [];
  if (word === EOS || maxn === 0) return out;
  const w = `<${word.toWellFormed()}>`;
  // starts[k] = UTF-16 index of the k-th code point; starts[count] = w.length.
  const starts = new Uint32Array(w.length + 1);
  let count = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c & 0xfc00) !== 0xdc00) starts[count++] = i; // a low surrogate continues its pair
  }
  starts[count] = w.length;
  for (let i = 0; i < count; i++) {
    const last = Math.min(count - i, maxn);
    for (let n = Math.max(minn, 1); n <= last; n++) {
      if (n === 1 && (i === 0 || i === count - 1)) continue;
      out.push(w.slice(starts[i], starts[i + n]));
    }
  }
  return out;
}
