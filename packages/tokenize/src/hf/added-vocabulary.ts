/**
 * Tokens added on top of the model's vocabulary (special tokens like `[CLS]`, or user tokens), and
 * their extraction from the input before the model sees it (Rust tokenizers' AddedVocabulary).
 *
 * Tokens with `normalized: false` are found in the original text, the others in the normalized text,
 * both with leftmost-longest matching; `single_word`, `lstrip` and `rstrip` then filter or widen each
 * match exactly as Rust does.
 */
import { isWhitespace, NormalizedString } from './normalized-string.js';
import { PreTokenizedString } from './pre-tokenized-string.js';
import { TokenBuffer } from './token-buffer.js';
import type { JsonReader } from './json-reader.js';
import type { JsonObject, Model, Normalizer } from './stages.js';

export interface AddedToken {
  content: string;
  /** Only match when not inside a word. */
  singleWord: boolean;
  /** Also swallow the whitespace on the left of a match. */
  lstrip: boolean;
  /** Also swallow the whitespace on the right of a match. */
  rstrip: boolean;
  /** Match on the normalized text (true) or on the original text (false). */
  normalized: boolean;
  /** Skipped by `decode(…, { skipSpecialTokens: true })`. */
  special: boolean;
}

/** An added token as callers give it: a string or some of the fields. */
export type AddedTokenInput = string | (Partial<AddedToken> & { content: string });

/** Rust's `AddedToken::from(content, special)`: special tokens match the original text by default. */
export function toAddedToken(input: AddedTokenInput, special: boolean): AddedToken {
  const t = typeof input === 'string' ? { content: input } : input;
  return {
    content: t.content,
    singleWord: t.singleWord ?? false,
    lstrip: t.lstrip ?? false,
    rstrip: t.rstrip ?? false,
    normalized: t.normalized ?? !(t.special ?? special),
    special: t.special ?? special,
  };
}

/** What extraction leaves for the pre-tokenizer: the splits, and which of them are added tokens. */
export interface Extracted {
  pretokenized: PreTokenizedString;
  /** The splits that are one added token each, with its id. */
  addedSplits: Map<NormalizedString, number>;
}

export class AddedVocabulary {
  private readonly byContent = new Map<string, number>();
  private readonly byId = new Map<number, AddedToken>();
  private readonly specials = new Set<string>();
  /** Normalized form of `normalized` tokens whose normalization changes them (used to match and decode). */
  private readonly normalizedCache = new Map<number, string>();
  private originalMatcher: TokenMatcher | null = null;
  private normalizedMatcher: TokenMatcher | null = null;

  get size(): number {
    return this.byContent.size;
  }

  /** Content → id of every added token. */
  getVocab(): Map<string, number> {
    return new Map(this.byContent);
  }

  /** All added tokens by id, ascending. */
  entries(): [number, AddedToken][] {
    return [...this.byId].sort((a, b) => a[0] - b[0]);
  }

  tokenToId(token: string, model: Model): number | undefined {
    return this.byContent.get(token) ?? model.tokenToId(token);
  }

  /** The string of an added token as the decoder should see it (its normalized form when cached). */
  idToToken(id: number): string | undefined {
    const t = this.byId.get(id);
    return t === undefined ? undefined : (this.normalizedCache.get(id) ?? t.content);
  }

  isSpecial(token: string): boolean {
    return this.specials.has(token);
  }

  /**
   * Adds tokens, reusing the model's (or an earlier added token's) id for a known content and giving
   * the others the next free id. Returns how many were added or updated (Rust's `add_tokens`).
   */
  add(tokens: readonly AddedToken[], model: Model, normalizer: Normalizer | null): number {
    const vocabSize = model.getVocabSize();
    let max = -1;
    for (const id of this.byId.keys()) if (id > max) max = id;
    let nextId = max < 0 ? vocabSize : max >= vocabSize || vocabSize === 0 ? max + 1 : vocabSize;
    let added = 0;
    for (const token of tokens) {
      if (token.content === '') continue;
      const known = this.byContent.get(token.content);
      if (known !== undefined && sameToken(this.byId.get(known), token)) continue;
      const id = this.tokenToId(token.content, model) ?? nextId++;
      if (token.normalized && normalizer) {
        const normed = normalize(normalizer, token.content);
        if (normed !== token.content) this.normalizedCache.set(id, normed);
      }
      this.byContent.set(token.content, id);
      if (token.special) this.specials.add(token.content);
      this.byId.set(id, { ...token });
      added++;
    }
    this.rebuildMatchers();
    return added;
  }

