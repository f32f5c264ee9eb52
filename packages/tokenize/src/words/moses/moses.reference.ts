/**
 * Moses' `tokenizer.perl -l <lang> -no-escape` the slow, plain way: each line cleaned, every rule
 * applied to it whole. The tests' oracle for the fast tokenizer in `moses.ts`.
 */
import type { MosesLang } from '../types.js';
import { cleanLine, splitRules, wordLoop } from './moses-rules.js';
import { prefixKinds } from './prefixes.js';

/**
 * The tokens tokenizer.perl prints for `text`, line after line ("\n" ends a line, as for Perl).
 * @example mosesReference("Don't stop, Mr. Smith.", 'en') // ['Don', "'t", 'stop', ',', 'Mr.', 'Smith', '.']
 */
export function mosesReference(text: string, lang: MosesLang): string[] {
  const prefixes = prefixKinds(lang);
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const clean = cleanLine(line);
    if (clean !== '') wordLoop(splitRules(clean, lang), prefixes, out);
  }
  return out;
}
