/**
 * Encoding of one input sequence, step for step as Rust's `encode_single_sequence`: added tokens are
 * cut out (and the rest normalized), the pre-tokenizer splits, the model tokenizes each split (only
 * as many splits as truncation can keep), and tokens get their offsets in the original text and
 * their word index.
 */
import type { AddedVocabulary } from './added-vocabulary.js';
import { codePointIndex } from './encoding.js';
import { EncodingBuilder } from './encoding-builder.js';
import type { Model, Normalizer, PreTokenizer } from './stages.js';
import { TokenBuffer } from './token-buffer.js';
import type { Direction } from './encoding-builder.js';

/** The stages one sequence goes through. */
export interface SequenceStages {
  added: AddedVocabulary;
  normalizer: Normalizer | null;
  preTokenizer: PreTokenizer | null;
  model: Model;
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

  let first = 0;
  let last = n;
  if (limit === null) {
    for (let i = 0; i < n; i++) tokenizeSplit(i);
  } else if (limit.direction === 'right') {
    // Rust's `tokenize_with_limit`: splits already tokenized (added tokens) count but never stop it.
    let total = 0;
    last = 0;
    for (let i = 0; i < n; i++) {
      const fresh = tokenizeSplit(i);
      total += to[i]! - from[i]!;
      last = i + 1;
      if (fresh && total >= limit.maxTokens) break;
    }
  } else {
    let total = 0;
    first = n;
    for (let i = n - 1; i >= 0; i--) {
      const fresh = tokenizeSplit(i);
      total += to[i]! - from[i]!;
      first = i;
      if (fresh && total >= limit.maxTokens) break;
    }
  }

  let count = 0;
  for (let i = first; i < last; i++) count += to[i]! - from[i]!;
  const out = EncodingBuilder.allocate(count, typeId);
  const withOffsets = mode !== 'none';
  const cp = mode === 'codepoint' ? codePointIndex(text) : null;
  const textHook = hasTokenText(model) ? model : null;
  const ids = scratch.ids;
  const starts = scratch.starts;
  const ends = scratch.ends;
  let t = 0;
  for (let i = first; i < last; i++) {
    const split = splits[i]!;
    const normalized = split.normalized;
    const addedToken = addedSplits.has(normalized);
    const word = i - first;
    for (let k = from[i]!; k < to[i]!; k++, t++) {
      const id = ids[k]!;
      out.ids[t] = id;
      out.words[t] = word;
      if (!withOffsets) {
        out.tokens[t] = '';
        out.starts[t] = 0;
        out.ends[t] = 0;
        continue;
      }
      out.tokens[t] = addedToken
        ? normalized.normalized
        : ((textHook ? textHook.tokenText(normalized.normalized, id, starts[k]!, ends[k]!) : model.idToToken(id)) ?? '');
      let [start, end] = normalized.originalRange(starts[k]!, ends[k]!);
      if (cp) {
        start = cp[start]!;
        end = cp[end]!;
      }
      out.starts[t] = start + offsetBias;
      out.ends[t] = end + offsetBias;
    }
  }
  return out;
}