  /** Re-normalizes the `normalized` tokens after the normalizer changed. */
  refreshNormalized(normalizer: Normalizer | null): void {
    this.normalizedCache.clear();
    if (normalizer) {
      for (const [id, t] of this.byId) {
        if (!t.normalized) continue;
        const normed = normalize(normalizer, t.content);
        if (normed !== t.content) this.normalizedCache.set(id, normed);
      }
    }
    this.rebuildMatchers();
  }

  /**
   * Cuts the added tokens out of `text` and normalizes the rest (Rust's `extract_and_normalize`):
   * first the non-normalized tokens on the original text, then each remaining piece is normalized
   * and the normalized tokens are cut out of it.
   */
  extractAndNormalize(normalizer: Normalizer | null, text: string): Extracted {
    const pretokenized = new PreTokenizedString(text);
    const addedSplits = new Map<NormalizedString, number>();
    const original = this.originalMatcher;
    if (original) {
      pretokenized.split((_, piece) => this.splitOnMatches(piece, original, addedSplits));
      markTokenized(pretokenized, addedSplits);
    }
    const normalizedMatcher = this.normalizedMatcher;
    pretokenized.split((_, piece) => {
      normalizer?.normalize(piece);
      return normalizedMatcher ? this.splitOnMatches(piece, normalizedMatcher, addedSplits) : [piece];
    });
    if (normalizedMatcher) markTokenized(pretokenized, addedSplits);
    return { pretokenized, addedSplits };
  }

  private splitOnMatches(piece: NormalizedString, matcher: TokenMatcher, addedSplits: Map<NormalizedString, number>): NormalizedString[] {
    const text = piece.normalized;
    const matches = this.findMatches(text, matcher);
    if (matches === null) return [piece];
    const out: NormalizedString[] = [];
    for (let i = 0; i < matches.length; i += 3) {
      const slice = piece.slice(matches[i]!, matches[i + 1]!);
      const id = matches[i + 2]!;
      if (id >= 0) addedSplits.set(slice, id);
      out.push(slice);
    }
    return out;
  }

  /**
   * The pieces of `text` as flat triples (start, end, id or -1), covering all of it; null when no
   * added token is in it (Rust's `find_matches`).
   */
  private findMatches(text: string, matcher: TokenMatcher): number[] | null {
    const found = matcher.findAll(text);
    if (found === null) return null;
    let out: number[] | null = null;
    let cursor = 0;
    for (let m = 0; m < found.length; m += 3) {
      const matchStart = found[m]!;
      const matchEnd = found[m + 1]!;
      const id = found[m + 2]!;
      const token = this.byId.get(id)!;
      let start = matchStart;
      let stop = matchEnd;
      if (token.singleWord) {
        const startOk = start === 0 || !endsWithWordChar(text, start);
        const stopOk = stop === text.length || !startsWithWordChar(text, stop);
        if (!startOk || !stopOk) continue;
      }
      if (token.lstrip) start = Math.max(trailingSpaceStart(text, start), cursor);
      if (token.rstrip) stop = leadingSpaceEnd(text, stop);
      out ??= [];
      if (cursor < start) out.push(cursor, start, -1);
      out.push(start, stop, id);
      cursor = stop;
    }
    if (out === null) return null;
    if (cursor !== text.length) out.push(cursor, text.length, -1);
    return out;
  }

  private rebuildMatchers(): void {
    const original: [string, number][] = [];
    const normalized: [string, number][] = [];
    for (const [id, t] of this.byId) {
      if (t.normalized) normalized.push([this.normalizedCache.get(id) ?? t.content, id]);
      else original.push([t.content, id]);
    }
    this.originalMatcher = original.length ? new TokenMatcher(original) : null;
    this.normalizedMatcher = normalized.length ? new TokenMatcher(normalized) : null;
  }

