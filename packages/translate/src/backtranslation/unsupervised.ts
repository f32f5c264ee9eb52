/**
 * `trainUnsupervised`: iterative back-translation without parallel data, phrase-based, as the unsupervised
 * PBSMT of Lample et al. 2018 (EMNLP, "Phrase-Based & Neural Unsupervised MT"). Round 0 is word-by-word
 * translation with the dictionary (both directions) and each side's LM. Round r translates the target
 * monolingual text with the current target→source system and trains the source→target phrase table on
 * those synthetic pairs (synthetic source, real target: the LM and the table's target side see only real
 * text), then translates the source text with that new system to train target→source (see `schedule`). Systems are decoded with `PhraseDecoder` and the LM of the
 * output language.
 *
 * The monolingual text can be in memory (arrays) or streamed (`SentenceSource`, e.g. `fileSentences`): then
 * it is read again for every pass, the back-translations go to temporary files, and the phrase tables are
 * trained chunk by chunk (`trainPhraseTableStream`), so only the vocabularies, the tables and one chunk are in
 * memory. Both give the same systems.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArpaModel } from '@nlpkit/lm';
import { EmptyMonolingualDataError, InvalidOptionError, LineCountMismatchError } from '../errors.js';
import { PhraseDecoder, type DecoderOptions, type Translation } from '../phrase/decoder.js';
import { trainPhraseTable, trainPhraseTableStream, type ParallelSource, type PhraseTrainingOptions, type PhraseTrainingStats } from '../phrase/extract.js';
import type { PhraseTable } from '../phrase/phrase-table.js';
import { dictionaryTable, invertDictionary, type ScoredDictionary } from '../wordbyword/dictionary-table.js';
import { WORD_BY_WORD_DEFAULTS, type WordByWordOptions } from '../wordbyword/translator.js';
import { arraySentences, fileSentences, writeSentenceFile, type SentenceSource } from './sentence-files.js';

/** Anything that translates one tokenised sentence. */
export interface SentenceTranslator {
  translate(tokens: readonly string[]): Translation;
}

export type TrainingStage = 'translate-source' | 'translate-target' | 'train-source-target' | 'train-target-source';

export interface TrainingProgress {
  readonly round: number;
  readonly stage: TrainingStage;
  readonly done: number;
  readonly total: number;
}

export interface RoundSystems {
  readonly round: number;
  readonly sourceToTarget: SentenceTranslator;
  readonly targetToSource: SentenceTranslator;
}

export interface RoundStats {
  readonly round: number;
  readonly sourceToTarget: PhraseTrainingStats;
  readonly targetToSource: PhraseTrainingStats;
  /** CPU seconds of the round (translation of both halves + training). */
  readonly cpuSeconds: number;
}

/** Tokenised sentences in memory, or a `SentenceSource` streamed again for every pass. */
export type MonolingualText = readonly (readonly string[])[] | SentenceSource;

export interface UnsupervisedOptions {
  /**
   * Tokenised monolingual sentences of each language (not translations of each other). If either is a
   * `SentenceSource`, training streams: see the file comment and `workDir`.
   */
  readonly sourceMono: MonolingualText;
  readonly targetMono: MonolingualText;
  /** Streaming only: where the temporary folder of back-translations goes (default `os.tmpdir()`); removed at the end. */
  readonly workDir?: string;
  readonly sourceLm: ArpaModel;
  readonly targetLm: ArpaModel;
  /** Source→target dictionary (the word-by-word start). */
  readonly dictionary: ScoredDictionary;
  /** Target→source dictionary; default: `dictionary` inverted. */
  readonly reverseDictionary?: ScoredDictionary;
  /** Back-translation rounds (default 3; 0 stops after the word-by-word start and returns its tables). */
  readonly rounds?: number;
  /**
   * `sequential` (default, Lample et al. 2018's Algorithm 2): each round first trains source→target on target
   * text back-translated by the current target→source system, then target→source on source text translated by
   * that new source→target system. `simultaneous`: both directions learn from the previous round's systems
   * (measured here to oscillate when the two word-by-word starts differ in quality).
   */
  readonly schedule?: 'sequential' | 'simultaneous';
  /** Names of the monolingual inputs, for errors (default 'source text', 'target text'). */
  readonly names?: readonly [string, string];
  readonly phrase?: PhraseTrainingOptions;
  /** Decoder settings of the phrase-based systems (also used to translate the monolingual halves). */
  readonly decoder?: DecoderOptions;
  /** Decoder settings of the target→source systems when they differ (e.g. weights tuned per direction); default `decoder`. */
  readonly reverseDecoder?: DecoderOptions;
  readonly wordByWord?: WordByWordOptions;
  /** Progress of each stage; awaited, and the event loop gets a turn between calls (timers, progress bars). */
  readonly onProgress?: (p: TrainingProgress) => void | Promise<void>;
  /** Called with the systems of round 0 (word by word) and of every later round, e.g. to evaluate them. */
  readonly onRound?: (systems: RoundSystems) => void | Promise<void>;
}

