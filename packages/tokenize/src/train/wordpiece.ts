/**
 * `trainWordPiece`: BERT-style WordPiece. As in Rust, this is BPE training with the "##" continuing
 * prefix; the vocabulary becomes a WordPiece model (merges are dropped: WordPiece encodes greedily,
 * longest match first).
 */
import { InvalidOptionError } from '../errors.js';
import { runBpe } from './bpe-core.js';
import { requireWords } from './bpe.js';
import type { Corpus } from './corpus.js';
import { checkAffix, progressReporter, validateBpeFamily, validateCommon, type BpeFamilyOptions } from './options.js';
import { addedTokens, bertJson, vocabObject } from './tokenizer-json.js';
import { TrainedTokenizer } from './trained-tokenizer.js';
import { countWords } from './word-count.js';

export interface TrainWordPieceOptions extends BpeFamilyOptions {
  /** Prefix of tokens that continue a word (default "##"). */
  continuingSubwordPrefix?: string;
  /**
   * The unknown token of the model (default "[UNK]"). It is always in the vocabulary: when
   * `specialTokens` does not list it, it is added after them — Rust's trainer leaves it out, and its
   * WordPiece then fails on the first character it never saw.
   */
  unkToken?: string;
  /** BertNormalizer lowercasing and accent stripping (default true: bert-base-uncased). */
  lowercase?: boolean;
  /** Longer words encode as the unknown token (default 100). */
  maxInputCharsPerWord?: number;
}

/** BERT's special tokens: the default of `specialTokens`. */
export const BERT_SPECIAL_TOKENS: readonly string[] = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

/**
 * Trains a WordPiece tokenizer in BERT's layout (special tokens [PAD] [UNK] [CLS] [SEP] [MASK] unless
 * `specialTokens` says otherwise).
 * @example await trainWordPiece({ files: ['corpus.txt'] }, { vocabSize: 30522, specialTokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] });
 */
export async function trainWordPiece(corpus: Corpus, options: TrainWordPieceOptions = {}): Promise<TrainedTokenizer> {
  const common = validateCommon({ specialTokens: BERT_SPECIAL_TOKENS, ...options }, 30000);
  const family = validateBpeFamily(options);
  const prefix = checkAffix('continuingSubwordPrefix', options.continuingSubwordPrefix) ?? '##';
  const unkToken = checkAffix('unkToken', options.unkToken) ?? '[UNK]';
  if (!common.specialTokens.includes(unkToken)) common.specialTokens.push(unkToken);
  const lowercase = options.lowercase ?? true;
  if (typeof lowercase !== 'boolean') throw new InvalidOptionError('lowercase', lowercase, 'true or false');
  const maxChars = options.maxInputCharsPerWord ?? 100;
  if (!Number.isInteger(maxChars) || maxChars < 1) throw new InvalidOptionError('maxInputCharsPerWord', maxChars, 'an integer ≥ 1');
  const report = progressReporter(options);
  const counted = await countWords(corpus, { style: 'bert', lowercase }, common.threads, report, { lossy: common.lossy });
  requireWords(counted);
  const result = runBpe({
    ...counted,
    ...family,
    vocabSize: common.vocabSize,
    specialTokens: common.specialTokens,
    continuingSubwordPrefix: prefix,
    onProgress: report,
  });
  const ids = new Map(result.vocab.map((t, i) => [t, i]));
  const model = {
    type: 'WordPiece',
    unk_token: unkToken,
    continuing_subword_prefix: prefix,
    max_input_chars_per_word: maxChars,
    vocab: vocabObject(result.vocab),
  };
  const added = addedTokens(common.specialTokens, (t) => ids.get(t)!);
  return new TrainedTokenizer(bertJson(model, added, lowercase, prefix, (t) => (common.specialTokens.includes(t) ? ids.get(t) : undefined)), result.vocab.length);
}