  /** Reads `$.added_tokens` (ids are re-derived on add, as Rust does; a mismatch only warns there). */
  static readTokens(reader: JsonReader): AddedToken[] {
    return reader.objects('added_tokens').map((r) => {
      r.integer('id');
      return {
        content: r.string('content'),
        singleWord: r.boolean('single_word'),
        lstrip: r.boolean('lstrip'),
        rstrip: r.boolean('rstrip'),
        normalized: r.boolean('normalized'),
        special: r.boolean('special'),
      };
    });
  }

  /** `added_tokens` as Rust writes it: by ascending id. */
  toJSON(): JsonObject[] {
    return this.entries().map(([id, t]) => ({
      id,
      content: t.content,
      single_word: t.singleWord,
      lstrip: t.lstrip,
      rstrip: t.rstrip,
      normalized: t.normalized,
      special: t.special,
    }));
  }
}

/** Gives each added-token split its one token, so later stages leave it alone. */
function markTokenized(pretokenized: PreTokenizedString, addedSplits: Map<NormalizedString, number>): void {
  for (const split of pretokenized.splits) {
    if (split.tokens !== null) continue;
    const id = addedSplits.get(split.normalized);
    if (id === undefined) continue;
    const tokens = new TokenBuffer(1);
    tokens.push(id, 0, split.normalized.normalized.length);
    split.tokens = tokens;
  }
}

function sameToken(a: AddedToken | undefined, b: AddedToken): boolean {
  return (
    a !== undefined &&
    a.content === b.content &&
    a.singleWord === b.singleWord &&
    a.lstrip === b.lstrip &&
    a.rstrip === b.rstrip &&
    a.normalized === b.normalized &&
    a.special === b.special
  );
}

function normalize(normalizer: Normalizer, text: string): string {
  const s = new NormalizedString(text);
  normalizer.normalize(s);
  return s.normalized;
}

/**
 * Leftmost-longest multi-pattern matching (what Rust gets from a daachorse automaton with
 * `MatchKind::LeftmostLongest`): a trie over UTF-16 units, walked from each position in turn.
 */
class TokenMatcher {
  private readonly root = new TrieNode();
  /** First UTF-16 unit of some pattern: lets text without any pattern start pass in one scan. */
  private readonly firstUnits = new Uint8Array(0x10000);

  constructor(patterns: readonly [string, number][]) {
    for (const [pattern, id] of patterns) {
      if (pattern === '') continue;
      let node = this.root;
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern.charCodeAt(i);
        let next = node.next.get(c);
        if (!next) node.next.set(c, (next = new TrieNode()));
        node = next;
      }
      // The first pattern given keeps a duplicated string (daachorse rejects duplicates; ours are rare).
      if (node.id < 0) node.id = id;
      this.firstUnits[pattern.charCodeAt(0)] = 1;
    }
  }

  /** Non-overlapping leftmost-longest matches as flat (start, end, id) triples; null when there is none. */
  findAll(text: string): number[] | null {
    const n = text.length;
    const firstUnits = this.firstUnits;
    let out: number[] | null = null;
    let i = 0;
    while (i < n) {
      if (firstUnits[text.charCodeAt(i)] === 0) {
        i++;
        continue;
      }
      let node: TrieNode | undefined = this.root;
      let bestEnd = -1;
      let bestId = -1;
      for (let j = i; j < n; j++) {
        node = node.next.get(text.charCodeAt(j));
        if (!node) break;
        if (node.id >= 0) {
          bestEnd = j + 1;
          bestId = node.id;
        }
      }
      if (bestEnd < 0) {
        i++;
        continue;
      }
      (out ??= []).push(i, bestEnd, bestId);
      i = bestEnd;
    }
    return out;
  }
}

class TrieNode {
  readonly next = new Map<number, TrieNode>();
  id = -1;
}

// Rust's regex `\w` (Unicode): alphabetic, marks, decimal digits, connector punctuation, joiners.
const WORD_CHAR = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u;

function endsWithWordChar(text: string, end: number): boolean {
  let i = end - 1;
  if (i > 0 && isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1))) i--;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!));
}

function startsWithWordChar(text: string, start: number): boolean {
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(start)!));
}

/** Start of the run of whitespace that ends at `end` (Rust: start of the `\s*$` match). */
function trailingSpaceStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && isWhitespace(text.charCodeAt(i - 1))) i--;
  return i;
}

/** End of the run of whitespace that starts at `start` (Rust: end of the `^\s*` match). */
function leadingSpaceEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
