/**
 * `trainUnigram`: SentencePiece's Unigram language-model trainer, following Rust's UnigramTrainer
 * (tokenizers/src/models/unigram/trainer.rs):
 *
 * 1. Seeds: all characters plus frequent substrings (see unigram-seeds.ts), scores → log-probabilities.
 * 2. EM: each round runs `nSubIterations` (2) E-steps (forward-backward over every word's lattice,
 *    expected piece counts weighted by word count) and M-steps (drop pieces expected < 0.5 times, new
 *    score digamma(count) − digamma(total): the Bayesian "sparse prior" EM of SentencePiece).
 * 3. Pruning, until at most 1.1 × vocabSize pieces remain: a piece whose best segmentation of itself is
 *    itself is scored by the likelihood lost if its Viterbi uses were given to its second-best
 *    segmentation; the vocabulary keeps max(1.1 × vocabSize, 0.75 × size) pieces (shrinking factor).
 *    (The loss uses the alternative's own length, as SentencePiece does; Rust uses the vocabulary size there.)
 * 4. Finalize: every character, then the best pieces up to vocabSize, sorted by score; specials first.
 * Positions a piece cannot cover use the unknown piece, scored min score − 10, as in Rust's lattice.
 *
 * Words are Metaspace pre-tokens (`▁word`), as in SentencePieceUnigramTokenizer. No randomness.
 */
import { InvalidOptionError } from '../errors.js';
import { requireWords } from './bpe.js';
import type { Corpus } from './corpus.js';
import { checkAffix, progressReporter, validateCommon, type CommonTrainOptions } from './options.js';
import { addedTokens, unigramJson } from './tokenizer-json.js';
import { TrainedTokenizer } from './trained-tokenizer.js';
import { buildEdges, charCount, indexChars, seedPieces, wordEdges, type CharIndex, type WordEdges } from './unigram-seeds.js';
import type { PieceTrie } from './unigram-trie.js';
import { countWords, type WordCounts } from './word-count.js';

export interface TrainUnigramOptions extends CommonTrainOptions {
  /** Unknown token (default "<unk>"); given id 0 unless listed in specialTokens. */
  unkToken?: string;
  /** Longest piece, in characters (default 16). */
  maxPieceLength?: number;
  /** Fraction of pieces kept by each pruning round (default 0.75). */
  shrinkingFactor?: number;
  /** EM iterations between prunings (default 2). */
  nSubIterations?: number;
  /** Seed pieces kept before EM (default 1,000,000). */
  seedSize?: number;
  /** Characters always in the vocabulary. */
  initialAlphabet?: readonly string[];
}

const UNK_PENALTY = 10;
/** `alternatives` results other than a path length: keep the piece as is / a split beats it. */
const KEEP = -1;
const SPLIT = -2;
const LOG_EPSILON_CUTOFF = 50;

/**
 * Trains a Unigram tokenizer in SentencePiece's layout (Metaspace `▁`).
 * @example await trainUnigram({ files: ['corpus.txt'] }, { vocabSize: 32000 });
 */
