/**
 * `--tokenizer tokenizer.json` for `tok encode`, `decode` and `count`: a Hugging Face tokenizer.json
 * (any model's, or one `tok train` wrote) instead of an OpenAI encoding. Loading errors name the file
 * and the JSON path of the bad field.
 */
import { Option, type Command } from 'commander';
import { InvalidOptionError } from '../errors.js';
import { Tokenizer } from '../hf/index.js';
import type { OffsetUnit } from './offsets.js';

export interface TokenizerFlags {
  tokenizer?: string;
  specialTokens?: boolean;
}

/**
 * Adds `--tokenizer <file>` (exclusive with `--encoding`/`--model`) and, for the commands that encode
 * (`noSpecialTokens`), `--no-special-tokens`.
 */
export function addTokenizerOptions(cmd: Command, { noSpecialTokens }: { noSpecialTokens: boolean }): Command {
  cmd.addOption(
    new Option('-t, --tokenizer <file>', 'use a Hugging Face tokenizer.json (e.g. one "tok train" wrote) instead of an OpenAI encoding').conflicts([
      'encoding',
      'model',
    ]),
  );
  if (noSpecialTokens) cmd.option('--no-special-tokens', 'with --tokenizer: do not let its post-processor add special tokens ([CLS], <s>, …)');
  return cmd;
}

/**
 * Without `--tokenizer`, its companion flags (`longs`, e.g. `--tokens`) would be silently ignored:
 * bad usage instead (exit 2).
 */
export function rejectTokenizerOnlyFlags(cmd: Command, longs: readonly string[]): void {
  for (const option of cmd.options) {
    if (option.long === undefined || !longs.includes(option.long)) continue;
    const key = option.attributeName();
    if (cmd.getOptionValueSource(key) === 'cli') throw new InvalidOptionError(option.long, cmd.getOptionValue(key), 'only together with --tokenizer <file>');
  }
}

/** The tokenizer `--tokenizer` names, or undefined without the flag. */
export function resolveTokenizer(flags: TokenizerFlags): Tokenizer | undefined {
  return flags.tokenizer === undefined ? undefined : Tokenizer.fromFile(flags.tokenizer);
}

/**
 * `[[start,end],…]` of an encoding's offsets in `unit`. The tokenizer gives UTF-16 or code-point
 * offsets itself; bytes go through a per-line UTF-16 → UTF-8 index (offsets need not be increasing:
 * byte-level tokens share a character, special tokens sit at [0,0]).
 */
export function tokenizerOffsetsJson(text: string, offsets: readonly (readonly [number, number])[], unit: OffsetUnit): string {
  if (unit !== 'byte') return JSON.stringify(offsets);
  const byteAt = new Uint32Array(text.length + 1);
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    byteAt[i] = bytes;
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      byteAt[++i] = bytes; // the low surrogate sits inside the same 4-byte character
      bytes += 4;
    } else bytes += 3;
  }
  byteAt[text.length] = bytes;
  return JSON.stringify(offsets.map(([s, e]) => [byteAt[s], byteAt[e]]));
}
