/**
 * `tok subwords WORD...`: each word's fastText character n-grams (`<` `>` boundaries), one line per
 * word; `--json` adds their ids (nwords + fastText hash % bucket), as Debian's `fasttext print-ngrams`
 * uses them. Words come from the command line, not from files or stdin.
 */
import type { Command } from 'commander';
import { integerOption } from './integer-option.js';
import { renameOptionErrors } from './option-names.js';
import type { CliIo } from './io.js';
import { LineWriter } from '@nlpkit/kit/cli';

interface SubwordsFlags {
  json?: boolean;
  minn: string;
  maxn: string;
  bucket: string;
  nwords: string;
}

/** Sets up `cmd` as `tok subwords`. */
export function configureSubwords(cmd: Command, io: CliIo): Command {
  return cmd
    .description("Print words' fastText character n-grams (and with --json their subword ids)")
    .argument('<words...>', 'words to split into n-grams')
    .option('--minn <n>', 'shortest n-gram, in characters of "<word>"', '3')
    .option('--maxn <n>', 'longest n-gram; 0 for none', '6')
    .option('--bucket <n>', 'number of hash buckets (fastText -bucket)', '2000000')
    .option('--nwords <n>', "vocabulary size of the model: ids start after the words' rows", '0')
    .option('--json', 'print {"word":…,"ngrams":[…],"ids":[…]} per word (JSON Lines)')
    .addHelpText(
      'after',
      `
N-grams are joined by one space. Ids are rows of a fastText model's input matrix: nwords + hash % bucket,
with fastText's hash (FNV-1a over UTF-8 bytes taken as signed chars); the word's own row is not included.

Examples:
  tok subwords where                → <wh <whe <wher <where whe wher where where> her here here> ere ere> re>
  tok subwords --json --minn 2 --maxn 3 --nwords 2011 --bucket 50000 東京`,
    )
    .action(async (words: string[], flags: SubwordsFlags) => {
      const { charNgrams, subwordIds } = await import('../subwords/index.js');
      const minn = integerOption('--minn', flags.minn);
      const maxn = integerOption('--maxn', flags.maxn);
      const bucket = integerOption('--bucket', flags.bucket);
      const nwords = integerOption('--nwords', flags.nwords);
      const out = new LineWriter(io.stdout);
      let text = '';
      // The library checks the ranges; its errors come out under the flags' names.
      await renameOptionErrors({ minn: '--minn', maxn: '--maxn', bucket: '--bucket', nwords: '--nwords' }, () => {
        for (const word of words) {
          const ngrams = charNgrams(word, { minn, maxn });
          const ids = subwordIds(word, { minn, maxn, bucket, nwords });
          if (flags.json) {
            text += `{"word":${JSON.stringify(word)},"ngrams":${JSON.stringify(ngrams)},"ids":[${ids.join(',')}]}\n`;
          } else {
            text += `${ngrams.join(' ')}\n`;
          }
        }
      });
      await out.write(text);
      await out.flush();
    });
}
