/**
 * A picture of a mapping: the mapped source words and the target words of some translation pairs, projected
 * together on their first two principal components (@nlpkit/embed's `pcaProject`), each pair joined by a line.
 * A good mapping shows short lines; a collapsed one, long lines into a few hubs. Self-contained SVG (no scripts,
 * fonts or styles from outside). embed's scatter writer is internal to its CLI, so the drawing is here.
 */
import { pcaProject } from '@nlpkit/embed';
import { EmptyDictionaryError, InvalidOptionError } from '../errors.js';
import { wordIndex, type EmbeddingSpace } from './space.js';

export interface MappingPlotOptions {
  /** Pairs drawn: the first `maxPairs` pairs whose words are both in the spaces. Default 40. */
  maxPairs?: number;
  title?: string;
  /** Legend names of the two sides. Default 'source (mapped)', 'target'. */
  srcLabel?: string;
  tgtLabel?: string;
}

export interface MappingPlot {
  readonly svg: string;
  /** The pairs drawn, in order. */
  readonly pairs: readonly (readonly [string, string])[];
  /** Share of the variance of the plotted vectors on each axis. */
  readonly explained: readonly number[];
}

const W = 760;
const H = 560;
const M = { left: 30, right: 30, top: 50, bottom: 40 };
const SRC = '#1f77b4';
const TGT = '#d62728';

/**
 * Plot translation pairs of a mapped source space and a target space (same dimension; unit rows are used).
 *
 * @example
 * const { svg } = renderMappingSvg(applyMapping(en, w), fr, [['house', 'maison'], ['dog', 'chien']]);
 */
export function renderMappingSvg(
  mappedSrc: EmbeddingSpace,
  tgt: EmbeddingSpace,
  pairs: readonly (readonly [string, string])[],
  o: MappingPlotOptions = {},
): MappingPlot {
  const maxPairs = o.maxPairs ?? 40;
  if (!Number.isInteger(maxPairs) || maxPairs < 1) throw new InvalidOptionError('maxPairs', maxPairs, 'a positive integer');
  const d = mappedSrc.dim;
  const si = wordIndex(mappedSrc);
  const ti = wordIndex(tgt);
  const kept: [string, string][] = [];
  const rows: [number, number][] = [];
  let missingSource = 0;
  let missingTarget = 0;
  for (const [s, t] of pairs) {
    const a = si.get(s);
    const b = ti.get(t);
    if (a === undefined) missingSource++;
    if (b === undefined) missingTarget++;
    if (a === undefined || b === undefined) continue;
    if (kept.length < maxPairs) {
      kept.push([s, t]);
      rows.push([a, b]);
    }
  }
  if (kept.length === 0) throw new EmptyDictionaryError('plotted pairs', pairs.length, missingSource, missingTarget);
  // Rows 0..n-1: sources, n..2n-1: targets, each scaled to unit length.
  const n = kept.length;
  const data = new Float64Array(2 * n * d);
  const put = (dst: number, v: Float32Array, row: number): void => {
    let s = 0;
    for (let t = 0; t < d; t++) s += v[row * d + t] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let t = 0; t < d; t++) data[dst * d + t] = v[row * d + t] * inv;
  };
  rows.forEach(([a, b], i) => {
    put(i, mappedSrc.vectors, a);
    put(n + i, tgt.vectors, b);
  });
  const p = pcaProject(data, 2 * n, d, 2);
  const xs = Array.from({ length: 2 * n }, (_, i) => p.coords[2 * i]);
  const ys = Array.from({ length: 2 * n }, (_, i) => p.coords[2 * i + 1]);
  const [x0, x1] = range(xs);
  const [y0, y1] = range(ys);
  const px = (v: number): string => f(M.left + ((v - x0) / (x1 - x0)) * (W - M.left - M.right));
  const py = (v: number): string => f(H - M.bottom - ((v - y0) / (y1 - y0)) * (H - M.top - M.bottom));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(o.title ?? 'Mapped embedding spaces')}</text>`,
    `<text x="${W / 2}" y="40" text-anchor="middle" fill="#555">first two principal components of the plotted vectors ` +
      `(${(100 * p.explained[0]).toFixed(1)} % and ${(100 * p.explained[1]).toFixed(1)} % of their variance); lines join translation pairs</text>`,
    `<g stroke="#999" stroke-width="0.8">`,
  ];
  for (let i = 0; i < n; i++) out.push(`<line x1="${px(xs[i])}" y1="${py(ys[i])}" x2="${px(xs[n + i])}" y2="${py(ys[n + i])}"/>`);
  out.push('</g>');
  for (const [side, color, off] of [
    [0, SRC, 0],
    [1, TGT, n],
  ] as const) {
    out.push(`<g fill="${color}">`);
    for (let i = 0; i < n; i++) {
      const x = xs[off + i];
      const y = ys[off + i];
      out.push(`<circle cx="${px(x)}" cy="${py(y)}" r="3"/><text x="${px(x)}" y="${py(y)}" dx="5" dy="${side === 0 ? -4 : 11}">${escapeXml(kept[i][side])}</text>`);
    }
    out.push('</g>');
  }
  out.push(
    `<g font-size="12"><circle cx="${M.left + 8}" cy="${H - 16}" r="4" fill="${SRC}"/><text x="${M.left + 18}" y="${H - 12}">${escapeXml(o.srcLabel ?? 'source (mapped)')}</text>`,
    `<circle cx="${M.left + 208}" cy="${H - 16}" r="4" fill="${TGT}"/><text x="${M.left + 218}" y="${H - 12}">${escapeXml(o.tgtLabel ?? 'target')}</text></g>`,
    '</svg>',
  );
  return { svg: `${out.join('\n')}\n`, pairs: kept, explained: p.explained };
}

function f(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

/** [min, max] widened by 6 % each side, never empty. */
function range(vs: number[]): [number, number] {
  let lo = Math.min(...vs);
  let hi = Math.max(...vs);
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
