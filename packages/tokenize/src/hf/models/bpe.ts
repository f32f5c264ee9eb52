/**
 * The BPE model (Rust `models::bpe`): a word starts as one symbol per character (or byte-fallback /
 * unknown symbols) and adjacent pairs are merged by rank. Exact Rust semantics, including:
 * - `continuing_subword_prefix` is added to every character but the first, `end_of_word_suffix` to
 *   the last, before the vocab lookup;
 * - the merged token of (a, b) is a + b without b's first prefix-length bytes;
 * - an unknown character without unk_token is dropped; with `fuse_unk` consecutive unknowns become one;
 * - `ignore_merges` returns a word found whole in the vocab as one token (but not under dropout).
 */
import type { JsonReader } from '../json-reader.js';
import { kindOf } from '../json-reader.js';
import type { JsonObject, JsonValue, Model } from '../stages.js';
import type { TokenBuffer } from '../token-buffer.js';
import { byteFallbackIds } from './byte-tokens.js';
import { BpeWord } from './bpe-word.js';
import { failAt, failOption, missingUnkError, type FieldFailure } from './model-errors.js';
import { PairTable } from './pair-table.js';
import { readVocabObject, VocabModel, vocabToJSON, type VocabInput } from './vocab.js';
import { TokenCache } from './token-cache.js';

/**
 * Words the BPE cache holds before it is emptied (Rust keeps 10,000 and then stops adding; a
 * megabyte of multilingual text has ~40,000 distinct words, and the cache only changes speed).
 */
export const DEFAULT_BPE_CACHE_CAPACITY = 50_000;

/** SentencePiece's word-start mark. */
const META = '\u2581';
const META_UNIT = 0x2581;

export type Merge = readonly [left: string, right: string];

export interface BpeOptions {
  vocab: VocabInput;
  /** Merges in rank order (rank = index). */
  merges: readonly Merge[];
  /** Probability of skipping each merge (BPE-dropout); null or 0 disables it. */
  dropout?: number | null;
  unkToken?: string | null;
  continuingSubwordPrefix?: string | null;
  endOfWordSuffix?: string | null;
  fuseUnk?: boolean;
  byteFallback?: boolean;
  ignoreMerges?: boolean;
  /** Words cached (default 50,000, emptied when full; 0 disables). */
  cacheCapacity?: number;
  /** Seed of the dropout's random numbers, for reproducible runs (ignored when `random` is given). */
  seed?: number;
  /** Random source for dropout, in [0, 1) (default: seeded from `seed`, else Math.random). */
  random?: () => number;
}

export class BPE extends VocabModel implements Model {
  readonly dropout: number | null;
  readonly unkToken: string | null;
  readonly continuingSubwordPrefix: string | null;
  readonly endOfWordSuffix: string | null;
  readonly fuseUnk: boolean;
  readonly byteFallback: boolean;
  readonly ignoreMerges: boolean;

  /** Merges kept in rank order, for toJSON (a duplicated pair keeps only its last rank, like Rust). */
  private readonly mergeList: Merge[];
  private readonly pairs: PairTable;
  /** Ids of one-UTF-16-unit tokens, -1 when absent: the initial-symbol lookup without a string key. */
  private readonly singleUnitIds = new Int32Array(0x10000).fill(-1);
  private readonly cache: TokenCache;
  /** Whether words may be tokenized in pieces cut before each ▁ that follows another character. */
  private readonly cutBeforeMeta: boolean;
  private readonly word = new BpeWord();
  private readonly random: () => number;

  constructor(options: BpeOptions, fail: FieldFailure = failOption) {
    super(options.vocab);
    const dropout = options.dropout ?? null;
    if (dropout !== null && !(dropout >= 0 && dropout <= 1)) fail('dropout', `Dropout should be between 0 and 1, inclusive (got ${dropout})`);
    this.dropout = dropout;
    this.unkToken = options.unkToken ?? null;
    this.continuingSubwordPrefix = options.continuingSubwordPrefix ?? null;
    this.endOfWordSuffix = options.endOfWordSuffix ?? null;
    this.fuseUnk = options.fuseUnk ?? false;
    this.byteFallback = options.byteFallback ?? false;
    this.ignoreMerges = options.ignoreMerges ?? false;
    this.random = options.random ?? (options.seed === undefined ? Math.random : mulberry32(options.seed));
    this.cache = new TokenCache(options.cacheCapacity ?? DEFAULT_BPE_CACHE_CAPACITY);

    for (const [token, id] of this.vocab) if (token.length === 1) this.singleUnitIds[token.charCodeAt(0)] = id;

    const { pairs, mergeList } = compileMerges(this.vocab, options.merges, this.continuingSubwordPrefix, fail);
    this.pairs = pairs;
    this.mergeList = mergeList;
    this.cutBeforeMeta =
      !this.continuingSubwordPrefix &&
      !this.endOfWordSuffix &&
      !this.ignoreMerges &&
      this.singleUnitIds[META_UNIT]! >= 0 &&
      !options.merges.some(([a, b]) => b.charCodeAt(0) === META_UNIT && a.charCodeAt(a.length - 1) !== META_UNIT);
  }

