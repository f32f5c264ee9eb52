/**
 * `tok chars`: text lines → characters, as Unicode code points or (with `--graphemes`) extended
 * grapheme clusters, the user-perceived characters (UAX #29: "🇫🇷" and "é" as e + U+0301 are one each).
 * One output line per input line; `--json` gives each character's offsets.
 */
import type { Command } from 'commander';
import { addInputOptions, INPUT_HELP, inputOptions, processLines, type CliIo } from './io.js';
import { LineWriter } from '@nlpkit/kit/cli';
import { offsetsJson, offsetsOption, type OffsetUnit } from './offsets.js';

interface CharsFlags {
  graphemes?: boolean;
  json?: boolean;
  offsets: OffsetUnit;
  lossy?: boolean;
  progress?: boolean;
}

/** Sets up `cmd` as `tok chars`. */
export function configureChars(cmd: Command, io: CliIo): Command {
  cmd
    .description('Split text into characters (code points, or grapheme clusters with --graphemes)')
    .option('-g, --graphemes', 'split into extended grapheme clusters (UAX #29) instead of code points')
    .option('--json', 'print {"tokens":[…],"offsets":[[start,end],…]} per line (JSON Lines); offsets index the input line')
    .addOption(offsetsOption());
  addInputOptions(cmd)
    .addHelpText(
      'after',
      `
Characters are joined by one space, so a space character shows as a run of three spaces; use --json
when the text holds spaces. --json offsets are [start, end) in the unit of --offsets.

Examples:
  echo 'héllo' | tok chars                         → h é l l o
  printf 'e\\u0301🇫🇷\\n' | tok chars --graphemes --json
${INPUT_HELP}`,
    )
    .action(async (files: string[], flags: CharsFlags) => {
      const { codePoints, graphemes } = await import('../chars/index.js');
      const split = flags.graphemes ? graphemes : codePoints;
      const out = new LineWriter(io.stdout);
      const onLine = flags.json
        ? (line: string) => {
            const t = split(line);
            return `{"tokens":${JSON.stringify(t.tokens)},"offsets":${offsetsJson(line, t.starts, t.ends, flags.offsets)}}\n`;
          }
        : (line: string) => `${split(line).tokens.join(' ')}\n`;
      await processLines(io, inputOptions(files, flags), out, onLine);
      await out.flush();
    });
  return cmd;
}
