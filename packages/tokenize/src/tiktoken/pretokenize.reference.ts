/**
 * The readable twin of `pretokenize.kernel.ts`: tiktoken's pre-tokenizer regexes, rewritten for
 * JavaScript. Slow (a match object per piece) but obviously right, so tests use it as the oracle for
 * the hand-written scanners.
 *
 * Two rewrites make JavaScript's regex engine agree with tiktoken's Rust one:
 * - `\s` → `\p{White_Space}` (JavaScript's `\s` also matches U+FEFF and misses U+0085);
 * - `(?i:'s|…)` → explicit case classes (Node 20 has no inline modifiers; `s` also folds to U+017F).
 */

/** The patterns exactly as tiktoken declares them (`pat_str`), keyed by the scanner family. */
export const TIKTOKEN_PATTERNS = {
  r50k: "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
  cl100k:
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
  o200k: [
    "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
    "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
    '\\p{N}{1,3}',
    ' ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*',
    '\\s*[\\r\\n]+',
    '\\s+(?!\\S)',
    '\\s+',
  ].join('|'),
} as const;

export type PatternFamily = keyof typeof TIKTOKEN_PATTERNS;

const CASE_FOLDED: Record<string, string> = {
  s: '[sS\\u017F]',
  t: '[tT]',
  r: '[rR]',
  e: '[eE]',
  v: '[vV]',
  m: '[mM]',
  l: '[lL]',
  d: '[dD]',
};

/** Rewrites a tiktoken pattern into an equivalent JavaScript `RegExp` (flags `gu`). */
export function toJsRegExp(patStr: string): RegExp {
  const source = patStr
    .replace(/\(\?i:([^)]*)\)/g, (_, body: string) => `(?:${body.replace(/[a-z]/g, (ch) => CASE_FOLDED[ch] ?? ch)})`)
    .replace(/\\s/g, '\\p{White_Space}')
    .replace(/\\S/g, '\\P{White_Space}');
  return new RegExp(source, 'gu');
}

/** Splits `text` into pieces with the regex of `family` (the reference behaviour). */
export function pretokenizeReference(text: string, family: PatternFamily): string[] {
  return Array.from(text.matchAll(toJsRegExp(TIKTOKEN_PATTERNS[family])), (m) => m[0]);
}
