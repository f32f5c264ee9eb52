/**
 * `translate run`: translates stdin (or `-i FILE`) to stdout with a model folder written by
 * `translate train-unsup` (`--reverse` for its target→source direction), one line at a time.
 */
import type { Command } from 'commander';
import type { MosesLang } from '@nlpkit/tokenize';
import { loadModel, modelDecoder } from '../backtranslation/model-folder.js';
import type { CliIo } from './io.js';
import { intOption } from './options.js';
import { langOption } from './text-io.js';
import { translateStream } from './words.js';

interface RunFlags {
  model: string;
  reverse?: boolean;
  input?: string;
  tokenize?: MosesLang;
  detokenize?: MosesLang;
  beam?: number;
  json?: boolean;
}

export function configureRun(cmd: Command, io: CliIo): void {
  cmd
    .description('translate text with a model folder from `translate train-unsup` (stdin → stdout)')
    .requiredOption('--model <folder>', 'the model folder')
    .option('--reverse', "translate the model's target language into its source language")
    .option('-i, --input <file>', 'read this file instead of stdin (.gz allowed)')
    .option('--tokenize <lang>', 'Moses-tokenise and lowercase input lines (en, fr, de); default: input is tokenised')
    .option('--detokenize <lang>', 'Moses-detokenise the output (en, fr, de)')
    .option('--beam <n>', 'decoder beam (default: the model\'s)', intOption('--beam', 1))
    .option('--json', 'one JSON object per line: {"source", "translation", "tokens", "score", "unknown"}')
    .action(async (flags: RunFlags) => {
      flags.tokenize = flags.tokenize === undefined ? undefined : langOption('--tokenize')(flags.tokenize);
      flags.detokenize = flags.detokenize === undefined ? undefined : langOption('--detokenize')(flags.detokenize);
      const model = await loadModel(flags.model);
      const decoder = modelDecoder(model, flags.reverse === true, flags.beam === undefined ? {} : { beamSize: flags.beam });
      await translateStream(decoder, flags, io);
    });
}
