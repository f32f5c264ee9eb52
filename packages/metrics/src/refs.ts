import { LengthMismatchError, MissingReferenceError } from './errors.js';

/**
 * Reference handling shared by the metrics. References come as sacreBLEU's reference STREAMS:
 * `refs[k][i]` is the k-th reference of segment i, and `null` (or `undefined`) means segment i
 * has no k-th reference, so segments may have different numbers of references.
 */
export type RefStreams = readonly (readonly (string | null | undefined)[])[];

export interface SegmentRefs {
  /** The references of each segment, nulls removed (stream order kept). */
  perSegment: string[][];
  /** The number of references, or 'var' when it differs between segments (sacreBLEU's `nrefs:var`). */
  nrefs: number | 'var';
}

/**
 * Transpose the streams into per-segment lists. Unlike sacreBLEU (which zips and so silently
 * truncates), a stream whose length differs from the hypotheses is an error naming both counts;
 * a segment with no reference at all is an error too (sacreBLEU fails on it or scores it wrongly).
 */
export function segmentRefs(numHyps: number, refs: RefStreams): SegmentRefs {
  if (refs.length === 0) throw new MissingReferenceError(-1);
  for (let k = 0; k < refs.length; k++) {
    if (refs[k].length !== numHyps) throw new LengthMismatchError(numHyps, refs[k].length, k);
  }
  const perSegment: string[][] = new Array(numHyps);
  let nrefs = -1;
  let variable = false;
  for (let i = 0; i < numHyps; i++) {
    const lines: string[] = [];
    for (let k = 0; k < refs.length; k++) {
      const r = refs[k][i];
      if (r !== null && r !== undefined) lines.push(r);
    }
    if (lines.length === 0) throw new MissingReferenceError(i);
    if (nrefs === -1) nrefs = lines.length;
    else if (nrefs !== lines.length) variable = true;
    perSegment[i] = lines;
  }
  return { perSegment, nrefs: variable ? 'var' : nrefs === -1 ? refs.length : nrefs };
}

/** The streams for one segment's references (sacreBLEU's sentence_score layout). */
export function sentenceStreams(refs: readonly (string | null | undefined)[]): RefStreams {
  return refs.map((r) => [r]);
}

/**
 * `segmentRefs`'s checks and `nrefs` (same errors, same order) without building per-segment arrays:
 * for the hot loops, which read `refs[k][i]` directly and skip nulls.
 */
export function checkRefStreams(numHyps: number, refs: RefStreams): number | 'var' {
  if (refs.length === 0) throw new MissingReferenceError(-1);
  for (let k = 0; k < refs.length; k++) {
    if (refs[k].length !== numHyps) throw new LengthMismatchError(numHyps, refs[k].length, k);
  }
  let nrefs = -1;
  let variable = false;
  for (let i = 0; i < numHyps; i++) {
    let count = 0;
    for (let k = 0; k < refs.length; k++) {
      const r = refs[k][i];
      if (r !== null && r !== undefined) count++;
    }
    if (count === 0) throw new MissingReferenceError(i);
    if (nrefs === -1) nrefs = count;
    else if (nrefs !== count) variable = true;
  }
  return variable ? 'var' : nrefs === -1 ? refs.length : nrefs;
}