  static fromJSON(reader: JsonReader): BPE {
    const fail: FieldFailure = failAt(reader);
    return new BPE(
      {
        vocab: readVocabObject(reader, 'vocab'),
        merges: readMerges(reader),
        dropout: reader.optionalNumber('dropout'),
        unkToken: reader.optionalString('unk_token'),
        continuingSubwordPrefix: reader.optionalString('continuing_subword_prefix'),
        endOfWordSuffix: reader.optionalString('end_of_word_suffix'),
        fuseUnk: optionalBoolean(reader, 'fuse_unk'),
        byteFallback: optionalBoolean(reader, 'byte_fallback'),
        ignoreMerges: optionalBoolean(reader, 'ignore_merges'),
      },
      fail,
    );
  }

  tokenize(sequence: string, out: TokenBuffer): void {
    if (sequence.length === 0) return;
    if (this.dropout !== null && this.dropout !== 0) {
      this.emit(sequence, this.mergeWord(sequence), out);
      return;
    }
    if (this.ignoreMerges) {
      const id = this.vocab.get(sequence);
      if (id !== undefined) {
        out.push(id, 0, sequence.length);
        return;
      }
    }
    if (this.cutBeforeMeta && sequence.length > 1 && this.tokenizeByWords(sequence, out)) return;
    this.tokenizeCached(sequence, 0, sequence.length, out);
  }

  /**
   * Tokenizes the word `text[start, end)` through the cache, with offsets into `text`; returns whether
   * its symbols tiled it (see mergeWord).
   */
  private tokenizeCached(text: string, start: number, end: number, out: TokenBuffer): boolean {
    // The flag cached with the tokens says whether they tiled the text.
    const cached = this.cache.getRange(text, start, end, start, out);
    if (cached >= 0) return cached === 1;
    const word = start === 0 && end === text.length ? text : text.slice(start, end);
    const tiled = this.mergeWord(word);
    const first = out.length;
    this.emit(word, tiled, out);
    if (start !== 0) {
      for (let t = first; t < out.length; t++) {
        out.starts[t] = out.starts[t]! + start;
        out.ends[t] = out.ends[t]! + start;
      }
    }
    this.cache.setRange(text, start, end, tiled ? 1 : 0, out, first, out.length, start);
    return tiled;
  }

  /**
   * SentencePiece-style words ("▁the▁cat"): when no merge joins a symbol ending in another character
   * to one starting with ▁ (checked on the merges), no symbol ever spans a ▁ that follows another
   * character, so each piece cut before such a ▁ merges on its own into the same symbols, and the
   * pieces go through the cache. False (and nothing written) when there is nothing to cut or the
   * symbols do not tile the text (offsets then depend on the whole word).
   */
  private tokenizeByWords(sequence: string, out: TokenBuffer): boolean {
    const n = sequence.length;
    let cut = sequence.indexOf(META, 1);
    while (cut > 0 && sequence.charCodeAt(cut - 1) === META_UNIT) cut = sequence.indexOf(META, cut + 1);
    if (cut < 0) return false;
    const first = out.length;
    let start = 0;
    for (;;) {
      if (!this.tokenizeCached(sequence, start, cut, out)) {
        out.length = first;
        return false;
      }
      if (cut === n) return true;
      start = cut;
      cut = sequence.indexOf(META, start + 1);
      while (cut > 0 && sequence.charCodeAt(cut - 1) === META_UNIT) cut = sequence.indexOf(META, cut + 1);
      if (cut < 0) cut = n;
    }
  }

  /** The merges in rank order. */
  getMerges(): Merge[] {
    return this.mergeList.slice();
  }

  clearCache(): void {
    this.cache.clear();
  }