export async function trainUnigram(corpus: Corpus, options: TrainUnigramOptions = {}): Promise<TrainedTokenizer> {
  const common = validateCommon(options, 8000);
  const unkToken = checkAffix('unkToken', options.unkToken) ?? '<unk>';
  const maxPieceLength = integerOption('maxPieceLength', options.maxPieceLength ?? 16, 1);
  const nSub = integerOption('nSubIterations', options.nSubIterations ?? 2, 1);
  const seedSize = integerOption('seedSize', options.seedSize ?? 1_000_000, 1);
  const shrinking = options.shrinkingFactor ?? 0.75;
  if (!(shrinking > 0 && shrinking < 1)) throw new InvalidOptionError('shrinkingFactor', shrinking, 'a number between 0 and 1 (exclusive)');
  const initialAlphabet = (options.initialAlphabet ?? []).map((s) => {
    if (typeof s !== 'string' || s === '') throw new InvalidOptionError('initialAlphabet', options.initialAlphabet, 'non-empty strings');
    return String.fromCodePoint(s.codePointAt(0)!);
  });
  const report = progressReporter(options);
  const counted = sortedWords(await countWords(corpus, { style: 'metaspace' }, common.threads, report, { lossy: common.lossy }));
  requireWords(counted);

  const specials = common.specialTokens;
  const needUnk = !specials.includes(unkToken);
  const required = requiredChars(counted.words, initialAlphabet);
  const budget = common.vocabSize - specials.length - (needUnk ? 1 : 0);
  if (required.length > budget) {
    throw new InvalidOptionError(
      'vocabSize',
      common.vocabSize,
      `at least ${required.length + specials.length + (needUnk ? 1 : 0)}: ${specials.length + (needUnk ? 1 : 0)} special tokens ` +
        `(the unknown token included) + ${required.length} characters (every one the corpus uses, and the initial alphabet)`,
    );
  }

  const em = new UnigramEm(counted.words, counted.counts, maxPieceLength, seedSize);
  const desired = Math.floor((common.vocabSize * 11) / 10);
  for (;;) {
    for (let i = 0; i < nSub; i++) {
      em.mStep(em.eStep());
      report?.({ stage: 'em', done: em.size, total: desired });
    }
    if (em.size <= desired) break;
    em.prune(Math.max(desired, Math.floor(em.size * shrinking)));
  }

  const pieces = em.finalPieces(required, budget);
  const vocab: Array<[string, number]> = [...(needUnk ? [[unkToken, 0] as [string, number]] : []), ...specials.map((s): [string, number] => [s, 0]), ...pieces];
  const ids = new Map(vocab.map(([t], i) => [t, i]));
  const model = { type: 'Unigram', unk_id: ids.get(unkToken)!, vocab: vocab.map(([t, s]) => [t, s]), byte_fallback: false };
  return new TrainedTokenizer(unigramJson(model, addedTokens(needUnk ? [unkToken, ...specials] : specials, (t) => ids.get(t)!)), vocab.length);
}

/**
 * The words in code-unit order: EM sums floating-point numbers word by word, so the order must not depend
 * on how counting was spread over threads (first-seen order does) for the output to be byte-identical.
 */
function sortedWords(counted: WordCounts): WordCounts {
  const { words, counts } = counted;
  const order = Int32Array.from(words, (_, i) => i).sort((a, b) => (words[a]! < words[b]! ? -1 : 1));
  return { ...counted, words: Array.from(order, (i) => words[i]!), counts: Float64Array.from(order, (i) => counts[i]!) };
}

function integerOption(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new InvalidOptionError(name, value, `an integer ≥ ${min}`);
  return value;
}

/** Characters of a piece, counted as `indexChars` does (a high surrogate takes the next unit along). */
function charLength(s: string): number {
  let n = 0;
  for (let j = 0; j < s.length; j++, n++) {
    const c = s.charCodeAt(j);
    if (c >= 0xd800 && c <= 0xdbff && j + 1 < s.length) j++;
  }
  return n;
}

function requiredChars(words: readonly string[], initial: readonly string[]): string[] {
  const set = new Set<string>(initial);
  for (const w of words) for (const ch of w) set.add(ch);
  return [...set].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
}

/** Rust's log-sum-exp: a term more than 50 below the other is dropped. */
function logSumExp(x: number, y: number): number {
  if (x === -Infinity) return y;
  if (y === -Infinity) return x;
  const hi = x > y ? x : y;
  const lo = x > y ? y : x;
  return hi > lo + LOG_EPSILON_CUTOFF ? hi : hi + Math.log(Math.exp(lo - hi) + 1);
}

