/**
 * `translate train-unsup`: unsupervised phrase-based translation from two monolingual files and a
 * dictionary — 4-gram LMs on each side (lmplz-style modified Kneser–Ney), word-by-word start, `--rounds`
 * of iterative back-translation — written as a model folder (atomically). Optional `--valid-src/--valid-ref`
 * (line-parallel) report BLEU after every round; they are never trained on. `--comparable-src/--comparable-tgt`
 * re-induce both dictionaries (the reverse one seeded by --reverse-dict, else by --dict inverted) on comparable
 * text before the word-by-word start, as bench/sentences/bleu-table.ts's `--comparable` does.
 *
 * The mono files are streamed, never held in memory: a counting pass (lines, word counts), the LMs from line
 * chunks, and back-translation reading them again for every pass (`fileSentences`; with `--tokenize` they are
 * tokenised once into a temporary folder first). The comparable texts are streamed too (word counts, then
 * co-occurrences once for both directions); only the validation set (a dev set, scored as a whole by BLEU) is read
 * whole.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { trainMkn, type ArpaModel } from '@nlpkit/lm';
import { corpusBleu } from '@nlpkit/metrics';
import { trainUnsupervised, type SentenceTranslator, type TrainingProgress } from '../backtranslation/unsupervised.js';
import { MODEL_FORMAT, MODEL_VERSION, saveModel } from '../backtranslation/model-folder.js';
import { fileSentences, writeSentenceFile, type SentenceSource } from '../backtranslation/sentence-files.js';
import { EmptyMonolingualDataError, LineCountMismatchError } from '../errors.js';
import { countText, type TextCounts } from '../wordbyword/comparable.js';
import { invertDictionary, readScoredDictionary } from '../wordbyword/dictionary-table.js';
import { write, type CliIo } from './io.js';
import { comparableFlagsOn, intOption, reinduceBothOnComparable, type ComparableText } from './options.js';
import { UsageError } from './report.js';
import { barsEnabled, langOption, positiveNumberOption, startBar, textLines, tokenizerFor, type Bar } from './text-io.js';

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
  temperature?: number;
  validSrc?: string;
  validRef?: string;
  comparableSrc?: string;
  comparableTgt?: string;
  srcLmText?: string;
  tgtLmText?: string;
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
    .option('--temperature <t>', 'softmax temperature of scored dictionaries in the word-by-word start (default 0.1; 0.05 was chosen on Multi30k val)', positiveNumberOption('--temperature'))
    .option('--valid-src <file>', 'tokenised source sentences to report BLEU on after each round')
    .option('--valid-ref <file>', 'their reference translations (line-parallel)')
    .option('--comparable-src <file>', 'source-language text comparable to --comparable-tgt (same domain; may be --src-mono): re-induce both dictionaries on it first')
    .option('--comparable-tgt <file>', 'target-language text comparable to --comparable-src (may be --tgt-mono); tokenised like the mono files')
    .option('--src-lm-text <file>', 'more source-language text for the source LM only (streamed; tokenised like the mono files)')
    .option('--tgt-lm-text <file>', 'more target-language text for the target LM only (e.g. the Multi30k Task-2 captions, which raised val BLEU there)')
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

/** An LM from streamed texts (the mono file, then any --*-lm-text), fed to `trainMkn` 1000 lines at a time. */
async function trainLm(texts: readonly SentenceSource[], order: number): Promise<ArpaModel> {
  async function* chunks(): AsyncGenerator<string> {
    let buf: string[] = [];
    for (const text of texts) {
      for await (const s of text.open()) {
        buf.push(s.join(' '));
        if (buf.length === 1000) {
          yield buf.join('\n') + '\n';
          buf = [];
        }
      }
    }
    if (buf.length > 0) yield buf.join('\n') + '\n';
  }
  return (await trainMkn(chunks(), { order, discountFallback: [0.5, 1, 1.5] })).model;
}

