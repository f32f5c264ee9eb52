import { InvalidOptionError } from '../../errors.js';

export interface HeatmapInput {
  /** Column labels (keys: source tokens). Columns beyond them (padding) are not drawn. */
  sourceTokens: readonly string[];
  /** Row labels (queries: target tokens), one per row of `attention`. */
  targetTokens: readonly string[];
  /** attention[row][column], weights in [0, 1]. */
  attention: readonly ArrayLike<number>[];
}

export interface HeatmapOptions {
  /** Side of one cell in pixels; default 28. */
  cellSize?: number;
  /** Title drawn above the map; default none. */
  title?: string;
  /** Print each weight in its cell (2 decimals); default false. */
  showValues?: boolean;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Colour of a weight in [0, 1]: white → dark blue (d2l's heat maps use a sequential map; this one stays
 * readable in greyscale). Out-of-range values are clamped.
 */
export function heatColor(w: number): string {
  const t = Math.min(1, Math.max(0, Number.isFinite(w) ? w : 0));
  const mix = (a: number, b: number): number => Math.round(a + (b - a) * t);
  const hex = (v: number): string => v.toString(16).padStart(2, '0');
  return `#${hex(mix(255, 8))}${hex(mix(255, 48))}${hex(mix(255, 107))}`;
}

/**
 * A source × target attention heat map as a standalone SVG document: source tokens across the top (rotated),
 * target tokens down the left, one cell per weight with its value as a tooltip (`<title>`), and a colour legend.
 * Accepts an `AttentionTranslation` directly.
 */
export function attentionHeatmapSvg(input: HeatmapInput, options: HeatmapOptions = {}): string {
  const cell = options.cellSize ?? 28;
  if (!(cell > 0) || !Number.isFinite(cell)) throw new InvalidOptionError('cellSize', cell, 'a finite number > 0');
  const { sourceTokens: src, targetTokens: tgt, attention } = input;
  if (attention.length !== tgt.length) throw new InvalidOptionError('attention', `${attention.length} rows`, `one row per target token (${tgt.length})`);
  attention.forEach((row, i) => {
    if (row.length < src.length) throw new InvalidOptionError(`attention[${i}]`, `${row.length} columns`, `at least one per source token (${src.length})`);
  });
  const font = Math.max(8, Math.round(cell * 0.45));
  const charW = font * 0.62;
  const left = Math.ceil(Math.max(2, ...tgt.map((t) => t.length)) * charW) + 12;
  const top = Math.ceil(Math.max(2, ...src.map((t) => t.length)) * charW * 0.75) + 16 + (options.title ? font + 10 : 0);
  const legendH = 14;
  const width = left + Math.max(1, src.length) * cell + 16;
  const height = top + tgt.length * cell + legendH + 32;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="${font}">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  if (options.title) out.push(`<text x="${left}" y="${font + 4}" font-weight="bold">${esc(options.title)}</text>`);
  src.forEach((s, j) => {
    const x = left + j * cell + cell / 2;
    out.push(`<text x="${x}" y="${top - 6}" transform="rotate(-45 ${x} ${top - 6})">${esc(s)}</text>`);
  });
  tgt.forEach((t, i) => {
    out.push(`<text x="${left - 6}" y="${top + i * cell + cell / 2}" text-anchor="end" dominant-baseline="middle">${esc(t)}</text>`);
  });
  out.push('<g class="cells">');
  for (let i = 0; i < tgt.length; i++) {
    for (let j = 0; j < src.length; j++) {
      const w = attention[i][j];
      const x = left + j * cell;
      const y = top + i * cell;
      out.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${heatColor(w)}"><title>${esc(tgt[i])} ← ${esc(src[j])}: ${w.toFixed(4)}</title></rect>`);
      if (options.showValues) {
        out.push(`<text x="${x + cell / 2}" y="${y + cell / 2}" text-anchor="middle" dominant-baseline="middle" font-size="${Math.round(font * 0.8)}" fill="${w > 0.5 ? '#ffffff' : '#000000'}">${w.toFixed(2)}</text>`);
      }
    }
  }
  out.push('</g>');
  // Legend: 0 → 1.
  const ly = top + tgt.length * cell + 14;
  const lw = Math.max(60, Math.min(src.length * cell, 200));
  out.push('<defs><linearGradient id="heat"><stop offset="0" stop-color="' + heatColor(0) + '"/><stop offset="1" stop-color="' + heatColor(1) + '"/></linearGradient></defs>');
  out.push(`<rect x="${left}" y="${ly}" width="${lw}" height="${legendH}" fill="url(#heat)" stroke="#999999"/>`);
  out.push(`<text x="${left}" y="${ly + legendH + font + 2}">0</text><text x="${left + lw}" y="${ly + legendH + font + 2}" text-anchor="end">1</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
