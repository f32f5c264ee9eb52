/**
 * `tok sentences`: text → sentences, one per output line, printed exactly as Moses'
 * split-sentences.perl prints them (the library's `splitSentences` finds them). By default each line
 * is split on its own, as `split-sentences.perl -k`; `--paragraphs` joins lines up to a blank or
 * `<markup>` line and marks paragraph ends with "<P>", as the Perl does without options.
 */
import { Option, type Command } from 'commander';
import { checkName } from '../words/check-name.js';
import { MOSES_LANGS } from '../words/types.js';
import { addInputOptions, INPUT_HELP, inputOptions, processLines, type CliIo } from './io.js';
import { LineWriter } from '@nlpkit/kit/cli';
import { offsetsJson, offsetsOption, type OffsetUnit } from './offsets.js';

interface SentencesFlags {
  lang: string;
  json?: boolean;
  paragraphs?: boolean;
  offsets: OffsetUnit;
  lossy?: boolean;
  progress?: boolean;
}

/** Sets up `cmd` as `tok sentences`. */
export function configureSentences(cmd: Command, io: CliIo): Command {
  cmd
    .description('Split text into sentences (Moses split-sentences.perl rules): one sentence per output line')
    .addOption(new Option('-l, --lang <lang>', `language of the nonbreaking prefixes (Mr., z.B., …): ${MOSES_LANGS.join(', ')}`).default('en'))
    .addOption(
      new Option('-p, --paragraphs', 'read wrapped text: join lines up to a blank or <markup> line, as split-sentences.perl without -k').conflicts(
        'json',
      ),
    )
    .option('--json', 'print {"sentences":[…],"offsets":[[start,end],…]} per input line (JSON Lines) instead')
    .addOption(offsetsOption());
  addInputOptions(cmd)
    .addHelpText(
      'after',
      `
Sentences are printed as split-sentences.perl prints them: runs of spaces, tabs and line breaks
inside a sentence become one space. A "\\r" ending a line (CRLF files) is not part of the text.
By default each input line is split on its own (split-sentences.perl -k): sentences never span lines
and an empty line prints nothing; --json gives one object per input line, with the sentences as they
are in the line. --paragraphs reads wrapped text as split-sentences.perl does by default: lines are
joined up to a blank line or a <markup> line (printed as is), and "<P>" follows each paragraph that
a blank line ends (grep -v '^<P>$' removes them). Memory then grows with the longest paragraph.

Examples:
  echo 'Mr. Smith came. He left.' | tok sentences    → "Mr. Smith came." and "He left." on two lines
  tok sentences --paragraphs --lang de roman.txt
${INPUT_HELP}`,
    )
    .action(async (files: string[], flags: SentencesFlags) => {
      const lang = checkName('language', flags.lang, MOSES_LANGS);
      const { BLANK_LINE, MARKUP_LINE, splitSentences } = await import('../sentences/index.js');
      const out = new LineWriter(io.stdout);
      const input = inputOptions(files, flags);
      const sentencesOf = (text: string) => splitSentences(text, { lang }).tokens;
      if (flags.paragraphs) {
        // split-sentences.perl's main loop: gather lines until a blank or markup line.
        let paragraph: string[] = [];
        const flush = (): string => {
          const text = paragraph.length === 0 ? '' : printed(sentencesOf(paragraph.join('\n')));
          paragraph = [];
          return text;
        };
        await processLines(io, input, out, (raw) => {
          const line = withoutCr(raw);
          if (MARKUP_LINE.test(line)) return `${flush()}${line}\n`;
          if (BLANK_LINE.test(line)) return paragraph.length === 0 ? '' : `${flush()}<P>\n`;
          paragraph.push(line);
          return '';
        });
        if (!out.closed) await out.write(flush());
      } else if (flags.json) {
        await processLines(io, input, out, (raw) => {
          const line = withoutCr(raw);
          const t = splitSentences(line, { lang });
          return `{"sentences":${JSON.stringify(t.tokens)},"offsets":${offsetsJson(line, t.starts, t.ends, flags.offsets)}}\n`;
        });
      } else {
        // As `-k`: an empty line prints nothing, a line of only spaces prints an empty line.
        await processLines(io, input, out, (raw) => {
          const line = withoutCr(raw);
          return line === '' ? '' : printed(sentencesOf(line)) || '\n';
        });
      }
      await out.flush();
    });
  return cmd;
}

/** The line without a final "\r": Moses would keep it in the last word and miss a period before it. */
function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Perl's `\h` (horizontal white space) and "\n": split-sentences.perl prints one space for a run. */
const SPACE_RUN = /[\t\n \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/** Sentences as split-sentences.perl prints them: one per line, white space squeezed to one space. */
function printed(sentences: readonly string[]): string {
  let text = '';
  for (const s of sentences) text += `${s.replace(SPACE_RUN, ' ')}\n`;
  return text;
}
