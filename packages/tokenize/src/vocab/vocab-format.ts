/**
 * The two file formats of `Vocab`, as plain data in and out. Text: one `token<TAB>count` per line,
 * in id order (line n = id n-1), specials included; tokens with a tab, CR, LF or a lone surrogate cannot be written
 * (use JSON, which round-trips any string). JSON: `{"format":"nlpkit-vocab","version":1,
 * "specials":[…],"tokens":[…],"counts":[…]}`. Malformed input throws `ParseError` with source and line.
 */
import { InvalidOptionError, ParseError } from '../errors.js';

/** A vocabulary as plain data: `tokens[id]`, `counts[id]`, and the specials (the first tokens). */
export interface VocabData {
  readonly tokens: readonly string[];
  readonly counts: ArrayLike<number>;
  readonly specials: readonly string[];
}

/** What `Vocab.toJSON()` returns and `Vocab.fromJSON()` reads. */
export interface VocabJSON {
  format: 'nlpkit-vocab';
  version: 1;
  specials: string[];
  tokens: string[];
  counts: number[];
}

/** The specials `Vocab.build` knows by name, in their usual order. */
export const SPECIAL_TOKENS = ['<unk>', '<pad>', '<bos>', '<eos>', '<mask>', '<cls>', '<sep>'] as const;

const FORBIDDEN_IN_TEXT = /[\t\r\n]/;

/**
 * The text format of `data`: `token\tcount\n` per id.
 * @example formatVocabText({ tokens: ['<unk>', 'a'], counts: [0, 3], specials: ['<unk>'] }) // '<unk>\t0\na\t3\n'
 */
export function formatVocabText(data: VocabData): string {
  const parts: string[] = [];
  for (let i = 0; i < data.tokens.length; i++) {
    const token = data.tokens[i];
    if (FORBIDDEN_IN_TEXT.test(token) || !token.isWellFormed()) {
      throw new InvalidOptionError(
        `token ${i}`,
        token,
        'no tab, carriage return, line feed or lone surrogate in a token of the text format (save as JSON instead: it round-trips any token)',
      );
    }
    parts.push(`${token}\t${data.counts[i]}\n`);
  }
  return parts.join('');
}

/**
 * Parses the text format. Each line is `token<TAB>count` (a final "\n" is optional, a "\r" before it
 * is dropped); blank lines, a missing or second tab, an empty token, a count that is not a
 * non-negative integer and a repeated token are `ParseError`s naming `source` and the line.
 * Specials: `specials` if given (they must be the first lines, in order), else the leading lines
 * whose tokens are among `SPECIAL_TOKENS`.
 */
export function parseVocabText(text: string, source: string, specials?: readonly string[]): VocabData {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const tokens: string[] = [];
  const counts: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const tab = line.indexOf('\t');
    if (tab < 0) throw new ParseError(source, lineNo, `expected "token<TAB>count", found no tab in ${JSON.stringify(line)}`);
    if (line.indexOf('\t', tab + 1) >= 0) throw new ParseError(source, lineNo, 'expected one tab, found more (tokens cannot contain tabs)');
    const token = line.slice(0, tab);
    const countText = line.slice(tab + 1);
    if (token.length === 0) throw new ParseError(source, lineNo, 'empty token', 'token');
    if (!/^[0-9]+$/.test(countText) || !Number.isSafeInteger(Number(countText))) {
      throw new ParseError(source, lineNo, `count ${JSON.stringify(countText)} is not a non-negative integer`, 'count');
    }
    if (seen.has(token)) throw new ParseError(source, lineNo, `token ${JSON.stringify(token)} repeats an earlier line`, 'token');
    seen.add(token);
    tokens.push(token);
    counts.push(Number(countText));
  }
  return { tokens, counts, specials: resolveSpecials(tokens, source, specials) };
}

/** Parses the JSON format (a string, or an already parsed value); errors are `ParseError`s at line 1. */
export function parseVocabJSON(json: unknown, source: string): VocabData {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new ParseError(source, 1, `invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const fail = (detail: string, field?: string): never => {
    throw new ParseError(source, 1, detail, field);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected a JSON object');
  const obj = value as Record<string, unknown>;
  if (obj.format !== 'nlpkit-vocab') fail(`expected "nlpkit-vocab", found ${JSON.stringify(obj.format)}`, 'format');
  if (obj.version !== 1) fail(`unsupported version ${JSON.stringify(obj.version)}; this reader knows 1`, 'version');
  const { tokens, counts, specials } = obj;
  if (!Array.isArray(tokens)) return fail('expected an array of strings', 'tokens');
  if (!Array.isArray(counts)) return fail('expected an array of counts', 'counts');
  if (!Array.isArray(specials)) return fail('expected an array of strings', 'specials');
  if (counts.length !== tokens.length) fail(`has ${counts.length} entries, tokens has ${tokens.length}`, 'counts');
  const seen = new Set<string>();
  tokens.forEach((t: unknown, i) => {
    if (typeof t !== 'string' || t.length === 0) fail(`expected a non-empty string, found ${JSON.stringify(t)}`, `tokens[${i}]`);
    if (seen.has(t as string)) fail(`token ${JSON.stringify(t)} repeats tokens[${tokens.indexOf(t)}]`, `tokens[${i}]`);
    seen.add(t as string);
  });
  counts.forEach((c: unknown, i) => {
    if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < 0) fail(`expected a non-negative integer, found ${JSON.stringify(c)}`, `counts[${i}]`);
  });
  specials.forEach((s: unknown, i) => {
    if (s !== tokens[i]) fail(`expected the specials to be the first tokens, in order; found ${JSON.stringify(s)}`, `specials[${i}]`);
  });
  return { tokens: tokens as string[], counts: counts as number[], specials: specials as string[] };
}

function resolveSpecials(tokens: readonly string[], source: string, specials?: readonly string[]): string[] {
  if (specials === undefined) {
    const known: readonly string[] = SPECIAL_TOKENS;
    let n = 0;
    while (n < tokens.length && known.includes(tokens[n])) n++;
    return tokens.slice(0, n);
  }
  specials.forEach((s, i) => {
    if (tokens[i] !== s) {
      throw new ParseError(source, i + 1, `expected special ${JSON.stringify(s)} here (specials are the first lines, in order)`, 'token');
    }
  });
  return [...specials];
}
