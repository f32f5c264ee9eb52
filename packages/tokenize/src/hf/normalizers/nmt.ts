/** The NMT cleanup of SentencePiece: drops some control characters, turns odd spaces and separators into ' '. */
import type { NormalizedString } from '../normalized-string.js';
import type { JsonObject, Normalizer } from '../stages.js';

function isDropped(cp: number): boolean {
  return (cp >= 0x01 && cp <= 0x08) || cp === 0x0b || (cp >= 0x0e && cp <= 0x1f) || cp === 0x7f || cp === 0x8f || cp === 0x9f;
}

function becomesSpace(cp: number): boolean {
  return (
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0c ||
    cp === 0x0d ||
    cp === 0x1680 ||
    (cp >= 0x200b && cp <= 0x200f) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x2581 ||
    cp === 0xfeff ||
    cp === 0xfffd
  );
}

export class NmtNormalizer implements Normalizer {
  normalize(text: NormalizedString): void {
    text.filter((cp) => !isDropped(cp));
    let any = false;
    for (const ch of text.normalized) if (becomesSpace(ch.codePointAt(0)!)) any = true;
    if (any) text.map((ch) => (becomesSpace(ch.codePointAt(0)!) ? ' ' : ch));
  }
  toJSON(): JsonObject {
    return { type: 'Nmt' };
  }
}
