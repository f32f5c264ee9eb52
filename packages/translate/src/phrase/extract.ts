/**
 * `trainPhraseTable`: a phrase table from a (possibly synthetic) parallel corpus, as Moses' train-model does
 * it — word alignment both ways (`DirectionalAligner`), grow-diag-final-and, extraction of every phrase pair
 * consistent with the alignment up to `maxPhraseLength` words a side (unaligned boundary words included),
 * then relative-frequency phrase probabilities p(e|f), p(f|e) and lexical weights lex(e|f), lex(f|e) from the
 * word-link counts (Koehn et al. 2003). Where one phrase pair was seen with several alignments, the highest
 * lexical weight is kept (Moses keeps the most frequent alignment's).
 *
 * The work is a fixed series of passes over the corpus (EM iterations of both aligners, then word-link counts,
 * then extraction), each fed in chunks, so `trainPhraseTableStream` can re-read a corpus too big for memory
 * chunk by chunk and keep only the statistics (word-pair probabilities, link counts, phrase-pair counts).
 * `trainPhraseTable` feeds in-memory arrays as one chunk through the same passes: the two give the same table.
 */
import { InvalidOptionError, LineCountMismatchError } from '../errors.js';
import { DirectionalAligner, symmetrize, type AlignOptions } from './align.js';
import { IdCorpus, PairIndex, WordVocabulary } from './corpus.js';
import { PhraseTable } from './phrase-table.js';

export interface PhraseTrainingOptions extends AlignOptions {
  /** Longest phrase, in words, on either side (default 4). */
  readonly maxPhraseLength?: number;
  /** Entries kept per source phrase, best p(e|f) first (default 20). */
  readonly tableLimit?: number;
  /** Sentences longer than this (either side) are skipped (default 80). */
  readonly maxSentenceLength?: number;
  /** Sentence pairs per chunk of `trainPhraseTableStream` (default 10000): what it holds of the corpus at once. */
  readonly chunkSize?: number;
}

export interface PhraseTrainingStats {
  readonly sentences: number;
  readonly skipped: number;
  readonly phrasePairs: number;
  readonly entries: number;
}

/** A line-parallel corpus that can be read again: every `open()` yields the same (source, target) pairs in order. */
export interface ParallelSource {
  open(): AsyncIterable<readonly [readonly string[], readonly string[]]>;
}

/** Estimates a source→target phrase table from line-parallel tokenised sentences held in memory. */
export function trainPhraseTable(
  source: readonly (readonly string[])[],
  target: readonly (readonly string[])[],
  options: PhraseTrainingOptions = {},
  names: readonly [string, string] = ['source', 'target'],
): { table: PhraseTable; stats: PhraseTrainingStats } {
  if (source.length !== target.length) throw new LineCountMismatchError(names[0], source.length, names[1], target.length);
  const trainer = new PhraseTableTrainer(options);
  const chunk = trainer.chunk(source, target, true);
  for (let pass = 0; pass < trainer.passes; pass++) trainer.feed(pass, chunk);
  return trainer.finish();
}

/**
 * Estimates a source→target phrase table from a corpus read again for every pass (EM iterations + 2), holding
 * at most `chunkSize` sentence pairs of it at a time. `onChunk` hears after each chunk how many pairs of the
 * current pass are done.
 */
export async function trainPhraseTableStream(
  corpus: ParallelSource,
  options: PhraseTrainingOptions = {},
  onChunk?: (pass: number, done: number) => void | Promise<void>,
): Promise<{ table: PhraseTable; stats: PhraseTrainingStats }> {
  const size = options.chunkSize ?? 10000;
  if (!Number.isInteger(size) || size < 1) throw new InvalidOptionError('chunkSize', size, 'an integer >= 1');
  const trainer = new PhraseTableTrainer(options);
  for (let pass = 0; pass < trainer.passes; pass++) {
    let src: (readonly string[])[] = [];
    let tgt: (readonly string[])[] = [];
    let done = 0;
    const flush = async (): Promise<void> => {
      trainer.feed(pass, trainer.chunk(src, tgt, pass === 0));
      done += src.length;
      src = [];
      tgt = [];
      await onChunk?.(pass, done);
    };
    for await (const [a, b] of corpus.open()) {
      src.push(a);
      tgt.push(b);
      if (src.length >= size) await flush();
    }
    if (src.length > 0) await flush();
  }
  return trainer.finish();
}

