/**
 * `ArpaModel`: a backoff n-gram model (as read from an ARPA file or estimated by `trainMkn`) in typed
 * arrays, scoring exactly as KenLM's probing model: `fullScore(state, word, out)` walks the match one
 * word to the left at a time, stops at the first missing n-gram, takes that n-gram's float32 log10
 * probability and adds, in float32 and in KenLM's order, the backoffs of the longer contexts the state
 * holds (lm/model.cc `FullScore`). The state is explicit, like KenLM's `State`: no hidden history.
 */
import { OrderError } from '../errors.js';
import { NgramTable } from './ngram-table.js';
import { pairHash } from './pair-hash.js';
import { VocabIndex } from './vocab-index.js';

/** The vocabulary id of `<unk>`, which every model has (KenLM fixes it to 0). */
export const UNK_ID = 0;

/** What KenLM substitutes for p(<unk>) when an ARPA file lacks `<unk>` (lm/config.cc). */
export const MISSING_UNK_LOG10PROB = -100;

/** The history a score depends on: the last `length` words, most recent first, with their backoffs. */
export interface LmState {
  readonly words: Uint32Array;
  readonly backoff: Float32Array;
  length: number;
}

/** What `fullScore` returns besides the new state: KenLM's `FullScoreReturn` (log10 prob, matched length). */
export interface ScoreResult {
  prob: number;
  ngramLength: number;
  /**
   * The matched n-gram's slot in `tables[ngramLength - 1]`'s probe (its word id for unigrams): an id
   * unique within the order; `tables[ngramLength - 1].entryOfSlot(entry)` is its entry index.
   */
  entry: number;
  /** Whether backoffs were added (the probability is not the matched n-gram's own). */
  backedOff: boolean;
}

export class ArpaModel {
  readonly order: number;
  /** Word of each id; id 0 is `<unk>`. */
  readonly words: readonly string[];
  readonly bosId: number;
  readonly eosId: number;
  /** Word → id (typed-array hash; also looks words up from ranges of a line). */
  readonly vocab: VocabIndex;
  /** `tables[m - 1]` holds the m-grams. */
  readonly tables: readonly NgramTable[];

  constructor(words: readonly string[], tables: readonly NgramTable[], bosId: number, eosId: number, vocab?: VocabIndex) {
    this.words = words;
    this.tables = tables;
    this.order = tables.length;
    this.bosId = bosId;
    this.eosId = eosId;
    if (vocab) this.vocab = vocab;
    else {
      this.vocab = new VocabIndex();
      for (const w of words) this.vocab.add(w);
    }
  }

  /** Builds the scorer's hashes now (else the first `fullScore` does): part of loading, for `Query`. */
  prepare(): this {
    for (const t of this.tables) t.ensureProbe();
    return this;
  }

  /** Number of n-grams of each order, lowest first (the `\data\` header). */
  get counts(): number[] {
    return this.tables.map((t) => t.length);
  }

  /** The id of `word`, or `UNK_ID` (0) when it is not in the vocabulary, as KenLM's `Index`. */
  index(word: string): number {
    const id = this.vocab.find(word);
    return id < 0 ? UNK_ID : id;
  }

  /** A state with room for `order - 1` words and no history. */
  newState(): LmState {
    const n = Math.max(this.order - 1, 1);
    return { words: new Uint32Array(n), backoff: new Float32Array(n), length: 0 };
  }

  /** The state after `<s>`: what KenLM's `BeginSentenceState` holds (written into `into` when given). */
  beginSentenceState(into: LmState = this.newState()): LmState {
    const s = into;
    s.length = 0;
    if (this.order > 1) {
      s.words[0] = this.bosId;
      s.backoff[0] = this.tables[0].backoff(this.bosId);
      s.length = 1;
    }
    return s;
  }

  /** A state with no context (KenLM's `NullContextState`, `query -n`). */
  nullContextState(into: LmState = this.newState()): LmState {
    into.length = 0;
    return into;
  }

