/**
 * Times the word-translation hot paths on random spaces (no peers to compare with yet: real-data runs need
 * trained embeddings). Usage: `tsx --conditions=@nlpkit/source bench/mapping-timing.ts [words=20000] [dim=300]`.
 * Prints one line per stage: Procrustes on 5,000 pairs, CSLS penalties (r_S and r_T over both whole spaces),
 * CSLS retrieval of 1,500 queries, and one refinement iteration (MUSE defaults: S2T&T2S within 15,000 words,
 * criterion over 10,000).
 */
import { buildDictionary, CslsPenalties, meanCosine, procrustes, retrieve, topKDot, unitRows } from '../src/index.js';
import { Rng } from '../src/random.js';
import { multiply } from '../src/mapping/linalg.js';
import { normalizeRows } from '../src/mapping/space.js';

const n = Number(process.argv[2] ?? 20000);
const d = Number(process.argv[3] ?? 300);
const rng = new Rng(1);
const space = (words: string) => ({
  words: Array.from({ length: n }, (_, i) => `${words}${i}`),
  vectors: Float32Array.from({ length: n * d }, () => rng.normal()),
  dim: d,
});
const src = space('s');
const tgt = space('t');
const time = <T>(label: string, f: () => T, madds?: number): T => {
  const t0 = performance.now();
  const r = f();
  const s = (performance.now() - t0) / 1000;
  const rate = madds === undefined ? '' : `  (${(madds / s / 1e9).toFixed(2)} G multiply-adds/s)`;
  console.log(`${label.padEnd(44)} ${s.toFixed(2)} s${rate}`);
  return r;
};
console.log(`random spaces: ${n} words × ${d} dims; node ${process.version}`);
const np = Math.min(5000, n);
const pairs = { src: Int32Array.from({ length: np }, (_, i) => i), tgt: Int32Array.from({ length: np }, (_, i) => i) };
const w = time(`Procrustes (${np} pairs, polar factor of d × d)`, () => procrustes(src, tgt, pairs), np * d * d);
const x = time('map + normalise the source space', () => normalizeRows(multiply(src.vectors, d, w, d), d), n * d * d);
const y = unitRows(tgt);
const q = Int32Array.from({ length: 1500 }, (_, i) => Math.floor((i * n) / 1500));
time('NN retrieval, 1,500 queries, top 10', () => topKDot(x.subarray(0, 1500 * d), y, d, 10), 1500 * n * d);
const pen = new CslsPenalties(x, y, d, 10);
time('CSLS penalties r_S, r_T (one n × n pass)', () => pen.rTgt, n * n * d);
time('CSLS retrieval, 1,500 queries, top 10', () => retrieve(x, y, d, q, 10, { penalties: pen }), 1500 * n * d);
const maxRank = Math.min(15000, n);
const dict = time('refine: dictionary S2T&T2S (15k, CSLS)', () => buildDictionary(x, y, d, { maxRank, penalties: pen }), 2 * maxRank * n * d);
time('refine: Procrustes on the induced pairs', () => procrustes(src, tgt, dict), dict.size * d * d);
time('refine: criterion (mean cosine, 10k)', () => meanCosine(x, y, d, { maxRank: 10000, penalties: pen }), Math.min(10000, n) * n * d);