/** Part of the corpus as word ids, with what the passes compute on it (kept while the chunk lives). */
interface Chunk {
  readonly src: readonly (readonly string[])[];
  readonly tgt: readonly (readonly string[])[];
  readonly sc: IdCorpus;
  readonly tc: IdCorpus;
  slotsST?: Int32Array;
  slotsTS?: Int32Array;
  links?: Int32Array[];
}

/** The passes of phrase-table training; pass p must see every chunk of the corpus, in the same order each pass. */
class PhraseTableTrainer {
  readonly passes: number;
  private readonly maxLen: number;
  private readonly limit: number;
  private readonly maxSent: number;
  private readonly sv = new WordVocabulary();
  private readonly tv = new WordVocabulary();
  private readonly s2t: DirectionalAligner; // per target word: source position
  private readonly t2s: DirectionalAligner; // per source word: target position
  private sentences = 0;
  private skipped = 0;
  private lastPass = -1;
  // Word-link counts for the lexical weights: count of link (f, e) at its pair id (f or e may be 0 = NULL).
  private readonly linkIds = new PairIndex();
  private linkCount = new Float64Array(1024);
  private fTotal = new Float64Array(1024);
  private eTotal = new Float64Array(1024);
  // Phrase pairs: interned phrases, counts and best lexical weights per pair.
  private readonly srcPhrase = new Map<string, number>();
  private readonly tgtPhrase = new Map<string, number>();
  private readonly srcText: string[] = [];
  private readonly tgtText: string[] = [];
  private readonly pairIndex = new Map<number, number>();
  private readonly pairSrc: number[] = [];
  private readonly pairTgt: number[] = [];
  private readonly pairCount: number[] = [];
  private readonly pairLexE: number[] = [];
  private readonly pairLexF: number[] = [];

  constructor(options: PhraseTrainingOptions) {
    this.maxLen = options.maxPhraseLength ?? 4;
    this.limit = options.tableLimit ?? 20;
    this.maxSent = options.maxSentenceLength ?? 80;
    if (!Number.isInteger(this.maxLen) || this.maxLen < 1 || this.maxLen > 8) throw new InvalidOptionError('maxPhraseLength', this.maxLen, 'an integer from 1 to 8');
    this.s2t = new DirectionalAligner(options);
    this.t2s = new DirectionalAligner(options);
    this.passes = this.s2t.iterations + 2;
  }

  /** A chunk of line-parallel sentences, skipping empty and over-long pairs (counted on the first pass). */
  chunk(source: readonly (readonly string[])[], target: readonly (readonly string[])[], count: boolean): Chunk {
    const src: (readonly string[])[] = [];
    const tgt: (readonly string[])[] = [];
    for (let k = 0; k < source.length; k++) {
      const a = source[k];
      const b = target[k];
      if (a.length === 0 || b.length === 0 || a.length > this.maxSent || b.length > this.maxSent) {
        if (count) this.skipped++;
      } else {
        src.push(a);
        tgt.push(b);
      }
    }
    if (count) this.sentences += src.length;
    return { src, tgt, sc: new IdCorpus(src, this.sv), tc: new IdCorpus(tgt, this.tv) };
  }

  feed(pass: number, c: Chunk): void {
    const iterations = this.s2t.iterations;
    if (pass !== this.lastPass) {
      if (pass !== this.lastPass + 1) throw new RangeError(`pass ${pass} after pass ${this.lastPass}`);
      if (this.lastPass >= 0 && this.lastPass < iterations) {
        this.s2t.maximize();
        this.t2s.maximize();
      }
      this.lastPass = pass;
    }
    c.slotsST ??= this.s2t.slots(c.sc, c.tc);
    c.slotsTS ??= this.t2s.slots(c.tc, c.sc);
    if (pass < iterations) {
      this.s2t.accumulate(c.sc, c.tc, c.slotsST);
      this.t2s.accumulate(c.tc, c.sc, c.slotsTS);
    } else if (pass === iterations) {
      c.links = this.countLinks(c);
    } else {
      this.extract(c, c.links ?? this.links(c));
    }
  }

