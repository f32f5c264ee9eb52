/** NLTK's `pad_both_ends` and `ngrams`/`everygrams` over strings, for evaluation text and tests. */
import { BOS, EOS } from './vocabulary.js';

/** `sentence` with order-1 `<s>` before and `</s>` after (NLTK's `pad_both_ends(sentence, n=order)`). */
export function padSentence(sentence: readonly string[], order: number): string[] {
  const pads = order - 1;
  const out: string[] = [];
  for (let i = 0; i < pads; i++) out.push(BOS);
  out.push(...sentence);
  for (let i = 0; i < pads; i++) out.push(EOS);
  return out;
}

/** The order-n n-grams of the padded sentence (NLTK's `ngrams(pad_both_ends(s, n), n)`). */
export function* paddedNgrams(sentence: readonly string[], order: number): Generator<string[]> {
  const p = padSentence(sentence, order);
  for (let i = 0; i + order <= p.length; i++) yield p.slice(i, i + order);
}
