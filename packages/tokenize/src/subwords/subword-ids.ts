/**
 * fastText's subword ids of a word: row `nwords + fasttextHash(ngram) % bucket` of the input matrix
 * for each of `charNgrams(word)`, in the same order, computed straight from the UTF-8 bytes of `<word>`
 * with one running hash per start (no substring is built). Ids match Debian's `fasttext print-ngrams`.
 */
import { FNV_OFFSET, FNV_PRIME } from './fasttext-hash.js';
import { checkInteger, DEFAULT_BUCKET, EOS, INT32_MAX, ngramRange, type NgramOptions } from './subword-options.js';
import { InvalidOptionError } from '../errors.js';

export interface SubwordIdOptions extends NgramOptions {
  /** Words in the model's vocabulary (fastText `nwords`): n-gram rows come after them. Required. */
  nwords: number;
  /** Hash buckets (fastText `-bucket`, default 2,000,000); 0 is accepted only with `maxn: 0`. */
  bucket?: number;
  /**
   * The word's own id when it is in the vocabulary (0 ≤ wordId < nwords): it comes first, as in
   * fastText's `getSubwords`. Leave it out for an out-of-vocabulary word.
   */
  wordId?: number;
}

const encoder = new TextEncoder();

/**
 * The input-matrix rows fastText sums for `word`: `wordId` (if given), then one id per
 * `charNgrams(word, options)` n-gram, aligned with it. `</s>` has no n-gram ids.
 * @example subwordIds('où', { nwords: 10, bucket: 100, minn: 2, maxn: 3 }) // Uint32Array(5), each in [10, 110)
 */
export function subwordIds(word: string, options: SubwordIdOptions): Uint32Array {
  const { minn, maxn } = ngramRange(options);
  const nwords = checkInteger('nwords', options.nwords, 0, INT32_MAX);
  const bucket = checkInteger('bucket', options.bucket ?? DEFAULT_BUCKET, maxn === 0 ? 0 : 1, INT32_MAX);
  const wordId = options.wordId;
  if (wordId !== undefined && (!Number.isInteger(wordId) || wordId < 0 || wordId >= nwords)) {
    throw new InvalidOptionError('wordId', wordId, `an integer from 0 to nwords - 1 (${nwords - 1})`);
  }
  const head = wordId === undefined ? 0 : 1;
  if (word === EOS || maxn === 0) return head === 0 ? new Uint32Array(0) : Uint32Array.of(wordId as number);

  // `<` + UTF-8 of word (lone surrogates → EF BF BD, as TextEncoder does) + `>`.
  const buf = new Uint8Array(word.length * 3 + 2);
  const { written } = encoder.encodeInto(word, buf.subarray(1));
  const n = written + 2;
  buf[0] = 0x3c;
  buf[n - 1] = 0x3e;
  let chars = 0;
  for (let i = 0; i < n; i++) if ((buf[i] & 0xc0) !== 0x80) chars++;

  const out = new Uint32Array(head + chars * Math.min(chars, maxn));
  let k = 0;
  if (head === 1) out[k++] = wordId as number;
  for (let i = 0; i < n; i++) {
    if ((buf[i] & 0xc0) === 0x80) continue; // continuation byte: not a character start
    let h = FNV_OFFSET;
    let j = i;
    for (let len = 1; j < n && len <= maxn; len++) {
      // One character: its lead byte, then its continuation bytes; each byte sign-extended (int8).
      h = Math.imul(h ^ ((buf[j++] << 24) >> 24), FNV_PRIME);
      while (j < n && (buf[j] & 0xc0) === 0x80) h = Math.imul(h ^ ((buf[j++] << 24) >> 24), FNV_PRIME);
      if (len >= minn && !(len === 1 && (i === 0 || j === n))) out[k++] = nwords + ((h >>> 0) % bucket);
    }
  }
  return out.slice(0, k);
}