function digamma(x0: number): number {
  let x = x0;
  let result = 0;
  while (x < 7) {
    result -= 1 / x;
    x += 1;
  }
  x -= 0.5;
  const xx = 1 / x;
  const xx2 = xx * xx;
  const xx4 = xx2 * xx2;
  return result + Math.log(x) + xx2 / 24 - (7 / 960) * xx4 + (31 / 8064) * xx4 * xx2 - (127 / 30720) * xx4 * xx4;
}

/**
 * The EM state. Pieces have stable ids (0 = unknown, 1.. = seeds); `order` is the current vocabulary in
 * Rust's order, `alive`/`score` describe it. Edges of pruned pieces are compacted away.
 */
class UnigramEm {
  private readonly index: CharIndex;
  private readonly strings: string[];
  private readonly trie: PieceTrie;
  /**
   * The lattice edges of every word; built after the first M-step, which drops most seeds (the first
   * E-step walks the trie word by word instead: the full seed lattice is never held).
   */
  private edges: WordEdges | undefined;
  private wordPos = new Int32Array(0);
  private wordPiece = new Int32Array(0);
  private order: Int32Array;
  private readonly alive: Uint8Array;
  private readonly score: Float64Array;
  private minScore = 0;
  private readonly alpha: Float64Array;
  private readonly beta: Float64Array;
  private readonly unkAt: Uint8Array;
  private readonly back: Int32Array;
  private readonly backFrom: Int32Array;
  /** One value per piece id: expected counts (E-step) or Viterbi counts (pruning), reused. */
  private readonly scratch: Float64Array;
  /** Scratch space of `alternatives`: a piece's character offsets, its lattice, and the paths found. */
  private readonly altOffsets: Int32Array;
  private readonly altBest: Float64Array;
  private readonly altBack: Int32Array;
  private readonly altBackLen: Int32Array;
  private altData = new Int32Array(1 << 16);
  private altLength = 0;
  /** Length in characters of every piece (by stable id). */
  private readonly pieceLen: Int32Array;

  constructor(
    private readonly words: readonly string[],
    private readonly counts: Float64Array,
    private readonly maxPieceLength: number,
    seedSize: number,
  ) {
    this.index = indexChars(words);
    const { seeds, trie } = seedPieces({ words, counts }, this.index, maxPieceLength, seedSize);
    this.strings = ['<UNK>', ...seeds.strings];
    this.trie = trie;
    const n = this.strings.length;
    this.pieceLen = new Int32Array(n);
    for (let id = 1; id < n; id++) this.pieceLen[id] = charLength(this.strings[id]!);
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    this.alive = new Uint8Array(n).fill(1);
    this.score = new Float64Array(n);
    let sum = 0;
    for (const s of seeds.scores) sum += s;
    const logSum = Math.log(sum);
    seeds.scores.forEach((s, i) => (this.score[i + 1] = Math.log(s) - logSum));
    this.score[0] = NaN;
    this.updateMinScore();
    let longest = maxPieceLength;
    for (let w = 0; w < words.length; w++) longest = Math.max(longest, charCount(this.index, w));
    this.alpha = new Float64Array(longest + 1);
    this.beta = new Float64Array(longest + 1);
    this.unkAt = new Uint8Array(longest + 1);
    this.back = new Int32Array(longest + 1);
    this.backFrom = new Int32Array(longest + 1);
    this.scratch = new Float64Array(n);
    let longestPiece = 1;
    for (let id = 1; id < n; id++) longestPiece = Math.max(longestPiece, this.strings[id]!.length);
    this.altOffsets = new Int32Array(longestPiece + 1);
    this.altBest = new Float64Array(longestPiece + 1);
    this.altBack = new Int32Array(longestPiece + 1);
    this.altBackLen = new Int32Array(longestPiece + 1);
  }

  get size(): number {
    return this.order.length;
  }

  private updateMinScore(): void {
    let min = Infinity;
    for (const id of this.order) if (id !== 0 && this.score[id]! < min) min = this.score[id]!;
    this.minScore = min;
  }