  /** The symmetrised links of each sentence of a chunk. */
  private links(c: Chunk): Int32Array[] {
    const { sc, tc } = c;
    const s2t = this.s2t.viterbi(sc, tc, c.slotsST!);
    const t2s = this.t2s.viterbi(tc, sc, c.slotsTS!);
    const links: Int32Array[] = new Array(sc.length);
    for (let k = 0; k < sc.length; k++) {
      const so = sc.offsets[k];
      const to = tc.offsets[k];
      links[k] = symmetrize(sc.offsets[k + 1] - so, tc.offsets[k + 1] - to, s2t, to, t2s, so);
    }
    return links;
  }

  private countLinks(c: Chunk): Int32Array[] {
    const { sc, tc } = c;
    const links = this.links(c);
    if (this.fTotal.length < this.sv.size) this.fTotal = grown(this.fTotal, this.sv.size);
    if (this.eTotal.length < this.tv.size) this.eTotal = grown(this.eTotal, this.tv.size);
    const { linkIds, fTotal, eTotal } = this;
    const bump = (f: number, e: number): void => {
      const id = linkIds.id(f, e);
      if (id >= this.linkCount.length) this.linkCount = grown(this.linkCount, id + 1);
      this.linkCount[id]++;
      fTotal[f]++;
      eTotal[e]++;
    };
    for (let k = 0; k < sc.length; k++) {
      const so = sc.offsets[k];
      const to = tc.offsets[k];
      const m = sc.offsets[k + 1] - so;
      const n = tc.offsets[k + 1] - to;
      const l = links[k];
      const sA = new Uint8Array(m);
      const tA = new Uint8Array(n);
      for (let x = 0; x < l.length; x += 2) {
        bump(sc.ids[so + l[x]], tc.ids[to + l[x + 1]]);
        sA[l[x]] = 1;
        tA[l[x + 1]] = 1;
      }
      for (let i = 0; i < m; i++) if (!sA[i]) bump(sc.ids[so + i], 0);
      for (let j = 0; j < n; j++) if (!tA[j]) bump(0, tc.ids[to + j]);
    }
    return links;
  }

