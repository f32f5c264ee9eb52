/**
 * A self-contained SVG scatter plot of labelled 2-D points: axes with ticks, axis titles, one circle and
 * label per point; no scripts, fonts or styles from outside.
 */

export interface ScatterPlot {
  labels: readonly string[];
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  xTitle: string;
  yTitle: string;
  title?: string;
}

const W = 720;
const H = 540;
const M = { left: 70, right: 30, top: 40, bottom: 60 };

export function renderScatterSvg(p: ScatterPlot): string {
  const xs = Array.from(p.x);
  const ys = Array.from(p.y);
  const [x0, x1] = niceRange(xs);
  const [y0, y1] = niceRange(ys);
  const px = (v: number) => M.left + ((v - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (v: number) => H - M.bottom - ((v - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
  ];
  if (p.title) out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(p.title)}</text>`);
  // Axes at the plot's left and bottom edges, with ticks.
  out.push(`<g stroke="#333" fill="none"><path d="M${M.left} ${M.top}V${H - M.bottom}H${W - M.right}"/></g>`);
  for (const t of ticks(x0, x1)) {
    out.push(`<line x1="${f(px(t))}" y1="${H - M.bottom}" x2="${f(px(t))}" y2="${H - M.bottom + 5}" stroke="#333"/>`);
    out.push(`<text x="${f(px(t))}" y="${H - M.bottom + 18}" text-anchor="middle" fill="#333">${fmtTick(t)}</text>`);
    out.push(`<line x1="${f(px(t))}" y1="${M.top}" x2="${f(px(t))}" y2="${H - M.bottom}" stroke="#eee"/>`);
  }
  for (const t of ticks(y0, y1)) {
    out.push(`<line x1="${M.left - 5}" y1="${f(py(t))}" x2="${M.left}" y2="${f(py(t))}" stroke="#333"/>`);
    out.push(`<text x="${M.left - 8}" y="${f(py(t) + 4)}" text-anchor="end" fill="#333">${fmtTick(t)}</text>`);
    out.push(`<line x1="${M.left}" y1="${f(py(t))}" x2="${W - M.right}" y2="${f(py(t))}" stroke="#eee"/>`);
  }
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 15}" text-anchor="middle" font-size="13">${escapeXml(p.xTitle)}</text>`);
  out.push(`<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="13">${escapeXml(p.yTitle)}</text>`);
  out.push('<g>');
  p.labels.forEach((label, i) => {
    const cx = f(px(xs[i]));
    const cy = f(py(ys[i]));
    out.push(`<circle cx="${cx}" cy="${cy}" r="3.5" fill="#1f77b4"/><text x="${f(px(xs[i]) + 6)}" y="${f(py(ys[i]) - 6)}" fill="#111">${escapeXml(label)}</text>`);
  });
  out.push('</g>', '</svg>');
  return out.join('\n') + '\n';
}

function f(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

/** [min, max] widened by 8% on each side (so labels fit), never empty. */
function niceRange(vs: number[]): [number, number] {
  let lo = Math.min(...vs);
  let hi = Math.max(...vs);
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

/** Round tick values (1, 2 or 5 × 10^k apart), about 6 of them. */
function ticks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 6;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-12; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

function fmtTick(t: number): string {
  return Number(t.toPrecision(6)).toString();
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