  /** Expected count of every piece (by stable id). */
  eStep(): Float64Array {
    const expected = this.scratch;
    expected.fill(0);
    const { alpha, beta, unkAt, score, pieceLen } = this;
    const { charStart, offsets } = this.index;
    const unkScore = this.minScore - UNK_PENALTY;
    for (let w = 0; w < this.words.length; w++) {
      let base = charStart[w]!;
      const n = charStart[w + 1]! - base - 1;
      const count = this.counts[w]!;
      let posStart: Int32Array;
      let piece: Int32Array;
      if (this.edges) ({ posStart, piece } = this.edges);
      else {
        // This word's edges, from the trie, into scratch arrays (positions from 0).
        if (this.wordPos.length < n + 1) this.wordPos = new Int32Array(2 * n + 1);
        if (this.wordPiece.length < n * this.maxPieceLength) this.wordPiece = new Int32Array(2 * n * this.maxPieceLength);
        const m = wordEdges(this.words[w]!, offsets, base, n, this.trie, this.maxPieceLength, undefined, this.wordPos, 0, this.wordPiece, 0);
        this.wordPos[n] = m;
        posStart = this.wordPos;
        piece = this.wordPiece;
        base = 0;
      }
      alpha.fill(-Infinity, 0, n + 1);
      alpha[0] = 0;
      for (let p = 0; p < n; p++) {
        const ap = alpha[p]!;
        let single = false;
        for (let k = posStart[base + p]!, end = posStart[base + p + 1]!; k < end; k++) {
          const id = piece[k]!;
          const e = p + pieceLen[id]!;
          alpha[e] = logSumExp(alpha[e]!, ap + score[id]!);
          if (e === p + 1) single = true;
        }
        unkAt[p] = single ? 0 : 1;
        if (!single) alpha[p + 1] = logSumExp(alpha[p + 1]!, ap + unkScore);
      }
      beta.fill(-Infinity, 0, n + 1);
      beta[n] = 0;
      for (let p = n - 1; p >= 0; p--) {
        let acc = unkAt[p] ? unkScore + beta[p + 1]! : -Infinity;
        for (let k = posStart[base + p + 1]! - 1, start = posStart[base + p]!; k >= start; k--) {
          const id = piece[k]!;
          acc = logSumExp(acc, score[id]! + beta[p + pieceLen[id]!]!);
        }
        beta[p] = acc;
      }
      const z = alpha[n]!;
      for (let p = 0; p < n; p++) {
        const ap = alpha[p]!;
        for (let k = posStart[base + p]!, end = posStart[base + p + 1]!; k < end; k++) {
          const id = piece[k]!;
          expected[id] += count * Math.exp(ap + score[id]! + beta[p + pieceLen[id]!]! - z);
        }
      }
      for (let p = 0; p < n; p++) if (unkAt[p]) expected[0] += count * Math.exp(alpha[p]! + unkScore + beta[p + 1]! - z);
    }
    return expected;
  }

  /** Drops pieces expected fewer than 0.5 times; rescores the rest with digamma. */
  mStep(expected: Float64Array): void {
    const kept: number[] = [0];
    let sum = 0;
    for (let i = 1; i < this.order.length; i++) {
      const id = this.order[i]!;
      if (expected[id]! < 0.5) {
        this.alive[id] = 0;
        continue;
      }
      kept.push(id);
      sum += expected[id]!;
    }
    const logSum = digamma(sum);
    for (let i = 1; i < kept.length; i++) this.score[kept[i]!] = digamma(expected[kept[i]!]!) - logSum;
    this.setOrder(kept);
  }

  private setOrder(kept: number[]): void {
    this.order = Int32Array.from(kept);
    this.updateMinScore();
    this.compactEdges();
  }

