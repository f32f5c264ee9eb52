/**
 * An in-domain dictionary from comparable monolingual text (Rapp 1999; Fung & Yee 1998), seeded by an
 * induced dictionary — no parallel data and no ground-truth dictionary.
 *
 * Why: dictionaries mapped from general-domain embeddings (ELTeC novels) miss or confuse the caption words
 * that carry BLEU on Multi30k (`homme`→`woman`, `chien`→`man`; `wearing`, `shirt` barely occur in novels),
 * while the two `mono/` halves describe the same kind of images, so a word and its translation have similar
 * contexts and similar relative frequencies there. Each word's context vector (PPMI over a ±`window`
 * co-occurrence count) is carried into the target language through the seed pairs and compared (cosine, then
 * CSLS) with the target words' context vectors; the score adds a prior for the seed dictionary's own
 * candidates and subtracts a penalty on the gap of log relative frequencies:
 *
 *   score(s, t) = CSLS(s, t) + priorWeight · prior(s, t) − frequencyWeight · |log f(s) − log f(t)|
 *
 * with prior = 1, 0.75, 0.5, … for the seed's 1st, 2nd, 3rd… candidate of s (0 otherwise). Self-learning:
 * the mutual best pairs among words seen at least `seedMinCount` times become the next seed, `iterations`
 * times. The similarity matrix runs through the mapping kernel (`dotMatrix`, WebAssembly SIMD).
 * Memory: the full source × target score matrix (4 bytes a cell: 225 MB at 6,900 × 8,200 words), so it is
 * meant for caption-sized vocabularies; raise `minCount` for bigger text. The text itself need not fit:
 * `comparableDictionaryFromText` streams it (twice per side) and holds only the distinct co-occurring pairs.
 */
import type { SentenceSource } from '../backtranslation/sentence-files.js';
import { InvalidOptionError, EmptyMonolingualDataError } from '../errors.js';
import { dotMatrix } from '../mapping/knn.kernel.js';
import { adaptDictionary, type AdaptOptions, type AdaptStats } from './adapt.js';
import type { ScoredDictionary } from './dictionary-table.js';

export interface ComparableOptions {
  /** Co-occurrence window, words either side (default 3). */
  readonly window?: number;
  /** Words seen fewer times on their side are left out (default 3). */
  readonly minCount?: number;
  /** Self-learned seed pairs need this many occurrences on both sides (default 20). */
  readonly seedMinCount?: number;
  /** Self-learning iterations after the first induction (default 4). */
  readonly iterations?: number;
  /** CSLS neighbourhood size (default 10). */
  readonly cslsK?: number;
  /** Weight of the seed dictionary's rank prior (default 0.2). */
  readonly priorWeight?: number;
  /** Weight of the log relative frequency gap (default 0.1). */
  readonly frequencyWeight?: number;
  /** Candidates written per source word, best first (default 5). */
  readonly candidates?: number;
}

export interface ComparableStats {
  readonly sourceWords: number;
  readonly targetWords: number;
  /** Seed pairs of the first induction (seed's first candidate, both words in the vocabularies). */
  readonly seedPairs: number;
  /** Mutual pairs found by each self-learning iteration. */
  readonly selfLearned: readonly number[];
}

interface Side {
  readonly words: string[];
  readonly ids: Map<string, number>;
  readonly counts: Float64Array;
  /** PPMI rows, CSR. */
  readonly rowStart: Int32Array;
  readonly col: Int32Array;
  readonly val: Float32Array;
}

/**
 * The dictionary for every source word seen `minCount` times: its `candidates` best targets with their
 * scores (a scored `ScoredDictionary`, for `dictionaryTable`'s softmax). `seed` must be in the texts' tokens
 * (see `adaptDictionary`), its candidates listed best first per source.
 */
export function comparableDictionary(
  source: readonly (readonly string[])[],
  target: readonly (readonly string[])[],
  seed: ScoredDictionary,
  options: ComparableOptions = {},
): { dictionary: ScoredDictionary; stats: ComparableStats } {
  const o = resolveOptions(options);
  const S = side(source, o, 'source text');
  const T = side(target, o, 'target text');
  return induce(S, T, seed, o);
}

