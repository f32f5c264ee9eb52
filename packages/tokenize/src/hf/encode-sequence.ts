/**
 * Encoding of one input sequence, step for step as Rust's `encode_single_sequence`: added tokens are
 * cut out (and the rest normalized), the pre-tokenizer splits, the model tokenizes each split (only
 * as many splits as truncation can keep), and tokens get their offsets in the original text and
 * their word index.
 */
import type { AddedVocabulary } from './added-vocabulary.js';
import type { FastByteLevel } from './fast-byte-level.js';
import type { Split } from './pre-tokenized-string.js';
import { codePointIndex } from './encoding.js';
import { constantArray, EncodingBuilder } from './encoding-builder.js';
import type { Model, Normalizer, PreTokenizer } from './stages.js';
import { TokenBuffer } from './token-buffer.js';
import type { Direction } from './encoding-builder.js';

/** The stages one sequence goes through. */
export interface SequenceStages {
  added: AddedVocabulary;
  normalizer: Normalizer | null;
  preTokenizer: PreTokenizer | null;
  model: Model;
  /** The byte-level shortcut for these stages, when there is one (same results, faster). */
  fast?: FastByteLevel | null;
}

/** Stop tokenizing splits once this many tokens exist, from this end (what truncation can keep). */
export interface TokenLimit {
  maxTokens: number;
  direction: Direction;
}

/** 'utf16' / 'codepoint' offsets, or 'none' to skip offsets and token strings (ids only). */
export type OffsetMode = 'utf16' | 'codepoint' | 'none';

/**
 * Optional model hook: the token string Rust reports when it is not `idToToken(id)` (Unigram's
 * unknown token keeps the text it covers).
 */
interface TokenTextHook {
  tokenText(sequence: string, id: number, start: number, end: number): string | undefined;
}

function hasTokenText(model: Model): model is Model & TokenTextHook {
  return typeof (model as Partial<TokenTextHook>).tokenText === 'function';
}

// Scratch space reused by every call: encoding is synchronous and never re-entered.
const scratch = new TokenBuffer(256);
const range = new Int32Array(2);
/** Fast path words: (split index, start, end) triples; start -1 for a split an added token owns. */
let wordScratch: Int32Array = new Int32Array(3 * 1024);
/** Fast path: the word index of each token in `scratch`. */
let tokenWordScratch: Int32Array = new Int32Array(1024);

export function encodeSequence(
  stages: SequenceStages,
  text: string,
  typeId: number,
  limit: TokenLimit | null,
  mode: OffsetMode,
  /** Added to every offset (see PAIR_OFFSET_BIAS). */
  offsetBias = 0,
): EncodingBuilder {
  const { pretokenized, addedSplits } = stages.added.extractAndNormalize(stages.normalizer, text);
  const fast = stages.fast ?? null;
  if (fast !== null && untokenizedAreIdentity(pretokenized.splits)) {
    return encodeFast(fast, stages.model, pretokenized.splits, text, typeId, limit, mode, offsetBias);
  }
  stages.preTokenizer?.preTokenize(pretokenized);
  const splits = pretokenized.splits;
  const n = splits.length;

  // Tokenize into the scratch buffer; split i owns tokens [from[i], to[i]).
  scratch.clear();
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  const { model } = stages;
  const tokenizeSplit = (i: number): boolean => {
    const split = splits[i]!;
    from[i] = scratch.length;
    const own = split.tokens;
    if (own !== null) {
      for (let k = 0; k < own.length; k++) scratch.push(own.ids[k]!, own.starts[k]!, own.ends[k]!);
    } else {
      model.tokenize(split.normalized.normalized, scratch);
    }
    to[i] = scratch.length;
    return own === null;
  };
  const [first, last] = tokenizeWithLimit(n, limit, tokenizeSplit, from, to);

  const count = countTokens(from, to, first, last);
  const out = EncodingBuilder.allocate(count, typeId);
  const withOffsets = mode !== 'none';
  const cp = mode === 'codepoint' ? codePointIndex(text) : null;
  const textHook = hasTokenText(model) ? model : null;
  const ids = scratch.ids;
  const starts = scratch.starts;
  const ends = scratch.ends;
  const outIds = out.ids;
  const outWords = out.words;
  const outStarts = out.starts;
  const outEnds = out.ends;
  // Without a token-text hook, tokens are the model's (or the added token's text): built when read.
  const eagerTokens = withOffsets && textHook !== null ? (out.tokens = new Array<string>(count)) : null;
  const addedAt: number[] = [];
  const addedText: string[] = [];
  let t = 0;
  for (let i = first; i < last; i++) {
    const split = splits[i]!;
    const normalized = split.normalized;
    const addedToken = addedSplits.has(normalized);
    const word = i - first;
    for (let k = from[i]!; k < to[i]!; k++, t++) {
      const id = ids[k]!;
      outIds[t] = id;
      outWords[t] = word;
      if (!withOffsets) {
        outStarts[t] = 0;
        outEnds[t] = 0;
        continue;
      }
      if (eagerTokens !== null) {
        eagerTokens[t] = addedToken ? normalized.normalized : (textHook!.tokenText(normalized.normalized, id, starts[k]!, ends[k]!) ?? '');
      } else if (addedToken) {
        addedAt.push(t);
        addedText.push(normalized.normalized);
      }
      normalized.originalRangeInto(starts[k]!, ends[k]!, range);
      let start = range[0]!;
      let end = range[1]!;
      if (cp) {
        start = cp[start]!;
        end = cp[end]!;
      }
      outStarts[t] = start + offsetBias;
      outEnds[t] = end + offsetBias;
    }
  }
  if (eagerTokens === null) setTokensLazily(out, model, withOffsets, addedAt, addedText);
  return out;
}

