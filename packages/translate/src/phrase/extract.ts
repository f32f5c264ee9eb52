/**
 * `trainPhraseTable`: a phrase table from a (possibly synthetic) parallel corpus, as Moses' train-model does
 * it — word alignment both ways (`alignDirectional`), grow-diag-final-and, extraction of every phrase pair
 * consistent with the alignment up to `maxPhraseLength` words a side (unaligned boundary words included),
 * then relative-frequency phrase probabilities p(e|f), p(f|e) and lexical weights lex(e|f), lex(f|e) from the
 * word-link counts (Koehn et al. 2003). Where one phrase pair was seen with several alignments, the highest
 * lexical weight is kept (Moses keeps the most frequent alignment's).
 */
import { InvalidOptionError, LineCountMismatchError } from '../errors.js';
import { alignDirectional, symmetrize, type AlignOptions } from './align.js';
import { IdCorpus, WordVocabulary } from './corpus.js';
import { PhraseTable } from './phrase-table.js';

export interface PhraseTrainingOptions extends AlignOptions {
  /** Longest phrase, in words, on either side (default 4). */
  readonly maxPhraseLength?: number;
  /** Entries kept per source phrase, best p(e|f) first (default 20). */
  readonly tableLimit?: number;
  /** Sentences longer than this (either side) are skipped (default 80). */
  readonly maxSentenceLength?: number;
}

export interface PhraseTrainingStats {
  readonly sentences: number;
  readonly skipped: number;
  readonly phrasePairs: number;
  readonly entries: number;
}

/** Estimates a source→target phrase table from line-parallel tokenised sentences. */
export function trainPhraseTable(
  source: readonly (readonly string[])[],
  target: readonly (readonly string[])[],
  options: PhraseTrainingOptions = {},
  names: readonly [string, string] = ['source', 'target'],
): { table: PhraseTable; stats: PhraseTrainingStats } {
  if (source.length !== target.length) throw new LineCountMismatchError(names[0], source.length, names[1], target.length);
  const maxLen = options.maxPhraseLength ?? 4;
  const limit = options.tableLimit ?? 20;
  const maxSent = options.maxSentenceLength ?? 80;
  if (!Number.isInteger(maxLen) || maxLen < 1 || maxLen > 8) throw new InvalidOptionError('maxPhraseLength', maxLen, 'an integer from 1 to 8');
  const src: (readonly string[])[] = [];
  const tgt: (readonly string[])[] = [];
  let skipped = 0;
  for (let k = 0; k < source.length; k++) {
    const a = source[k];
    const b = target[k];
    if (a.length === 0 || b.length === 0 || a.length > maxSent || b.length > maxSent) skipped++;
    else {
      src.push(a);
      tgt.push(b);
    }
  }
  const sv = new WordVocabulary();
  const tv = new WordVocabulary();
  const sc = new IdCorpus(src, sv);
  const tc = new IdCorpus(tgt, tv);
  const s2t = alignDirectional(sc, tc, options); // per target word: source position
  const t2s = alignDirectional(tc, sc, options); // per source word: target position

  // Symmetrised links per sentence, and word-link counts for the lexical weights.
  const links: Int32Array[] = new Array(sc.length);
  const linkCount = new Map<number, number>(); // f * T + e → count (f or e may be 0 = NULL)
  const fTotal = new Float64Array(sv.size);
  const eTotal = new Float64Array(tv.size);
  const T = tv.size;
  const bump = (f: number, e: number): void => {
    const key = f * T + e;
    linkCount.set(key, (linkCount.get(key) ?? 0) + 1);
    fTotal[f]++;
    eTotal[e]++;
  };
  for (let k = 0; k < sc.length; k++) {
    const so = sc.offsets[k];
    const to = tc.offsets[k];
    const m = sc.offsets[k + 1] - so;
    const n = tc.offsets[k + 1] - to;
    const l = symmetrize(m, n, s2t, to, t2s, so);
    links[k] = l;
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
  const wEgivenF = (f: number, e: number): number => (linkCount.get(f * T + e) ?? 0) / fTotal[f];
  const wFgivenE = (f: number, e: number): number => (linkCount.get(f * T + e) ?? 0) / eTotal[e];

  // Phrase pairs: interned phrases, counts and best lexical weights per pair.
  const srcPhrase = new Map<string, number>();
  const tgtPhrase = new Map<string, number>();
  const srcText: string[] = [];
  const tgtText: string[] = [];
  const pairIndex = new Map<number, number>();
  const pairSrc: number[] = [];
  const pairTgt: number[] = [];
  const pairCount: number[] = [];
  const pairLexE: number[] = [];
  const pairLexF: number[] = [];
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

  // Relative frequencies.
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
  table.prune(limit);
  return { table, stats: { sentences: sc.length, skipped, phrasePairs: pairSrc.length, entries: table.size } };
}