/**
 * `comparableDictionary` on texts that need not fit in memory: each side is read twice (word counts, then the
 * co-occurrences, counted `bufferPairs` at a time and merged), and only its vocabulary and its distinct
 * co-occurring pairs are held. The same dictionary as the in-memory function on the same sentences.
 * `counted`: word counts already made by `countText` (skips the first pass of that side). Errors name the
 * source (`SentenceSource.name`, e.g. the file).
 */
export async function comparableDictionaryFromText(
  source: SentenceSource,
  target: SentenceSource,
  seed: ScoredDictionary,
  options: ComparableOptions & StreamOptions = {},
  counted: { source?: TextCounts; target?: TextCounts } = {},
): Promise<{ dictionary: ScoredDictionary; stats: ComparableStats }> {
  const o = resolveOptions(options);
  const [S, T] = await sidesOfTexts(source, target, o, options.bufferPairs, counted);
  return induce(S, T, seed, o);
}

/** Both texts' sides (vocabulary and PPMI rows), each text counted first unless its counts come along. */
async function sidesOfTexts(
  source: SentenceSource,
  target: SentenceSource,
  o: Resolved,
  bufferPairs: number | undefined,
  counted: { source?: TextCounts; target?: TextCounts },
): Promise<[Side, Side]> {
  const S = await sideOfText(source, counted.source ?? (await countText(source)), o, bufferPairs);
  const T = await sideOfText(target, counted.target ?? (await countText(target)), o, bufferPairs);
  return [S, T];
}

export interface StreamOptions {
  /** Co-occurring pairs buffered before they are sorted and merged into the side's counts (default 2^22: 32 MB). */
  readonly bufferPairs?: number;
}

/** A text's lines and word counts (the first pass over a `SentenceSource`). */
export interface TextCounts {
  readonly lines: number;
  readonly words: Map<string, number>;
}

export async function countText(text: SentenceSource): Promise<TextCounts> {
  const words = new Map<string, number>();
  let lines = 0;
  for await (const s of text.open()) {
    lines++;
    for (const w of s) words.set(w, (words.get(w) ?? 0) + 1);
  }
  return { lines, words };
}

type Resolved = Required<ComparableOptions>;

function resolveOptions(options: ComparableOptions): Resolved {
  const o: Resolved = {
    window: options.window ?? 3,
    minCount: options.minCount ?? 3,
    seedMinCount: options.seedMinCount ?? 20,
    iterations: options.iterations ?? 4,
    cslsK: options.cslsK ?? 10,
    priorWeight: options.priorWeight ?? 0.2,
    frequencyWeight: options.frequencyWeight ?? 0.1,
    candidates: options.candidates ?? 5,
  };
  for (const name of ['window', 'minCount', 'cslsK', 'candidates'] as const) {
    const v = o[name];
    if (!Number.isInteger(v) || v < 1) throw new InvalidOptionError(name, v, 'an integer >= 1');
  }
  if (!Number.isInteger(o.iterations) || o.iterations < 0) throw new InvalidOptionError('iterations', o.iterations, 'an integer >= 0');
  return o;
}

