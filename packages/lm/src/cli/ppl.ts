/**
 * `lm ppl`: the perplexity of text under a model, as KenLM's query summary or as JSON. An ARPA model is scored
 * as KenLM's query does; an nlpkit n-gram model (`lm train --smoothing laplace|lidstone`) as NLTK's
 * `perplexity` does (every line padded with order-1 `<s>` and `</s>`), the input streamed either way.
 */
import type { Command } from 'commander';
import { Query } from '../arpa/index.js';
import { byteLineBatches } from '../arpa/text-lines.js';
import { InvalidOptionError } from '../errors.js';
import { readNgramModel } from '../ngram/index.js';
import { LineWriter, resolveSources, type CliIo } from './io.js';
import { isNgramModelPath } from './model-kind.js';
import { SCORE_HELP, scoreInputs } from './score-inputs.js';

interface PplFlags {
  sentenceContext: boolean;
  json?: boolean;
}

export function configurePpl(cmd: Command, io: CliIo): Command {
  return cmd
    .description('perplexity of text (one sentence a line) under an ARPA model (KenLM query\'s summary lines) or an nlpkit n-gram model (NLTK\'s perplexity); --json')
    .argument('<model>', 'ARPA model (plain or .gz), or an nlpkit n-gram model from lm train --smoothing laplace|lidstone')
    .argument('[files...]', 'text files, read in order; "-" or none reads stdin')
    .option('-n, --no-sentence-context', 'ARPA models: do not wrap lines in <s> … </s> (KenLM query -n)')
    .option('--json', 'print {"perplexity", "perplexityExcludingOovs", "oovs", "tokens", "sentences", "logProb"} (nlpkit models: {"perplexity", "crossEntropy", "ngrams", "sentences", "order", "smoothing"}) instead')
    .addHelpText(
      'after',
      `${SCORE_HELP}

An nlpkit n-gram model is scored as NLTK's perplexity: each line padded with order-1 <s> and </s>, words not in
the vocabulary looked up as <UNK>, every padded n-gram's log2 score averaged; the numbers are NLTK's to the
bit. It prints "Perplexity", "Cross-entropy" (bits per n-gram), "N-grams" and "Sentences".`,
    )
    .action(async (modelPath: string, files: string[], flags: PplFlags) => {
      if (await isNgramModelPath(modelPath)) return pplNgramModel(io, modelPath, files, flags);
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

async function pplNgramModel(io: CliIo, modelPath: string, files: readonly string[], flags: PplFlags): Promise<void> {
  if (!flags.sentenceContext) {
    throw new InvalidOptionError('--no-sentence-context', true, 'ARPA models only: an nlpkit n-gram model pads every line as NLTK does');
  }
  const sources = await resolveSources(io, files);
  const model = await readNgramModel(modelPath);
  const acc = { sum: 0, count: 0 };
  let sentences = 0;
  for (const source of sources) {
    let line = 1;
    for await (const piece of byteLineBatches(source.open())) {
      model.addTextLog2(piece, acc, source.name, line);
      let lines = 0;
      for (let i = piece.indexOf(10); i >= 0; i = piece.indexOf(10, i + 1)) lines++;
      if (piece.length > 0 && piece[piece.length - 1] !== 10) lines++;
      line += lines;
      sentences += lines;
    }
  }
  if (acc.count === 0) throw new InvalidOptionError('input', files.length > 0 ? files.join(' ') : '<stdin>', 'at least one line (NLTK divides by zero)');
  const crossEntropy = -1 * (acc.sum / acc.count);
  const perplexity = 2.0 ** crossEntropy;
  const out = new LineWriter(io.stdout);
  const smoothing = model.options.smoothing;
  if (flags.json) {
    await out.write(`${JSON.stringify({ perplexity, crossEntropy, ngrams: acc.count, sentences, order: model.order, smoothing })}\n`);
  } else {
    await out.write(`Perplexity:\t${perplexity}\nCross-entropy:\t${crossEntropy}\nN-grams:\t${acc.count}\nSentences:\t${sentences}\n`);
  }
}
