/**
 * `translate words`: word-by-word translation with a bilingual dictionary, rescored by a target-side ARPA LM
 * with local reordering (Lample et al. 2018's baseline). Streams stdin (or `-i FILE`) to stdout one line at a
 * time; `--json` writes one JSON object per line instead of the text. `--comparable-src/--comparable-tgt`
 * first re-induce the dictionary on comparable monolingual text (`reinduceOnComparable`; progress and stats
 * on stderr, so stdout stays one line per input line).
 */
import type { Command } from 'commander';
import type { MosesLang } from '@nlpkit/tokenize';
import { readArpa } from '@nlpkit/lm';
import { detokenizeTokens } from '../phrase/text.js';
import { readScoredDictionary } from '../wordbyword/dictionary-table.js';
import { WordByWordTranslator, WORD_BY_WORD_DEFAULTS } from '../wordbyword/translator.js';
import { write, type CliIo } from './io.js';
import { comparableFlagsOn, intOption, reinduceOnComparable, type ComparableText } from './options.js';
import { UsageError } from './report.js';
import { langOption, positiveNumberOption, textLines, tokenizerFor } from './text-io.js';
import { fileSentences } from '../backtranslation/sentence-files.js';
import type { SentenceTranslator } from '../backtranslation/unsupervised.js';

interface WordsFlags {
  dict: string;
  lm: string;
  input?: string;
  tokenize?: MosesLang;
  detokenize?: MosesLang;
  distortionLimit: number;
  beam: number;
  comparableSrc?: string;
  comparableTgt?: string;
  temperature?: number;
  json?: boolean;
}

export function configureWords(cmd: Command, io: CliIo): void {
  cmd
    .description('word-by-word translation with a dictionary, rescored by a target n-gram LM over local reorderings (stdin → stdout)')
    .requiredOption('--dict <file>', 'bilingual dictionary, MUSE format: "source target [score]" lines, several targets per source allowed')
    .requiredOption('--lm <file>', 'target-language ARPA model (e.g. from `lm train --smoothing mkn`), plain or .gz')
    .option('-i, --input <file>', 'read this file instead of stdin (.gz allowed)')
    .option('--tokenize <lang>', 'Moses-tokenise and lowercase input lines (en, fr, de); default: input is tokenised, split on spaces')
    .option('--detokenize <lang>', 'Moses-detokenise the output (en, fr, de)')
    .option('--distortion-limit <n>', 'how far a word may move (0: monotone)', intOption('--distortion-limit', 0), WORD_BY_WORD_DEFAULTS.distortionLimit)
    .option('--beam <n>', 'hypotheses kept per stack', intOption('--beam', 1), WORD_BY_WORD_DEFAULTS.beamSize)
    .option('--temperature <t>', 'softmax temperature of a scored dictionary\'s p(e|f) (default 0.1)', positiveNumberOption('--temperature'))
    .option('--comparable-src <file>', 'source-language text, tokenised, same domain as the input: re-induce --dict on it and --comparable-tgt (context vectors through the dictionary, CSLS, self-learning)')
    .option('--comparable-tgt <file>', 'target-language text, tokenised, comparable to --comparable-src (not a translation of it)')
    .option('--json', 'one JSON object per line: {"source", "translation", "tokens", "score", "unknown"}')
    .action(async (flags: WordsFlags) => {
      flags.tokenize = flags.tokenize === undefined ? undefined : langOption('--tokenize')(flags.tokenize);
      flags.detokenize = flags.detokenize === undefined ? undefined : langOption('--detokenize')(flags.detokenize);
      const comparable = comparableFlagsOn(flags.comparableSrc, flags.comparableTgt);
      let dict = await readScoredDictionary(flags.dict);
      if (comparable) {
        const text = (file: string): ComparableText => ({ file, sentences: fileSentences(file) });
        dict = (await reinduceOnComparable(dict, text(flags.comparableSrc!), text(flags.comparableTgt!), io.stderr)).dictionary;
      }
      const lm = await readArpa(flags.lm);
      const translator = new WordByWordTranslator(dict, lm, { distortionLimit: flags.distortionLimit, beamSize: flags.beam, temperature: flags.temperature });
      await translateStream(translator, flags, io);
    });
}

/** Translates `flags.input` (or stdin) line by line to stdout; shared with `translate run`. */
export async function translateStream(
  translator: SentenceTranslator,
  flags: { input?: string; tokenize?: MosesLang; detokenize?: MosesLang; json?: boolean },
  io: CliIo,
): Promise<void> {
  const input = flags.input ?? io.stdin;
  if (input === undefined) throw new UsageError('no input: give -i FILE or pipe text to stdin');
  const tokens = tokenizerFor(flags.tokenize);
  for await (const line of textLines(input)) {
    const t = translator.translate(tokens(line));
    const text = flags.detokenize ? detokenizeTokens(t.tokens, flags.detokenize) : t.tokens.join(' ');
    // One write per line, so a reader of a pipe gets each translation as soon as it is made.
    await write(
      io.stdout,
      flags.json ? `${JSON.stringify({ source: line, translation: text, tokens: t.tokens, score: t.score, unknown: t.unknown })}\n` : `${text}\n`,
    );
  }
}
