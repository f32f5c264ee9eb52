/**
 * Word-translation precision@k, as MUSE's `get_word_translation_accuracy`: over the distinct covered source
 * words of a dictionary, the share whose k best retrieved targets include any of its listed translations.
 */
import { DimensionMismatchError, InvalidOptionError } from '../errors.js';
import { resolveDictionary, type BilingualDictionary, type DictionaryCoverage, type ResolvedDictionary } from './dictionary.js';
import { checkMethod, CslsPenalties, retrieve, type RetrievalMethod, type RetrievalOptions } from './retrieval.js';
import { checkSpace, normalizeRows, type EmbeddingSpace } from './space.js';

export interface EvaluationOptions extends RetrievalOptions {
  /** Cut-offs. Default [1, 5, 10]. */
  ks?: readonly number[];
  /** Precomputed CSLS penalties of these two (unit-normalised) spaces, to share across calls. */
  penalties?: CslsPenalties;
}

export interface TranslationEvaluation {
  readonly method: RetrievalMethod;
  /** k → precision in [0, 1] (MUSE prints percentages). */
  readonly precisionAt: Readonly<Record<number, number>>;
  /** Distinct source words evaluated. */
  readonly queries: number;
  readonly coverage: DictionaryCoverage;
}

/** Unit-row copy of a space's vectors. */
export function unitRows(s: EmbeddingSpace): Float32Array {
  return normalizeRows(s.vectors.slice(), s.dim);
}

/**
 * P@k of translating `mappedSrc` (source vectors already in the target space) into `tgt`.
 *
 * @example
 * const dict = await readDictionary('en-de.0-5000.txt');
 * evaluateTranslation(applyMapping(en, w), de, dict, { method: 'csls' }).precisionAt[1]; // e.g. 0.71
 */
export function evaluateTranslation(
  mappedSrc: EmbeddingSpace,
  tgt: EmbeddingSpace,
  dict: BilingualDictionary | ResolvedDictionary,
  o: EvaluationOptions = {},
): TranslationEvaluation {
  checkSpace('source', mappedSrc);
  checkSpace('target', tgt);
  if (mappedSrc.dim !== tgt.dim) throw new DimensionMismatchError('target space', mappedSrc.dim, tgt.dim);
  const method = checkMethod(o.method ?? 'csls');
  const ks = o.ks ?? [1, 5, 10];
  for (const k of ks) if (!Number.isInteger(k) || k < 1) throw new InvalidOptionError('ks', ks, 'positive integers');
  const r: ResolvedDictionary = 'coverage' in dict ? dict : resolveDictionary(dict, mappedSrc, tgt);
  const d = tgt.dim;
  const src = o.penalties?.src ?? unitRows(mappedSrc);
  const tg = o.penalties?.tgt ?? unitRows(tgt);
  // Distinct sources (the pairs are sorted by source row).
  const starts: number[] = [];
  for (let i = 0; i < r.src.length; i++) if (i === 0 || r.src[i] !== r.src[i - 1]) starts.push(i);
  const queries = Int32Array.from(starts, (i) => r.src[i]);
  const maxK = Math.max(...ks);
  const top = retrieve(src, tg, d, queries, maxK, { method, cslsK: o.cslsK, penalties: o.penalties });
  const hits = new Float64Array(ks.length);
  for (let q = 0; q < starts.length; q++) {
    const end = q + 1 < starts.length ? starts[q + 1] : r.src.length;
    let first = Infinity; // rank of the first gold target retrieved
    for (let j = 0; j < top.k && first === Infinity; j++) {
      const t = top.index[q * top.k + j];
      for (let p = starts[q]; p < end; p++) {
        if (r.tgt[p] === t) {
          first = j;
          break;
        }
      }
    }
    for (let c = 0; c < ks.length; c++) if (first < ks[c]) hits[c]++;
  }
  const precisionAt: Record<number, number> = {};
  ks.forEach((k, c) => (precisionAt[k] = hits[c] / starts.length));
  return { method, precisionAt, queries: starts.length, coverage: r.coverage };
}
