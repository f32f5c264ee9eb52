/**
 * `tok vocab`: text lines → a vocabulary (`token<TAB>count` lines, or JSON with `--json`). Lines are
 * split into words as `tok words` does (whitespace by default), counted as they stream by, and the
 * vocabulary is written once at the end: to stdout, or atomically to `-o FILE`. The work is the
 * library's (`VocabCounter`, `Vocab`); this file only parses flags and prints.
 */
import { Option, type Command } from 'commander';
import { InvalidOptionError } from '../errors.js';
import { DEFAULT_SPECIALS, Vocab, VocabCounter } from '../vocab/index.js';
// check-name.ts and types.ts hold only names and types: importing them does not load the tokenizers' tables.
import { checkName } from '../words/check-name.js';
import { MOSES_LANGS, WORD_STYLES } from '../words/types.js';
import { addInputOptions, INPUT_HELP, inputOptions, processLines, type CliIo } from './io.js';
import { integerOption } from './integer-option.js';
import { renameOptionErrors } from './option-names.js';
import { LineWriter } from '@nlpkit/kit/cli';

interface VocabFlags {
  style: string;
  lang?: string;
  minCount: string;
  maxSize?: string;
  specials: string;
  output?: string;
  json?: boolean;
  lossy?: boolean;
  progress?: boolean;
}

/** Sets up `cmd` as `tok vocab`. */
export function configureVocab(cmd: Command, io: CliIo): Command {
  cmd
    .description('Build a vocabulary: tokens with their counts, specials first, then by count')
    .addOption(new Option('-s, --style <style>', `word tokenizer rules: ${WORD_STYLES.join(', ')}`).default('whitespace'))
    .addOption(new Option('-l, --lang <lang>', `language of the Moses rules: ${MOSES_LANGS.join(', ')}`).default('en'))
    .option('--min-count <n>', 'leave out tokens seen fewer than n times (specials are always kept)', '1')
    .option('--max-size <n>', 'keep at most n entries, specials included (default: no limit)')
    .option('--specials <list>', 'comma-separated special tokens, given ids 0, 1, … in this order ("" for none)', DEFAULT_SPECIALS.join(','))
    .option('-o, --output <file>', 'write the vocabulary to this file (atomically) instead of stdout')
    .option('--json', 'write JSON {"format":"nlpkit-vocab","version":1,"specials":[…],"tokens":[…],"counts":[…]}');
  addInputOptions(cmd)
    .addHelpText(
      'after',
      `
Ids are line numbers - 1: the specials in the order given, then the other tokens by count,
descending; equal counts keep the order in which the tokens first appeared in the input.
Text output is one "token<TAB>count" per line (Vocab.load reads it back). With -o, a .json file
name also selects JSON.

Examples:
  tok vocab corpus.txt --min-count 5 -o vocab.txt
  tok vocab --style moses --max-size 32000 --specials '<unk>,<pad>,<s>,</s>' train.*.txt
${INPUT_HELP}`,
    )
    .action(async (files: string[], flags: VocabFlags) => {
      const style = checkName('word style', flags.style, WORD_STYLES);
      const lang = checkName('language', flags.lang ?? 'en', MOSES_LANGS);
      const minCount = integerOption('--min-count', flags.minCount);
      const maxSize = flags.maxSize === undefined ? Infinity : integerOption('--max-size', flags.maxSize);
      const specials = flags.specials === '' ? [] : flags.specials.split(',');
      if (maxSize < specials.length) {
        throw new InvalidOptionError('--max-size', maxSize, `at least the number of specials (${specials.length}), which count toward it`);
      }
      // Checks the other options (repeated or empty specials) before reading any input, under the flags' names.
      await renameOptionErrors({ specials: '--specials', minCount: '--min-count', maxSize: '--max-size' }, () =>
        Vocab.fromCounter(new VocabCounter(), { minCount, maxSize, specials }),
      );
      const { getWordTokenizer } = await import('../words/index.js');
      const tokenizer = getWordTokenizer(style, { lang });
      const counter = new VocabCounter();
      const out = new LineWriter(io.stdout);
      await processLines(io, inputOptions(files, flags), out, (line) => {
        counter.addTokens(tokenizer.tokenize(line));
        return '';
      });
      const vocab = Vocab.fromCounter(counter, { minCount, maxSize, specials });
      if (flags.output !== undefined && flags.output !== '-') {
        await vocab.save(flags.output, flags.json ? { format: 'json' } : {});
      } else {
        await out.write(vocab.serialize(flags.json ? 'json' : 'text'));
      }
      await out.flush();
    });
  return cmd;
}