  private extract(c: Chunk, links: Int32Array[]): void {
    const { sc, tc, src, tgt } = c;
    const maxLen = this.maxLen;
    const { linkIds, linkCount, fTotal, eTotal, srcPhrase, tgtPhrase, srcText, tgtText, pairIndex, pairSrc, pairTgt, pairCount, pairLexE, pairLexF } = this;
    const linkCountOf = (f: number, e: number): number => {
      const id = linkIds.find(f, e);
      return id < 0 ? 0 : linkCount[id];
    };
    const wEgivenF = (f: number, e: number): number => linkCountOf(f, e) / fTotal[f];
    const wFgivenE = (f: number, e: number): number => linkCountOf(f, e) / eTotal[e];
    const intern = (map: Map<string, number>, texts: string[], words: readonly string[], from: number, to: number): number => {
      const key = words.slice(from, to).join(' ');
      let id = map.get(key);
      if (id === undefined) {
        id = texts.length;
        map.set(key, id);
        texts.push(key);
      }
      return id;
    };
    const PAIR_SCALE = 2 ** 26;
    for (let k = 0; k < sc.length; k++) {
      const so = sc.offsets[k];
      const to = tc.offsets[k];
      const m = sc.offsets[k + 1] - so;
      const n = tc.offsets[k + 1] - to;
      const l = links[k];
      // Alignment matrix and per-word link counts.
      const A = new Uint8Array(m * n);
      const sLinks = new Int32Array(m);
      const tLinks = new Int32Array(n);
      for (let x = 0; x < l.length; x += 2) {
        A[l[x] * n + l[x + 1]] = 1;
        sLinks[l[x]]++;
        tLinks[l[x + 1]]++;
      }
      const lexE = (s1: number, s2: number, t1: number, t2: number): number => {
        let p = 1;
        for (let j = t1; j <= t2; j++) {
          const e = tc.ids[to + j];
          let sum = 0;
          let cnt = 0;
          for (let i = s1; i <= s2; i++) {
            if (A[i * n + j]) {
              sum += wEgivenF(sc.ids[so + i], e);
              cnt++;
            }
          }
          p *= cnt > 0 ? sum / cnt : wEgivenF(0, e);
        }
        return p;
      };
      const lexF = (s1: number, s2: number, t1: number, t2: number): number => {
        let p = 1;
        for (let i = s1; i <= s2; i++) {
          const f = sc.ids[so + i];
          let sum = 0;
          let cnt = 0;
          for (let j = t1; j <= t2; j++) {
            if (A[i * n + j]) {
              sum += wFgivenE(f, tc.ids[to + j]);
              cnt++;
            }
          }
          p *= cnt > 0 ? sum / cnt : wFgivenE(f, 0);
        }
        return p;
      };
      const add = (s1: number, s2: number, t1: number, t2: number): void => {
        const a = intern(srcPhrase, srcText, src[k], s1, s2 + 1);
        const b = intern(tgtPhrase, tgtText, tgt[k], t1, t2 + 1);
        const key = a * PAIR_SCALE + b;
        let id = pairIndex.get(key);
        const le = lexE(s1, s2, t1, t2);
        const lf = lexF(s1, s2, t1, t2);
        if (id === undefined) {
          id = pairSrc.length;
          pairIndex.set(key, id);
          pairSrc.push(a);
          pairTgt.push(b);
          pairCount.push(0);
          pairLexE.push(le);
          pairLexF.push(lf);
        } else {
          if (le > pairLexE[id]) pairLexE[id] = le;
          if (lf > pairLexF[id]) pairLexF[id] = lf;
        }
        pairCount[id]++;
      };
      for (let s1 = 0; s1 < m; s1++) {
        for (let s2 = s1; s2 < m && s2 - s1 < maxLen; s2++) {
          // Target span of the source span's links.
          let t1 = n;
          let t2 = -1;
          for (let i = s1; i <= s2; i++) {
            for (let j = 0; j < n; j++) {
              if (A[i * n + j]) {
                if (j < t1) t1 = j;
                if (j > t2) t2 = j;
              }
            }
          }
          if (t2 < 0 || t2 - t1 >= maxLen) continue;
          // Consistent: no target word in [t1, t2] links outside [s1, s2].
          let ok = true;
          for (let j = t1; j <= t2 && ok; j++) {
            for (let i = 0; i < m; i++) {
              if (A[i * n + j] && (i < s1 || i > s2)) {
                ok = false;
                break;
              }
            }
          }
          if (!ok) continue;
          // Extend over unaligned target words at both ends.
          for (let a = t1; a >= 0 && (a === t1 || tLinks[a] === 0); a--) {
            for (let b = t2; b < n && (b === t2 || tLinks[b] === 0); b++) {
              if (b - a >= maxLen) break;
              add(s1, s2, a, b);
            }
            if (t2 - a + 1 >= maxLen) break;
          }
        }
      }
    }
  }

  /** Relative frequencies into the table, pruned to the table limit. */
  finish(): { table: PhraseTable; stats: PhraseTrainingStats } {
    const { pairSrc, pairTgt, pairCount, pairLexE, pairLexF, srcText, tgtText } = this;
    const srcTotal = new Float64Array(srcText.length);
    const tgtTotal = new Float64Array(tgtText.length);
    for (let p = 0; p < pairSrc.length; p++) {
      srcTotal[pairSrc[p]] += pairCount[p];
      tgtTotal[pairTgt[p]] += pairCount[p];
    }
    const table = new PhraseTable();
    for (let p = 0; p < pairSrc.length; p++) {
      const c = pairCount[p];
      const inv = Math.log(c / tgtTotal[pairTgt[p]]);
      const dir = Math.log(c / srcTotal[pairSrc[p]]);
      table.add(srcText[pairSrc[p]].split(' '), tgtText[pairTgt[p]].split(' '), [inv, Math.log(pairLexF[p]), dir, Math.log(pairLexE[p])]);
    }
    table.prune(this.limit);
    return { table, stats: { sentences: this.sentences, skipped: this.skipped, phrasePairs: pairSrc.length, entries: table.size } };
  }
}

function grown(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}