/** The induction proper, on both sides' vocabularies and PPMI rows. */
function induce(S: Side, T: Side, seed: ScoredDictionary, o: Resolved): { dictionary: ScoredDictionary; stats: ComparableStats } {
  const { seedMinCount: seedMin, iterations, cslsK: k, priorWeight: gamma, frequencyWeight: beta, candidates: cand } = o;
  const nS = S.words.length;
  const nT = T.words.length;
  // Seed prior (sparse, per source row) and the first seed pairs (each source's first in-vocabulary candidate).
  const prior = new Map<number, Map<number, number>>();
  const rank = new Map<string, number>();
  let pairs: [number, number][] = [];
  for (let i = 0; i < seed.sources.length; i++) {
    const r = rank.get(seed.sources[i]) ?? 0;
    rank.set(seed.sources[i], r + 1);
    const s = S.ids.get(seed.sources[i]);
    const t = T.ids.get(seed.targets[i]);
    if (s === undefined || t === undefined) continue;
    let row = prior.get(s);
    if (!row) {
      prior.set(s, (row = new Map()));
      pairs.push([s, t]);
    }
    row.set(t, Math.max(row.get(t) ?? 0, Math.max(0, 1 - 0.25 * r)));
  }
  const seedPairs = pairs.length;
  const logFreq = (c: Float64Array): Float64Array => {
    let tot = 0;
    for (const x of c) tot += x;
    return c.map((x) => Math.log(x / tot));
  };
  const lfS = logFreq(S.counts);
  const lfT = logFreq(T.counts);
  const selfLearned: number[] = [];
  let scores: Float32Array = new Float32Array(0);
  for (let it = 0; ; it++) {
    scores = scoreMatrix(S, T, pairs, k);
    // Add the prior and the frequency gap; find each row's and column's best.
    const bestOfRow = new Int32Array(nS).fill(-1);
    const bestOfCol = new Int32Array(nT).fill(-1);
    const colMax = new Float32Array(nT).fill(-Infinity);
    for (let i = 0; i < nS; i++) {
      const o = i * nT;
      const pr = prior.get(i);
      if (pr) for (const [j, p] of pr) scores[o + j] += gamma * p;
      let best = -Infinity;
      for (let j = 0; j < nT; j++) {
        const v = (scores[o + j] -= beta * Math.abs(lfS[i] - lfT[j]));
        if (v > best) {
          best = v;
          bestOfRow[i] = j;
        }
        if (v > colMax[j]) {
          colMax[j] = v;
          bestOfCol[j] = i;
        }
      }
    }
    if (it === iterations) break;
    pairs = [];
    for (let i = 0; i < nS; i++) {
      const j = bestOfRow[i];
      if (j >= 0 && bestOfCol[j] === i && S.counts[i] >= seedMin && T.counts[j] >= seedMin) pairs.push([i, j]);
    }
    selfLearned.push(pairs.length);
    if (pairs.length === 0) break;
  }
  const sources: string[] = [];
  const targets: string[] = [];
  const out: number[] = [];
  const top = Math.min(cand, nT);
  const idx = new Int32Array(top);
  const val = new Float32Array(top);
  for (let i = 0; i < nS; i++) {
    idx.fill(-1);
    val.fill(-Infinity);
    const o = i * nT;
    for (let j = 0; j < nT; j++) {
      const v = scores[o + j];
      if (v <= val[top - 1]) continue;
      let p = top - 1;
      while (p > 0 && val[p - 1] < v) {
        val[p] = val[p - 1];
        idx[p] = idx[p - 1];
        p--;
      }
      val[p] = v;
      idx[p] = j;
    }
    for (let r = 0; r < top; r++) {
      if (idx[r] < 0) continue;
      sources.push(S.words[i]);
      targets.push(T.words[idx[r]]);
      out.push(val[r]);
    }
  }
  return {
    dictionary: { name: `comparable (${seed.name})`, sources, targets, scores: Float64Array.from(out) },
    stats: { sourceWords: nS, targetWords: nT, seedPairs, selfLearned },
  };
}

/**
 * CSLS between the source words' context vectors carried through `pairs` and the target words' context
 * vectors restricted to the pairs' targets (both unit rows): 2·cos − r_S − r_T, nS × nT, row-major.
 */
function scoreMatrix(S: Side, T: Side, pairs: readonly [number, number][], k: number): Float32Array {
  const nS = S.words.length;
  const nT = T.words.length;
  const colOfTarget = new Int32Array(nT).fill(-1);
  const colOfSource = new Int32Array(nS).fill(-1);
  let c = 0;
  for (const [s, t] of pairs) {
    if (colOfTarget[t] < 0) colOfTarget[t] = c++;
    colOfSource[s] = colOfTarget[t];
  }
  // Pad the dimension to a multiple of 4 (the SIMD kernel's lanes); the padding stays zero.
  const d = Math.max(4, (c + 3) & ~3);
  const a = new Float32Array(nS * d);
  const b = new Float32Array(nT * d);
  for (let i = 0; i < nS; i++) {
    for (let p = S.rowStart[i]; p < S.rowStart[i + 1]; p++) {
      const col = colOfSource[S.col[p]];
      if (col >= 0) a[i * d + col] += S.val[p];
    }
  }
  for (let j = 0; j < nT; j++) {
    for (let p = T.rowStart[j]; p < T.rowStart[j + 1]; p++) {
      const col = colOfTarget[T.col[p]];
      if (col >= 0) b[j * d + col] = T.val[p];
    }
  }
  unit(a, d);
  unit(b, d);
  const sim = dotMatrix(a, b, d);
  const rs = topMeans(sim, nS, nT, k, false);
  const rt = topMeans(sim, nS, nT, k, true);
  for (let i = 0; i < nS; i++) for (let j = 0; j < nT; j++) sim[i * nT + j] = 2 * sim[i * nT + j] - rs[i] - rt[j];
  return sim;
}

