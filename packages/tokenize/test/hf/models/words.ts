/** Test inputs for the models: hand-picked hard words, corpus words, and seeded random strings. */
import fc from 'fast-check';
import { BYTE_TO_CHAR } from '../../../src/hf/byte-level.js';
import { fixtureText } from './rust-reference.js';

export const HARD_WORDS: readonly string[] = [
  '',
  'a',
  'hello',
  'Hello',
  'tokenization',
  'internationalization',
  'the',
  '▁the',
  '▁hello',
  '▁▁▁',
  'café',
  'naïve',
  'Ångström',
  'e\u0301',
  '日本語',
  '中文字符没有空格',
  '서울은',
  'กรุงเทพมหานคร',
  '😀',
  '👩🏽‍💻',
  '🇫🇷',
  '🤖x🤖',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\u0000',
  '\uffff',
  '\u{10ffff}',
  '\n',
  ' ',
  '  ',
  'a'.repeat(300),
  'supercalifragilistic'.repeat(8),
  '😀'.repeat(60),
  'x😀y',
  '[UNK]',
  '<unk>',
  '<0x41>',
  '##ing',
  'ing',
  'über',
  'ÿ',
];

/** Whitespace-separated words of the shared corpus. */
export function corpusWords(): string[] {
  return [...new Set(fixtureText('corpus.txt').split(/\s+/).filter((w) => w.length > 0))];
}

/** Seeded random strings of any code points (astral included), and of ASCII letters. */
export function randomWords(count: number, seed: number): string[] {
  const any = fc.sample(fc.string({ unit: 'binary', maxLength: 12 }), { seed, numRuns: count });
  const letters = fc.sample(fc.stringMatching(/^[a-z]{1,15}$/), { seed: seed + 1, numRuns: count });
  const mixed = fc.sample(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '日', '😀', 'ab', 'the', ' ', '▁'), maxLength: 10 }), { seed: seed + 2, numRuns: count });
  return [...any, ...letters, ...mixed];
}

/** GPT-2's byte-level spelling of " word" (the space becomes Ġ). */
export function byteLevel(word: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(word)) out += BYTE_TO_CHAR[byte];
  return out;
}

/** SentencePiece spelling: spaces become ▁ and one is prepended. */
export function metaspace(word: string): string {
  return `▁${word.replaceAll(' ', '▁')}`;
}
