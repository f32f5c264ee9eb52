/**
 * The Unigram model (Rust `models::unigram`, SentencePiece): the segmentation with the highest total
 * piece score, found by Viterbi over the pieces the trie finds at each character. Rust details kept:
 * - a character with no single-character piece also gets an unknown node scored min score - 10;
 * - ties keep the path found first (earlier start, shorter piece);
 * - consecutive nodes with the unknown id are fused into one piece (even a literal `<unk>` in the text);
 * - a fused piece missing from the vocab becomes `<0xAB>` byte tokens (byte_fallback) or the unknown id,
 *   every byte token spanning the whole piece.
 */
import { kindOf, type JsonReader } from '../json-reader.js';
import type { JsonObject, JsonValue, Model } from '../stages.js';
import type { TokenBuffer } from '../token-buffer.js';
import { byteFallbackIds } from './byte-tokens.js';
import { failAt, failOption, missingUnkError, type FieldFailure } from './model-errors.js';
import { serdeJsonF64 } from './rust-float.js';
import { UnigramTrie } from './unigram-trie.js';
import { DEFAULT_CACHE_CAPACITY, WordCache } from './word-cache.js';

export type UnigramPiece = readonly [piece: string, score: number];

export interface UnigramOptions {
  /** Pieces and their log-probability scores; a piece's id is its index. */
  vocab: readonly UnigramPiece[];
  unkId?: number | null;
  byteFallback?: boolean;
  /** Words cached (default 10,000; 0 disables). */
  cacheCapacity?: number;
}

/** How far below the worst piece an unknown character scores (SentencePiece's kUnkPenalty). */
const UNK_PENALTY = 10;

export class Unigram implements Model {
  readonly unkId: number | null;
  readonly byteFallback: boolean;
  readonly minScore: number;
  private readonly pieces: UnigramPiece[];
  private readonly scores: Float64Array;
  private readonly tokenToIds = new Map<string, number>();
  private readonly trie: UnigramTrie;
  private readonly cache: WordCache<Int32Array>;
  // Viterbi scratch, grown on demand.
  private bestScores = new Float64Array(64);
  private bestStarts = new Int32Array(64);
  private bestIds = new Int32Array(64);

  constructor(options: UnigramOptions, fail: FieldFailure = failOption) {
    const vocab = options.vocab;
    const unkId = options.unkId ?? null;
    if (unkId !== null) {
      if (vocab.length === 0) fail('vocab', 'The vocabulary is empty but at least <unk> is needed');
      if (!Number.isInteger(unkId) || unkId < 0 || unkId >= vocab.length) fail('unk_id', `The \`unk_id\` is larger than vocabulary size (${unkId} ≥ ${vocab.length})`);
    }
    this.unkId = unkId;
    this.byteFallback = options.byteFallback ?? false;
    this.cache = new WordCache(options.cacheCapacity ?? DEFAULT_CACHE_CAPACITY);
    this.pieces = vocab.map(([piece, score]): UnigramPiece => [piece, score]);
    this.scores = new Float64Array(vocab.length);
    this.trie = new UnigramTrie(vocab.length * 4);
    let minScore = Infinity;
    for (let id = 0; id < vocab.length; id++) {
      const [piece, score] = vocab[id]!;
      this.scores[id] = score;
      this.tokenToIds.set(piece, id);
      this.trie.insert(piece, id);
      if (score < minScore) minScore = score;
    }
    this.minScore = minScore;
  }

