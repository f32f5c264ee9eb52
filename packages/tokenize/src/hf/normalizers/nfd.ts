/** Unicode normalization form NFD (Canonical decomposition), aligned the way Rust aligns it (see NormalizedString). */
import type { NormalizedString } from '../normalized-string.js';
import type { JsonObject, Normalizer } from '../stages.js';

export class NFDNormalizer implements Normalizer {
  normalize(text: NormalizedString): void {
    text.nfd();
  }
  toJSON(): JsonObject {
    return { type: 'NFD' };
  }
}
