/**
 * The options `tok encode`, `decode` and `count` share: which encoding (`--encoding` or `--model`),
 * and how text that spells a special token is treated (`--allowed-special`, `--disallowed-special`,
 * tiktoken's semantics and safe default). Everything is checked before any input is read.
 */
import { Option, type Command } from 'commander';
import { InvalidOptionError } from '../errors.js';
import { ENCODING_NAMES, encodingForModel, getEncoding, type EncodeOptions, type Encoding, type EncodingName } from '../tiktoken/index.js';

export const DEFAULT_ENCODING: EncodingName = 'cl100k_base';

/** The encoding flags as commander parses them. */
export interface EncodingFlags {
  encoding: string;
  model?: string;
  allowedSpecial?: string;
  disallowedSpecial?: string;
}

/** Adds `--encoding`/`--model`, and with `special` also `--allowed-special`/`--disallowed-special`. */
export function addEncodingOptions(cmd: Command, { special }: { special: boolean }): Command {
  cmd
    .addOption(new Option('-e, --encoding <name>', `encoding: ${ENCODING_NAMES.join(', ')}`).default(DEFAULT_ENCODING))
    .addOption(
      new Option('-m, --model <model>', "use the encoding of an OpenAI model (gpt-4o, gpt-3.5-turbo, …), as tiktoken's encoding_for_model").conflicts(
        'encoding',
      ),
    );
  if (special) {
    cmd
      .option(
        '--allowed-special <tokens>',
        'special tokens whose text becomes their id: comma-separated (e.g. "<|endoftext|>") or "all"; default none',
      )
      .option(
        '--disallowed-special <tokens>',
        'special tokens whose text is an error (exit 1): comma-separated, "all" (default: all not allowed) or "none" (encode their text as ordinary text)',
      );
  }
  return cmd;
}

/** The encoding the flags name; `UnknownNameError` (listing the known names, from `getEncoding`) otherwise. */
export function resolveEncoding(flags: EncodingFlags): Encoding {
  if (flags.model !== undefined) return encodingForModel(flags.model);
  // A string from the command line: getEncoding checks it at run time.
  return getEncoding(flags.encoding as EncodingName);
}

/**
 * The `encode` options the special-token flags ask for, checked against `enc`'s special tokens;
 * `undefined` without flags (tiktoken's defaults), which spares the library re-checking options per line.
 */
export function resolveSpecial(enc: Encoding, flags: EncodingFlags): EncodeOptions | undefined {
  if (flags.allowedSpecial === undefined && flags.disallowedSpecial === undefined) return undefined;
  const options: EncodeOptions = {};
  if (flags.allowedSpecial !== undefined) {
    options.allowedSpecial = flags.allowedSpecial === 'all' ? 'all' : tokenList(enc, '--allowed-special', flags.allowedSpecial, ['all']);
  }
  if (flags.disallowedSpecial !== undefined) {
    const v = flags.disallowedSpecial;
    options.disallowedSpecial = v === 'all' ? 'all' : v === 'none' ? [] : tokenList(enc, '--disallowed-special', v, ['all', 'none']);
  }
  return options;
}

/** Errors when the tiktoken special-token flags come with `other` (e.g. `--tokenizer`), which has its own rules. */
export function rejectSpecialFlags(flags: EncodingFlags, other: string): void {
  for (const [name, value] of [
    ['--allowed-special', flags.allowedSpecial],
    ['--disallowed-special', flags.disallowedSpecial],
  ] as const) {
    if (value !== undefined) throw new InvalidOptionError(name, value, `no value with ${other} (a tokenizer.json matches its added tokens itself)`);
  }
}

function tokenList(enc: Encoding, option: string, value: string, keywords: readonly string[]): string[] {
  const tokens = value.split(',').map((t) => t.trim());
  for (const t of tokens) {
    if (!Object.hasOwn(enc.specialTokens, t)) {
      const known = Object.keys(enc.specialTokens).join(', ');
      throw new InvalidOptionError(option, t, `${keywords.map((k) => `"${k}"`).join(' or ')}, or a comma-separated list of ${enc.name}'s special tokens: ${known}`);
    }
  }
  return tokens;
}
