/** Runs pre-tokenizers one after the other, each splitting the pieces of the previous one. */
import type { PreTokenizedString } from '../pre-tokenized-string.js';
import type { JsonObject, PreTokenizer } from '../stages.js';

export class SequencePreTokenizer implements PreTokenizer {
  constructor(readonly preTokenizers: readonly PreTokenizer[]) {}

  preTokenize(text: PreTokenizedString): void {
    for (const p of this.preTokenizers) p.preTokenize(text);
  }
  toJSON(): JsonObject {
    return { type: 'Sequence', pretokenizers: this.preTokenizers.map((p) => p.toJSON()) };
  }
}
