/**
 * `trainBpe`: byte-level BPE (GPT-2 / RoBERTa style, the default) or character-level BPE.
 * Merges equal those of Rust's BpeTrainer with the same options (see bpe-core.ts for the tie rule).
 */
import { InvalidOptionError, TrainingError } from '../errors.js';
import { byteLevelAlphabet } from '../hf/byte-level.js';
import { runBpe } from './bpe-core.js';
import type { Corpus } from './corpus.js';
import { checkAffix, progressReporter, validateBpeFamily, validateCommon, type BpeFamilyOptions } from './options.js';
import { addedTokens, bpeModel, byteLevelBpeJson, charBpeJson } from './tokenizer-json.js';
import { TrainedTokenizer } from './trained-tokenizer.js';
import { countWords, type WordCounts } from './word-count.js';

export interface TrainBpeOptions extends BpeFamilyOptions {
  /**
   * true (default): GPT-2 byte-level BPE; the 256 byte characters are always in the alphabet, so no
   * input is ever unknown. false: characters, words split by the Whitespace pre-tokenizer.
   */
  byteLevel?: boolean;
  /** Prefix of tokens that continue a word (e.g. "##"). */
  continuingSubwordPrefix?: string;
  /** Suffix of tokens that end a word (e.g. "</w>"). */
  endOfWordSuffix?: string;
  /** Character-level only: the model's unknown token (add it to specialTokens to give it an id). */
  unkToken?: string;
}

/**
 * Trains a BPE tokenizer and returns its tokenizer.json.
 * @example const t = await trainBpe({ files: ['corpus.txt'] }, { vocabSize: 32000, specialTokens: ['<|endoftext|>'] });
 *          await t.save('tokenizer.json');
 */
export async function trainBpe(corpus: Corpus, options: TrainBpeOptions = {}): Promise<TrainedTokenizer> {
  const common = validateCommon(options, 30000);
  const family = validateBpeFamily(options);
  const byteLevel = options.byteLevel ?? true;
  if (typeof byteLevel !== 'boolean') throw new InvalidOptionError('byteLevel', byteLevel, 'true or false');
  if (byteLevel && family.limitAlphabet !== undefined && family.limitAlphabet < 256) {
    throw new InvalidOptionError('limitAlphabet', family.limitAlphabet, 'at least 256 with byteLevel (every byte stays in the alphabet)');
  }
  const prefix = checkAffix('continuingSubwordPrefix', options.continuingSubwordPrefix);
  const suffix = checkAffix('endOfWordSuffix', options.endOfWordSuffix);
  const unkToken = checkAffix('unkToken', options.unkToken);
  const report = progressReporter(options);
  const counted = await countWords(corpus, { style: byteLevel ? 'byte-level' : 'whitespace' }, common.threads, report, { lossy: common.lossy });
  requireWords(counted);
  const initialAlphabet = byteLevel ? [...byteLevelAlphabet(), ...family.initialAlphabet] : family.initialAlphabet;
  const result = runBpe({
    ...counted,
    ...family,
    initialAlphabet,
    vocabSize: common.vocabSize,
    specialTokens: common.specialTokens,
    continuingSubwordPrefix: prefix,
    endOfWordSuffix: suffix,
    onProgress: report,
  });
  const ids = new Map(result.vocab.map((t, i) => [t, i]));
  const model = bpeModel({ ...result, unkToken, continuingSubwordPrefix: prefix, endOfWordSuffix: suffix });
  const added = addedTokens(common.specialTokens, (t) => ids.get(t)!);
  const json = byteLevel ? byteLevelBpeJson(model, added) : charBpeJson(model, added, suffix);
  return new TrainedTokenizer(json, result.vocab.length);
}

export function requireWords(counted: WordCounts): void {
  if (counted.words.length === 0) {
    throw new TrainingError(
      counted.inputSize === 0 ? 'the corpus is empty: nothing to train on' : `the corpus has no words (${counted.inputSize} characters of blank text)`,
    );
  }
}
