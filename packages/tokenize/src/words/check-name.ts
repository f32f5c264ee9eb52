/**
 * Name checks for options given as strings (a Moses language, a word style), shared by the library
 * and the `tok` CLI. Imports only `../errors` and the name lists, so checking a name never loads a
 * tokenizer's tables.
 */
import { UnknownNameError } from '../errors.js';
import { MOSES_LANGS, type MosesLang } from './types.js';

/**
 * `value` if it is one of `known`, else `UnknownNameError(kind, value, known)`.
 * @example checkName('word style', 'moses', WORD_STYLES) // 'moses'
 */
export function checkName<T extends string>(kind: string, value: string, known: readonly T[]): T {
  const found = known.find((k) => k === value);
  if (found === undefined) throw new UnknownNameError(kind, value, known);
  return found;
}

/** `lang` if it is a Moses language, else `UnknownNameError`. */
export function checkMosesLang(lang: string): MosesLang {
  return checkName('Moses language', lang, MOSES_LANGS);
}
