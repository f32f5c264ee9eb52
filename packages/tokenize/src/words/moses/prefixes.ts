/**
 * Moses' nonbreaking prefixes by language, as lookup maps built on first use from the generated
 * lists in `nonbreaking-prefixes.ts` (one map per language, so the cache is bounded).
 */
import type { MosesLang } from '../types.js';
import { NONBREAKING_PREFIXES } from './nonbreaking-prefixes.js';

/** A period after this word never ends a sentence. */
export const ALWAYS = 1;
/** A period after this word does not end a sentence when a number follows. */
export const NUMERIC_ONLY = 2;

const maps = new Map<MosesLang, ReadonlyMap<string, number>>();

/** The prefixes of `lang`, each mapped to ALWAYS or NUMERIC_ONLY. */
export function prefixKinds(lang: MosesLang): ReadonlyMap<string, number> {
  let map = maps.get(lang);
  if (!map) {
    const m = new Map<string, number>();
    for (const p of NONBREAKING_PREFIXES[lang].always) m.set(p, ALWAYS);
    for (const p of NONBREAKING_PREFIXES[lang].numericOnly) m.set(p, NUMERIC_ONLY);
    maps.set(lang, m);
    map = m;
  }
  return map;
}
