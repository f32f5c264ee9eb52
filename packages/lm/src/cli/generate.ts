/** `lm generate`: seeded sampling of sentences from an ARPA model, one sentence a line. */
import type { Command } from 'commander';
import { generateText, readArpa } from '../arpa/index.js';
import { LineWriter, type CliIo } from './io.js';
import { requireArpa } from './model-kind.js';
import { integerOption, numberOption } from './options.js';

interface GenerateFlags {
  numWords: string;
  seed: string;
  topK?: string;
  temperature: string;
}

export function configureGenerate(cmd: Command, io: CliIo): Command {
  return cmd
    .description('sample sentences from an ARPA model (KenLM scoring), seeded: the same seed gives the same text')
    .argument('<model>', 'ARPA model (plain or .gz)')
    .option('-n, --num-words <n>', 'words to generate in all (</s> ends a line and does not count)', '20')
    .option('--seed <n>', 'random seed (Python random.Random(seed))', '0')
    .option('--top-k <k>', 'sample only among the k most likely words at each step')
    .option('--temperature <t>', 'divide log probabilities by t: below 1 sharper, above 1 flatter', '1')
    .addHelpText('after', '\nExit status: 0 ok, 1 bad input (malformed ARPA), 2 bad usage (bad numbers).')
    .action(async (modelPath: string, flags: GenerateFlags) => {
      const numWords = integerOption('--num-words', flags.numWords);
      const seed = integerOption('--seed', flags.seed);
      const topK = flags.topK === undefined ? undefined : integerOption('--top-k', flags.topK);
      const temperature = numberOption('--temperature', flags.temperature);
      await requireArpa(modelPath, 'lm generate');
      const model = await readArpa(modelPath);
      const sentences = generateText(model, { numWords, seed, topK, temperature });
      await new LineWriter(io.stdout).write(sentences.map((s) => `${s.join(' ')}\n`).join(''));
    });
}
