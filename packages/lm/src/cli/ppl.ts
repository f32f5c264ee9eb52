/** `lm ppl`: the perplexity of text under an ARPA model, as KenLM's query summary or as JSON. */
import type { Command } from 'commander';
import { Query } from '../arpa/index.js';
import { LineWriter, type CliIo } from './io.js';
import { SCORE_HELP, scoreInputs } from './score-inputs.js';

export function configurePpl(cmd: Command, io: CliIo): Command {
  return cmd
    .description('perplexity of text (one sentence a line) under an ARPA model: KenLM query\'s summary lines, or --json')
    .argument('<model>', 'ARPA model (plain or .gz)')
    .argument('[files...]', 'text files, read in order; "-" or none reads stdin')
    .option('-n, --no-sentence-context', 'do not wrap lines in <s> … </s> (KenLM query -n)')
    .option('--json', 'print {"perplexity", "perplexityExcludingOovs", "oovs", "tokens", "sentences", "logProb"} instead')
    .addHelpText('after', SCORE_HELP)
    .action(async (modelPath: string, files: string[], flags: { sentenceContext: boolean; json?: boolean }) => {
      let sentences = 0;
      const query = await scoreInputs(io, modelPath, files, flags, async (q, lines) => {
        sentences += q.addBytes(lines);
      });
      const s = query.summary();
      const out = new LineWriter(io.stdout);
      if (flags.json) {
        const json = { perplexity: s.perplexity, perplexityExcludingOovs: s.perplexityExcludingOovs, oovs: s.oovs, tokens: s.tokens, sentences, logProb: s.logProb };
        await out.write(`${JSON.stringify(json)}\n`);
      } else {
        await out.write(Query.formatSummary(s));
      }
    });
}
