/**
 * The typed-array fast paths of BLEU and chrF (13a scanned into spans, words hashed into a WordTable,
 * per-segment n-gram tables; src/counting/) against naive oracles written the way sacreBLEU is
 * (token strings, Maps of joined n-grams), on seeded random lines mixing the cases that differ between
 * code units and code points or between Python and JS: punctuation next to digits, CJK, combining
 * marks, astral and lone surrogates, Python-only and JS-only whitespace, entities, empty lines.
 */
import { describe, expect, it } from 'vitest';
import { bleuStatistics, chrfFScore, chrfStatistics, pySplit, tokenize } from '../src/index.js';
import { scan13a, scanWhitespace, WordTable } from '../src/counting/index.js';
import { isPyWs, pyRstrip } from '../src/pystr.js';
import { tokens13a } from '../src/tokenizers/tok13a.js';
import { rng } from './random-text.js'; // mulberry32, seeded so failures reproduce

const PIECES = [
  'the', 'cat', 'Der', 'Hund', 'über', 'ÜBER', 'İstanbul', 'naïve', 'e\u0301', 'a\u0308', '中', '文', '字', '。', '，',
  '😀', '𝕏', '\ud83d', '\ude00', '1', '2', '1.5', '1,000', '3-4', 'U.S.', 'e.g.,', '.', ',', '-', "'", '"', '(', ')',
  '!', '?', ':', ';', '@', '[', ']', '`', '{', '~', '|', '\\', '^', '_', '$', '%', '&', '+', '*', '<', '>', '=', '#', '/',
  ' ', ' ', ' ', ' ', '\t', '\u00a0', '\u3000', '\u2028', '\x1c', '\x85', '\ufeff', '\u200b', '\n', '-\n',
  '&amp;', '&quot;', '&lt;', '<skipped>', ' .', '., ', '-.', '.-', 'don\'t', 'Straße',
];

