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

/** Reads a JSON file of an installed package; a missing or broken file is a `DataError` naming it. */
function readPackagedJson(specifier: string): unknown {
  let file = specifier;
  try {
    file = require.resolve(specifier);
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new DataError(file, `cannot load the tiktoken package's data (${why}); reinstall the dependencies`);
  }
}

export function isEncodingName(name: string): name is EncodingName {
  return (ENCODING_NAMES as readonly string[]).includes(name);
}

/** Loads and checks the data of one encoding. */
export function loadEncodingData(name: string): EncodingData {
  if (!isEncodingName(name)) throw new UnknownNameError('encoding', name, ENCODING_NAMES);
  const json = readPackagedJson(`tiktoken/encoders/${name}.json`) as { pat_str: string; special_tokens: Record<string, number>; bpe_ranks: string };
  const file = `tiktoken/encoders/${name}.json`;
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
 * consecutive tokens taking consecutive ranks. This runs on the first `getEncoding` of each encoding,
 * so it walks the string by hand: no `split` (200k substrings for o200k) and no object per token —
 * base64 is decoded straight into one buffer and each rank gets a (start, length) pair.
 */
export function parseRanks(text: string, file: string): RankTable {
  const lines: Array<{ first: number; start: number; end: number; lineNo: number }> = [];
  let maxRank = -1;
  let lineStart = 0;
  for (let lineNo = 1; lineStart < text.length; lineNo++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd > lineStart) {
      const tagEnd = text.indexOf(' ', lineStart);
      const rankEnd = tagEnd < 0 ? -1 : text.indexOf(' ', tagEnd + 1);
      const first = rankEnd < 0 || rankEnd > lineEnd ? NaN : Number(text.slice(tagEnd + 1, rankEnd));
      if (!Number.isInteger(first) || first < 0) {
        throw new DataError(file, `bpe_ranks line ${lineNo}: expected "<tag> <rank> <base64>…"`);
      }
      let tokens = 1;
      for (let i = rankEnd + 1; i < lineEnd; i++) if (text.charCodeAt(i) === 32) tokens++;
      maxRank = Math.max(maxRank, first + tokens - 1);
      lines.push({ first, start: rankEnd + 1, end: lineEnd, lineNo });
    }
    lineStart = lineEnd + 1;
  }
  const size = maxRank + 1;
  const tokenStart = new Int32Array(size).fill(-1);
  const tokenLen = new Uint8Array(size);
  const decoded = new Uint8Array(Math.ceil(text.length / 4) * 3);
  let used = 0;
  for (const line of lines) {
    let rank = line.first;
    for (let i = line.start; i < line.end; rank++) {
      let j = text.indexOf(' ', i);
      if (j < 0 || j > line.end) j = line.end;
      const n = decodeBase64Into(text, i, j, decoded, used);
      if (n <= 0 || n > 255) {
        throw new DataError(file, `bpe_ranks line ${line.lineNo}: invalid token ${JSON.stringify(text.slice(i, j))}`);
      }
      if (tokenStart[rank] !== -1) throw new DataError(file, `bpe_ranks line ${line.lineNo}: rank ${rank} given twice`);
      tokenStart[rank] = used;
      tokenLen[rank] = n;
      used += n;
      i = j + 1;
    }
  }
  // Lay tokens out by rank so token r is bytes[offsets[r]..offsets[r+1]); gaps get an empty range.
  const offsets = new Uint32Array(size + 1);
  const bytes = new Uint8Array(used);
  let o = 0;
  for (let r = 0; r < size; r++) {
    offsets[r] = o;
    const s = tokenStart[r];
    if (s < 0) continue;
    for (let k = 0, n = tokenLen[r]; k < n; k++) bytes[o++] = decoded[s + k];
  }
  offsets[size] = o;
  return new RankTable(bytes, offsets);
}

/** Decodes padded base64 `s[from..to)` into `out` at `at`; returns the byte count, or -1 if malformed. */
function decodeBase64Into(s: string, from: number, to: number, out: Uint8Array, at: number): number {
  const len = to - from;
  if (len === 0 || len % 4 !== 0) return -1;
  let n = 0;
  for (let i = from; i < to; i += 4) {
    const c3 = s.charCodeAt(i + 2);
    const c4 = s.charCodeAt(i + 3);
    const a = B64[s.charCodeAt(i)] ?? -1;
    const b = B64[s.charCodeAt(i + 1)] ?? -1;
    const c = c3 === 61 ? 0 : (B64[c3] ?? -1);
    const d = c4 === 61 ? 0 : (B64[c4] ?? -1);
    if ((a | b | c | d) < 0) return -1;
    out[at + n++] = (a << 2) | (b >> 4);
    if (c3 !== 61) out[at + n++] = ((b & 15) << 4) | (c >> 2);
    if (c4 !== 61) out[at + n++] = ((c & 3) << 6) | d;
  }
  return n;
}

/** Exact model names → encoding, from the `tiktoken` package's `model_to_encoding.json`. */
let modelTable: Readonly<Record<string, EncodingName>> | undefined;
function models(): Readonly<Record<string, EncodingName>> {
  modelTable ??= readPackagedJson('tiktoken/model_to_encoding.json') as Record<string, EncodingName>;
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
