/** `embed convert`: a vector file into another format (word2vec binary/text, fastText .vec). */
import { Option, type Command } from 'commander';
import { formatFromPath, VECTOR_FORMATS, writeVectors, type VectorFormat } from '../formats/index.js';
import { UsageError } from '@nlpkit/kit/cli';
import { print, type CliIo } from './io.js';
import { addVectorFileOptions, loadVectors, type VectorFileFlags } from './options.js';

interface ConvertFlags extends VectorFileFlags {
  to?: VectorFormat;
  json?: boolean;
}

export function configureConvert(cmd: Command, io: CliIo): Command {
  addVectorFileOptions(
    cmd
      .description('Convert a vector file: word2vec binary (.bin) ↔ word2vec text (.txt) ↔ fastText (.vec)')
      .argument('<input>', 'vector file to read')
      .argument('<output>', 'file to write (atomically: a temporary file, then a rename)')
      .addOption(new Option('--to <format>', 'output format (default: from the output extension)').choices(VECTOR_FORMATS))
      .option('--json', 'print a JSON summary {"words","dim","format","output"}'),
  )
    .addHelpText('after', '\nExamples:\n  embed convert vectors.bin vectors.txt\n  embed convert wiki.vec wiki.bin --limit 200000\n')
    .action(async (input: string, output: string, flags: ConvertFlags) => {
      const format = flags.to ?? formatFromPath(output);
      if (format === undefined) throw new UsageError(`cannot tell the format of ${output} from its extension; pass --to (${VECTOR_FORMATS.join(', ')})`);
      const kv = await loadVectors(input, flags);
      await writeVectors(output, kv, { format });
      const summary = { words: kv.size, dim: kv.dim, format, output };
      await print(io, flags.json ? JSON.stringify(summary) + '\n' : `wrote ${kv.size} words × ${kv.dim} dims to ${output} (${format})\n`);
    });
  return cmd;
}
