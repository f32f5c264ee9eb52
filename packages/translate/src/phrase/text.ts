/**
 * Text in and out of the sentence translators: Moses tokenisation, lowercasing and Moses' XML escapes, the
 * preprocessing of the Multi30k `tok/` files (scripts/task1-tokenize.sh, without normalize-punctuation), so
 * that system output and those references tokenise alike; and the way back (Moses detokenisation).
 */
import { detokenize, getWordTokenizer, MOSES_LANGS, type MosesLang, type WordTokenizer } from '@nlpkit/tokenize';
import { InvalidOptionError } from '../errors.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '|': '&#124;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;', '[': '&#91;', ']': '&#93;' };
const ESCAPE_RE = /[&|<>'"[\]]/g;

/** A line → lowercased Moses tokens with Moses' escapes (`l'` → `l&apos;`), as the Multi30k `tok/` files. */
export class Preprocessor {
  private readonly tokenizer: WordTokenizer;
  constructor(readonly lang: MosesLang) {
    if (!(MOSES_LANGS as readonly string[]).includes(lang)) throw new InvalidOptionError('lang', lang, MOSES_LANGS.join(', '));
    this.tokenizer = getWordTokenizer('moses', { lang });
  }

  tokens(line: string): string[] {
    return this.tokenizer.tokenize(line.toLowerCase()).map((t) => t.replace(ESCAPE_RE, (c) => ESCAPES[c]));
  }
}

/** Tokens (escaped, as `Preprocessor` writes them) → text, by Moses' detokenizer. */
export function detokenizeTokens(tokens: readonly string[], lang: MosesLang): string {
  return detokenize(tokens, 'moses', { lang });
}

/** Splits a pre-tokenised line on spaces and tabs (empty fields dropped). */
export function splitTokens(line: string): string[] {
  const out: string[] = [];
  for (const t of line.split(/[ \t]+/)) if (t !== '') out.push(t);
  return out;
}