/**
 * Tokenizes units 0..n-1 with `tokenize` (which sets from[i], to[i] and says whether the unit was
 * tokenized now rather than by an added token) as far as `limit` needs; returns the [first, last)
 * units kept. Rust's `tokenize_with_limit`: units already tokenized count but never stop it.
 */
function tokenizeWithLimit(
  n: number,
  limit: TokenLimit | null,
  tokenize: (i: number) => boolean,
  from: Int32Array,
  to: Int32Array,
): [number, number] {
  if (limit === null) {
    for (let i = 0; i < n; i++) tokenize(i);
    return [0, n];
  }
  let total = 0;
  if (limit.direction === 'right') {
    let last = 0;
    for (let i = 0; i < n; i++) {
      const fresh = tokenize(i);
      total += to[i]! - from[i]!;
      last = i + 1;
      if (fresh && total >= limit.maxTokens) break;
    }
    return [0, last];
  }
  let first = n;
  for (let i = n - 1; i >= 0; i--) {
    const fresh = tokenize(i);
    total += to[i]! - from[i]!;
    first = i;
    if (fresh && total >= limit.maxTokens) break;
  }
  return [first, n];
}

function untokenizedAreIdentity(splits: readonly Split[]): boolean {
  for (let i = 0; i < splits.length; i++) {
    const s = splits[i]!;
    if (s.tokens === null && !s.normalized.hasIdentityAlignment()) return false;
  }
  return true;
}

/**
 * The byte-level shortcut (see fast-byte-level.ts): the same words, tokens and offsets as running the
 * pre-tokenizer and the model, with each word a (split, start, end) triple instead of a NormalizedString.
 */
function encodeFast(
  fast: FastByteLevel,
  model: Model,
  splits: readonly Split[],
  text: string,
  typeId: number,
  limit: TokenLimit | null,
  mode: OffsetMode,
  offsetBias: number,
): EncodingBuilder {
  if (limit === null) return encodeFastWhole(fast, model, splits, text, typeId, mode, offsetBias);
  let words = wordScratch;
  let w3 = 0;
  const scan = fast.scan;
  for (let i = 0; i < splits.length; i++) {
    const split = splits[i]!;
    if (split.tokens !== null) {
      if (w3 + 3 > words.length) words = wordScratch = growInt32(words);
      words[w3] = i;
      words[w3 + 1] = -1;
      words[w3 + 2] = -1;
      w3 += 3;
      continue;
    }
    const s = split.normalized.normalized;
    for (let p = 0; p < s.length; ) {
      const e = scan(s, p);
      if (w3 + 3 > words.length) words = wordScratch = growInt32(words);
      words[w3] = i;
      words[w3 + 1] = p;
      words[w3 + 2] = e;
      w3 += 3;
      p = e;
    }
  }
  const n = w3 / 3;

  scratch.clear();
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  const tokenizeWord = (w: number): boolean => {
    from[w] = scratch.length;
    const split = splits[words[3 * w]!]!;
    const start = words[3 * w + 1]!;
    const normalized = split.normalized;
    if (start < 0) {
      const own = split.tokens!;
      for (let k = 0; k < own.length; k++) {
        normalized.originalRangeInto(own.starts[k]!, own.ends[k]!, range);
        scratch.push(own.ids[k]!, range[0]!, range[1]!);
      }
    } else {
      fast.tokenizePiece(normalized.normalized, start, words[3 * w + 2]!, normalized.originalShift, scratch);
    }
    to[w] = scratch.length;
    return start >= 0;
  };
  const [first, last] = tokenizeWithLimit(n, limit, tokenizeWord, from, to);

  const count = countTokens(from, to, first, last);
  const out = EncodingBuilder.allocate(count, typeId);
  const withOffsets = mode !== 'none';
  const cp = mode === 'codepoint' ? codePointIndex(text) : null;
  const ids = scratch.ids;
  const starts = scratch.starts;
  const ends = scratch.ends;
  const outIds = out.ids;
  const outWords = out.words;
  const outStarts = out.starts;
  const outEnds = out.ends;
  // Added tokens' strings by token index; the others are the model's, looked up when first read.
  const addedAt: number[] = [];
  const addedText: string[] = [];
  let t = 0;
  for (let w = first; w < last; w++) {
    const word = w - first;
    if (words[3 * w + 1]! < 0 && withOffsets) {
      const content = splits[words[3 * w]!]!.normalized.normalized;
      for (let k = from[w]!; k < to[w]!; k++) {
        addedAt.push(t + k - from[w]!);
        addedText.push(content);
      }
    }
    for (let k = from[w]!; k < to[w]!; k++, t++) {
      outIds[t] = ids[k]!;
      outWords[t] = word;
      if (!withOffsets) {
        outStarts[t] = 0;
        outEnds[t] = 0;
        continue;
      }
      let start = starts[k]!;
      let end = ends[k]!;
      if (cp) {
        start = cp[start]!;
        end = cp[end]!;
      }
      outStarts[t] = start + offsetBias;
      outEnds[t] = end + offsetBias;
    }
  }
  setTokensLazily(out, model, withOffsets, addedAt, addedText);
  return out;
}

