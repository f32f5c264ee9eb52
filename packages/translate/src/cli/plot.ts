/**
 * `translate plot`: an SVG of two embedding spaces already in one space (e.g. `translate induce --mapped-src`
 * output and the target vectors) — translation pairs from a dictionary projected together on two principal
 * axes, each pair joined by a line.
 */
import type { Command } from 'commander';
import { readVectors } from '@nlpkit/embed';
import { writeFileAtomic } from '@nlpkit/tokenize';
import { DimensionMismatchError } from '../errors.js';
import { readDictionary, renderMappingSvg } from '../mapping/index.js';
import { write, type CliIo } from './io.js';
import { intOption } from './options.js';

interface PlotFlags {
  src: string;
  tgt: string;
  dict: string;
  output: string;
  pairs: number;
  skip: number;
  maxVocab: number;
  title?: string;
  json?: boolean;
}

export function configurePlot(cmd: Command, io: CliIo): void {
  cmd
    .description('SVG of mapped spaces: translation pairs projected on two principal axes, each pair joined by a line')
    .requiredOption('--src <file>', 'mapped source vectors (e.g. from "translate induce --mapped-src")')
    .requiredOption('--tgt <file>', 'target vectors in the same space ("translate induce --mapped-tgt" after vecmap)')
    .requiredOption('--dict <file>', 'pairs to draw, MUSE format (a gold or an induced dictionary)')
    .requiredOption('-o, --output <file>', 'the SVG to write (atomically)')
    .option('--pairs <n>', 'pairs drawn (the first ones with both words in the vocabularies)', intOption('--pairs', 1), 40)
    .option('--skip <n>', 'skip this many usable pairs first', intOption('--skip', 0), 0)
    .option('--max-vocab <n>', 'read at most this many words of each vector file', intOption('--max-vocab', 1), 200_000)
    .option('--title <text>', 'plot title')
    .option('--json', 'print a JSON summary')
    .action(async (flags: PlotFlags) => plot(flags, io));
}

async function plot(f: PlotFlags, io: CliIo): Promise<void> {
  const src = await readVectors(f.src, { limit: f.maxVocab });
  const tgt = await readVectors(f.tgt, { limit: f.maxVocab });
  if (src.dim !== tgt.dim) throw new DimensionMismatchError(`${f.tgt} (target vectors)`, src.dim, tgt.dim);
  const dict = await readDictionary(f.dict);
  const usable = dict.pairs.filter(([s, t]) => src.has(s) && tgt.has(t));
  const p = renderMappingSvg(src, tgt, f.skip > 0 && usable.length > f.skip ? usable.slice(f.skip) : dict.pairs, {
    maxPairs: f.pairs,
    title: f.title,
  });
  await writeFileAtomic(f.output, p.svg);
  const summary = { output: f.output, pairs: p.pairs.length, explained: p.explained };
  await write(
    io.stdout,
    f.json
      ? `${JSON.stringify(summary)}\n`
      : `wrote ${f.output}: ${p.pairs.length} pairs, axes explain ${(100 * p.explained[0]).toFixed(1)} % and ${(100 * p.explained[1]).toFixed(1)} % of the variance\n`,
  );
}
