/**
 * BLEU's segment statistics (typed-array counting over interned n-gram ids, reused buffers) against a
 * naive Map-of-joined-strings computation, on random segments with repeated n-grams, 1-3 references,
 * and some very long segments (to exercise buffer growth and id tables reset mid-corpus).
 */
import { describe, expect, it } from 'vitest';
import { bleuStatistics, pySplit, tokenize } from '../src/index.js';
import { rng } from './random-text.js'; // mulberry32, seeded so failures reproduce

const VOCAB = ['the', 'a', 'cat', 'sat', 'on', 'mat', '.', ',', '1.5', '3-4', 'dog', "isn't", '(x)', 'Über'];

function ngrams(ws: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= ws.length; i++) {
    const k = ws.slice(i, i + n).join('\u0000');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function naiveRow(hyp: string, refs: string[], N: number): number[] {
  const hw = pySplit(tokenize('13a', hyp.trimEnd()));
  const rws = refs.map((r) => pySplit(tokenize('13a', r.trimEnd())));
  let closest = -1;
  for (const r of rws) {
    const d = Math.abs(hw.length - r.length);
    const bd = Math.abs(hw.length - closest);
    if (closest === -1 || d < bd || (d === bd && r.length < closest)) closest = r.length;
  }
  const correct: number[] = [];
  const total: number[] = [];
  for (let n = 1; n <= N; n++) {
    const h = ngrams(hw, n);
    const maxRef = new Map<string, number>();
    for (const r of rws) for (const [k, v] of ngrams(r, n)) maxRef.set(k, Math.max(maxRef.get(k) ?? 0, v));
    let c = 0;
    let t = 0;
    for (const [k, v] of h) {
      c += Math.min(v, maxRef.get(k) ?? 0);
      t += v;
    }
    correct.push(c);
    total.push(t);
  }
  return [hw.length, closest, ...correct, ...total];
}

describe('bleuStatistics equals a naive n-gram count', () => {
  it('on random multi-reference segments, some very long', () => {
    const r = rng(7);
    const sent = (len: number): string => Array.from({ length: len }, () => VOCAB[Math.floor(r() * VOCAB.length)]).join(' ');
    const hyps: string[] = [];
    const refs: (string | null)[][] = [[], [], []];
    for (let i = 0; i < 400; i++) {
      const len = i % 50 === 7 ? 3000 : Math.floor(r() * 30);
      hyps.push(sent(len));
      refs[0].push(sent(len + Math.floor(r() * 5)));
      refs[1].push(r() < 0.6 ? sent(Math.floor(r() * 40) + (i % 50 === 7 ? 2500 : 0)) : null);
      refs[2].push(r() < 0.3 ? sent(Math.floor(r() * 40)) : null);
    }
    for (const N of [4, 2]) {
      const st = bleuStatistics(hyps, refs, { maxNgramOrder: N });
      const width = 2 + 2 * N;
      for (let s = 0; s < hyps.length; s++) {
        const segRefs = refs.map((k) => k[s]).filter((x): x is string => x !== null);
        expect(Array.from(st.stats.subarray(s * width, (s + 1) * width))).toEqual(naiveRow(hyps[s], segRefs, N));
      }
    }
  });
});
