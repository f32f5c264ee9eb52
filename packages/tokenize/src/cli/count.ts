/**
 * `tok count`: how many tokens the input is, as the sum of its lines' counts (each line encoded as
 * `tok encode` does, "\n" excluded), or one count per line with `--per-line`. Counting builds no id
 * arrays (`Encoding.count`), so it is the fastest way to size a corpus.
 */
import type { Command } from 'commander';
import { addEncodingOptions, resolveEncoding, resolveSpecial, type EncodingFlags } from './encoding-options.js';
import { addInputOptions, INPUT_HELP, inputOptions, processLines, type CliIo } from './io.js';
import { LineWriter } from './line-writer.js';

interface CountFlags extends EncodingFlags {
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
      const enc = resolveEncoding(flags);
      const special = resolveSpecial(enc, flags);
      const out = new LineWriter(io.stdout);
      let tokens = 0;
      const onLine = flags.perLine
        ? flags.json
          ? (line: string) => `{"tokens":${enc.count(line, special)},"bytes":${Buffer.byteLength(line, 'utf8')}}\n`
          : (line: string) => `${enc.count(line, special)}\n`
        : (line: string) => {
            tokens += enc.count(line, special);
            return '';
          };
      const stats = await processLines(io, inputOptions(files, flags), out, onLine);
      if (!flags.perLine && !out.closed) {
        await out.write(
          flags.json ? `${JSON.stringify({ tokens, lines: stats.lines, bytes: stats.bytes, encoding: enc.name })}\n` : `${tokens}\n`,
        );
      }
      await out.flush();
    });
  return cmd;
}