  toJSON(): JsonObject {
    return {
      type: 'BPE',
      dropout: this.dropout,
      unk_token: this.unkToken,
      continuing_subword_prefix: this.continuingSubwordPrefix,
      end_of_word_suffix: this.endOfWordSuffix,
      fuse_unk: this.fuseUnk,
      byte_fallback: this.byteFallback,
      ignore_merges: this.ignoreMerges,
      vocab: vocabToJSON(this.idToTokenTable),
      // Rust ≥ 0.20 writes pairs; it still reads the legacy "a b" strings.
      merges: this.mergeList.map(([a, b]): JsonValue => [a, b]),
    };
  }

  /**
   * Builds the initial symbols of `sequence` in `this.word` and merges them. Returns false when the
   * symbols no longer tile the text (a dropped unknown, byte tokens emitted ahead of a pending unknown,
   * byte fallback of a prefixed piece): Rust's offsets are then running sums of byte lengths, which
   * `emitShifted` reproduces.
   */
  private mergeWord(sequence: string): boolean {
    const word = this.word;
    word.reset();
    // An empty prefix or suffix (gpt2's files have "") changes no lookup.
    const prefix = this.continuingSubwordPrefix || null;
    const suffix = this.endOfWordSuffix || null;
    const n = sequence.length;
    let tiled = true;
    // A pending unknown symbol: Rust adds it only when the next known character (or the end) comes,
    // so that consecutive unknowns can be fused.
    let unkId = -1;
    let unkStart = 0;
    let unkEnd = 0;
    let unkBytes = 0;
    for (let i = 0; i < n; ) {
      const unit = sequence.charCodeAt(i);
      const width = unit >= 0xd800 && unit <= 0xdbff && i + 1 < n && isLowSurrogate(sequence.charCodeAt(i + 1)) ? 2 : 1;
      const bytes = width === 2 ? 4 : unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
      const end = i + width;
      const prefixed = i > 0 && prefix !== null;
      const suffixed = end === n && suffix !== null;
      let id: number;
      let piece: string | null = null;
      if (width === 1 && !prefixed && !suffixed) {
        id = this.singleUnitIds[unit]!;
      } else {
        piece = sequence.slice(i, end);
        if (prefixed) piece = prefix + piece;
        if (suffixed) piece = piece + suffix;
        id = this.vocab.get(piece) ?? -1;
      }
      if (id >= 0) {
        if (unkId >= 0) {
          word.add(unkId, unkStart, unkEnd, unkBytes);
          unkId = -1;
        }
        word.add(id, i, end, bytes);
      } else {
        piece ??= sequence.slice(i, end);
        const byteIds = this.byteFallback ? byteFallbackIds(piece, this.vocab) : null;
        if (byteIds !== null) {
          // Rust adds the byte tokens without flushing a pending unknown first.
          if (unkId >= 0 || byteIds.length !== bytes) tiled = false;
          for (const byteId of byteIds) word.add(byteId, i, end, 1);
        } else if (this.unkToken !== null) {
          if (unkId >= 0 && this.fuseUnk) {
            unkEnd = end;
            unkBytes += bytes;
          } else {
            if (unkId >= 0) word.add(unkId, unkStart, unkEnd, unkBytes);
            unkId = this.requireUnkId();
            unkStart = i;
            unkEnd = end;
            unkBytes = bytes;
          }
        } else {
          tiled = false; // Rust drops the character.
        }
      }
      i = end;
    }
    if (unkId >= 0) word.add(unkId, unkStart, unkEnd, unkBytes);
    word.merge(this.pairs, this.dropout ?? 0, this.random);
    return tiled;
  }

  private emit(sequence: string, tiled: boolean, out: TokenBuffer): void {
    const word = this.word;
    if (word.length === 0) return;
    if (!tiled) {
      emitShifted(sequence, word, out);
      return;
    }
    for (let i = 0; i !== -1; i = word.following(i)) out.push(word.ids[i]!, word.starts[i]!, word.ends[i]!);
  }

  private requireUnkId(): number {
    const id = this.vocab.get(this.unkToken!);
    if (id === undefined) throw missingUnkError('BPE', `Unk token \`${this.unkToken}\` not found in the vocabulary`);
    return id;
  }
}

/**
 * Rust's offsets when symbols do not tile the text: each symbol spans the running sum of byte
 * lengths, widened to whole characters (as Rust's byte → char offset conversion does).
 */
