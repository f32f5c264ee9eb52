/** `lm query`: KenLM's `query` output, line by line, streaming stdin (or files) to stdout. */
import type { Command } from 'commander';
import { Query } from '../arpa/index.js';
import { LineWriter, type CliIo } from './io.js';
import { SCORE_HELP, scoreInputs } from './score-inputs.js';

export function configureQuery(cmd: Command, io: CliIo): Command {
  return cmd
    .description('score text as KenLM\'s query does: "word=id length log10p" per word, the line total and OOVs, then the perplexity summary')
    .argument('<model>', 'ARPA model (plain or .gz)')
    .argument('[files...]', 'text files, read in order; "-" or none reads stdin')
    .option('-n, --no-sentence-context', 'do not wrap lines in <s> … </s> (KenLM query -n)')
    .option('--no-summary', 'leave out the perplexity summary after the last line')
    .addHelpText('after', SCORE_HELP)
    .action(async (modelPath: string, files: string[], flags: { sentenceContext: boolean; summary: boolean }) => {
      const out = new LineWriter(io.stdout);
      const query = await scoreInputs(io, modelPath, files, flags, async (q, lines) => {
        // One buffer per batch (copied: the view is reused by the next batch).
        await out.write(Buffer.from(q.queryBytes(lines)));
        return !out.closed;
      });
      if (flags.summary && !out.closed) await out.write(Query.formatSummary(query.summary()));
    });
}
