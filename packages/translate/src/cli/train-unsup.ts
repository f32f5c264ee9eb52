/**
 * `translate train-unsup`: unsupervised phrase-based translation from two monolingual files and a
 * dictionary — 4-gram LMs on each side (lmplz-style modified Kneser–Ney), word-by-word start, `--rounds`
 * of iterative back-translation — written as a model folder (atomically). Optional `--valid-src/--valid-ref`
 * (line-parallel) report BLEU after every round; they are never trained on. `--comparable-src/--comparable-tgt`
 * re-induce both dictionaries (the reverse one seeded by --reverse-dict, else by --dict inverted) on comparable
 * text before the word-by-word start, as bench/sentences/bleu-table.ts's `--comparable` does.
 */
import type { Command } from 'commander';
import { trainMkn, type ArpaModel } from '@nlpkit/lm';
import { corpusBleu } from '@nlpkit/metrics';
import { trainUnsupervised, type SentenceTranslator, type TrainingProgress } from '../backtranslation/unsupervised.js';
import { MODEL_FORMAT, MODEL_VERSION, saveModel } from '../backtranslation/model-folder.js';
import { EmptyMonolingualDataError, LineCountMismatchError } from '../errors.js';
import { invertDictionary, readScoredDictionary } from '../wordbyword/dictionary-table.js';
import { wordCounts } from '../wordbyword/adapt.js';
import { write, type CliIo } from './io.js';
import { comparableFlagsOn, intOption, reinduceOnComparable } from './options.js';
import { UsageError } from './report.js';
import { barsEnabled, langOption, startBar, textLines, tokenizerFor, type Bar } from './text-io.js';

interface TrainFlags {
  srcMono: string;
  tgtMono: string;
  dict: string;
  reverseDict?: string;
  output: string;
  rounds: number;
  srcLang?: string;
  tgtLang?: string;
  tokenize?: boolean;
  order: number;
  maxSentences?: number;
  beam: number;
  distortionLimit: number;
  maxPhraseLength: number;
  validSrc?: string;
  validRef?: string;
  comparableSrc?: string;
  comparableTgt?: string;
  json?: boolean;
}

export function configureTrainUnsup(cmd: Command, io: CliIo): void {
  cmd
    .description('train phrase-based translation without parallel data: word-by-word start, then iterative back-translation; writes a model folder')
    .requiredOption('--src-mono <file>', 'source-language text, one sentence a line (.gz allowed)')
    .requiredOption('--tgt-mono <file>', 'target-language text (not a translation of the source file)')
    .requiredOption('--dict <file>', 'source→target dictionary, MUSE format (e.g. from `translate induce`)')
    .option('--reverse-dict <file>', 'target→source dictionary (default: --dict inverted)')
    .requiredOption('-o, --output <folder>', 'model folder to write (replaced atomically)')
    .option('--rounds <n>', 'back-translation rounds', intOption('--rounds', 1), 3)
    .option('--src-lang <lang>', 'source language label (en, fr, de); needed with --tokenize')
    .option('--tgt-lang <lang>', 'target language label')
    .option('--tokenize', 'Moses-tokenise and lowercase the text (default: it is tokenised already)')
    .option('--order <n>', 'n-gram order of the LMs', intOption('--order', 2), 4)
    .option('--max-sentences <n>', 'use at most this many sentences of each file', intOption('--max-sentences', 1))
    .option('--beam <n>', 'decoder beam (hypotheses per stack)', intOption('--beam', 1), 20)
    .option('--distortion-limit <n>', 'decoder distortion limit', intOption('--distortion-limit', 0), 6)
    .option('--max-phrase-length <n>', 'longest phrase extracted', intOption('--max-phrase-length', 1), 4)
    .option('--valid-src <file>', 'tokenised source sentences to report BLEU on after each round')
    .option('--valid-ref <file>', 'their reference translations (line-parallel)')
    .option('--comparable-src <file>', 'source-language text comparable to --comparable-tgt (same domain; may be --src-mono): re-induce both dictionaries on it first')
    .option('--comparable-tgt <file>', 'target-language text comparable to --comparable-src (may be --tgt-mono); tokenised like the mono files')
    .option('--json', 'print the summary as JSON')
    .action(async (flags: TrainFlags) => trainCommand(flags, io));
}