/**
 * The tokens of `out` (the model's token of each id, or the added token's text at `addedAt`), built
 * when first read; all '' without offsets (ids only).
 */
function setTokensLazily(out: EncodingBuilder, model: Model, withOffsets: boolean, addedAt: readonly number[], addedText: readonly string[]): void {
  const ids = out.ids;
  const count = ids.length;
  out.setTokensLazily(() => {
    if (!withOffsets) return constantArray(count, '');
    const tokens = new Array<string>(count);
    for (let i = 0; i < count; i++) tokens[i] = model.idToToken(ids[i]!) ?? '';
    for (let i = 0; i < addedAt.length; i++) tokens[addedAt[i]!] = addedText[i]!;
    return tokens;
  });
}

/** `encodeFast` without a token limit: one pass, each word tokenized as soon as it is found. */
function encodeFastWhole(
  fast: FastByteLevel,
  model: Model,
  splits: readonly Split[],
  text: string,
  typeId: number,
  mode: OffsetMode,
  offsetBias: number,
): EncodingBuilder {
  scratch.clear();
  let tokenWords = tokenWordScratch;
  const addedAt: number[] = [];
  const addedText: string[] = [];
  const scan = fast.scan;
  let word = 0;
  for (let i = 0; i < splits.length; i++) {
    const split = splits[i]!;
    const normalized = split.normalized;
    const own = split.tokens;
    if (own !== null) {
      for (let k = 0; k < own.length; k++) {
        normalized.originalRangeInto(own.starts[k]!, own.ends[k]!, range);
        addedAt.push(scratch.length);
        addedText.push(normalized.normalized);
        scratch.push(own.ids[k]!, range[0]!, range[1]!);
      }
      if (scratch.length > tokenWords.length) tokenWords = tokenWordScratch = growInt32(tokenWords, scratch.length);
      tokenWords.fill(word, scratch.length - own.length, scratch.length);
      word++;
      continue;
    }
    const s = normalized.normalized;
    const shift = normalized.originalShift;
    for (let p = 0; p < s.length; word++) {
      const e = scan(s, p);
      const before = scratch.length;
      fast.tokenizePiece(s, p, e, shift, scratch);
      if (scratch.length > tokenWords.length) tokenWords = tokenWordScratch = growInt32(tokenWords, scratch.length);
      for (let t = before; t < scratch.length; t++) tokenWords[t] = word;
      p = e;
    }
  }

  const count = scratch.length;
  const out = EncodingBuilder.allocate(count, typeId);
  const withOffsets = mode !== 'none';
  const cp = mode === 'codepoint' ? codePointIndex(text) : null;
  const ids = scratch.ids;
  const starts = scratch.starts;
  const ends = scratch.ends;
  const outIds = out.ids;
  const outWords = out.words;
  const outStarts = out.starts;
  const outEnds = out.ends;
  for (let t = 0; t < count; t++) {
    outIds[t] = ids[t]!;
    outWords[t] = tokenWords[t]!;
  }
  if (!withOffsets) {
    for (let t = 0; t < count; t++) {
      outStarts[t] = 0;
      outEnds[t] = 0;
    }
  } else if (cp === null && offsetBias === 0) {
    for (let t = 0; t < count; t++) {
      outStarts[t] = starts[t]!;
      outEnds[t] = ends[t]!;
    }
  } else {
    for (let t = 0; t < count; t++) {
      outStarts[t] = (cp ? cp[starts[t]!]! : starts[t]!) + offsetBias;
      outEnds[t] = (cp ? cp[ends[t]!]! : ends[t]!) + offsetBias;
    }
  }
  setTokensLazily(out, model, withOffsets, addedAt, addedText);
  return out;
}

function countTokens(from: Int32Array, to: Int32Array, first: number, last: number): number {
  let count = 0;
  for (let i = first; i < last; i++) count += to[i]! - from[i]!;
  return count;
}

function growInt32(a: Int32Array, min = 0): Int32Array {
  let n = a.length * 2;
  while (n < min) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
