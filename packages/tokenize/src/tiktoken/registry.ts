/**
 * Which OpenAI encodings exist, where their data comes from, and which model uses which.
 *
 * Ranks, special tokens and patterns are read from the `tiktoken` npm package's `encoders/*.json`
 * (installed with this package; nothing is downloaded at run time) and checked against what we
 * expect: a pattern we have no scanner for, or a vocabulary of the wrong size, is a `DataError`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DataError, UnknownNameError } from '../errors.js';
import { TIKTOKEN_PATTERNS, type PatternFamily } from './pretokenize.reference.js';
import { RankTable } from './rank-table.js';

export const ENCODING_NAMES = ['gpt2', 'r50k_base', 'p50k_base', 'p50k_edit', 'cl100k_base', 'o200k_base'] as const;
export type EncodingName = (typeof ENCODING_NAMES)[number];

/** Declared facts each encoding's data must match (tiktoken's `explicit_n_vocab` where it has one). */
const EXPECTED: Record<EncodingName, { family: PatternFamily; nVocab: number }> = {
  gpt2: { family: 'r50k', nVocab: 50257 },
  r50k_base: { family: 'r50k', nVocab: 50257 },
  p50k_base: { family: 'r50k', nVocab: 50281 },
  p50k_edit: { family: 'r50k', nVocab: 50284 },
  cl100k_base: { family: 'cl100k', nVocab: 100277 },
  o200k_base: { family: 'o200k', nVocab: 200019 },
};

/** Everything needed to build an `Encoding`. */
export interface EncodingData {
  name: EncodingName;
  family: PatternFamily;
  ranks: RankTable;
  specialTokens: Readonly<Record<string, number>>;
  nVocab: number;
}

const require = createRequire(import.meta.url);

export function isEncodingName(name: string): name is EncodingName {
  return (ENCODING_NAMES as readonly string[]).includes(name);
}

/** Loads and checks the data of one encoding. */
export function loadEncodingData(name: string): EncodingData {
  if (!isEncodingName(name)) throw new UnknownNameError('encoding', name, ENCODING_NAMES);
  const file = require.resolve(`tiktoken/encoders/${name}.json`);
  const json = JSON.parse(readFileSync(file, 'utf8')) as { pat_str: string; special_tokens: Record<string, number>; bpe_ranks: string };
  const expected = EXPECTED[name];
  if (json.pat_str !== TIKTOKEN_PATTERNS[expected.family]) {
    throw new DataError(file, `pattern differs from the ${expected.family} pattern this version of @nlpkit/tokenize implements: ${json.pat_str}`);
  }
  const ranks = parseRanks(json.bpe_ranks, file);
  let maxId = ranks.size - 1;
  for (const id of Object.values(json.special_tokens)) maxId = Math.max(maxId, id);
  if (maxId + 1 !== expected.nVocab) {
    throw new DataError(file, `expected ${expected.nVocab} token ids, found ${maxId + 1}`);
  }
  return { name, family: expected.family, ranks, specialTokens: Object.freeze({ ...json.special_tokens }), nVocab: maxId + 1 };
}

const B64 = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/**
 * Parses the `tiktoken` package's compact rank format: lines of `<tag> <first rank> <base64 token>…`,
 * consecutive tokens taking consecutive ranks. Base64 is decoded by hand straight into one buffer, so
 * loading makes no object per token (this runs on the first `getEncoding` of each encoding).
 */
