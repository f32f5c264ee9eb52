/**
 * Seeded random text for the byte-path tests (byte-path-differential, bleu-kernel-differential): lines mixing
 * non-ASCII letters, Python-only and JS-only whitespace, the bytes around them, 13a's rewrites, "\r" and
 * empty lines, with references that share part of their hypothesis or repeat earlier lines; `rng` is
 * every differential test's seeded generator.
 */
/** mulberry32: a small seeded PRNG, so failures reproduce. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PIECES = [
  'the', 'cat', 'Der', 'Hund', 'über', 'ÜBER', 'İstanbul', 'ǅ', 'ß', 'naïve', 'e\u0301', '中', '文', '。', '，', '😀', '𝕏',
  '1', '2', '1.5', '1,000', '3-4', 'U.S.', 'e.g.,', '.', ',', '-', "'", '"', '(', ')', '!', '?', ':', '@', '[', '`', '{',
  '~', '\\', '$', '&', '<', '>', '/', ' ', ' ', ' ', '\t', '\r', '\v', '\f', '\x1c', '\x1f',
  '\u0085', '\u00a0', '\u1680', '\u2000', '\u2005', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000',
  '\ufeff', '\u200b', '\u180e', '\u00a1', '\u00c2', '\u2010', '\u2030', '\u205e', '\u3001', '\u1681', '\u0084', '\u00a9',
  '&amp;', '&quot;', '&lt;', '&gt;', '&amp;quot;', '<skipped>', '<skip', ' .', '., ', '-.', '.-', "don't", 'X.\u00a0',
];

export function randomLine(r: () => number, maxPieces: number): string {
  const n = Math.floor(r() * maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

/** Hypotheses and `nrefs` reference files as text (lines joined with "\n", sometimes without a final one). */
export function files(seed: number, segments: number, nrefs: number): { hyp: string; refs: string[] } {
  const r = rng(seed);
  const hyps: string[] = [];
  const refs: string[][] = Array.from({ length: nrefs }, () => []);
  for (let i = 0; i < segments; i++) {
    const h = i % 50 === 7 ? '' : randomLine(r, i % 97 === 5 ? 400 : 14);
    hyps.push(h);
    // a reference often repeats part of the hypothesis (higher orders match), sometimes a line seen before (cache hits)
    const cps = Array.from(h); // cut between code points: files hold no lone surrogates
    for (const stream of refs) {
      const x = r();
      stream.push(x < 0.5 ? cps.slice(0, Math.floor(r() * cps.length)).join('') + randomLine(r, 4) : x < 0.6 && i > 0 ? hyps[i - 1] : x < 0.65 ? '' : randomLine(r, 14));
    }
  }
  const join = (lines: string[]): string => lines.join('\n') + (r() < 0.5 || lines.at(-1) === '' ? '\n' : '');
  return { hyp: join(hyps), refs: refs.map(join) };
}