export interface UnsupervisedResult {
  readonly sourceToTarget: PhraseTable;
  readonly targetToSource: PhraseTable;
  readonly rounds: readonly RoundStats[];
}

const PROGRESS_EVERY = 200;

export async function trainUnsupervised(options: UnsupervisedOptions): Promise<UnsupervisedResult> {
  const rounds = options.rounds ?? 3;
  const schedule = options.schedule ?? 'sequential';
  if (schedule !== 'sequential' && schedule !== 'simultaneous') throw new InvalidOptionError('schedule', schedule, 'sequential or simultaneous');
  if (!Number.isInteger(rounds) || rounds < 0) throw new InvalidOptionError('rounds', rounds, 'an integer >= 0');
  const [srcName, tgtName] = options.names ?? ['source text', 'target text'];
  const streaming = isSource(options.sourceMono) || isSource(options.targetMono);
  const tmp = streaming ? await mkdtemp(join(options.workDir ?? tmpdir(), 'nlpkit-backtranslation-')) : '';
  try {
    const srcMono = await nonEmpty(options.sourceMono, srcName, streaming);
    const tgtMono = await nonEmpty(options.targetMono, tgtName, streaming);
    return await train(options, srcMono, tgtMono, [srcName, tgtName], tmp);
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

/** Monolingual text as the rounds use it: in memory, or streamed with its sentence count and vocabulary. */
type Text = { readonly sentences: readonly (readonly string[])[]; readonly vocab: Set<string> } | { readonly source: SentenceSource; readonly count: number; readonly vocab: Set<string> };

async function train(options: UnsupervisedOptions, srcMono: Text, tgtMono: Text, [srcName, tgtName]: readonly [string, string], tmp: string): Promise<UnsupervisedResult> {
  const rounds = options.rounds ?? 3;
  const schedule = options.schedule ?? 'sequential';
  const { sourceLm, targetLm } = options;
  const wbw = options.wordByWord ?? {};
  const wbwDecoder = (table: PhraseTable, lm: ArpaModel): PhraseDecoder =>
    new PhraseDecoder(table, lm, {
      beamSize: wbw.beamSize ?? WORD_BY_WORD_DEFAULTS.beamSize,
      distortionLimit: wbw.distortionLimit ?? WORD_BY_WORD_DEFAULTS.distortionLimit,
      maxOptions: wbw.maxOptions,
      weights: { ...WORD_BY_WORD_DEFAULTS.weights, ...wbw.weights },
    });
  // Dictionary pairs must meet the monolingual vocabularies; EmptyDictionaryError (with counts) otherwise.
  const forward = dictionaryTable(options.dictionary, { ...wbw, sourceVocab: srcMono.vocab, targetVocab: tgtMono.vocab });
  const backward = dictionaryTable(options.reverseDictionary ?? invertDictionary(options.dictionary), { ...wbw, sourceVocab: tgtMono.vocab, targetVocab: srcMono.vocab });
  let s2t: SentenceTranslator = wbwDecoder(forward, targetLm);
  let t2s: SentenceTranslator = wbwDecoder(backward, sourceLm);
  await options.onRound?.({ round: 0, sourceToTarget: s2t, targetToSource: t2s });
  const history: RoundStats[] = [];
  let tables: { s2t: PhraseTable; t2s: PhraseTable } = { s2t: forward, t2s: backward };
  const translate = (system: SentenceTranslator, text: Text, round: number, stage: TrainingStage): Promise<Text> =>
    translateAll(system, text, round, stage, options.onProgress, tmp && join(tmp, `round-${round}-${stage}.txt`));
  for (let round = 1; round <= rounds; round++) {
    const c0 = process.cpuUsage();
    // Source→target learns from the target text back-translated by the current target→source system.
    const synthSrc = await translate(t2s, tgtMono, round, 'translate-target');
    // Simultaneous: target→source learns from the previous source→target system, as the loop stood.
    const synthTgtEarly = schedule === 'simultaneous' ? await translate(s2t, srcMono, round, 'translate-source') : undefined;
    await options.onProgress?.({ round, stage: 'train-source-target', done: 0, total: 1 });
    const a = await trainTable(synthSrc, tgtMono, options.phrase, [`synthetic ${srcName}`, tgtName]);
    await options.onProgress?.({ round, stage: 'train-source-target', done: 1, total: 1 });
    s2t = new PhraseDecoder(a.table, targetLm, options.decoder);
    // Sequential (Lample et al.'s Algorithm 2): target→source learns from the source→target system just trained.
    const synthTgt = synthTgtEarly ?? await translate(s2t, srcMono, round, 'translate-source');
    await options.onProgress?.({ round, stage: 'train-target-source', done: 0, total: 1 });
    const b = await trainTable(synthTgt, srcMono, options.phrase, [`synthetic ${tgtName}`, srcName]);
    await options.onProgress?.({ round, stage: 'train-target-source', done: 1, total: 1 });
    tables = { s2t: a.table, t2s: b.table };
    t2s = new PhraseDecoder(b.table, sourceLm, options.reverseDecoder ?? options.decoder);
    if (tmp) for (const t of [synthSrc, synthTgt]) if ('source' in t) await rm(t.source.name, { force: true });
    const c = process.cpuUsage(c0);
    history.push({ round, sourceToTarget: a.stats, targetToSource: b.stats, cpuSeconds: (c.user + c.system) / 1e6 });
    await options.onRound?.({ round, sourceToTarget: s2t, targetToSource: t2s });
  }
  return { sourceToTarget: tables.s2t, targetToSource: tables.t2s, rounds: history };
}

function isSource(t: MonolingualText): t is SentenceSource {
  return typeof (t as SentenceSource).open === 'function';
}

/** In memory when both sides are; else streamed line-parallel, chunk by chunk. */
function trainTable(source: Text, target: Text, options: PhraseTrainingOptions | undefined, names: readonly [string, string]): Promise<{ table: PhraseTable; stats: PhraseTrainingStats }> | { table: PhraseTable; stats: PhraseTrainingStats } {
  if ('sentences' in source && 'sentences' in target) return trainPhraseTable(source.sentences, target.sentences, options, names);
  return trainPhraseTableStream(zipTexts(source, target, names), options);
}

function streamOf(t: Text, name: string): SentenceSource {
  return 'source' in t ? t.source : arraySentences(t.sentences, name);
}

/** Two texts read in step as sentence pairs; `LineCountMismatchError` if one ends first. */
function zipTexts(a: Text, b: Text, names: readonly [string, string]): ParallelSource {
  const [sa, sb] = [streamOf(a, names[0]), streamOf(b, names[1])];
  return {
    async *open() {
      const ia = sa.open()[Symbol.asyncIterator]();
      const ib = sb.open()[Symbol.asyncIterator]();
      let n = 0;
      try {
        for (;;) {
          const [x, y] = await Promise.all([ia.next(), ib.next()]);
          if (x.done || y.done) {
            if (!x.done || !y.done) throw new LineCountMismatchError(names[0], n + (x.done ? 0 : 1), names[1], n + (y.done ? 0 : 1));
            return;
          }
          n++;
          yield [x.value, y.value] as const;
        }
      } finally {
        await ia.return?.();
        await ib.return?.();
      }
    },
  };
}

async function translateAll(
  system: SentenceTranslator,
  text: Text,
  round: number,
  stage: TrainingStage,
  onProgress: UnsupervisedOptions['onProgress'],
  file: string,
): Promise<Text> {
  const total = 'source' in text ? text.count : text.sentences.length;
  let k = 0;
  const step = async (): Promise<void> => {
    k++;
    if (onProgress && (k % PROGRESS_EVERY === 1 || k === total)) {
      await onProgress({ round, stage, done: k, total });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  if ('sentences' in text) {
    const out: string[][] = new Array(text.sentences.length);
    for (const s of text.sentences) {
      out[k] = system.translate(s).tokens;
      await step();
    }
    return { sentences: out, vocab: new Set() };
  }
  // Streamed: one translation a line of a temporary file, read back as the synthetic side.
  const source = text.source;
  async function* translations(): AsyncGenerator<readonly string[]> {
    for await (const s of source.open()) {
      const t = system.translate(s).tokens;
      await step();
      yield t;
    }
  }
  const count = await writeSentenceFile(file, translations());
  return { source: fileSentences(file), count, vocab: new Set() };
}

/**
 * The non-empty sentences and their vocabulary (streamed text: one counting pass, and empty lines skipped on
 * every read); `EmptyMonolingualDataError` when there are none.
 */
async function nonEmpty(text: MonolingualText, name: string, streaming: boolean): Promise<Text> {
  const vocab = new Set<string>();
  if (!isSource(text) && !streaming) {
    const sentences = text.filter((s) => s.length > 0);
    if (sentences.length === 0) throw new EmptyMonolingualDataError(name, text.length);
    for (const s of sentences) for (const w of s) vocab.add(w);
    return { sentences, vocab };
  }
  const all = isSource(text) ? text : arraySentences(text, name);
  const source: SentenceSource = {
    name: all.name,
    async *open() {
      for await (const s of all.open()) if (s.length > 0) yield s;
    },
  };
  let lines = 0;
  let count = 0;
  for await (const s of all.open()) {
    lines++;
    if (s.length === 0) continue;
    count++;
    for (const w of s) vocab.add(w);
  }
  if (count === 0) throw new EmptyMonolingualDataError(name, lines);
  return { source, count, vocab };
}
