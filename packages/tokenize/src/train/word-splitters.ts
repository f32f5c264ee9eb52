/**
 * How each training style cuts text into words (pre-tokens) and counts them. Runs in the count
 * workers and on the main thread alike, so it imports nothing that needs the main thread.
 *
 * Byte-level words are counted under a Latin-1 key (one char per UTF-8 byte, straight from the buffer:
 * no decoding, no per-byte mapping in the hot loop); `wordKeyToToken` turns the few unique keys into
 * GPT-2 byte-level strings once counting is over.
 */
import { Buffer } from 'node:buffer';
import { scanR50k } from '../tiktoken/pretokenize.kernel.js';
import { BYTE_TO_CHAR } from '../hf/byte-level.js';
import { NMT_REMOVED_CHARS, NMT_SPACE_CHARS } from './tokenizer-json.js';

/**
 * - `byte-level`: GPT-2's regex (`'s|'t|…| ?\p{L}+|…|\s+`) over UTF-8 bytes, like the ByteLevel pre-tokenizer.
 * - `bert`: BertNormalizer (clean text, CJK spacing, strip accents + lowercase when `lowercase`) then BertPreTokenizer.
 * - `whitespace`: the Whitespace pre-tokenizer, `\w+|[^\w\s]+` (Unicode word characters).
 * - `metaspace`: spaces become `▁`, one `▁` is prepended, words start at each `▁` (SentencePiece layout).
 * - `subword-nmt`: words are the space-separated fields of a line, as subword-nmt's learn_bpe reads them.
 */
export type SplitStyle = 'byte-level' | 'bert' | 'whitespace' | 'metaspace' | 'subword-nmt';

export interface SplitOptions {
  style: SplitStyle;
  /** `bert` only: lowercase and strip accents (default true). */
  lowercase?: boolean;
}

export type WordCountMap = Map<string, number>;

const LF = 0x0a;

/** Counts the words of the UTF-8 `buf[start, end)`, which holds whole lines: each line (with its `\n`) is one sequence. */
export function countLines(buf: Buffer, start: number, end: number, options: SplitOptions, counts: WordCountMap): void {
  let lineStart = start;
  while (lineStart < end) {
    const nl = buf.indexOf(LF, lineStart);
    const lineEnd = nl < 0 || nl >= end ? end : nl + 1;
    if (options.style === 'byte-level') countByteLevel(buf, lineStart, lineEnd, counts);
    else countText(buf.toString('utf8', lineStart, lineEnd), options, counts);
    lineStart = lineEnd;
  }
}

/** Counts the words of one sequence (an item of an iterable corpus). */
export function countSequence(text: string, options: SplitOptions, counts: WordCountMap): void {
  if (options.style === 'byte-level') {
    const buf = Buffer.from(text, 'utf8');
    countByteLevel(buf, 0, buf.length, counts);
  } else {
    countText(text, options, counts);
  }
}

/** Node's undocumented but long-standing fast path behind `toString('latin1', …)`. */
type Latin1Buffer = Buffer & { latin1Slice?: (start: number, end: number) => string };

function countByteLevel(buf: Latin1Buffer, start: number, end: number, counts: WordCountMap): void {
  const fast = typeof buf.latin1Slice === 'function';
  let p = start;
  while (p < end) {
    const q = scanR50k(buf, p, end);
    const key = fast ? buf.latin1Slice!(p, q) : buf.toString('latin1', p, q);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    p = q;
  }
}

// Rust's `\w` (used by the Whitespace pre-tokenizer) is Unicode-aware; JavaScript's is ASCII-only.
const WHITESPACE_WORDS = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]+|[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}\p{White_Space}]+/gu;
// BertPreTokenizer: split on White_Space (removed), isolate ASCII punctuation and Unicode \p{P}.
const BERT_WORDS = /[^\p{White_Space}\p{P}!-/:-@[-`{-~]+|[\p{P}!-/:-@[-`{-~]/gu;
const METASPACE = '\u2581';
const NMT_REMOVE = new RegExp(NMT_REMOVED_CHARS, 'g');
const NMT_SPACE = new RegExp(NMT_SPACE_CHARS, 'g');

function countText(text: string, options: SplitOptions, counts: WordCountMap): void {
  switch (options.style) {
    case 'whitespace':
      return countMatches(text, WHITESPACE_WORDS, counts);
    case 'bert':
      return countMatches(bertNormalize(text, options.lowercase ?? true), BERT_WORDS, counts);
    case 'metaspace':
      return countMetaspace(text, counts);
    case 'subword-nmt':
      for (const word of text.replace(/^[\r\n ]+|[\r\n ]+$/g, '').split(' ')) {
        if (word !== '') counts.set(word, (counts.get(word) ?? 0) + 1);
      }
      return;
    case 'byte-level':
      return countSequence(text, options, counts);
  }
}

function countMatches(text: string, re: RegExp, counts: WordCountMap): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
}

function countMetaspace(text: string, counts: WordCountMap): void {
  // The normalizer written with the model: Nmt (drop some controls, odd spaces → space), NFKC, runs of
  // spaces as one; then leading/trailing spaces go, so a line end does not count as a word of its own.
  const line = text
    .replace(NMT_REMOVE, '')
    .replace(NMT_SPACE, ' ')
    .normalize('NFKC')
    .replace(/ {2,}/g, ' ')
    .replace(/^ | $/g, '');
  if (line === '') return;
  const replaced = METASPACE + line.replaceAll(' ', METASPACE);
  let start = 0;
  for (let i = 1; i <= replaced.length; i++) {
    if (i === replaced.length || replaced.charCodeAt(i) === 0x2581) {
      const word = replaced.slice(start, i);
      counts.set(word, (counts.get(word) ?? 0) + 1);
      start = i;
    }
  }
}

const CONTROL = /[\0\uFFFD]|(?![\t\n\r])\p{C}/gu;
const CJK = /[\u4E00-\u9FFF\u3400-\u4DBF\u{20000}-\u{2A6DF}\u{2A700}-\u{2B73F}\u{2B740}-\u{2B81F}\u{2B920}-\u{2CEAF}\uF900-\uFAFF\u{2F800}-\u{2FA1F}]/gu;

/** BertNormalizer with clean_text and handle_chinese_chars on; strip_accents follows `lowercase`, as in Rust. */
export function bertNormalize(text: string, lowercase: boolean): string {
  let s = text.replace(CONTROL, '').replace(/\p{White_Space}/gu, ' ').replace(CJK, ' $& ');
  if (lowercase) {
    // Rust lowercases char by char: no final-sigma rule, so Σ is always σ.
    s = s.normalize('NFD').replace(/\p{Mn}/gu, '').replaceAll('Σ', 'σ').toLowerCase();
  }
  return s;
}

/** The vocabulary string of a counted word: byte-level keys are Latin-1 bytes, mapped through GPT-2's table. */
export function wordKeyToToken(key: string, style: SplitStyle): string {
  if (style !== 'byte-level') return key;
  let out = '';
  for (let i = 0; i < key.length; i++) out += BYTE_TO_CHAR[key.charCodeAt(i)];
  return out;
}
