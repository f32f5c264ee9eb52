/**
 * `lm generate`: seeded sampling of sentences from an ARPA model, one sentence a line; from an nlpkit n-gram
 * model (`lm train --smoothing laplace|lidstone`), NLTK's `generate(num_words, text_seed, random_seed)`: its
 * words on one line, `</s>` and all, as NLTK returns them.
 */
import type { Command } from 'commander';
import { generateText, readArpa } from '../arpa/index.js';
import { InvalidOptionError } from '../errors.js';
import { readNgramModel } from '../ngram/index.js';
import { LineWriter, type CliIo } from './io.js';
import { isNgramModelPath } from './model-kind.js';
import { integerOption, numberOption } from './options.js';

interface GenerateFlags {
  numWords: string;
  seed: string;
  topK?: string;
  temperature: string;
  textSeed?: string;
}

export function configureGenerate(cmd: Command, io: CliIo): Command {
  return cmd
    .description('sample sentences from an ARPA model (KenLM scoring) or words from an nlpkit n-gram model (NLTK\'s generate), seeded: the same seed gives the same text')
    .argument('<model>', 'ARPA model (plain or .gz), or an nlpkit n-gram model')
    .option('-n, --num-words <n>', 'words to generate in all (</s> ends a line and does not count)', '20')
    .option('--seed <n>', 'random seed (Python random.Random(seed))', '0')
    .option('--top-k <k>', 'sample only among the k most likely words at each step')
    .option('--temperature <t>', 'divide log probabilities by t: below 1 sharper, above 1 flatter', '1')
    .option('--text-seed <words>', "nlpkit n-gram models: the words to continue from (NLTK's text_seed), not printed")
    .addHelpText(
      'after',
      `
An nlpkit n-gram model gives NLTK's generate(num_words, text_seed, random_seed) for the same seed, on one line.

Exit status: 0 ok, 1 bad input (malformed ARPA), 2 bad usage (bad numbers).`,
    )
    .action(async (modelPath: string, flags: GenerateFlags) => {
      const numWords = integerOption('--num-words', flags.numWords);
      const seed = integerOption('--seed', flags.seed);
      const topK = flags.topK === undefined ? undefined : integerOption('--top-k', flags.topK);
      const temperature = numberOption('--temperature', flags.temperature);
      if (await isNgramModelPath(modelPath)) {
        const textSeed = flags.textSeed?.split(/\s+/).filter((w) => w.length > 0);
        const words = (await readNgramModel(modelPath)).generate(numWords, { seed, topK, temperature, textSeed });
        await new LineWriter(io.stdout).write(`${words.join(' ')}\n`);
        return;
      }
      if (flags.textSeed !== undefined) throw new InvalidOptionError('--text-seed', flags.textSeed, 'nlpkit n-gram models only (ARPA generation starts each sentence at <s>)');
      const model = await readArpa(modelPath);
      const sentences = generateText(model, { numWords, seed, topK, temperature });
      await new LineWriter(io.stdout).write(sentences.map((s) => `${s.join(' ')}\n`).join(''));
    });
}
