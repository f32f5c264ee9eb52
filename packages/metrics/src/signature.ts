import { VERSION } from './version.js';

/**
 * sacreBLEU-format signatures: `key:value` pairs joined by `|`, `nrefs` first and `version` last,
 * booleans as yes/no. The `version` field is THIS package's version (not sacreBLEU's), so a
 * signature says which implementation produced the score; everything else matches sacreBLEU 2.x.
 * The short form uses sacreBLEU's abbreviations (`#`, `c`, `e`, `tok`, `s`, `nc`, `nw`, `t`, `nr`, `pn`, `as`, `v`).
 */
export type SignatureValue = string | number | boolean;

const SHORT: Record<string, string> = {
  version: 'v',
  nrefs: '#',
  bs: 'bs',
  ar: 'ar',
  seed: 'rs',
  test: 't',
  lang: 'l',
  subset: 'S',
  origlang: 'o',
};

export function formatSignature(
  nrefs: number | 'var',
  fields: readonly (readonly [key: string, short: string, value: SignatureValue])[],
  short = false,
): string {
  const parts: string[] = [`${short ? SHORT.nrefs : 'nrefs'}:${nrefs}`];
  for (const [key, abbr, value] of fields) {
    const v = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
    parts.push(`${short ? abbr : key}:${v}`);
  }
  parts.push(`${short ? SHORT.version : 'version'}:${VERSION}`);
  return parts.join('|');
}