  private compactEdges(): void {
    if (this.edges === undefined) {
      this.edges = buildEdges(this.words, this.index, this.trie, this.maxPieceLength, this.alive);
      this.wordPos = this.wordPiece = new Int32Array(0);
      return;
    }
    const { posStart, piece } = this.edges;
    const last = posStart.length - 1;
    let m = 0;
    let a = posStart[0]!;
    for (let p = 0; p < last; p++) {
      const b = posStart[p + 1]!;
      posStart[p] = m;
      for (let k = a; k < b; k++) if (this.alive[piece[k]!] !== 0) piece[m++] = piece[k]!;
      a = b;
    }
    posStart[last] = m;
    // Give memory back once most edges are gone (the first rounds drop most seeds).
    this.edges = { posStart, piece: m < piece.length / 2 ? piece.slice(0, m) : piece.subarray(0, m) };
  }

  /** Adds each word's count to `freq` of every piece on its Viterbi path; returns the total word count. */
  private viterbiCounts(freq: Float64Array): number {
    const { posStart, piece } = this.edges!; // built by the first M-step, before any pruning
    const { back, backFrom, pieceLen, score } = this;
    const { charStart } = this.index;
    const best = this.alpha;
    const unkScore = this.minScore - UNK_PENALTY;
    let vsum = 0;
    for (let w = 0; w < this.words.length; w++) {
      const c = this.counts[w]!;
      vsum += c;
      const base = charStart[w]!;
      const n = charStart[w + 1]! - base - 1;
      best.fill(-Infinity, 0, n + 1);
      best[0] = 0;
      for (let p = 0; p < n; p++) {
        const bp = best[p]!;
        let single = false;
        for (let k = posStart[base + p]!, end = posStart[base + p + 1]!; k < end; k++) {
          const id = piece[k]!;
          const e = p + pieceLen[id]!;
          if (e === p + 1) single = true;
          const s = bp + score[id]!;
          if (s > best[e]!) {
            best[e] = s;
            back[e] = id;
            backFrom[e] = p;
          }
        }
        if (!single && bp + unkScore > best[p + 1]!) {
          best[p + 1] = bp + unkScore;
          back[p + 1] = 0;
          backFrom[p + 1] = p;
        }
      }
      for (let e = n; e > 0; e = backFrom[e]!) freq[back[e]!] += c;
    }
    return vsum;
  }

  /**
   * Second-best segmentation of a piece's own string, when the piece is its own best one, appended to
   * `altData` (returns its length): KEEP when it must be kept as is (single character / no
   * alternative), SPLIT when a split beats it.
   */
  private alternatives(id: number): number {
    const s = this.strings[id]!;
    const offsets = this.altOffsets;
    let n = 0;
    for (let u = 0; u < s.length; n++) {
      offsets[n] = u;
      u += s.codePointAt(u)! > 0xffff ? 2 : 1;
    }
    offsets[n] = s.length;
    if (n === 1) return KEEP;
    const { altBest: best, altBack: back, altBackLen: backLen } = this;
    best.fill(-Infinity, 0, n + 1);
    best[0] = 0;
    const unkScore = this.minScore - UNK_PENALTY;
    for (let p = 0; p < n; p++) {
      let single = false;
      let node = 0;
      for (let len = 1; p + len <= n; len++) {
        for (let u = offsets[p + len - 1]!; u < offsets[p + len]! && node >= 0; u++) node = this.trie.next(node, s.charCodeAt(u));
        if (node < 0) break;
        const pid = this.trie.pieceOf[node]!;
        if (pid >= 0 && this.alive[pid] && !(p === 0 && len === n)) {
          if (len === 1) single = true;
          const sc = best[p]! + this.score[pid]!;
          if (sc > best[p + len]!) {
            best[p + len] = sc;
            back[p + len] = pid;
            backLen[p + len] = len;
          }
        }
      }
      if (!single && best[p]! + unkScore > best[p + 1]!) {
        best[p + 1] = best[p]! + unkScore;
        back[p + 1] = 0;
        backLen[p + 1] = 1;
      }
    }
    if (best[n]! > this.score[id]!) return SPLIT;
    let m = 0;
    for (let e = n; e > 0; e -= backLen[e]!) m++;
    if (this.altLength + m > this.altData.length) {
      const grown = new Int32Array(Math.max(this.altData.length * 2, this.altLength + m));
      grown.set(this.altData.subarray(0, this.altLength));
      this.altData = grown;
    }
    // The path, in reading order.
    let k = this.altLength + m;
    for (let e = n; e > 0; e -= backLen[e]!) this.altData[--k] = back[e]!;
    this.altLength += m;
    return m;
  }

