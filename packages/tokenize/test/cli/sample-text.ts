/**
 * Input text for the CLI tests: real sentences (Multi30K validation lines in four languages, from the
 * shared data beside the repository, ../shared/data) plus lines chosen to stress tokenizers and line handling (CR, tabs, emoji,
 * combining marks, long digit runs, runs of spaces). Kept small so the suite stays fast.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SHARED_DATA } from '../tiktoken/samples.js';

const DATA = join(SHARED_DATA, 'multi30k', 'raw');

/** The first `n` lines of Multi30K val in `lang`. */
export function multi30kLines(lang: 'en' | 'de' | 'fr' | 'cs', n: number): string[] {
  return gunzipSync(readFileSync(`${DATA}/val.${lang}.gz`)).toString('utf8').split('\n').slice(0, n);
}

export const TRICKY_LINES: readonly string[] = [
  '',
  ' ',
  'hello world',
  '  leading and trailing spaces  ',
  'tabs\tand\t\ttabs',
  'windows line ending\r',
  'naïve café, Ünïcödé — “quotes” and ‘apostrophes’',
  'e\u0301 combining, 🇫🇷 flag, 👩‍👩‍👧 family, 😀',
  '中文文本，日本語のテキスト、한국어 텍스트',
  '1234567890 3.14159 1,000,000',
  "it's they'll I'M we'VE",
  'x'.repeat(300),
  ' '.repeat(40) + 'indented',
  '!!!???...,,,;;;',
];

/** Everything above, for tests that want a mix. */
export function sampleLines(): string[] {
  return [...multi30kLines('en', 40), ...multi30kLines('de', 20), ...multi30kLines('fr', 20), ...multi30kLines('cs', 20), ...TRICKY_LINES];
}
