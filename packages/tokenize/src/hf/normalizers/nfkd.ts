/** Unicode normalization form NFKD (Compatibility decomposition), aligned the way Rust aligns it (see NormalizedString). */
import type { NormalizedString } from '../normalized-string.js';
import type { JsonObject, Normalizer } from '../stages.js';

export class NFKDNormalizer implements Normalizer {
  normalize(text: NormalizedString): void {
    text.nfkd();
  }
  toJSON(): JsonObject {
    return { type: 'NFKD' };
  }
}
