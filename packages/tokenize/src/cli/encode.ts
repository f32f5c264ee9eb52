/**
 * `tok encode`: text lines → token ids, one output line per input line, id for id with tiktoken
 * (the library's `Encoding.encode`, special-token rules included).
 */
import type { Command } from 'commander';
import { addEncodingOptions, resolveEncoding, resolveSpecial, type EncodingFlags } from './encoding-options.js';
import { addInputOptions, INPUT_HELP, inputOptions, processLines, type CliIo } from './io.js';
import { LineWriter } from './line-writer.js';

interface EncodeFlags extends EncodingFlags {
  json?: boolean;
  lossy?: boolean;
  progress?: boolean;
}

/** Sets up `cmd` as `tok encode`. */
export function configureEncode(cmd: Command, io: CliIo): Command {
  cmd.description('Encode text to token ids: one line of ids per input line (tiktoken-exact)');
  addEncodingOptions(cmd, { special: true }).option('--json', "print each line's ids as a JSON array (JSON Lines) instead of space-separated");
  addInputOptions(cmd)
    .addHelpText(
      'after',
      `
Examples:
  echo 'hello world' | tok encode                  → 15339 1917
  tok encode --model gpt-4o --json notes.txt       → [24912,2375] …
  tok encode --allowed-special all prompts.txt     (text "<|endoftext|>" becomes its id)
${INPUT_HELP}`,
    )
    .action(async (files: string[], flags: EncodeFlags) => {
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