/** Mean of the k largest entries of each row (or column) of an m × n matrix. */
function topMeans(x: Float32Array, m: number, n: number, k: number, columns: boolean): Float32Array {
  const lines = columns ? n : m;
  const len = columns ? m : n;
  const kk = Math.min(k, len);
  const out = new Float32Array(lines);
  // One k-slot ascending list per line; columns are filled row by row so the matrix is read in order.
  const lists = new Float32Array(lines * kk).fill(-Infinity);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const v = x[i * n + j];
      const line = columns ? j : i;
      const o = line * kk;
      if (v <= lists[o]) continue;
      let p = 0;
      while (p + 1 < kk && lists[o + p + 1] < v) {
        lists[o + p] = lists[o + p + 1];
        p++;
      }
      lists[o + p] = v;
    }
  }
  for (let l = 0; l < lines; l++) {
    let s = 0;
    for (let p = 0; p < kk; p++) s += lists[l * kk + p];
    out[l] = kk === 0 ? 0 : s / kk;
  }
  return out;
}

function unit(x: Float32Array, d: number): void {
  for (let o = 0; o < x.length; o += d) {
    let s = 0;
    for (let t = 0; t < d; t++) s += x[o + t] * x[o + t];
    if (s === 0) continue;
    const f = 1 / Math.sqrt(s);
    for (let t = 0; t < d; t++) x[o + t] *= f;
  }
}

/**
 * A side's vocabulary (words seen `minCount` times, most frequent first) and its PPMI matrix over ±window
 * co-occurrences, with the context distribution smoothed by the power 0.75 (Levy et al. 2015).
 */
function side(sentences: readonly (readonly string[])[], o: Resolved, name: string): Side {
  const all = new Map<string, number>();
  for (const s of sentences) for (const w of s) all.set(w, (all.get(w) ?? 0) + 1);
  const vocab = vocabulary(all, o.minCount, name, sentences.length);
  const pairs = new PairCounter(vocab.ids, o.window);
  for (const s of sentences) pairs.add(s);
  return ppmi(vocab, pairs.finish());
}

/** `side` for a `SentenceSource`, read once more for the co-occurrences (its word counts are `counts`). */
async function sideOfText(text: SentenceSource, counts: TextCounts, o: Resolved, bufferPairs?: number): Promise<Side> {
  if (counts.lines === 0 || ![...counts.words.values()].some((c) => c > 0)) throw new EmptyMonolingualDataError(text.name, counts.lines);
  const vocab = vocabulary(counts.words, o.minCount, text.name, counts.lines);
  const pairs = new PairCounter(vocab.ids, o.window, bufferPairs);
  for await (const s of text.open()) pairs.add(s);
  return ppmi(vocab, pairs.finish());
}

interface Vocabulary {
  readonly words: string[];
  readonly ids: Map<string, number>;
  readonly counts: Float64Array;
}

function vocabulary(all: ReadonlyMap<string, number>, minCount: number, name: string, lines: number): Vocabulary {
  const words = [...all].filter(([, c]) => c >= minCount).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([w]) => w);
  if (words.length === 0) throw new EmptyMonolingualDataError(`${name} (no word seen ${minCount} times)`, lines);
  const ids = new Map<string, number>();
  words.forEach((w, i) => ids.set(w, i));
  return { words, ids, counts: Float64Array.from(words, (w) => all.get(w)!) };
}

/**
 * Counts of co-occurring word pairs (key a·n + b for word ids a, b within ±window in a sentence): keys are
 * buffered (no per-pair objects), and every `bufferPairs` of them are sorted, run-length counted and merged into
 * the sorted distinct keys so far, so memory follows the distinct pairs, not the text.
 */