  /**
   * Scores `word` after `state`, writing the next state to `out` (which must not be `state`); returns
   * the log10 probability, and with `result` also the length of the n-gram matched.
   * @example const out = lm.newState(); lm.fullScore(lm.beginSentenceState(), lm.index('the'), out);
   */
  fullScore(state: LmState, word: number, out: LmState, result?: ScoreResult): number {
    const tables = this.tables;
    const maxContext = this.order - 1;
    // Records are (suffix, word, prob, backoff): the values sit at 4i+2 and 4i+3 (see NgramTable).
    const uni = tables[0].values;
    let prob = uni[4 * word + 2];
    let matched = 1;
    let node = word;
    if (maxContext > 0) out.backoff[0] = uni[4 * word + 3];
    const inLength = state.length;
    // Keys hash the words (see NgramTable): each order's probe address comes from the ids alone. The
    // walk reads `probe` slots, which hold the whole entry (one cache line per order, as KenLM's), and
    // carries the matched slot: the next order's entries are keyed by their suffix's slot.
    let hash = word;
    for (let k = 0; k < inLength; k++) {
      const t = tables[k + 1];
      if (t.probed < t.length) t.ensureProbe();
      const left = state.words[k];
      hash = pairHash(hash, left);
      const p = t.probe;
      const mask = t.probeMask;
      const key = node + 1;
      let h = hash & mask;
      let s = p[4 * h];
      while (s !== 0 && (s !== key || p[4 * h + 1] !== left)) {
        h = (h + 1) & mask;
        s = p[4 * h];
      }
      if (s === 0) break;
      node = h;
      matched = k + 2;
      const v = t.probeValues;
      prob = v[4 * h + 2];
      if (matched <= maxContext) out.backoff[k + 1] = v[4 * h + 3];
    }
    // KenLM's probing tables keep a flag in the probability's sign bit and return it set: a log10
    // probability of 0 comes back as -0 (printed "-0" when no backoff is added to it).
    if (prob === 0) prob = -0;
    // The backoffs of the contexts longer than the match, added one at a time in float32 as KenLM does
    // (a zero backoff is -0 unless the n-gram is the context of a longer one: -0 + -0 stays -0, -0 + 0 is 0).
    const backedOff = matched - 1 < inLength;
    for (let i = matched - 1; i < inLength; i++) prob = Math.fround(prob + state.backoff[i]);
    if (maxContext > 0) {
      const length = matched < maxContext ? matched : maxContext;
      for (let i = length - 1; i > 0; i--) out.words[i] = state.words[i - 1];
      out.words[0] = word;
      out.length = length;
    }
    if (result) {
      result.prob = prob;
      result.ngramLength = matched;
      result.entry = node;
      result.backedOff = backedOff;
    }
    return prob;
  }

  /**
   * The log10 probability of `word` after `context` (oldest first), using at most the last `order - 1`
   * context words: a convenience for one-off queries; loops should use `fullScore` with states.
   */
  logProb(word: string, context: readonly string[] = []): number {
    const ids = context.map((w) => this.index(w));
    let state = this.nullContextState();
    let out = this.newState();
    // Rebuild the state word by word, so it holds exactly the backoffs KenLM's would.
    for (const id of ids) {
      this.fullScore(state, id, out);
      [state, out] = [out, state];
    }
    return this.fullScore(state, this.index(word), out);
  }

  /** The words of n-gram `index` of order `n` (1-based), leftmost first. */
  ngramWords(n: number, index: number): string[] {
    if (!Number.isInteger(n) || n < 1 || n > this.order) throw new OrderError(n, this.order);
    const out: string[] = [];
    let i = index;
    for (let m = n; m >= 1; m--) {
      const t = this.tables[m - 1];
      out.push(this.words[t.left(i)]);
      i = t.suffix(i);
    }
    return out;
  }
}
