/**
 * Metaspace (SentencePiece style): every ' ' becomes the replacement ('▁'), a replacement is prepended
 * (always / only for the piece that starts the input / never) unless already there, then the text is
 * cut before each replacement (MergedWithNext).
 */
import type { JsonReader } from '../json-reader.js';
import type { PreTokenizedString } from '../pre-tokenized-string.js';
import type { JsonObject, PreTokenizer } from '../stages.js';

export type PrependScheme = 'always' | 'first' | 'never';
const SCHEMES: readonly PrependScheme[] = ['always', 'first', 'never'];

export class MetaspacePreTokenizer implements PreTokenizer {
  private readonly replacementCp: number;

  constructor(
    readonly replacement = '\u2581',
    readonly prependScheme: PrependScheme = 'always',
    readonly split = true,
  ) {
    if ([...replacement].length !== 1) throw new RangeError(`Metaspace replacement must be one character, got ${JSON.stringify(replacement)}`);
    this.replacementCp = replacement.codePointAt(0)!;
  }

  static fromJSON(reader: JsonReader): MetaspacePreTokenizer {
    const replacement = reader.string('replacement');
    if ([...replacement].length !== 1) reader.fail('replacement', `expected a single character, got ${JSON.stringify(replacement)}`);
    let scheme = reader.oneOf('prepend_scheme', SCHEMES, 'always');
    // Legacy files say add_prefix_space instead; `false` only agrees with "never" (as in Rust).
    if (reader.has('add_prefix_space') && reader.raw('add_prefix_space') !== null && !reader.boolean('add_prefix_space')) {
      if (scheme !== 'never') reader.fail('add_prefix_space', 'add_prefix_space does not match declared prepend_scheme');
      scheme = 'never';
    }
    const split = reader.raw('split') === null ? true : reader.boolean('split', true);
    return new MetaspacePreTokenizer(replacement, scheme, split);
  }

  preTokenize(text: PreTokenizedString): void {
    const rep = this.replacement;
    const cp = this.replacementCp;
    text.split((_, normalized) => {
      if (normalized.normalized.includes(' ')) normalized.replace({ kind: 'string', value: ' ' }, rep);
      if (this.prependScheme !== 'never' && !normalized.normalized.startsWith(rep)) {
        if (this.prependScheme === 'always' || normalized.offsetsOriginal()[0] === 0) normalized.prepend(rep);
      }
      return this.split ? normalized.split((c) => c === cp, 'MergedWithNext') : [normalized];
    });
  }

  toJSON(): JsonObject {
    return { type: 'Metaspace', replacement: this.replacement, prepend_scheme: this.prependScheme, split: this.split };
  }
}
