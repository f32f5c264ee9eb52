/**
 * UnicodeScripts: cuts where the Unicode script changes (Latin | Cyrillic | Han …). As in Rust, Hiragana,
 * Katakana and U+30FC count as Han, and ' ' belongs to no script: it sticks to the piece before it — and a
 * leading run of spaces is dropped altogether (Rust only cuts where a script starts).
 *
 * Known divergence: Rust's script table is from an old Unicode version (about 10.0) and calls every
 * code point it does not list "any script", like ' '; we ask the JS engine's (newer) Script property, so
 * characters assigned since then (e.g. newer emoji) get a script here and may start a piece.
 */
import type { NormalizedString } from '../normalized-string.js';
import type { PreTokenizedString } from '../pre-tokenized-string.js';
import type { JsonObject, PreTokenizer } from '../stages.js';

/** The scripts Rust knows, in its spelling (CamelCase). */
const RUST_SCRIPTS =
  'Adlam Ahom AnatolianHieroglyphs Arabic Armenian Avestan Balinese Bamum BassaVah Batak Bengali Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid CanadianAboriginal Carian CaucasianAlbanian Chakma Cham Cherokee Common Coptic Cuneiform Cypriot Cyrillic Deseret Devanagari Duployan EgyptianHieroglyphs Elbasan Ethiopic Georgian Glagolitic Gothic Grantha Greek Gujarati Gurmukhi Han Hangul Hanunoo Hatran Hebrew Hiragana ImperialAramaic Inherited InscriptionalPahlavi InscriptionalParthian Javanese Kaithi Kannada Katakana KayahLi Kharoshthi Khmer Khojki Khudawadi Lao Latin Lepcha Limbu LinearA LinearB Lisu Lycian Lydian Mahajani Malayalam Mandaic Manichaean Marchen MeeteiMayek MendeKikakui MeroiticCursive MeroiticHieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean NewTaiLue Newa Nko Ogham OlChiki OldHungarian OldItalic OldNorthArabian OldPermic OldPersian OldSouthArabian OldTurkic Oriya Osage Osmanya PahawhHmong Palmyrene PauCinHau PhagsPa Phoenician PsalterPahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham SignWriting Sinhala SoraSompeng Sundanese SylotiNagri Syriac Tagalog Tagbanwa TaiLe TaiTham TaiViet Takri Tamil Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Ugaritic Vai WarangCiti Yi'.split(' ');

const ANY = 0;
let matchers: Array<[number, RegExp]> | null = null;
let hanId = -1;
/** Script id per code point, filled on first sight. */
const cache = new Map<number, number>();

function scriptMatchers(): Array<[number, RegExp]> {
  if (matchers) return matchers;
  matchers = [];
  RUST_SCRIPTS.forEach((name, i) => {
    const id = i + 1;
    if (name === 'Han') hanId = id;
    for (const spelling of [name.replace(/(?<=[a-z])(?=[A-Z])/g, '_'), name]) {
      try {
        matchers!.push([id, new RegExp(`^\\p{Script=${spelling}}$`, 'u')]);
        return;
      } catch {
        // try the next spelling
      }
    }
    throw new Error(`UnicodeScripts: the JS engine does not know the script ${name}`);
  });
  return matchers;
}

/** Rust's `fixed_script`: the script of a character, with the Japanese kana folded into Han. */
function fixedScript(cp: number): number {
  if (cp === 0x20) return ANY;
  const cached = cache.get(cp);
  if (cached !== undefined) return cached;
  const ch = String.fromCodePoint(cp);
  let id = ANY;
  for (const [i, re] of scriptMatchers()) {
    if (re.test(ch)) {
      id = i;
      break;
    }
  }
  const name = RUST_SCRIPTS[id - 1];
  if (cp === 0x30fc || name === 'Hiragana' || name === 'Katakana') id = hanId;
  cache.set(cp, id);
  return id;
}

export class UnicodeScriptsPreTokenizer implements PreTokenizer {
  preTokenize(text: PreTokenizedString): void {
    text.split((_, normalized) => splitByScript(normalized));
  }
  toJSON(): JsonObject {
    return { type: 'UnicodeScripts' };
  }
}

function splitByScript(normalized: NormalizedString): NormalizedString[] {
  const s = normalized.normalized;
  const cuts: number[] = [];
  let last = -1;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const script = fixedScript(cp);
    if (script !== ANY && last !== ANY && last !== script) cuts.push(i);
    if (script !== ANY) last = script;
    i += cp > 0xffff ? 2 : 1;
  }
  cuts.push(s.length);
  const out: NormalizedString[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) out.push(normalized.slice(cuts[k]!, cuts[k + 1]!));
  return out;
}