class PairCounter {
  private readonly n: number;
  private buf: Float64Array;
  private m = 0;
  private keys = new Float64Array(0);
  private counts = new Float64Array(0);
  private readonly sent: number[] = [];

  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly window: number,
    private readonly bufferPairs = 1 << 22,
  ) {
    if (!Number.isInteger(bufferPairs) || bufferPairs < 1) throw new InvalidOptionError('bufferPairs', bufferPairs, 'an integer >= 1');
    this.n = ids.size;
    this.buf = new Float64Array(Math.min(bufferPairs, 1 << 16));
  }

  add(sentence: readonly string[]): void {
    const sent = this.sent;
    sent.length = 0;
    for (const w of sentence) sent.push(this.ids.get(w) ?? -1);
    const n = this.n;
    for (let i = 0; i < sent.length; i++) {
      const a = sent[i];
      if (a < 0) continue;
      const hi = Math.min(sent.length, i + this.window + 1);
      for (let j = Math.max(0, i - this.window); j < hi; j++) {
        if (j === i || sent[j] < 0) continue;
        if (this.m === this.buf.length) {
          if (this.m >= this.bufferPairs) this.flush();
          else {
            const grown = new Float64Array(Math.min(this.buf.length * 2, this.bufferPairs));
            grown.set(this.buf);
            this.buf = grown;
          }
        }
        this.buf[this.m++] = a * n + sent[j];
      }
    }
  }

  /** The distinct keys, ascending, and their counts. */
  finish(): { keys: Float64Array; counts: Float64Array } {
    this.flush();
    return { keys: this.keys, counts: this.counts };
  }

  /** Sorts the buffer, counts its runs and merges them with the earlier counts. */
  private flush(): void {
    const m = this.m;
    this.m = 0;
    if (m === 0) return;
    const sorted = this.buf.subarray(0, m).sort();
    const a = this.keys;
    const ac = this.counts;
    const keys = new Float64Array(a.length + m);
    const counts = new Float64Array(a.length + m);
    let i = 0;
    let e = 0;
    for (let p = 0; p < m; ) {
      const x = sorted[p];
      let q = p + 1;
      while (q < m && sorted[q] === x) q++;
      while (i < a.length && a[i] < x) {
        keys[e] = a[i];
        counts[e++] = ac[i++];
      }
      let c = q - p;
      if (i < a.length && a[i] === x) c += ac[i++];
      keys[e] = x;
      counts[e++] = c;
      p = q;
    }
    while (i < a.length) {
      keys[e] = a[i];
      counts[e++] = ac[i++];
    }
    this.keys = keys.slice(0, e);
    this.counts = counts.slice(0, e);
  }
}

/** The PPMI rows (CSR) of a side from its distinct co-occurring pairs. */
function ppmi(vocab: Vocabulary, pairs: { keys: Float64Array; counts: Float64Array }): Side {
  const { words, ids, counts } = vocab;
  const n = words.length;
  const { keys, counts: cnt } = pairs;
  const rowStart = new Int32Array(n + 1);
  const col = new Int32Array(keys.length);
  for (let p = 0; p < keys.length; p++) {
    const row = Math.floor(keys[p] / n);
    rowStart[row + 1]++;
    col[p] = keys[p] - row * n;
  }
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      rowSum[i] += cnt[p];
      colSum[col[p]] += cnt[p];
      total += cnt[p];
    }
  }
  let smooth = 0;
  for (let j = 0; j < n; j++) smooth += colSum[j] ** 0.75;
  const val = new Float32Array(col.length);
  for (let i = 0; i < n; i++) {
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const pc = colSum[col[p]] ** 0.75 / smooth;
      const v = Math.log(cnt[p] / total / ((rowSum[i] / total) * pc));
      val[p] = v > 0 ? v : 0;
    }
  }
  return { words, ids, counts, rowStart, col, val };
}

/**
 * `dict` plus the `fallback` pairs of every source `dict` does not list (words too rare for context vectors
 * keep the seed's translations), scored by rank (0, −0.25, −0.5, …) so `dictionaryTable` still has a score
 * column.
 */
