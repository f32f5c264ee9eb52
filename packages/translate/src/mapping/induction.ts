/**
 * Dictionary induction (MUSE's `build_dictionary` / `get_candidates`) and MUSE's unsupervised validation
 * criterion, both over unit-row spaces with the source already mapped.
 */
import { InvalidOptionError } from '../errors.js';
import { checkMethod, CslsPenalties, retrieve, type RetrievalMethod } from './retrieval.js';

/** MUSE's `dico_build`: source→target best pairs, target→source, their intersection or their union. */
export type DictionaryBuild = 'S2T' | 'T2S' | 'S2T&T2S' | 'S2T|T2S';

export interface BuildDictionaryOptions {
  /** Default 'csls'. */
  method?: RetrievalMethod;
  /** Default 'S2T&T2S'. */
  build?: DictionaryBuild;
  /** Only the `maxRank` most frequent words of each side take part (MUSE's `dico_max_rank`). Default 15000. */
  maxRank?: number;
  cslsK?: number;
  penalties?: CslsPenalties;
  /**
   * Keep at most this many pairs per direction, the most confident first (MUSE's `dico_max_size`; confidence is
   * the margin between a word's best and second-best score, as MUSE's `get_candidates` sorts). Default: all.
   */
  maxSize?: number;
  /** Drop pairs whose score (cosine or CSLS) is not above this (MUSE's `dico_threshold`). Default: none. */
  minScore?: number;
}

/**
 * Induce a dictionary between unit-row spaces (`src` already mapped). A query ranges over the whole other
 * space; a pair is kept when both words are within `maxRank` (as MUSE's `get_candidates`).
 */
export function buildDictionary(
  src: Float32Array,
  tgt: Float32Array,
  d: number,
  o: BuildDictionaryOptions = {},
): { src: Int32Array; tgt: Int32Array; size: number } {
  const method = checkMethod(o.method ?? 'csls');
  const build = o.build ?? 'S2T&T2S';
  if (!['S2T', 'T2S', 'S2T&T2S', 'S2T|T2S'].includes(build)) {
    throw new InvalidOptionError('build', build, "'S2T', 'T2S', 'S2T&T2S' or 'S2T|T2S'");
  }
  const maxRank = o.maxRank ?? 15000;
  if (!Number.isInteger(maxRank) || maxRank < 1) throw new InvalidOptionError('maxRank', maxRank, 'a positive integer');
  const maxSize = o.maxSize ?? Infinity;
  if (maxSize !== Infinity && !(Number.isInteger(maxSize) && maxSize >= 1)) throw new InvalidOptionError('maxSize', maxSize, 'a positive integer');
  const minScore = o.minScore ?? -Infinity;
  if (Number.isNaN(minScore)) throw new InvalidOptionError('minScore', minScore, 'a number');
  const pen = method === 'csls' ? (o.penalties ?? new CslsPenalties(src, tgt, d, o.cslsK ?? 10)) : undefined;
  const filtered = maxSize !== Infinity || minScore !== -Infinity;
  // best[i]: word i's best match in the other space within maxRank, or −1 when it lies beyond maxRank or is
  // filtered out by maxSize / minScore.
  const best = (direction: 's2t' | 't2s'): Int32Array => {
    const n = Math.min(maxRank, (direction === 's2t' ? src : tgt).length / d);
    const ids = new Int32Array(n).map((_, i) => i);
    const r = retrieve(src, tgt, d, ids, filtered ? 2 : 1, { method, penalties: pen, direction });
    const out = Int32Array.from({ length: n }, (_, i) => {
      const j = r.index[i * r.k];
      return j < maxRank && r.score[i * r.k] > minScore ? j : -1;
    });
    if (maxSize < n) {
      const margin = (i: number): number => (r.k > 1 ? r.score[i * r.k] - r.score[i * r.k + 1] : r.score[i * r.k]);
      const kept = Array.from({ length: n }, (_, i) => i).filter((i) => out[i] >= 0);
      kept.sort((p, q) => margin(q) - margin(p) || p - q);
      for (const i of kept.slice(maxSize)) out[i] = -1;
    }
    return out;
  };
  const s2t = build === 'T2S' ? undefined : best('s2t');
  const t2s = build === 'S2T' ? undefined : best('t2s');
  const pairs: [number, number][] = [];
  const inT2s = (s: number, t: number): boolean => t2s !== undefined && t < t2s.length && t2s[t] === s;
  if (s2t) for (let s = 0; s < s2t.length; s++) if (s2t[s] >= 0 && (build !== 'S2T&T2S' || inT2s(s, s2t[s]))) pairs.push([s, s2t[s]]);
  if (t2s && build !== 'S2T&T2S') {
    for (let t = 0; t < t2s.length; t++) {
      const s = t2s[t];
      if (s < 0) continue;
      if (build === 'S2T|T2S' && s2t !== undefined && s < s2t.length && s2t[s] === t) continue; // already in
      pairs.push([s, t]);
    }
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { src: Int32Array.from(pairs, (p) => p[0]), tgt: Int32Array.from(pairs, (p) => p[1]), size: pairs.length };
}

export interface CriterionOptions {
  method?: RetrievalMethod;
  /** Source words (and target candidates) considered. Default 10000, as MUSE. */
  maxRank?: number;
  cslsK?: number;
  penalties?: CslsPenalties;
}

/**
 * MUSE's unsupervised validation criterion (`mean_cosine-csls_knn_10-S2T-10000`): the mean cosine between the
 * `maxRank` most frequent source words and their CSLS translations among the `maxRank` most frequent targets.
 */
export function meanCosine(src: Float32Array, tgt: Float32Array, d: number, o: CriterionOptions = {}): number {
  const dict = buildDictionary(src, tgt, d, { ...o, build: 'S2T', maxRank: o.maxRank ?? 10000 });
  if (dict.size === 0) return 0;
  let s = 0;
  for (let i = 0; i < dict.size; i++) {
    const a = dict.src[i] * d;
    const b = dict.tgt[i] * d;
    let dot = 0;
    for (let t = 0; t < d; t++) dot += src[a + t] * tgt[b + t];
    s += dot;
  }
  return s / dict.size;
}
