/** `embed plot`: chosen words projected on their first two principal components, as an SVG file. */
import type { Command } from 'commander';
import { UnknownWordsError } from '../errors.js';
import { writeFileAtomic } from '@nlpkit/tokenize';
import { pcaProject } from '../vectors/index.js';
import { UsageError } from '@nlpkit/kit/cli';
import { print, type CliIo } from './io.js';
import { addVectorFileOptions, loadVectors, type VectorFileFlags } from './options.js';
import { renderScatterSvg } from './svg-plot.js';

interface PlotFlags extends VectorFileFlags {
  output: string;
  title?: string;
  json?: boolean;
}

export function configurePlot(cmd: Command, io: CliIo): Command {
  addVectorFileOptions(
    cmd
      .description('Plot words on the first two principal components (PCA of their vectors) as an SVG')
      .argument('<vectors>', 'vector file (word2vec .bin/.txt, fastText .vec)')
      .argument('<words...>', 'words to plot (at least 2)')
      .requiredOption('-o, --output <file>', 'SVG file to write (atomically)')
      .option('--title <text>', 'title above the plot')
      .option('--json', 'print the coordinates and explained variance as JSON'),
  )
    .addHelpText('after', '\nExample:\n  embed plot vectors.bin king queen man woman paris france -o plot.svg\n')
    .action(async (file: string, words: string[], flags: PlotFlags) => {
      const unique = [...new Set(words)];
      if (unique.length < 2) throw new UsageError('plot needs at least 2 different words');
      const kv = await loadVectors(file, flags);
      const missing = unique.filter((w) => !kv.has(w));
      if (missing.length > 0) throw new UnknownWordsError(missing);
      const data = new Float32Array(unique.length * kv.dim);
      unique.forEach((w, i) => data.set(kv.get(w)!, i * kv.dim));
      const p = pcaProject(data, unique.length, kv.dim, 2);
      const pct = (r: number | undefined) => `${(100 * (r ?? 0)).toFixed(1)}% of variance`;
      const x = unique.map((_, i) => p.coords[i * 2]);
      const y = unique.map((_, i) => p.coords[i * 2 + 1] ?? 0);
      const svg = renderScatterSvg({ labels: unique, x, y, xTitle: `PC1 (${pct(p.explained[0])})`, yTitle: `PC2 (${pct(p.explained[1])})`, title: flags.title });
      await writeFileAtomic(flags.output, svg);
      if (flags.json) {
        await print(io, JSON.stringify({ output: flags.output, explained: p.explained, points: unique.map((w, i) => ({ word: w, x: x[i], y: y[i] })) }) + '\n');
      } else {
        await print(io, `wrote ${flags.output}: ${unique.length} words; PC1 ${pct(p.explained[0])}, PC2 ${pct(p.explained[1])}\n`);
      }
    });
  return cmd;
}
