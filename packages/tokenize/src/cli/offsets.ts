/**
 * Token offsets for the CLI's JSON output. The library gives UTF-16 offsets (JavaScript string
 * indices); a program reading `tok`'s output is as likely to be Python (code points) or C/Rust (UTF-8
 * bytes), so `--offsets` picks the unit, code points by default. One pass per line, no arrays.
 */
import { Option } from 'commander';

export const OFFSET_UNITS = ['codepoint', 'utf16', 'byte'] as const;
export type OffsetUnit = (typeof OFFSET_UNITS)[number];

/** `--offsets <unit>`, for subcommands whose `--json` prints offsets. */
export function offsetsOption(): Option {
  return new Option(
    '--offsets <unit>',
    'unit of the --json offsets: codepoint (Python str indices), utf16 (JavaScript) or byte (UTF-8)',
  )
    .choices(OFFSET_UNITS)
    .default('codepoint');
}

/**
 * `[[start,end],…]` for tokens at UTF-16 `starts`/`ends` of `text`, in `unit`.
 * @example offsetsJson('é😀x', Uint32Array.of(0, 1, 3), Uint32Array.of(1, 3, 4), 'byte') // "[[0,2],[2,6],[6,7]]"
 */
export function offsetsJson(text: string, starts: Uint32Array, ends: Uint32Array, unit: OffsetUnit): string {
  if (starts.length === 0) return '[]';
  const s = new UnitCursor(text, unit);
  const e = new UnitCursor(text, unit);
  let json = '[';
  for (let k = 0; k < starts.length; k++) {
    json += `${k === 0 ? '' : ','}[${s.at(starts[k])},${e.at(ends[k])}]`;
  }
  return `${json}]`;
}

/** Converts increasing UTF-16 indices of one text to another unit, walking the text once. */
class UnitCursor {
  private index = 0;
  private units = 0;
  constructor(
    private readonly text: string,
    private readonly unit: OffsetUnit,
  ) {}

  at(utf16: number): number {
    if (this.unit === 'utf16') return utf16;
    if (utf16 < this.index) {
      // Offsets normally only grow; if not, start over rather than be wrong.
      this.index = 0;
      this.units = 0;
    }
    const text = this.text;
    const bytes = this.unit === 'byte';
    let i = this.index;
    let n = this.units;
    while (i < utf16) {
      const c = text.charCodeAt(i);
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < utf16 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) {
        n += bytes ? 4 : 1;
        i += 2;
      } else {
        n += bytes ? (c < 0x80 ? 1 : c < 0x800 ? 2 : 3) : 1;
        i++;
      }
    }
    this.index = i;
    this.units = n;
    return n;
  }
}