function emitShifted(sequence: string, word: BpeWord, out: TokenBuffer): void {
  // charStartAt[b] / charEndAt[b]: UTF-16 span of the character holding byte b.
  const charStartAt: number[] = [];
  const charEndAt: number[] = [];
  for (let i = 0; i < sequence.length; ) {
    const unit = sequence.charCodeAt(i);
    const width = unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(sequence.charCodeAt(i + 1)) ? 2 : 1;
    const bytes = width === 2 ? 4 : unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
    for (let b = 0; b < bytes; b++) {
      charStartAt.push(i);
      charEndAt.push(i + width);
    }
    i += width;
  }
  const last = charStartAt.length - 1;
  let position = 0;
  for (let i = 0; i !== -1; i = word.following(i)) {
    const start = Math.min(position, last);
    position += word.byteLengths[i]!;
    const end = Math.min(position - 1, last);
    out.push(word.ids[i]!, charStartAt[start]!, charEndAt[end]!);
  }
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

function optionalBoolean(reader: JsonReader, key: string): boolean {
  return reader.raw(key) === null ? false : reader.boolean(key, false);
}

/** Resolves each merge to ids, checking (as Rust does) that both parts and the result are in the vocab. */
function compileMerges(
  vocab: ReadonlyMap<string, number>,
  merges: readonly Merge[],
  prefix: string | null,
  fail: FieldFailure,
): { pairs: PairTable; mergeList: Merge[] } {
  const pairs = new PairTable(merges.length);
  const prefixBytes = prefix === null ? 0 : utf8Length(prefix);
  const leftIds = new Int32Array(merges.length);
  const rightIds = new Int32Array(merges.length);
  for (let rank = 0; rank < merges.length; rank++) {
    const [a, b] = merges[rank]!;
    const aId = vocab.get(a);
    if (aId === undefined) fail(`merges[${rank}]`, `Token \`${a}\` out of vocabulary`);
    const bId = vocab.get(b);
    if (bId === undefined) fail(`merges[${rank}]`, `Token \`${b}\` out of vocabulary`);
    const merged = a + stripLeadingBytes(b, prefix, prefixBytes, () => fail(`merges[${rank}]`, `Token \`${b}\` is shorter than the continuing_subword_prefix`));
    const mergedId = vocab.get(merged);
    if (mergedId === undefined) fail(`merges[${rank}]`, `Token \`${merged}\` out of vocabulary`);
    pairs.set(aId, bId, rank, mergedId);
    leftIds[rank] = aId;
    rightIds[rank] = bId;
  }
  const mergeList: Merge[] = [];
  for (let rank = 0; rank < merges.length; rank++) {
    const slot = pairs.find(leftIds[rank]!, rightIds[rank]!);
    if (pairs.ranks[slot] === rank) mergeList.push(merges[rank]!);
  }
  return { pairs, mergeList };
}

/** `b` without its first `prefixBytes` UTF-8 bytes (Rust strips the prefix length whatever b starts with). */
function stripLeadingBytes(b: string, prefix: string | null, prefixBytes: number, tooShort: () => never): string {
  if (prefix === null || prefixBytes === 0) return b;
  if (b.startsWith(prefix)) return b.slice(prefix.length);
  const bytes = new TextEncoder().encode(b);
  if (bytes.length < prefixBytes) tooShort();
  return new TextDecoder().decode(bytes.subarray(prefixBytes));
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Reads `merges`: pairs `[["a","b"], …]` (Rust ≥ 0.20) or legacy strings `["a b", …]`. */
export function readMerges(reader: JsonReader): Merge[] {
  const raw = reader.array('merges');
  const fail: FieldFailure = failAt(reader);
  if (raw.length === 0) return [];
  if (typeof raw[0] === 'string') {
    const merges: Merge[] = [];
    for (let i = 0; i < raw.length; i++) {
      const line = raw[i];
      if (typeof line !== 'string') fail(`merges[${i}]`, `expected a string "left right" like the other merges, got ${kindOf(line)}`);
      // Rust skips "#version" lines, and ranks count the remaining lines.
      if (line.startsWith('#version')) continue;
      const space = line.indexOf(' ');
      if (space < 0 || line.indexOf(' ', space + 1) >= 0) {
        fail(`merges[${i}]`, `expected "left right" (two tokens separated by one space), got ${kindOf(line)} (Rust: Merges text file invalid at line ${merges.length + 1})`);
      }
      merges.push([line.slice(0, space), line.slice(space + 1)]);
    }
    return merges;
  }
  return raw.map((pair, i): Merge => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      fail(`merges[${i}]`, `expected a pair of strings ["left", "right"], got ${kindOf(pair)}`);
    }
    return [pair[0], pair[1]];
  });
}

/** A small, fast seeded generator (Mulberry32) of floats in [0, 1): BPE-dropout needs reproducibility, not crypto. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
