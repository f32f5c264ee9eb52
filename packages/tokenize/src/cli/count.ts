/**
 * `tok count`: how many tokens the input is, as the sum of its lines' counts (each line encoded as
 * `tok encode` does, "\n" excluded), or one count per line with `--per-line`. Counting builds no id
 * arrays (`Encoding.count`), so it is the fastest way to size a corpus.
 */
import type { Command } from 'commander';
import { addEncodingOptions, rejectSpecialFlags, resolveEncoding, resolveSpecial, type EncodingFlags } from './encoding-options.js';
import { addTokenizerOptions, rejectTokenizerOnlyFlags, resolveTokenizer, type TokenizerFlags } from './tokenizer-file.js';
import { addInputOptions, INPUT_HELP, inputOptions, processLines, type CliIo } from './io.js';
import { LineWriter } from '@nlpkit/kit/cli';

interface CountFlags extends EncodingFlags, TokenizerFlags {
  json?: boolean;
  perLine?: boolean;
  lossy?: boolean;
  progress?: boolean;
}

/** Sets up `cmd` as `tok count`. */
export function configureCount(cmd: Command, io: CliIo): Command {
  cmd.description('Count tokens: the total over all input lines, or one count per line');
  addEncodingOptions(cmd, { special: true })
    .option('--per-line', 'print one count per input line instead of the total')
    .option('--json', 'print {"tokens":N,"lines":L,"bytes":B,"encoding":E} (with --per-line: {"tokens":N,"bytes":B} per line)');
  addTokenizerOptions(cmd, { noSpecialTokens: true });
  addInputOptions(cmd)
    .addHelpText(
      'after',
      `
The total is the sum of the lines' counts: each line is encoded on its own, without its "\\n", as
"tok encode" does. It can differ from encoding a whole file as one text, where newlines are tokens too.
Bytes count the UTF-8 input, line terminators included (per line: without them).

Examples:
  echo 'hello world' | tok count                    → 2
  tok count --model gpt-4o --json corpus.txt       → {"tokens":…,"lines":…,"bytes":…,"encoding":"o200k_base"}
  tok count --per-line prompts.txt | sort -n | tail -1   (the longest prompt's count)
${INPUT_HELP}`,
    )
    .action(async (files: string[], flags: CountFlags) => {
      const tokenizer = resolveTokenizer(flags);
      let count: (line: string) => number;
      let name: string;
      if (tokenizer !== undefined) {
        rejectSpecialFlags(flags, '--tokenizer');
        const addSpecialTokens = flags.specialTokens !== false;
        count = (line) => tokenizer.encodeIds(line, { addSpecialTokens }).length;
        name = flags.tokenizer!;
      } else {
        rejectTokenizerOnlyFlags(cmd, ['--no-special-tokens']);
        const enc = resolveEncoding(flags);
        const special = resolveSpecial(enc, flags);
        count = (line) => enc.count(line, special);
        name = enc.name;
      }
      const out = new LineWriter(io.stdout);
      let tokens = 0;
      const onLine = flags.perLine
        ? flags.json
          ? (line: string) => `{"tokens":${count(line)},"bytes":${Buffer.byteLength(line, 'utf8')}}\n`
          : (line: string) => `${count(line)}\n`
        : (line: string) => {
            tokens += count(line);
            return '';
          };
      const stats = await processLines(io, inputOptions(files, flags), out, onLine);
      if (!flags.perLine && !out.closed) {
        await out.write(
          flags.json ? `${JSON.stringify({ tokens, lines: stats.lines, bytes: stats.bytes, encoding: name })}\n` : `${tokens}\n`,
        );
      }
      await out.flush();
    });
  return cmd;
}
