/** Lowercases character by character, like Rust's `char::to_lowercase` (İ becomes two characters; Σ is always σ). */
import type { NormalizedString } from '../normalized-string.js';
import type { JsonObject, Normalizer } from '../stages.js';

export class LowercaseNormalizer implements Normalizer {
  normalize(text: NormalizedString): void {
    text.lowercase();
  }
  toJSON(): JsonObject {
    return { type: 'Lowercase' };
  }
}
