/**
 * tokenizer.json layouts for trained models, field for field as the Rust library writes them, so the
 * files load in Hugging Face `tokenizers` (Rust, Python, npm) and in our own Tokenizer.
 */
import type { JsonObject, JsonValue } from '../hf/stages.js';

export type TokenizerJson = JsonObject;

export function addedTokens(specials: readonly string[], idOf: (t: string) => number): JsonValue[] {
  return specials.map((content) => ({
    id: idOf(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
}

function envelope(parts: {
  added: JsonValue[];
  normalizer: JsonValue;
  preTokenizer: JsonValue;
  postProcessor: JsonValue;
  decoder: JsonValue;
  model: JsonObject;
}): TokenizerJson {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: parts.added,
    normalizer: parts.normalizer,
    pre_tokenizer: parts.preTokenizer,
    post_processor: parts.postProcessor,
    decoder: parts.decoder,
    model: parts.model,
  };
}

export function vocabObject(tokens: readonly string[]): JsonObject {
  const vocab: JsonObject = {};
  tokens.forEach((t, id) => (vocab[t] = id));
  return vocab;
}

export interface BpeModelParts {
  vocab: readonly string[];
  merges: ReadonlyArray<readonly [string, string]>;
  unkToken?: string | undefined;
  continuingSubwordPrefix?: string | undefined;
  endOfWordSuffix?: string | undefined;
}

export function bpeModel(m: BpeModelParts): JsonObject {
  return {
    type: 'BPE',
    dropout: null,
    unk_token: m.unkToken ?? null,
    continuing_subword_prefix: m.continuingSubwordPrefix ?? null,
    end_of_word_suffix: m.endOfWordSuffix ?? null,
    fuse_unk: false,
    byte_fallback: false,
    ignore_merges: false,
    vocab: vocabObject(m.vocab),
    merges: m.merges.map(([a, b]) => [a, b]),
  };
}

const byteLevel = (addPrefixSpace: boolean, trimOffsets: boolean): JsonObject => ({
  type: 'ByteLevel',
  add_prefix_space: addPrefixSpace,
  trim_offsets: trimOffsets,
  use_regex: true,
});

/** Rust's ByteLevelBPETokenizer: ByteLevel pre-tokenizer, decoder and post-processor. */
export function byteLevelBpeJson(model: JsonObject, added: JsonValue[]): TokenizerJson {
  return envelope({
    added,
    normalizer: null,
    preTokenizer: byteLevel(false, true),
    postProcessor: byteLevel(true, false),
    decoder: byteLevel(true, true),
    model,
  });
}

/** Character-level BPE: Whitespace pre-tokenizer; BPEDecoder when words end with a suffix. */
export function charBpeJson(model: JsonObject, added: JsonValue[], endOfWordSuffix: string | undefined): TokenizerJson {
  return envelope({
    added,
    normalizer: null,
    preTokenizer: { type: 'Whitespace' },
    postProcessor: null,
    decoder: endOfWordSuffix !== undefined ? { type: 'BPEDecoder', suffix: endOfWordSuffix } : null,
    model,
  });
}

/** BERT: BertNormalizer, BertPreTokenizer, WordPiece decoder, [CLS] … [SEP] template when both are special tokens. */
export function bertJson(
  model: JsonObject,
  added: JsonValue[],
  lowercase: boolean,
  prefix: string,
  idOf: (t: string) => number | undefined,
): TokenizerJson {
  const cls = idOf('[CLS]');
  const sep = idOf('[SEP]');
  return envelope({
    added,
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase },
    preTokenizer: { type: 'BertPreTokenizer' },
    postProcessor: cls !== undefined && sep !== undefined ? bertTemplate(cls, sep) : null,
    decoder: { type: 'WordPiece', prefix, cleanup: true },
    model,
  });
}

function bertTemplate(cls: number, sep: number): JsonObject {
  const special = (id: string, typeId: number): JsonObject => ({ SpecialToken: { id, type_id: typeId } });
  const seq = (id: string, typeId: number): JsonObject => ({ Sequence: { id, type_id: typeId } });
  return {
    type: 'TemplateProcessing',
    single: [special('[CLS]', 0), seq('A', 0), special('[SEP]', 0)],
    pair: [special('[CLS]', 0), seq('A', 0), special('[SEP]', 0), seq('B', 1), special('[SEP]', 1)],
    special_tokens: {
      '[CLS]': { id: '[CLS]', ids: [cls], tokens: ['[CLS]'] },
      '[SEP]': { id: '[SEP]', ids: [sep], tokens: ['[SEP]'] },
    },
  };
}

const metaspace = (): JsonObject => ({ type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: true });

/**
 * SentencePiece's NMT normalization (Rust's `Nmt` normalizer) spelled as two Replace steps: transformers.js
 * has no `Nmt`, and a file it cannot load would break the promise that ours load everywhere. The same
 * characters go (controls) or become a space (odd spaces, U+2581, U+FEFF, U+FFFD) as in Rust's `do_nmt`.
 */
export const NMT_REMOVED_CHARS = '[\u0001-\u0008\u000B\u000E-\u001F\u007F\u008F\u009F]';
export const NMT_SPACE_CHARS = '[\t\n\f\r\u1680\u200B-\u200F\u2028\u2029\u2581\uFEFF\uFFFD]';
const nmtAsReplace = (): JsonObject[] => [
  { type: 'Replace', pattern: { Regex: NMT_REMOVED_CHARS }, content: '' },
  { type: 'Replace', pattern: { Regex: NMT_SPACE_CHARS }, content: ' ' },
];

/** Rust's SentencePieceUnigramTokenizer: NMT + NFKC + collapse spaces, Metaspace pre-tokenizer and decoder. */
export function unigramJson(model: JsonObject, added: JsonValue[]): TokenizerJson {
  return envelope({
    added,
    normalizer: {
      type: 'Sequence',
      normalizers: [...nmtAsReplace(), { type: 'NFKC' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }],
    },
    preTokenizer: metaspace(),
    postProcessor: null,
    decoder: metaspace(),
    model,
  });
}
