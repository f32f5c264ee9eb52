import { UnknownNameError } from '../errors.js';
import { tokenizeChar } from './char.js';
import { tokenizeIntl } from './intl.js';
import { tokenize13a } from './tok13a.js';
import { tokenizeZh } from './zh.js';

export { tercomTokenize, type TercomOptions } from './tercom.js';
export { isChineseChar } from './zh.js';

/** The BLEU tokenizers (sacreBLEU's names; `13a` is the default). */
export const BLEU_TOKENIZERS = ['none', '13a', 'intl', 'zh', 'char'] as const;
export type BleuTokenizerName = (typeof BLEU_TOKENIZERS)[number];

const TOKENIZERS: Record<BleuTokenizerName, (line: string) => string> = {
  none: (line) => line,
  '13a': tokenize13a,
  intl: tokenizeIntl,
  zh: tokenizeZh,
  char: tokenizeChar,
};

/** The tokenizer function for a name; throws UnknownNameError naming the known ones. */
export function getBleuTokenizer(name: string): (line: string) => string {
  if (!Object.hasOwn(TOKENIZERS, name)) throw new UnknownNameError('tokenizer', name, BLEU_TOKENIZERS);
  return TOKENIZERS[name as BleuTokenizerName];
}

/** Tokenize one line as sacreBLEU's BLEU tokenizer `name` does (no rstrip, no lowercasing). */
export function tokenize(name: string, line: string): string {
  return getBleuTokenizer(name)(line);
}