  /** Keeps the `target` pieces whose removal would cost the most likelihood (see the file comment). */
  prune(target: number): void {
    // Alternatives of every piece: altKind (KEEP, SPLIT or the path length), the path at altAt in altData.
    const nIds = this.strings.length;
    const altKind = new Int32Array(nIds);
    const altAt = new Int32Array(nIds);
    this.altLength = 0;
    for (let i = 1; i < this.order.length; i++) {
      const id = this.order[i]!;
      altAt[id] = this.altLength;
      altKind[id] = this.alternatives(id);
    }
    const freq = this.scratch;
    freq.fill(0);
    const vsum = this.viterbiCounts(freq);
    let sum = 0;
    for (const id of this.order) sum += freq[id]!;
    const logSum = Math.log(sum);
    const kept: number[] = [0];
    const candidates: Array<[number, number]> = [];
    for (let i = 1; i < this.order.length; i++) {
      const id = this.order[i]!;
      const kind = altKind[id]!;
      if (freq[id] === 0 && kind !== KEEP) continue; // never on a Viterbi path and replaceable
      if (kind === KEEP || kind === SPLIT || kind === 0) {
        kept.push(id);
        continue;
      }
      const f = freq[id]! / vsum;
      const logProbPiece = Math.log(freq[id]!) - logSum;
      const logSumAlt = Math.log(sum + freq[id]! * (kind - 1));
      let logProbAlt = 0;
      for (let j = altAt[id]!, end = j + kind; j < end; j++) logProbAlt += Math.log(freq[this.altData[j]!]! + freq[id]!) - logSumAlt;
      candidates.push([id, f * (logProbPiece - logProbAlt)]);
    }
    candidates.sort((x, y) => y[1] - x[1]);
    for (const [id] of candidates) {
      if (kept.length >= target) break;
      kept.push(id);
    }
    const keep = new Uint8Array(nIds);
    for (const id of kept) keep[id] = 1;
    for (const id of this.order) if (!keep[id]) this.alive[id] = 0;
    this.setOrder(kept);
  }

  private pieceId(s: string): number | undefined {
    let node = 0;
    for (let i = 0; i < s.length && node >= 0; i++) node = this.trie.next(node, s.charCodeAt(i));
    return node >= 0 && this.trie.pieceOf[node]! >= 0 ? this.trie.pieceOf[node]! : undefined;
  }

  /** Required characters first (missing ones just below the lowest score), then the best pieces; by score. */
  finalPieces(required: readonly string[], budget: number): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    const inserted = new Set<string>();
    let penalty = 0;
    for (const ch of required) {
      const id = this.pieceId(ch);
      if (id !== undefined && this.alive[id]) out.push([ch, this.score[id]!]);
      else {
        out.push([ch, this.minScore + penalty]);
        penalty += 0.0001;
      }
      inserted.add(ch);
    }
    for (let i = 1; i < this.order.length && out.length < budget; i++) {
      const s = this.strings[this.order[i]!]!;
      if (inserted.has(s)) continue;
      inserted.add(s);
      const sc = this.score[this.order[i]!]!;
      out.push([s, Number.isNaN(sc) ? 0 : sc]);
    }
    return out.sort((a, b) => b[1] - a[1]);
  }
}