async function readTokenLines(path: string, tokens: (line: string) => string[], max: number): Promise<string[][]> {
  const out: string[][] = [];
  for await (const line of textLines(path)) {
    if (out.length >= max) break;
    out.push(tokens(line));
  }
  return out;
}

async function trainLm(sentences: readonly string[][], order: number): Promise<ArpaModel> {
  async function* chunks(): AsyncGenerator<string> {
    for (let i = 0; i < sentences.length; i += 1000) yield sentences.slice(i, i + 1000).map((s) => s.join(' ')).join('\n') + '\n';
  }
  return (await trainMkn(chunks(), { order, discountFallback: [0.5, 1, 1.5] })).model;
}

async function trainCommand(f: TrainFlags, io: CliIo): Promise<void> {
  const started = Date.now();
  if ((f.validSrc === undefined) !== (f.validRef === undefined)) throw new UsageError('--valid-src and --valid-ref go together');
  const srcLang = f.srcLang === undefined ? undefined : langOption('--src-lang')(f.srcLang);
  const tgtLang = f.tgtLang === undefined ? undefined : langOption('--tgt-lang')(f.tgtLang);
  if (f.tokenize && (srcLang === undefined || tgtLang === undefined)) throw new UsageError('--tokenize needs --src-lang and --tgt-lang');
  const srcTok = tokenizerFor(f.tokenize ? srcLang : undefined);
  const tgtTok = tokenizerFor(f.tokenize ? tgtLang : undefined);
  const max = f.maxSentences ?? Infinity;
  const srcMono = await readTokenLines(f.srcMono, srcTok, max);
  const tgtMono = await readTokenLines(f.tgtMono, tgtTok, max);
  for (const [file, s] of [[f.srcMono, srcMono], [f.tgtMono, tgtMono]] as const) {
    if (!s.some((t) => t.length > 0)) throw new EmptyMonolingualDataError(file, s.length);
  }
  let valid: { src: string[][]; ref: string[] } | undefined;
  if (f.validSrc !== undefined && f.validRef !== undefined) {
    const src = await readTokenLines(f.validSrc, srcTok, Infinity);
    const ref: string[] = [];
    for await (const l of textLines(f.validRef)) ref.push(f.tokenize ? tgtTok(l).join(' ') : l);
    if (src.length !== ref.length) throw new LineCountMismatchError(f.validSrc, src.length, f.validRef, ref.length);
    valid = { src, ref };
  }
  const comparable = comparableFlagsOn(f.comparableSrc, f.comparableTgt);
  let dictionary = await readScoredDictionary(f.dict);
  let reverseDictionary = f.reverseDict === undefined ? undefined : await readScoredDictionary(f.reverseDict);
  let comparableStats: Record<string, unknown> | undefined;
  if (comparable) {
    // As bleu-table.ts: both directions re-induced, adapted to the mono files' words (the text to translate
    // and the LMs' text).
    const src = { file: f.comparableSrc!, sentences: await readTokenLines(f.comparableSrc!, srcTok, max) };
    const tgt = { file: f.comparableTgt!, sentences: await readTokenLines(f.comparableTgt!, tgtTok, max) };
    const [srcCounts, tgtCounts] = [wordCounts(srcMono), wordCounts(tgtMono)];
    const fwd = reinduceOnComparable(dictionary, { ...src, counts: srcCounts }, { ...tgt, counts: tgtCounts }, io.stderr);
    const bwd = reinduceOnComparable(reverseDictionary ?? invertDictionary(dictionary), { ...tgt, counts: tgtCounts }, { ...src, counts: srcCounts }, io.stderr);
    [dictionary, reverseDictionary] = [fwd.dictionary, bwd.dictionary];
    comparableStats = { sourceToTarget: fwd.stats, targetToSource: bwd.stats };
  }
  const sourceLm = await trainLm(srcMono, f.order);
  const targetLm = await trainLm(tgtMono, f.order);

  const bars = barsEnabled(io.stderr, io.progress);
  let bar: Bar | undefined;
  let barKey = '';
  const onProgress = async (p: TrainingProgress): Promise<void> => {
    const key = `${p.round}:${p.stage}`;
    if (key !== barKey) {
      bar?.stop();
      barKey = key;
      bar = p.stage.startsWith('translate') ? await startBar(io.stderr, bars, `round ${p.round} ${p.stage}`, p.total) : undefined;
    }
    bar?.update(p.done);
  };
  const bleuByRound: { round: number; sourceToTarget?: number; targetToSource?: number }[] = [];
  const decoder = { beamSize: f.beam, distortionLimit: f.distortionLimit };
  const result = await trainUnsupervised({
    sourceMono: srcMono,
    targetMono: tgtMono,
    sourceLm,
    targetLm,
    dictionary,
    reverseDictionary,
    rounds: f.rounds,
    names: [f.srcMono, f.tgtMono],
    phrase: { maxPhraseLength: f.maxPhraseLength },
    decoder,
    onProgress,
    onRound: ({ round, sourceToTarget }) => {
      bar?.stop();
      bar = undefined;
      barKey = '';
      const entry: (typeof bleuByRound)[number] = { round };
      if (valid) entry.sourceToTarget = bleuOf(sourceToTarget, valid);
      bleuByRound.push(entry);
      if (!f.json && entry.sourceToTarget !== undefined) {
        io.stderr.write(`round ${round}${round === 0 ? ' (word by word)' : ''}: validation BLEU ${entry.sourceToTarget.toFixed(2)}\n`);
      }
    },
  });
  bar?.stop();
  const config = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    source: srcLang ?? 'source',
    target: tgtLang ?? 'target',
    decoder,
    training: {
      sourceMono: f.srcMono,
      targetMono: f.tgtMono,
      sentences: [srcMono.length, tgtMono.length],
      dictionary: f.dict,
      reverseDictionary: f.reverseDict ?? null,
      comparable: comparable ? { source: f.comparableSrc, target: f.comparableTgt } : null,
      lmOrder: f.order,
      tokenize: f.tokenize === true,
      rounds: result.rounds,
      validationBleu: valid ? bleuByRound : null,
    },
  } as const;
  await saveModel(f.output, { config, sourceToTarget: result.sourceToTarget, targetToSource: result.targetToSource, sourceLm, targetLm });
  const summary = {
    model: f.output,
    sentences: { source: srcMono.length, target: tgtMono.length },
    rounds: result.rounds.length,
    phrases: { sourceToTarget: result.sourceToTarget.size, targetToSource: result.targetToSource.size },
    validationBleu: valid ? bleuByRound : undefined,
    comparable: comparableStats,
    seconds: (Date.now() - started) / 1000,
  };
  await write(
    io.stdout,
    f.json
      ? `${JSON.stringify(summary)}\n`
      : `${summary.rounds} rounds on ${srcMono.length} + ${tgtMono.length} sentences: ${summary.phrases.sourceToTarget} source→target and ` +
          `${summary.phrases.targetToSource} target→source phrase pairs; model written to ${f.output} (${summary.seconds.toFixed(1)} s)\n`,
  );
}

function bleuOf(system: SentenceTranslator, valid: { src: string[][]; ref: string[] }): number {
  const hyps = valid.src.map((s) => system.translate(s).tokens.join(' '));
  return corpusBleu(hyps, [valid.ref], { tokenize: 'none', lowercase: true, force: true }).score;
}