  static fromJSON(reader: JsonReader): Unigram {
    const fail: FieldFailure = failAt(reader);
    const vocab = reader.array('vocab').map((entry, i): UnigramPiece => {
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') {
        fail(`vocab[${i}]`, `expected a [piece, score] pair, got ${kindOf(entry)}`);
      }
      // Rust's JSON reader can land one ulp off; scores decide ties, so take Rust's value.
      return [entry[0], serdeJsonF64(entry[1])];
    });
    const unkId = reader.raw('unk_id') == null ? null : reader.integer('unk_id');
    return new Unigram({ vocab, unkId, byteFallback: reader.boolean('byte_fallback', false) }, fail);
  }

  tokenize(sequence: string, out: TokenBuffer): void {
    if (sequence.length === 0) return;
    const cached = this.cache.get(sequence);
    if (cached !== undefined) {
      for (let k = 0; k < cached.length; k += 3) out.push(cached[k]!, cached[k + 1]!, cached[k + 2]!);
      return;
    }
    const first = out.length;
    this.encode(sequence, out);
    if (!this.cache.accepts(sequence)) return;
    const packed = new Int32Array((out.length - first) * 3);
    for (let t = first, k = 0; t < out.length; t++, k += 3) {
      packed[k] = out.ids[t]!;
      packed[k + 1] = out.starts[t]!;
      packed[k + 2] = out.ends[t]!;
    }
    this.cache.set(sequence, packed);
  }

  tokenToId(token: string): number | undefined {
    return this.tokenToIds.get(token);
  }

  idToToken(id: number): string | undefined {
    return this.pieces[id]?.[0];
  }

  /**
   * The token string Rust reports: for the unknown id it is the text the token covers (`hello`, not
   * `<unk>`), since Rust's Unigram keeps the piece it found; otherwise `idToToken(id)`.
   */
  tokenText(sequence: string, id: number, start: number, end: number): string | undefined {
    return id === this.unkId ? sequence.slice(start, end) : this.idToToken(id);
  }

  getVocab(): Map<string, number> {
    return new Map(this.tokenToIds);
  }

  getVocabSize(): number {
    return this.pieces.length;
  }

  /** The pieces with their scores, in id order. */
  getPieces(): UnigramPiece[] {
    return this.pieces.slice();
  }

  toJSON(): JsonObject {
    return {
      type: 'Unigram',
      unk_id: this.unkId,
      vocab: this.pieces.map(([piece, score]): JsonValue => [piece, score]),
      byte_fallback: this.byteFallback,
    };
  }

  /** Viterbi best path, then fusing of unknowns and the id lookup (Rust's encode_optimized + tokenize). */
  private encode(sentence: string, out: TokenBuffer): void {
    const n = sentence.length;
    this.ensureScratch(n + 1);
    const { bestScores, bestStarts, bestIds, scores, trie } = this;
    const unkScore = this.minScore - UNK_PENALTY;
    bestScores.fill(0, 0, n + 1);
    bestStarts.fill(-1, 0, n + 1);

    for (let start = 0; start < n; ) {
      const fromHere = bestScores[start]!;
      const unit = sentence.charCodeAt(start);
      const width = unit >= 0xd800 && unit <= 0xdbff && start + 1 < n && isLowSurrogate(sentence.charCodeAt(start + 1)) ? 2 : 1;
      let hasSingleCharPiece = false;
      let node = 0;
      for (let i = start; i < n; i++) {
        node = trie.child(node, sentence.charCodeAt(i));
        if (node < 0) break;
        const id = trie.pieceAt(node);
        if (id < 0) continue;
        const end = i + 1;
        const candidate = scores[id]! + fromHere;
        if (bestStarts[end] === -1 || candidate > bestScores[end]!) {
          bestScores[end] = candidate;
          bestStarts[end] = start;
          bestIds[end] = id;
        }
        if (end - start === width) hasSingleCharPiece = true;
      }
      if (!hasSingleCharPiece) {
        const end = start + width;
        const candidate = unkScore + fromHere;
        if (bestStarts[end] === -1 || candidate > bestScores[end]!) {
          if (this.unkId === null) throw missingUnkError('Unigram', 'Encountered an unknown token but `unk_id` is missing');
          bestScores[end] = candidate;
          bestStarts[end] = start;
          bestIds[end] = this.unkId;
        }
      }
      start += width;
    }

    // Walk the best path back to the start, collecting (start, end, id) and fusing unknown runs.
    const path: number[] = [];
    let fusedStart = -1;
    let fusedEnd = -1;
    for (let end = n; end > 0; ) {
      const start = bestStarts[end]!;
      const id = bestIds[end]!;
      if (id === this.unkId) {
        if (fusedStart < 0) fusedEnd = end;
        fusedStart = start;
      } else {
        if (fusedStart >= 0) {
          path.push(fusedStart, fusedEnd, -1);
          fusedStart = -1;
        }
        path.push(start, end, id);
      }
      end = start;
    }
    if (fusedStart >= 0) path.push(fusedStart, fusedEnd, -1);

    for (let k = path.length - 3; k >= 0; k -= 3) {
      const start = path[k]!;
      const end = path[k + 1]!;
      const id = path[k + 2]!;
      if (id >= 0) out.push(id, start, end);
      else this.pushUnknown(sentence.slice(start, end), start, end, out);
    }
  }

  /** A fused run of unknowns: itself if in the vocab, else byte tokens, else the unknown id. */
  private pushUnknown(piece: string, start: number, end: number, out: TokenBuffer): void {
    const id = this.tokenToIds.get(piece);
    if (id !== undefined) {
      out.push(id, start, end);
      return;
    }
    if (this.byteFallback) {
      const byteIds = byteFallbackIds(piece, this.tokenToIds);
      if (byteIds !== null) {
        for (const byteId of byteIds) out.push(byteId, start, end);
        return;
      }
    }
    if (this.unkId === null) throw missingUnkError('Unigram', 'Encountered an unknown token but `unk_id` is missing');
    out.push(this.unkId, start, end);
  }

  private ensureScratch(size: number): void {
    if (this.bestScores.length >= size) return;
    let capacity = this.bestScores.length;
    while (capacity < size) capacity *= 2;
    this.bestScores = new Float64Array(capacity);
    this.bestStarts = new Int32Array(capacity);
    this.bestIds = new Int32Array(capacity);
  }
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