export function withFallback(dict: ScoredDictionary, fallback: ScoredDictionary): ScoredDictionary {
  const listed = new Set(dict.sources);
  const sources = [...dict.sources];
  const targets = [...dict.targets];
  const scores = dict.scores ? Array.from(dict.scores) : dict.sources.map(() => 0);
  const rank = new Map<string, number>();
  for (let i = 0; i < fallback.sources.length; i++) {
    const s = fallback.sources[i];
    if (listed.has(s)) continue;
    const r = rank.get(s) ?? 0;
    rank.set(s, r + 1);
    sources.push(s);
    targets.push(fallback.targets[i]);
    scores.push(-0.25 * r);
  }
  return { name: `${dict.name} + ${fallback.name}`, sources, targets, scores: Float64Array.from(scores) };
}

/** What a re-induction gives: the dictionary in the texts' tokens and the two stages' stats. */
export interface Reinduced {
  readonly dictionary: ScoredDictionary;
  readonly comparable: ComparableStats;
  readonly adapt: AdaptStats;
}

/**
 * The whole re-induction of an induced dictionary on comparable text, as `translate words --comparable-*` and
 * the sentence bench run it: `seed` adapted to the texts' tokens (no copies), `comparableDictionary`, the seed's
 * pairs kept for words too rare for context vectors (`withFallback`), then adapted again (copy candidates
 * unless `adapt.copy` is false). `adapt`'s word counts are those of the text to translate and the target LM's
 * text (often, but not always, `source` and `target` themselves).
 */
export function reinduceDictionary(
  seed: ScoredDictionary,
  source: readonly (readonly string[])[],
  target: readonly (readonly string[])[],
  adapt: AdaptOptions,
  options: ComparableOptions = {},
): Reinduced {
  return reinduceWith(seed, adapt, (inTokens) => comparableDictionary(source, target, inTokens, options));
}

/** `reinduceDictionary` on streamed text (as `comparableDictionaryFromText` reads it). */
export async function reinduceDictionaryFromText(
  seed: ScoredDictionary,
  source: SentenceSource,
  target: SentenceSource,
  adapt: AdaptOptions,
  options: ComparableOptions & StreamOptions = {},
  counted: { source?: TextCounts; target?: TextCounts } = {},
): Promise<Reinduced> {
  const o = resolveOptions(options);
  const [S, T] = await sidesOfTexts(source, target, o, options.bufferPairs, counted);
  return reinduceWith(seed, adapt, (inTokens) => induce(S, T, inTokens, o));
}

/**
 * `reinduceDictionaryFromText` in both directions on the same two texts, as `translate train-unsup
 * --comparable-*` re-induces its forward and reverse dictionaries: each text is streamed and its PPMI rows built
 * once, not once per direction (the same dictionaries as two calls). `adapt` is the forward direction's; the
 * backward one swaps its word counts.
 */
export async function reinduceBothFromText(
  seeds: { readonly forward: ScoredDictionary; readonly backward: ScoredDictionary },
  source: SentenceSource,
  target: SentenceSource,
  adapt: AdaptOptions,
  options: ComparableOptions & StreamOptions = {},
  counted: { source?: TextCounts; target?: TextCounts } = {},
): Promise<{ forward: Reinduced; backward: Reinduced }> {
  const o = resolveOptions(options);
  const [S, T] = await sidesOfTexts(source, target, o, options.bufferPairs, counted);
  const back: AdaptOptions = { ...adapt, sourceWords: adapt.targetWords, targetWords: adapt.sourceWords };
  return {
    forward: reinduceWith(seeds.forward, adapt, (inTokens) => induce(S, T, inTokens, o)),
    backward: reinduceWith(seeds.backward, back, (inTokens) => induce(T, S, inTokens, o)),
  };
}

/**
 * What every re-induction does around its induction `run`: the seed adapted to the texts' tokens (no copies) goes
 * in, the seed's pairs fill in for words too rare for context vectors, and the result is adapted again.
 */
function reinduceWith(
  seed: ScoredDictionary,
  adapt: AdaptOptions,
  run: (inTokens: ScoredDictionary) => { dictionary: ScoredDictionary; stats: ComparableStats },
): Reinduced {
  const inTokens = adaptDictionary(seed, { ...adapt, copy: false }).dictionary;
  const induced = run(inTokens);
  const adapted = adaptDictionary(withFallback(induced.dictionary, inTokens), adapt);
  return { dictionary: adapted.dictionary, comparable: induced.stats, adapt: adapted.stats };
}
