/** Removes every combining mark (General_Category M: Mn, Mc, Me); meant to follow NFD/NFKD. */
import type { NormalizedString } from '../normalized-string.js';
import type { JsonObject, Normalizer } from '../stages.js';

import { isCombiningMark } from './rust-unicode.js';

export class StripAccentsNormalizer implements Normalizer {
  normalize(text: NormalizedString): void {
    text.filter((cp) => !isCombiningMark(cp));
  }
  toJSON(): JsonObject {
    return { type: 'StripAccents' };
  }
}
