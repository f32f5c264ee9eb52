/**
 * `tok encode`: text lines → token ids, one output line per input line, id for id with tiktoken
 * (the library's `Encoding.encode`, special-token rules included), or with `--tokenizer` through a
 * Hugging Face tokenizer.json (ids, tokens and offsets as the Rust `tokenizers` package gives them).
 */
import type { Command } from 'commander';
import type { Tokenizer } from '../hf/index.js';
import { addEncodingOptions, rejectSpecialFlags, resolveEncoding, resolveSpecial, type EncodingFlags } from './encoding-options.js';
import { addInputOptions, INPUT_HELP, inputOptions, processLines, type CliIo, type InputOptions } from './io.js';
import { LineWriter } from '@nlpkit/kit/cli';
import { offsetsOption, type OffsetUnit } from './offsets.js';
import { addTokenizerOptions, rejectTokenizerOnlyFlags, resolveTokenizer, tokenizerOffsetsJson, type TokenizerFlags } from './tokenizer-file.js';

interface EncodeFlags extends EncodingFlags, TokenizerFlags {
  json?: boolean;
  tokens?: boolean;
  offsets: OffsetUnit;
  lossy?: boolean;
  progress?: boolean;
}

/** Sets up `cmd` as `tok encode`. */
export function configureEncode(cmd: Command, io: CliIo): Command {
  cmd.description('Encode text to token ids: one line of ids per input line (tiktoken-exact)');
  addEncodingOptions(cmd, { special: true }).option('--json', "print each line's ids as a JSON array (JSON Lines) instead of space-separated");
  addTokenizerOptions(cmd, { noSpecialTokens: true })
    .option('--tokens', 'with --tokenizer: print the token strings, space-separated, instead of the ids')
    .addOption(offsetsOption());
  addInputOptions(cmd)
    .addHelpText(
      'after',
      `
Examples:
  echo 'hello world' | tok encode                  → 15339 1917
  tok encode --model gpt-4o --json notes.txt       → [24912,2375] …
  tok encode --allowed-special all prompts.txt     (text "<|endoftext|>" becomes its id)
  tok encode --tokenizer tokenizer.json notes.txt  (ids of a Hugging Face tokenizer.json)
  tok encode -t tokenizer.json --json notes.txt    → {"ids":[…],"tokens":[…],"offsets":[[0,5],…]}

With --tokenizer, --json prints ids, tokens and offsets; offsets are code points by default
(Python's and the Rust tokenizers' unit), --offsets utf16 or byte for JavaScript or UTF-8 indices.
${INPUT_HELP}`,
    )
    .action(async (files: string[], flags: EncodeFlags) => {
      const tokenizer = resolveTokenizer(flags);
      if (tokenizer !== undefined) {
        rejectSpecialFlags(flags, '--tokenizer');
        return encodeWithTokenizer(io, tokenizer, inputOptions(files, flags), flags);
      }
      rejectTokenizerOnlyFlags(cmd, ['--tokens', '--offsets', '--no-special-tokens']);
      const enc = resolveEncoding(flags);
      const special = resolveSpecial(enc, flags);
      const out = new LineWriter(io.stdout);
      const json = flags.json === true;
      await processLines(io, inputOptions(files, flags), out, (line) => {
        const ids = enc.encode(line, special);
        return json ? `[${ids.join(',')}]\n` : `${ids.join(' ')}\n`;
      });
      await out.flush();
    });
  return cmd;
}

async function encodeWithTokenizer(io: CliIo, tokenizer: Tokenizer, input: InputOptions, flags: EncodeFlags): Promise<void> {
  const out = new LineWriter(io.stdout);
  const addSpecialTokens = flags.specialTokens !== false;
  const offsets = flags.offsets === 'codepoint' ? 'codepoint' : 'utf16';
  await processLines(io, input, out, (line) => {
    if (flags.json) {
      const e = tokenizer.encode(line, null, { addSpecialTokens, offsets });
      return `{"ids":${JSON.stringify(e.ids)},"tokens":${JSON.stringify(e.tokens)},"offsets":${tokenizerOffsetsJson(line, e.offsets, flags.offsets)}}\n`;
    }
    if (flags.tokens) return `${tokenizer.encode(line, null, { addSpecialTokens }).tokens.join(' ')}\n`;
    return `${tokenizer.encodeIds(line, { addSpecialTokens }).join(' ')}\n`;
  });
  await out.flush();
}
