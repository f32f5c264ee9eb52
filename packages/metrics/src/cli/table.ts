/**
 * The box-drawing table sacreBLEU prints for several systems: python-tabulate's `fancy_grid` format
 * with sacreBLEU's settings (first column right-aligned, the others centred, header padding 2,
 * multi-line cells padded with blank lines at the bottom). Widths count code points, as tabulate
 * does without wcwidth for these characters.
 */

export type Align = 'right' | 'center';

const width = (s: string): number => [...s].length;

/** Python's `format(s, '^w')`: the extra space of an odd padding goes to the right. */
function center(s: string, w: number): string {
  const pad = w - width(s);
  if (pad <= 0) return s;
  const left = Math.floor(pad / 2);
  return ' '.repeat(left) + s + ' '.repeat(pad - left);
}

function align(s: string, w: number, a: Align): string {
  return a === 'center' ? center(s, w) : ' '.repeat(Math.max(0, w - width(s))) + s;
}

/** Renders `rows` (cells may hold "\n") under `headers` as tabulate's fancy_grid. */
export function fancyGrid(headers: readonly string[], rows: readonly (readonly string[])[], aligns: readonly Align[]): string {
  const widths = headers.map((h, c) => {
    let w = width(h) + 2; // tabulate's MIN_PADDING for headers
    for (const r of rows) for (const line of r[c].split('\n')) w = Math.max(w, width(line));
    return w;
  });
  const rule = (l: string, fill: string, mid: string, r: string): string =>
    l + widths.map((w) => fill.repeat(w + 2)).join(mid) + r;
  const line = (cells: readonly string[]): string => '│' + cells.map((c, i) => ` ${align(c, widths[i], aligns[i])} `).join('│') + '│';
  const out = [rule('╒', '═', '╤', '╕'), line(headers), rule('╞', '═', '╪', '╡')];
  rows.forEach((r, ri) => {
    const cellLines = r.map((c) => c.split('\n'));
    const n = Math.max(...cellLines.map((l) => l.length));
    for (let k = 0; k < n; k++) {
      out.push('│' + cellLines.map((l, i) => ` ${k < l.length ? align(l[k], widths[i], aligns[i]) : ' '.repeat(widths[i])} `).join('│') + '│');
    }
    if (ri < rows.length - 1) out.push(rule('├', '─', '┼', '┤'));
  });
  out.push(rule('╘', '═', '╧', '╛'));
  return out.join('\n');
}
