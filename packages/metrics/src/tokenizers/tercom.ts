import { pyNormalizeSpaces } from '../pystr.js';

/**
 * sacreBLEU's TER tokenizer (a port of tercom's Normalizer): lowercase unless case-sensitive;
 * `normalized` unescapes entities and splits punctuation like 13a (plus `'s`), and with
 * `asianSupport` splits CJK characters and Asian punctuation; `noPunct` removes punctuation.
 */
export interface TercomOptions {
  normalized: boolean;
  noPunct: boolean;
  asianSupport: boolean;
  caseSensitive: boolean;
}

const ASIAN_PUNCT = /([\u3001\u3002\u3008-\u3011\u3014-\u301f\uff61-\uff65\u30fb])/gu;
const FULL_WIDTH_PUNCT = /([\uff0e\uff0c\uff1f\uff1a\uff1b\uff01\uff02\uff08\uff09])/gu;

function normalizeGeneralAndWestern(sent: string): string {
  sent = sent.replaceAll('\n-', '').replaceAll('\n', ' ');
  sent = sent.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  sent = ` ${sent} `;
  sent = sent.replace(/([{-~[-`\x20-&(-+:-@/])/gu, ' $1 ');
  sent = sent.replaceAll("'s ", " 's ");
  // sacreBLEU's `'s$` can never match here: the line ends with the padding space.
  sent = sent.replace(/([^0-9])([.,])/gu, '$1 $2 ');
  sent = sent.replace(/([.,])([^0-9])/gu, ' $1 $2');
  sent = sent.replace(/([0-9])(-)/gu, '$1 $2 ');
  return sent;
}

function normalizeAsian(sent: string): string {
  sent = sent.replace(/([\u4e00-\u9fff\u3400-\u4dbf])/gu, ' $1 ');
  sent = sent.replace(/([\u31c0-\u31ef\u2e80-\u2eff])/gu, ' $1 ');
  sent = sent.replace(/([\u3300-\u33ff\uf900-\ufaff\ufe30-\ufe4f])/gu, ' $1 ');
  sent = sent.replace(/([\u3200-\u3f22])/gu, ' $1 ');
  // As in sacreBLEU (and tercom), these three only act on a kana run that is the whole line.
  sent = sent.replace(/(^|^[\u3040-\u309f])([\u3040-\u309f]+)(?=$|^[\u3040-\u309f])/gu, '$1 $2 ');
  sent = sent.replace(/(^|^[\u30a0-\u30ff])([\u30a0-\u30ff]+)(?=$|^[\u30a0-\u30ff])/gu, '$1 $2 ');
  sent = sent.replace(/(^|^[\u31f0-\u31ff])([\u31f0-\u31ff]+)(?=$|^[\u31f0-\u31ff])/gu, '$1 $2 ');
  sent = sent.replace(ASIAN_PUNCT, ' $1 ');
  sent = sent.replace(FULL_WIDTH_PUNCT, ' $1 ');
  return sent;
}

export function tercomTokenize(sent: string, opts: TercomOptions): string {
  if (sent.length === 0) return '';
  if (!opts.caseSensitive) sent = sent.toLowerCase();
  if (opts.normalized) {
    sent = normalizeGeneralAndWestern(sent);
    if (opts.asianSupport) sent = normalizeAsian(sent);
  }
  if (opts.noPunct) {
    sent = sent.replace(/[.,?:;!"()]/gu, '');
    if (opts.asianSupport) sent = sent.replace(ASIAN_PUNCT, '').replace(FULL_WIDTH_PUNCT, '');
  }
  return pyNormalizeSpaces(sent);
}
