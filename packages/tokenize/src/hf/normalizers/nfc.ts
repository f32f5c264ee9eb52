/** Unicode normalization form NFC (Canonical composition), aligned the way Rust aligns it (see NormalizedString). */
import type { NormalizedString } from '../normalized-string.js';
import type { JsonObject, Normalizer } from '../stages.js';

export class NFCNormalizer implements Normalizer {
  normalize(text: NormalizedString): void {
    text.nfc();
  }
  toJSON(): JsonObject {
    return { type: 'NFC' };
  }
}
