/**
 * sacreBLEU's TER shift search (lib_ter.translation_edit_rate / _shift), itself modelled on tercom:
 * repeatedly apply the block shift that lowers the edit distance most (ties: longer block, earlier
 * hypothesis start, earlier target), for blocks of at most 10 words moving at most 50 positions,
 * only shifting words that are wrong in the hypothesis to a place where the reference is not
 * matched. At most 1,000 shift candidates are evaluated per sentence pair; the round in which the
 * count reaches 1,000 is discarded, as in sacreBLEU.
 */
import { BeamEditDistance, OP_DEL, OP_INS, OP_NOP, OP_SUB } from './edit-distance.js';

const MAX_SHIFT_SIZE = 10;
const MAX_SHIFT_DIST = 50;
const MAX_SHIFT_CANDIDATES = 1000;

/** Number of edits (shifts + edit distance) turning `hyp` into `ref`, and the reference length. */
export function translationEditRate(hyp: Int32Array, ref: Int32Array): { edits: number; refLength: number } {
  if (ref.length === 0) return { edits: hyp.length, refLength: 0 };
  const ed = new BeamEditDistance(ref);
  let shifts = 0;
  let input = hyp;
  let checked = 0;
  for (;;) {
    const r = shift(input, ref, ed, checked);
    checked = r.checked;
    if (checked >= MAX_SHIFT_CANDIDATES) break;
    if (r.delta <= 0) break;
    shifts++;
    input = r.words;
  }
  return { edits: shifts + ed.compute(input).distance, refLength: ref.length };
}

function performShift(words: Int32Array, start: number, length: number, target: number): Int32Array {
  const out = new Int32Array(words.length);
  let k = 0;
  const put = (a: number, b: number): void => {
    a = Math.min(a, words.length);
    b = Math.min(b, words.length);
    for (let i = a; i < b; i++) out[k++] = words[i];
  };
  if (target < start) {
    put(0, target);
    put(start, start + length);
    put(target, start);
    put(start + length, words.length);
  } else if (target > start + length) {
    put(0, start);
    put(start + length, target);
    put(start, start + length);
    put(target, words.length);
  } else {
    put(0, start);
    put(start + length, length + target);
    put(start, start + length);
    put(length + target, words.length);
  }
  return out;
}

function shift(
  words: Int32Array,
  ref: Int32Array,
  ed: BeamEditDistance,
  checkedIn: number,
): { delta: number; words: Int32Array; checked: number } {
  let checked = checkedIn;
  const { distance: preScore, trace } = ed.compute(words);
  // Alignment from the flipped trace (rewriting the reference into the hypothesis): after flipping,
  // the edit distance's insertions consume reference words and its deletions hypothesis words.
  const nH = words.length;
  const nR = ref.length;
  const align = new Int32Array(nR);
  const alignSet = new Uint8Array(nR);
  const hypErrSum = new Int32Array(nH + 1); // prefix sums of hypothesis error flags
  const refErrSum = new Int32Array(nR + 1);
  let posH = -1;
  let posR = -1;
  for (let t = 0; t < trace.length; t++) {
    const op = trace[t];
    if (op === OP_NOP || op === OP_SUB) {
      posH++;
      posR++;
      align[posR] = posH;
      alignSet[posR] = 1;
      const e = op === OP_SUB ? 1 : 0;
      hypErrSum[posH + 1] = hypErrSum[posH] + e;
      refErrSum[posR + 1] = refErrSum[posR] + e;
    } else if (op === OP_DEL) {
      // a deletion in the edit distance = an insertion after flipping: a hypothesis-only word
      posH++;
      hypErrSum[posH + 1] = hypErrSum[posH] + 1;
    } else if (op === OP_INS) {
      // an insertion in the edit distance = a deletion after flipping: a reference-only word
      posR++;
      align[posR] = posH;
      alignSet[posR] = 1;
      refErrSum[posR + 1] = refErrSum[posR] + 1;
    }
  }
  const errIn = (sum: Int32Array, n: number, a: number, len: number): number => {
    const b = Math.min(a + len, n);
    return sum[b] - sum[Math.min(a, n)];
  };

  let best: { score: number; length: number; startH: number; idx: number; words: Int32Array } | null = null;
  outer: for (let startH = 0; startH < nH; startH++) {
    for (let startR = 0; startR < nR; startR++) {
      if (Math.abs(startR - startH) > MAX_SHIFT_DIST) continue;
      let length = 0;
      while (words[startH + length] === ref[startR + length] && length < MAX_SHIFT_SIZE) {
        length++;
        // --- one candidate block (startH, startR, length)
        const skip =
          errIn(hypErrSum, nH, startH, length) === 0 ||
          errIn(refErrSum, nR, startR, length) === 0 ||
          (startH <= align[startR] && align[startR] < startH + length);
        if (!skip) {
          let prevIdx = -1;
          for (let offset = -1; offset < length; offset++) {
            let idx: number;
            if (startR + offset === -1) idx = 0;
            else if (startR + offset < nR && alignSet[startR + offset]) idx = align[startR + offset] + 1;
            else break;
            if (idx === prevIdx) continue;
            prevIdx = idx;
            const shifted = performShift(words, startH, length, idx);
            const score = preScore - ed.compute(shifted).distance;
            checked++;
            if (
              best === null ||
              score > best.score ||
              (score === best.score &&
                (length > best.length ||
                  (length === best.length && (-startH > -best.startH || (startH === best.startH && -idx > -best.idx)))))
            ) {
              best = { score, length, startH, idx, words: shifted };
            }
          }
          // sacreBLEU checks the limit only after a block that passed the filters
          if (checked >= MAX_SHIFT_CANDIDATES) break outer;
        }
        // ---
        if (nH === startH + length || nR === startR + length) break;
      }
    }
  }
  if (best === null) return { delta: 0, words, checked };
  return { delta: best.score, words: best.words, checked };
}
