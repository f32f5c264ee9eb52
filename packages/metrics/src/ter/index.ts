/**
 * TER (translation edit rate) exactly as sacreBLEU 2.x: tercom-style tokenization (lowercased
 * unless caseSensitive), then per segment the fewest edits over the references (shifts count one
 * each) divided by the summed average reference length.
 */
import { pyFixed, pyRstrip, pySplit } from '../pystr.js';
import { segmentRefs, sentenceStreams, type RefStreams } from '../refs.js';
import { formatSignature } from '../signature.js';
import { tercomTokenize, type TercomOptions } from '../tokenizers/tercom.js';
import { translationEditRate } from './shifts.js';

export { translationEditRate } from './shifts.js';

export interface TerOptions {
  /** tercom normalization: entities, punctuation splitting (default false). */
  normalized?: boolean;
  /** Remove punctuation (default false). */
  noPunct?: boolean;
  /** CJK handling for normalized/noPunct (default false). */
  asianSupport?: boolean;
  /** Keep case (default false: lowercase). */
  caseSensitive?: boolean;
}

export interface TerResult {
  name: 'TER';
  /** 0..100 (can exceed 100). */
  score: number;
  /** Total edits, truncated to an integer as sacreBLEU reports it. */
  numEdits: number;
  /** Sum over segments of the average reference length. */
  refLength: number;
  signature?: string;
}

/** Per-segment statistics: `segments` rows of [best number of edits, average reference length]. */
export interface TerStats {
  segments: number;
  nrefs: number | 'var';
  stats: Float64Array;
}

function resolve(opts: TerOptions): TercomOptions {
  return {
    normalized: opts.normalized ?? false,
    noPunct: opts.noPunct ?? false,
    asianSupport: opts.asianSupport ?? false,
    caseSensitive: opts.caseSensitive ?? false,
  };
}

/** Segment statistics for a corpus. */
export function terStatistics(hyps: readonly string[], refs: RefStreams, opts: TerOptions = {}): TerStats {
  const o = resolve(opts);
  const { perSegment, nrefs } = segmentRefs(hyps.length, refs);
  const stats = new Float64Array(hyps.length * 2);
  let vocab = new Map<string, number>();
  const ids = (s: string): Int32Array => {
    const words = pySplit(tercomTokenize(pyRstrip(s), o));
    const out = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      let id = vocab.get(words[i]);
      if (id === undefined) {
        id = vocab.size;
        vocab.set(words[i], id);
      }
      out[i] = id;
    }
    return out;
  };
  for (let s = 0; s < hyps.length; s++) {
    if (vocab.size > 1 << 20) vocab = new Map(); // ids only need to agree within a segment
    const hyp = ids(hyps[s]);
    let refLengths = 0;
    let best = 1e16;
    const segRefs = perSegment[s];
    for (const r of segRefs) {
      const { edits, refLength } = translationEditRate(hyp, ids(r));
      refLengths += refLength;
      if (edits < best) best = edits;
    }
    stats[2 * s] = best;
    stats[2 * s + 1] = refLengths / segRefs.length;
  }
  return { segments: hyps.length, nrefs, stats };
}

/** Sum the statistics of all segments, or of the given indices (with repeats, for resampling). */
export function sumTerStats(st: TerStats, indices?: ArrayLike<number>): number[] {
  let edits = 0;
  let len = 0;
  const n = indices ? indices.length : st.segments;
  for (let j = 0; j < n; j++) {
    const i = indices ? indices[j] : j;
    edits += st.stats[2 * i];
    len += st.stats[2 * i + 1];
  }
  return [edits, len];
}

/** Score summed statistics [edits, refLength]. */
export function terFromStats(sum: readonly number[]): TerResult {
  const [edits, refLength] = sum;
  let score: number;
  if (refLength > 0) score = edits / refLength;
  else if (edits > 0) score = 1.0;
  else score = 0.0;
  return { name: 'TER', score: 100 * score, numEdits: Math.trunc(edits), refLength };
}

/** The TER signature, e.g. `nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:0.1.0`. */
export function terSignature(nrefs: number | 'var', opts: TerOptions = {}, short = false): string {
  const o = resolve(opts);
  return formatSignature(
    nrefs,
    [
      ['case', 'c', o.caseSensitive ? 'mixed' : 'lc'],
      ['tok', 't', 'tercom'],
      ['norm', 'nr', o.normalized],
      ['punct', 'pn', !o.noPunct],
      ['asian', 'as', o.asianSupport],
    ],
    short,
  );
}

/** Corpus TER against reference streams (refs[k][i] = k-th reference of segment i). */
export function corpusTer(hyps: readonly string[], refs: RefStreams, opts: TerOptions = {}): TerResult {
  const st = terStatistics(hyps, refs, opts);
  const res = terFromStats(sumTerStats(st));
  res.signature = terSignature(st.nrefs, opts);
  return res;
}

/** Sentence TER of one hypothesis against its references. */
export function sentenceTer(hyp: string, refs: readonly (string | null)[], opts: TerOptions = {}): TerResult {
  return corpusTer([hyp], sentenceStreams(refs), opts);
}

/** sacreBLEU's one-line rendering, e.g. `TER = 40.00`. */
export function formatTer(r: TerResult, width = 2): string {
  return `TER = ${pyFixed(r.score, width)}`;
}
