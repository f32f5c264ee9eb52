/**
 * `WordByWordTranslator`: a dictionary + target LM → one-word-phrase decoder with local reordering (default
 * distortion limit 2: a word moves at most two places, Lample et al. 2018's "local reorderings" baseline).
 */
import type { ArpaModel } from '@nlpkit/lm';
import { PhraseDecoder, type DecoderOptions, type DecoderWeights, type Translation } from '../phrase/decoder.js';
import { dictionaryTable, type DictionaryTableOptions, type ScoredDictionary } from './dictionary-table.js';

export interface WordByWordOptions extends DecoderOptions, Omit<DictionaryTableOptions, 'targetVocab'> {}

/** Word-by-word weights: the LM chooses among the dictionary's targets and orders; no word/phrase penalties (lengths are fixed). */
export const WORD_BY_WORD_DEFAULTS: { readonly weights: Partial<DecoderWeights>; readonly distortionLimit: number; readonly beamSize: number } = {
  weights: { lm: 1, tm: [0.1, 0.1, 0.3, 0.3], distortion: 0.5, wordPenalty: 0, phrasePenalty: 0, unknown: 0 },
  distortionLimit: 2,
  beamSize: 30,
};

export class WordByWordTranslator {
  readonly decoder: PhraseDecoder;

  constructor(dict: ScoredDictionary, lm: ArpaModel, options: WordByWordOptions = {}) {
    // Targets the LM knows, except its markers (word2vec-trained dictionaries can list `</s>` as a word).
    const vocab = { has: (w: string) => w !== '<s>' && w !== '</s>' && w !== '<unk>' && lm.vocab.find(w) >= 0 };
    const table = dictionaryTable(dict, { ...options, targetVocab: vocab });
    this.decoder = new PhraseDecoder(table, lm, {
      beamSize: options.beamSize ?? WORD_BY_WORD_DEFAULTS.beamSize,
      distortionLimit: options.distortionLimit ?? WORD_BY_WORD_DEFAULTS.distortionLimit,
      maxOptions: options.maxOptions,
      weights: { ...WORD_BY_WORD_DEFAULTS.weights, ...options.weights },
    });
  }

  translate(tokens: readonly string[]): Translation {
    return this.decoder.translate(tokens);
  }
}
