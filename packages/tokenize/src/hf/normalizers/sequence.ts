/** Runs normalizers one after the other. */
import type { NormalizedString } from '../normalized-string.js';
import type { JsonObject, Normalizer } from '../stages.js';

export class SequenceNormalizer implements Normalizer {
  constructor(readonly normalizers: readonly Normalizer[]) {}

  normalize(text: NormalizedString): void {
    for (const n of this.normalizers) n.normalize(text);
  }

  toJSON(): JsonObject {
    return { type: 'Sequence', normalizers: this.normalizers.map((n) => n.toJSON()) };
  }
}
