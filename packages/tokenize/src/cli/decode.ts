/**
 * `tok decode`: lines of token ids → text, one output line per input line; the inverse of
 * `tok encode` in either of its output forms (space/comma-separated ids, or a JSON array).
 * An id the encoding does not have is an error naming the id, the line and its position.
 */
import type { Command } from 'commander';
import { InvalidTokenIdError, ParseError } from '../errors.js';
import type { Tokenizer } from '../hf/index.js';
import { addEncodingOptions, resolveEncoding, type EncodingFlags } from './encoding-options.js';
import { addTokenizerOptions, rejectTokenizerOnlyFlags, resolveTokenizer, type TokenizerFlags } from './tokenizer-file.js';
import { addInputOptions, INPUT_HELP, inputOptions, processLines, type CliIo, type LineCursor } from './io.js';
import { LineWriter } from '@nlpkit/kit/cli';

interface DecodeFlags extends EncodingFlags, TokenizerFlags {
  keepSpecialTokens?: boolean;
  lossy?: boolean;
  progress?: boolean;
}

/** Sets up `cmd` as `tok decode`. */
export function configureDecode(cmd: Command, io: CliIo): Command {
  cmd.description('Decode token ids to text: one text line per input line of ids');
  addEncodingOptions(cmd, { special: false });
  addTokenizerOptions(cmd, { noSpecialTokens: false }).option('--keep-special-tokens', 'with --tokenizer: print special tokens ([CLS], <s>, …) too; by default they are left out');
  addInputOptions(cmd)
    .addHelpText(
      'after',
      `
Each input line holds token ids separated by spaces, tabs and/or commas, optionally inside [ ]
(so both forms "tok encode" prints are accepted). An id the encoding does not have stops tok with an
error naming the id, the line and the id's position in it (from 0); exit 1. Byte sequences of the ids
that are not valid UTF-8 are printed as U+FFFD, as tiktoken's decode does.

Examples:
  echo '15339 1917' | tok decode                   → hello world
  tok encode --json notes.txt | tok decode         (reproduces notes.txt)
${INPUT_HELP}`,
    )
    .action(async (files: string[], flags: DecodeFlags) => {
      const tokenizer = resolveTokenizer(flags);
      if (tokenizer === undefined) rejectTokenizerOnlyFlags(cmd, ['--keep-special-tokens']);
      const enc = tokenizer === undefined ? resolveEncoding(flags) : undefined;
      const skipSpecialTokens = flags.keepSpecialTokens !== true;
      const decode = (ids: Float64Array): string =>
        enc ? enc.decode(ids) : decodeWithTokenizer(tokenizer!, flags.tokenizer!, ids, skipSpecialTokens);
      const out = new LineWriter(io.stdout);
      const ids = new IdParser();
      await processLines(io, inputOptions(files, flags), out, (line, at) => `${decode(ids.parse(line, at))}\n`);
      await out.flush();
    });
  return cmd;
}

/**
 * A tokenizer.json's decode drops ids it does not have (as Rust's does); `tok decode` reports them
 * instead, as it does for an encoding's, naming the file.
 */
function decodeWithTokenizer(tokenizer: Tokenizer, file: string, ids: Float64Array, skipSpecialTokens: boolean): string {
  const list = Array.from(ids);
  list.forEach((id, position) => {
    if (Number.isInteger(id) && id >= 0 && tokenizer.idToToken(id) === undefined) throw new InvalidTokenIdError(id, position, file);
  });
  return tokenizer.decode(list, { skipSpecialTokens });
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
/** More digits than any id of any encoding can have, but few enough to stay an exact double. */
const MAX_DIGITS = 15;

/**
 * Parses one line of ids into a reused buffer (no array per line). Numbers are kept as doubles so a
 * negative or huge id reaches the library's check and is reported as the id the user wrote.
 */
export class IdParser {
  private ids = new Float64Array(1024);

  /** The ids of `line`, as a view valid until the next call. */
  parse(line: string, at: LineCursor): Float64Array {
    let n = 0;
    let i = 0;
    const len = line.length;
    while (i < len && isSeparator(line.charCodeAt(i))) i++;
    const bracketed = i < len && line.charCodeAt(i) === OPEN;
    if (bracketed) i++;
    let closed = false;
    while (i < len) {
      const c = line.charCodeAt(i);
      if (isSeparator(c)) {
        i++;
        continue;
      }
      if (c === CLOSE && bracketed && !closed) {
        closed = true;
        i++;
        continue;
      }
      if (closed || !(c === MINUS || (c >= ZERO && c <= NINE))) throw unexpected(line, i, at);
      const start = i;
      if (c === MINUS) i++;
      let value = 0;
      while (i < len) {
        const d = line.charCodeAt(i);
        if (d < ZERO || d > NINE) break;
        value = value * 10 + (d - ZERO);
        i++;
      }
      const digits = i - start - (c === MINUS ? 1 : 0);
      if (digits === 0 || (i < len && !isSeparator(line.charCodeAt(i)) && line.charCodeAt(i) !== CLOSE)) throw unexpected(line, start, at);
      if (digits > MAX_DIGITS) {
        throw new ParseError(at.source, at.line, `token id ${line.slice(start, i)} at position ${n} is out of range`);
      }
      if (n === this.ids.length) {
        const grown = new Float64Array(n * 2);
        grown.set(this.ids);
        this.ids = grown;
      }
      this.ids[n++] = c === MINUS ? -value : value;
    }
    if (bracketed && !closed) throw new ParseError(at.source, at.line, 'expected "]" at the end of the line');
    return this.ids.subarray(0, n);
  }
}

function isSeparator(c: number): boolean {
  return c === SPACE || c === COMMA || c === TAB || c === CR;
}

function unexpected(line: string, i: number, at: LineCursor): ParseError {
  let end = i + 1;
  while (end < line.length && end - i < 20 && !isSeparator(line.charCodeAt(end))) end++;
  return new ParseError(at.source, at.line, `expected a token id at column ${i + 1}, found ${JSON.stringify(line.slice(i, end))}`);
}