export function parseRanks(text: string, file: string): RankTable {
  // Pass 1: count tokens and the highest rank, to size the arrays.
  let maxRank = -1;
  let tokenChars = 0;
  let lineNo = 0;
  const lines = text.split('\n');
  for (const line of lines) {
    lineNo++;
    if (line === '') continue;
    const fields = line.split(' ');
    const first = Number(fields[1]);
    if (fields.length < 3 || !Number.isInteger(first) || first < 0) {
      throw new DataError(file, `bpe_ranks line ${lineNo}: expected "<tag> <rank> <base64>…"`);
    }
    maxRank = Math.max(maxRank, first + fields.length - 3);
    for (let k = 2; k < fields.length; k++) tokenChars += fields[k].length;
  }
  const size = maxRank + 1;
  const rankBytes = new Array<Uint8Array | undefined>(size);
  const all = new Uint8Array(Math.ceil(tokenChars / 4) * 3);
  let used = 0;
  lineNo = 0;
  for (const line of lines) {
    lineNo++;
    if (line === '') continue;
    const fields = line.split(' ');
    let rank = Number(fields[1]);
    for (let k = 2; k < fields.length; k++, rank++) {
      const n = decodeBase64Into(fields[k], all, used);
      if (n < 0) throw new DataError(file, `bpe_ranks line ${lineNo}: invalid base64 token ${JSON.stringify(fields[k])}`);
      if (rankBytes[rank] !== undefined) throw new DataError(file, `bpe_ranks line ${lineNo}: rank ${rank} given twice`);
      rankBytes[rank] = all.subarray(used, used + n);
      used += n;
    }
  }
  // Lay tokens out by rank so token r is bytes[offsets[r]..offsets[r+1]).
  const offsets = new Uint32Array(size + 1);
  const bytes = new Uint8Array(used);
  let o = 0;
  for (let r = 0; r < size; r++) {
    offsets[r] = o;
    const b = rankBytes[r];
    if (b) {
      bytes.set(b, o);
      o += b.length;
    }
  }
  offsets[size] = o;
  return new RankTable(bytes, offsets);
}

/** Decodes standard padded base64 into `out` at `at`; returns the byte count, or -1 if malformed. */
function decodeBase64Into(s: string, out: Uint8Array, at: number): number {
  const len = s.length;
  if (len === 0 || len % 4 !== 0) return -1;
  let n = 0;
  for (let i = 0; i < len; i += 4) {
    const a = B64[s.charCodeAt(i)];
    const b = B64[s.charCodeAt(i + 1)];
    const c3 = s.charCodeAt(i + 2);
    const c4 = s.charCodeAt(i + 3);
    const c = c3 === 61 ? 0 : B64[c3];
    const d = c4 === 61 ? 0 : B64[c4];
    if ((a | b | c | d) < 0 || a === undefined || b === undefined) return -1;
    out[at + n++] = (a << 2) | (b >> 4);
    if (c3 !== 61) out[at + n++] = ((b & 15) << 4) | (c >> 2);
    if (c4 !== 61) out[at + n++] = ((c & 3) << 6) | d;
  }
  return n;
}

/** Exact model names → encoding, from the `tiktoken` package's `model_to_encoding.json`. */
let modelTable: Readonly<Record<string, EncodingName>> | undefined;
function models(): Readonly<Record<string, EncodingName>> {
  modelTable ??= JSON.parse(readFileSync(require.resolve('tiktoken/model_to_encoding.json'), 'utf8')) as Record<string, EncodingName>;
  return modelTable;
}

/**
 * Model-name prefixes → encoding, as in tiktoken's Python `MODEL_PREFIX_TO_ENCODING`, so dated or
 * fine-tuned names (`gpt-4o-2024-05-13`, `ft:gpt-4o-mini:org::id`) resolve without a library update.
 * Checked in order; the first matching prefix wins.
 */
const MODEL_PREFIXES: ReadonlyArray<readonly [string, EncodingName]> = [
  ['o1-', 'o200k_base'],
  ['o3-', 'o200k_base'],
  ['o4-mini-', 'o200k_base'],
  ['gpt-5', 'o200k_base'],
  ['gpt-4.5-', 'o200k_base'],
  ['gpt-4.1-', 'o200k_base'],
  ['chatgpt-4o-', 'o200k_base'],
  ['gpt-4o-', 'o200k_base'],
  ['gpt-4-', 'cl100k_base'],
  ['gpt-3.5-turbo-', 'cl100k_base'],
  ['gpt-35-turbo-', 'cl100k_base'],
  ['ft:gpt-4o', 'o200k_base'],
  ['ft:gpt-4', 'cl100k_base'],
  ['ft:gpt-3.5-turbo', 'cl100k_base'],
  ['ft:davinci-002', 'cl100k_base'],
  ['ft:babbage-002', 'cl100k_base'],
];

/** The encoding name a model uses; throws `UnknownNameError` listing the known models. */
export function encodingNameForModel(model: string): EncodingName {
  const exact = models();
  if (Object.hasOwn(exact, model)) return exact[model];
  for (const [prefix, name] of MODEL_PREFIXES) if (model.startsWith(prefix)) return name;
  throw new UnknownNameError(
    'model',
    model,
    Object.keys(exact),
    `; or any name starting with ${MODEL_PREFIXES.map(([p]) => p).join(', ')}. Otherwise name the encoding itself (${ENCODING_NAMES.join(', ')}).`,
  );
}
