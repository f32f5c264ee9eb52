/** Unicode normalization form NFKC (Compatibility composition), aligned the way Rust aligns it (see NormalizedString). */
import type { NormalizedString } from '../normalized-string.js';
import type { JsonObject, Normalizer } from '../stages.js';

export class NFKCNormalizer implements Normalizer {
  normalize(text: NormalizedString): void {
    text.nfkc();
  }
  toJSON(): JsonObject {
    return { type: 'NFKC' };
  }
}
