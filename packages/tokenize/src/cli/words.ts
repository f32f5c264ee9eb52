/**
 * `tok words`: text lines → word tokens (whitespace, Unicode, Penn Treebank or Moses rules), one
 * output line per input line; `--detokenize` turns treebank/Moses tokens back into text. The word
 * tokenizers are imported only when this command runs, so other commands do not load them
 * (`tok sentences` loads only the Moses nonbreaking prefixes, which it shares with them).
 */
import { Option, type Command } from 'commander';
import { InvalidOptionError } from '../errors.js';
// check-name.ts and types.ts hold only names and types: importing them does not load the tokenizers' tables.
import { checkName } from '../words/check-name.js';
import { MOSES_LANGS, WORD_STYLES } from '../words/types.js';
import { addInputOptions, INPUT_HELP, inputOptions, processLines, type CliIo } from './io.js';
import { LineWriter } from '@nlpkit/kit/cli';
import { offsetsJson, offsetsOption, type OffsetUnit } from './offsets.js';

interface WordsFlags {
  style: string;
  lang?: string;
  json?: boolean;
  detokenize?: boolean;
  offsets: OffsetUnit;
  lossy?: boolean;
  progress?: boolean;
}

/** Sets up `cmd` as `tok words`. */
export function configureWords(cmd: Command, io: CliIo): Command {
  cmd
    .description('Split text into words: one line of space-separated tokens per input line')
    .addOption(new Option('-s, --style <style>', `tokenizer rules: ${WORD_STYLES.join(', ')}`).default('treebank'))
    .addOption(new Option('-l, --lang <lang>', `language of the Moses rules: ${MOSES_LANGS.join(', ')}`).default('en'))
    .addOption(
      new Option('--json', 'print {"tokens":[…],"offsets":[[start,end],…]} per line (JSON Lines); offsets index the input line').conflicts(
        'detokenize',
      ),
    )
    .addOption(offsetsOption())
    .option('--detokenize', 'the reverse: lines of space-separated treebank or moses tokens → text');
  addInputOptions(cmd)
    .addHelpText(
      'after',
      `
Tokens are joined by one space; a line with no token gives an empty line. --json offsets are
[start, end) in the unit of --offsets (code points by default, so line[start:end] in Python).

Examples:
  echo "They'll pay \\$3.50." | tok words          → They 'll pay $ 3.50 .
  tok words --style moses --lang fr --json corpus.fr
  tok words --style moses corpus.txt | tok words --style moses --detokenize
${INPUT_HELP}`,
    )
    .action(async (files: string[], flags: WordsFlags) => {
      const style = checkName('word style', flags.style, WORD_STYLES);
      const lang = checkName('language', flags.lang ?? 'en', MOSES_LANGS);
      const { detokenize, getWordTokenizer } = await import('../words/index.js');
      const out = new LineWriter(io.stdout);
      let onLine: (line: string) => string;
      if (flags.detokenize) {
        if (style !== 'treebank' && style !== 'moses') {
          throw new InvalidOptionError('--style', style, 'treebank or moses with --detokenize (only their rules can be reversed)');
        }
        onLine = (line) => `${detokenize(splitTokens(line), style, { lang })}\n`;
      } else {
        const tokenizer = getWordTokenizer(style, { lang });
        onLine = flags.json
          ? (line) => {
              const t = tokenizer.tokenizeWithOffsets(line);
              return `{"tokens":${JSON.stringify(t.tokens)},"offsets":${offsetsJson(line, t.starts, t.ends, flags.offsets)}}\n`;
            }
          : (line) => `${tokenizer.tokenize(line).join(' ')}\n`;
      }
      await processLines(io, inputOptions(files, flags), out, onLine);
      await out.flush();
    });
  return cmd;
}

/** The tokens of a tokenized line: runs of characters between spaces and tabs. */
function splitTokens(line: string): string[] {
  return line.split(/[ \t\r]+/).filter((t) => t.length > 0);
}