function line(r: () => number, maxPieces: number): string {
  const n = Math.floor(r() * maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

/** Random hypotheses and 1-3 reference streams (nulls make the count vary); references share pieces with hypotheses. */
function corpus(seed: number, segments: number, maxPieces: number): { hyps: string[]; refs: (string | null)[][] } {
  const r = rng(seed);
  const hyps: string[] = [];
  const refs: (string | null)[][] = [[], [], []];
  for (let i = 0; i < segments; i++) {
    const long = i % 97 === 5 ? 40 : 1; // a few long segments make the tables grow
    const h = line(r, maxPieces * long);
    hyps.push(h);
    // a reference is often the hypothesis with some edits, so that high orders match too
    const ref = (): string => (r() < 0.5 ? h.slice(0, Math.floor(r() * h.length)) + line(r, 4) : line(r, maxPieces * long));
    refs[0].push(ref());
    refs[1].push(r() < 0.5 ? ref() : null);
    refs[2].push(r() < 0.2 ? ref() : null);
  }
  return { hyps, refs };
}

function counts(items: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= items.length; i++) {
    const k = JSON.stringify(items.slice(i, i + n));
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function naiveBleuRow(hyp: string, refs: string[], N: number, tok: string, lowercase: boolean): number[] {
  const words = (s: string): string[] => pySplit(tokenize(tok, pyRstrip(lowercase ? s.toLowerCase() : s)));
  const hw = words(hyp);
  const rws = refs.map(words);
  let closest = -1;
  for (const r of rws) {
    const d = Math.abs(hw.length - r.length);
    const bd = Math.abs(hw.length - closest);
    if (closest === -1 || d < bd || (d === bd && r.length < closest)) closest = r.length;
  }
  const correct: number[] = [];
  const total: number[] = [];
  for (let n = 1; n <= N; n++) {
    const maxRef = new Map<string, number>();
    for (const r of rws) for (const [k, v] of counts(r, n)) maxRef.set(k, Math.max(maxRef.get(k) ?? 0, v));
    let c = 0;
    let t = 0;
    for (const [k, v] of counts(hw, n)) {
      c += Math.min(v, maxRef.get(k) ?? 0);
      t += v;
    }
    correct.push(c);
    total.push(t);
  }
  return [hw.length, closest, ...correct, ...total];
}

const PUNCT = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** sacreBLEU's chrF segment statistics, transcribed: Counters per order, best reference by F-score. */
function naiveChrfRow(hyp: string, refs: string[], C: number, W: number, ws: boolean, lc: boolean): number[] {
  const grams = (s: string): Map<string, number>[] => {
    if (lc) s = s.toLowerCase();
    const chars = Array.from(s).filter((c) => ws || !(c.length === 1 && isPyWs(c.charCodeAt(0))));
    const words: string[] = [];
    for (const w of pySplit(s)) {
      if (w.length === 1) words.push(w);
      else if (PUNCT.includes(w[w.length - 1])) words.push(w.slice(0, -1), w[w.length - 1]);
      else if (PUNCT.includes(w[0])) words.push(w[0], w.slice(1));
      else words.push(w);
    }
    const out: Map<string, number>[] = [];
    for (let n = 1; n <= C; n++) out.push(counts(chars, n));
    for (let n = 1; n <= W; n++) out.push(counts(words, n));
    return out;
  };
  const h = grams(hyp);
  let best: number[] = [];
  let bestF = -1;
  for (const ref of refs) {
    const r = grams(ref);
    const row: number[] = [];
    for (let n = 0; n < C + W; n++) {
      let match = 0;
      let hypCount = 0;
      for (const [k, v] of h[n]) {
        hypCount += v;
        match += Math.min(v, r[n].get(k) ?? 0);
      }
      let refCount = 0;
      for (const v of r[n].values()) refCount += v;
      row.push(r[n].size > 0 ? hypCount : 0, refCount, match);
    }
    const f = chrfFScore(row, 0, C + W, 2, false);
    if (f > bestF) {
      bestF = f;
      best = row;
    }
  }
  return best;
}

const segRefs = (refs: (string | null)[][], s: number): string[] => refs.map((k) => k[s]).filter((x): x is string => x !== null);

describe('fast statistics equal naive oracles on random Unicode-ish lines', () => {
  const { hyps, refs } = corpus(42, 600, 14);

  it('scan13a gives the tokens of tokens13a, scanWhitespace those of pySplit', () => {
    for (const s of [...hyps, ...refs[0].map((x) => x ?? '')]) {
      const t = scan13a(s);
      const got: string[] = [];
      for (let k = 0; k < t.count; k++) got.push(String.fromCharCode(...t.cu.subarray(t.spans[2 * k], t.spans[2 * k + 1])));
      expect(got).toEqual(tokens13a(s));
      const w = scanWhitespace(s);
      const got2: string[] = [];
      for (let k = 0; k < w.count; k++) got2.push(String.fromCharCode(...w.cu.subarray(w.spans[2 * k], w.spans[2 * k + 1])));
      expect(got2).toEqual(pySplit(s));
    }
  });

  it('scans lines of one-char tokens past every buffer size', () => {
    for (const n of [1, 511, 512, 513, 1500, 5000]) {
      for (const s of [','.repeat(n), '(a'.repeat(n), 'a '.repeat(n), '中'.repeat(n)]) {
        expect(scan13a(s).count).toBe(tokens13a(s).length);
        const t = scan13a(s);
        expect(String.fromCharCode(...t.cu.subarray(t.spans[2 * t.count - 2], t.spans[2 * t.count - 1]))).toBe(tokens13a(s).at(-1));
        expect(scanWhitespace(s).count).toBe(pySplit(s).length);
      }
    }
    const line = '( '.repeat(3000);
    const st = bleuStatistics([line], [[line]], { tokenize: 'none' });
    expect(Array.from(st.stats)).toEqual([3000, 3000, 3000, 2999, 2998, 2997, 3000, 2999, 2998, 2997]);
  });

  for (const tok of ['13a', 'none', 'intl', 'zh', 'char']) {
    for (const lowercase of [false, true]) {
      it(`BLEU statistics, tokenize ${tok}${lowercase ? ', lowercase' : ''}`, () => {
        const N = tok === 'char' ? 3 : 4;
        const st = bleuStatistics(hyps, refs, { tokenize: tok, lowercase, maxNgramOrder: N });
        const width = 2 + 2 * N;
        for (let s = 0; s < hyps.length; s++) {
          const want = naiveBleuRow(hyps[s], segRefs(refs, s), N, tok, lowercase);
          expect(Array.from(st.stats.subarray(s * width, (s + 1) * width)), `segment ${s}`).toEqual(want);
        }
      });
    }
  }

  for (const [C, W, ws, lc] of [
    [6, 0, false, false],
    [6, 2, false, false],
    [4, 3, true, true],
    [0, 2, false, true],
  ] as const) {
    it(`chrF statistics, charOrder ${C}, wordOrder ${W}, whitespace ${ws}, lowercase ${lc}`, () => {
      const st = chrfStatistics(hyps, refs, { charOrder: C, wordOrder: W, whitespace: ws, lowercase: lc });
      const width = 3 * (C + W);
      for (let s = 0; s < hyps.length; s++) {
        const want = naiveChrfRow(hyps[s], segRefs(refs, s), C, W, ws, lc);
        expect(Array.from(st.stats.subarray(s * width, (s + 1) * width)), `segment ${s}`).toEqual(want);
      }
    });
  }

  // one reference stream takes the pruned path (chrf.ts's segment1), several the plain one
  for (const [C, W, ws, lc] of [
    [6, 2, false, false],
    [4, 3, true, true],
    [2, 1, false, false],
    [0, 2, false, true],
  ] as const) {
    it(`chrF statistics with one reference, charOrder ${C}, wordOrder ${W}, whitespace ${ws}, lowercase ${lc}`, () => {
      const one = [refs[0]];
      const st = chrfStatistics(hyps, one, { charOrder: C, wordOrder: W, whitespace: ws, lowercase: lc });
      const width = 3 * (C + W);
      for (let s = 0; s < hyps.length; s++) {
        const want = naiveChrfRow(hyps[s], segRefs(one, s), C, W, ws, lc);
        expect(Array.from(st.stats.subarray(s * width, (s + 1) * width)), `segment ${s}`).toEqual(want);
      }
    });
  }
});

describe('shared working memory', () => {
  it('an exception mid-corpus does not leak counts into the next call', () => {
    const hyps = ['the cat sat on the mat .', 'a b c'];
    const refs = [['the cat sat on a mat .', 'a b c']];
    const want = Array.from(bleuStatistics(hyps, refs).stats);
    const bad = [['the cat sat on a mat .', 42 as unknown as string]];
    expect(() => bleuStatistics(hyps, bad)).toThrow();
    expect(() => chrfStatistics(hyps, bad, { wordOrder: 2 })).toThrow();
    expect(Array.from(bleuStatistics(hyps, refs).stats)).toEqual(want);
    expect(Array.from(chrfStatistics(hyps, refs).stats)).toEqual(Array.from(chrfStatistics(hyps, refs).stats));
  });

  it('repeated lines (served from the line cache) score as when first seen', () => {
    const { hyps, refs } = corpus(9, 150, 10);
    const first = Array.from(bleuStatistics(hyps, refs).stats);
    // every line again, in another order, then in the original order
    const order = hyps.map((_, i) => (i * 7) % hyps.length);
    const st = bleuStatistics(order.map((i) => hyps[i]), refs.map((k) => order.map((i) => k[i])));
    for (let j = 0; j < order.length; j++) {
      expect(Array.from(st.stats.subarray(j * 10, j * 10 + 10))).toEqual(first.slice(order[j] * 10, order[j] * 10 + 10));
    }
    expect(Array.from(bleuStatistics(hyps, refs).stats)).toEqual(first);
  });

  it('long lines that differ only in the middle (equal cache hashes) stay apart', () => {
    const edge = 'a b c d e f g h i j k l m n o p q r s t u v w x y z . ';
    const lines = ['x y', 'y x', 'x x', 'z y', 'y x'].map((mid) => edge + mid + ' ' + edge);
    const refs = [lines.map((l, i) => (i % 2 === 0 ? l : lines[0]))];
    const st = bleuStatistics(lines, refs, { tokenize: 'none' });
    for (let s = 0; s < lines.length; s++) {
      expect(Array.from(st.stats.subarray(s * 10, s * 10 + 10))).toEqual(naiveBleuRow(lines[s], [refs[0][s]], 4, 'none', false));
    }
  });
});

describe('WordTable', () => {
  it('gives equal ids exactly to equal code-unit spans, across growth and resets', () => {
    const r = rng(5);
    const t = new WordTable(4);
    const seen = new Map<string, number>();
    const cu = new Uint16Array(64);
    for (let i = 0; i < 6000; i++) {
      // short words over a tiny alphabet collide in content often; some lone surrogates
      const len = 1 + Math.floor(r() * 4);
      let w = '';
      for (let k = 0; k < len; k++) w += 'ab\ud800é'[Math.floor(r() * 4)];
      for (let k = 0; k < w.length; k++) cu[3 + k] = w.charCodeAt(k);
      const known = t.id(cu, 3, 3 + w.length, false);
      expect(known).toBe(seen.get(w) ?? -1);
      const id = t.id(cu, 3, 3 + w.length, true);
      if (seen.has(w)) expect(id).toBe(seen.get(w));
      else {
        expect(id).toBe(seen.size);
        seen.set(w, id);
      }
      if (i === 3000) {
        t.maybeReset(0);
        seen.clear();
      }
    }
  });
});