/** One pass: line count and word counts; `EmptyMonolingualDataError` when no line has a word. */
async function countMono(text: SentenceSource): Promise<TextCounts> {
  const counted = await countText(text);
  if (counted.words.size === 0) throw new EmptyMonolingualDataError(text.name, counted.lines);
  return counted;
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
  const tmp = await mkdtemp(join(tmpdir(), 'nlpkit-train-unsup-'));
  try {
    await train(f, io, started, { srcLang, tgtLang, srcTok, tgtTok, max, tmp });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

interface Setup {
  srcLang?: string;
  tgtLang?: string;
  srcTok: (line: string) => string[];
  tgtTok: (line: string) => string[];
  max: number;
  tmp: string;
}

/** The mono file as a stream of tokens; with --tokenize, tokenised once into the temporary folder. */
async function monoText(file: string, tokens: (line: string) => string[], tokenize: boolean, max: number, tmp: string, tag: string): Promise<SentenceSource> {
  const raw = fileSentences(file, tokens, max);
  if (!tokenize) return raw;
  const copy = join(tmp, `${tag}-${basename(file).replace(/\.gz$/, '')}.tok`);
  await writeSentenceFile(copy, raw.open());
  return { ...fileSentences(copy), name: file };
}

async function train(f: TrainFlags, io: CliIo, started: number, { srcLang, tgtLang, srcTok, tgtTok, max, tmp }: Setup): Promise<void> {
  const srcMono = await monoText(f.srcMono, srcTok, f.tokenize === true, max, tmp, 'source');
  const tgtMono = await monoText(f.tgtMono, tgtTok, f.tokenize === true, max, tmp, 'target');
  const srcCount = await countMono(srcMono);
  const tgtCount = await countMono(tgtMono);
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
    const tokenize = f.tokenize === true;
    // Each text counted once for both directions (not at all when it is the mono file, counted above).
    const comparableText = async (file: string, tok: (line: string) => string[], tag: string, mono: string, monoCount: TextCounts): Promise<ComparableText> => {
      const sentences = await monoText(file, tok, tokenize, max, tmp, tag);
      return { file, sentences, counted: file === mono ? monoCount : await countText(sentences) };
    };
    const src = await comparableText(f.comparableSrc!, srcTok, 'comparable-source', f.srcMono, srcCount);
    const tgt = await comparableText(f.comparableTgt!, tgtTok, 'comparable-target', f.tgtMono, tgtCount);
    const [srcCounts, tgtCounts] = [srcCount.words, tgtCount.words];
    const seeds = { forward: dictionary, backward: reverseDictionary ?? invertDictionary(dictionary) };
    const { forward, backward } = await reinduceBothOnComparable(seeds, { ...src, counts: srcCounts }, { ...tgt, counts: tgtCounts }, io.stderr);
    [dictionary, reverseDictionary] = [forward.dictionary, backward.dictionary];
    comparableStats = {
      sourceToTarget: { ...forward.comparable, ...forward.adapt },
      targetToSource: { ...backward.comparable, ...backward.adapt },
    };
  }
  // Extra LM text (never translated, never in the phrase tables), e.g. more in-domain captions.
  const lmText = async (file: string | undefined, tokens: (line: string) => string[], tag: string): Promise<SentenceSource[]> =>
    file === undefined ? [] : [await monoText(file, tokens, f.tokenize === true, Infinity, tmp, tag)];
  const sourceLm = await trainLm([srcMono, ...(await lmText(f.srcLmText, srcTok, 'source-lm'))], f.order);
  const targetLm = await trainLm([tgtMono, ...(await lmText(f.tgtLmText, tgtTok, 'target-lm'))], f.order);

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
    workDir: tmp,
    phrase: { maxPhraseLength: f.maxPhraseLength },
    wordByWord: { temperature: f.temperature },
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
      sentences: [srcCount.lines, tgtCount.lines],
      dictionary: f.dict,
      reverseDictionary: f.reverseDict ?? null,
      comparable: comparable ? { source: f.comparableSrc, target: f.comparableTgt } : null,
      lmText: { source: f.srcLmText ?? null, target: f.tgtLmText ?? null },
      lmOrder: f.order,
      temperature: f.temperature ?? null,
      tokenize: f.tokenize === true,
      rounds: result.rounds,
      validationBleu: valid ? bleuByRound : null,
    },
  } as const;
  await saveModel(f.output, { config, sourceToTarget: result.sourceToTarget, targetToSource: result.targetToSource, sourceLm, targetLm });
  const summary = {
    model: f.output,
    sentences: { source: srcCount.lines, target: tgtCount.lines },
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
      : `${summary.rounds} rounds on ${srcCount.lines} + ${tgtCount.lines} sentences: ${summary.phrases.sourceToTarget} source→target and ` +
          `${summary.phrases.targetToSource} target→source phrase pairs; model written to ${f.output} (${summary.seconds.toFixed(1)} s)\n`,
  );
}

function bleuOf(system: SentenceTranslator, valid: { src: string[][]; ref: string[] }): number {
  const hyps = valid.src.map((s) => system.translate(s).tokens.join(' '));
  return corpusBleu(hyps, [valid.ref], { tokenize: 'none', lowercase: true, force: true }).score;
}
