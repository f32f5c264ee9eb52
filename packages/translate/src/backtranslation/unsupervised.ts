/**
 * `trainUnsupervised`: iterative back-translation without parallel data, phrase-based, as the unsupervised
 * PBSMT of Lample et al. 2018 (EMNLP, "Phrase-Based & Neural Unsupervised MT"). Round 0 is word-by-word
 * translation with the dictionary (both directions) and each side's LM. Round r translates the target
 * monolingual text with the current target→source system and trains the source→target phrase table on
 * those synthetic pairs (synthetic source, real target: the LM and the table's target side see only real
 * text), then translates the source text with that new system to train target→source (see `schedule`). Systems are decoded with `PhraseDecoder` and the LM of the
 * output language.
 */
import type { ArpaModel } from '@nlpkit/lm';
import { EmptyMonolingualDataError, InvalidOptionError } from '../errors.js';
import { PhraseDecoder, type DecoderOptions, type Translation } from '../phrase/decoder.js';
import { trainPhraseTable, type PhraseTrainingOptions, type PhraseTrainingStats } from '../phrase/extract.js';
import type { PhraseTable } from '../phrase/phrase-table.js';
import { dictionaryTable, invertDictionary, type ScoredDictionary } from '../wordbyword/dictionary-table.js';
import { WORD_BY_WORD_DEFAULTS, type WordByWordOptions } from '../wordbyword/translator.js';

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

export interface UnsupervisedOptions {
  /** Tokenised monolingual sentences of each language (not translations of each other). */
  readonly sourceMono: readonly (readonly string[])[];
  readonly targetMono: readonly (readonly string[])[];
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
  const srcMono = nonEmpty(options.sourceMono, srcName);
  const tgtMono = nonEmpty(options.targetMono, tgtName);
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
  const srcVocab = vocabularyOf(srcMono);
  const tgtVocab = vocabularyOf(tgtMono);
  const forward = dictionaryTable(options.dictionary, { ...wbw, sourceVocab: srcVocab, targetVocab: tgtVocab });
  const backward = dictionaryTable(options.reverseDictionary ?? invertDictionary(options.dictionary), { ...wbw, sourceVocab: tgtVocab, targetVocab: srcVocab });
  let s2t: SentenceTranslator = wbwDecoder(forward, targetLm);
  let t2s: SentenceTranslator = wbwDecoder(backward, sourceLm);
  await options.onRound?.({ round: 0, sourceToTarget: s2t, targetToSource: t2s });
  const history: RoundStats[] = [];
  let tables: { s2t: PhraseTable; t2s: PhraseTable } = { s2t: forward, t2s: backward };
  for (let round = 1; round <= rounds; round++) {
    const c0 = process.cpuUsage();
    // Source→target learns from the target text back-translated by the current target→source system.
    const synthSrc = await translateAll(t2s, tgtMono, round, 'translate-target', options.onProgress);
    // Simultaneous: target→source learns from the previous source→target system, as the loop stood.
    const synthTgtEarly = schedule === 'simultaneous' ? await translateAll(s2t, srcMono, round, 'translate-source', options.onProgress) : undefined;
    await options.onProgress?.({ round, stage: 'train-source-target', done: 0, total: 1 });
    const a = trainPhraseTable(synthSrc, tgtMono, options.phrase, [`synthetic ${srcName}`, tgtName]);
    await options.onProgress?.({ round, stage: 'train-source-target', done: 1, total: 1 });
    s2t = new PhraseDecoder(a.table, targetLm, options.decoder);
    // Sequential (Lample et al.'s Algorithm 2): target→source learns from the source→target system just trained.
    const synthTgt = synthTgtEarly ?? await translateAll(s2t, srcMono, round, 'translate-source', options.onProgress);
    await options.onProgress?.({ round, stage: 'train-target-source', done: 0, total: 1 });
    const b = trainPhraseTable(synthTgt, srcMono, options.phrase, [`synthetic ${tgtName}`, srcName]);
    await options.onProgress?.({ round, stage: 'train-target-source', done: 1, total: 1 });
    tables = { s2t: a.table, t2s: b.table };
    t2s = new PhraseDecoder(b.table, sourceLm, options.decoder);
    const c = process.cpuUsage(c0);
    history.push({ round, sourceToTarget: a.stats, targetToSource: b.stats, cpuSeconds: (c.user + c.system) / 1e6 });
    await options.onRound?.({ round, sourceToTarget: s2t, targetToSource: t2s });
  }
  return { sourceToTarget: tables.s2t, targetToSource: tables.t2s, rounds: history };
}

async function translateAll(
  system: SentenceTranslator,
  sentences: readonly (readonly string[])[],
  round: number,
  stage: TrainingStage,
  onProgress: UnsupervisedOptions['onProgress'],
): Promise<string[][]> {
  const out: string[][] = new Array(sentences.length);
  for (let k = 0; k < sentences.length; k++) {
    out[k] = system.translate(sentences[k]).tokens;
    if (onProgress && (k % PROGRESS_EVERY === 0 || k === sentences.length - 1)) {
      await onProgress({ round, stage, done: k + 1, total: sentences.length });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return out;
}

/** The non-empty sentences; `EmptyMonolingualDataError` when there are none. */
function nonEmpty(sentences: readonly (readonly string[])[], name: string): (readonly string[])[] {
  const out = sentences.filter((s) => s.length > 0);
  if (out.length === 0) throw new EmptyMonolingualDataError(name, sentences.length);
  return out;
}

function vocabularyOf(sentences: readonly (readonly string[])[]): Set<string> {
  const v = new Set<string>();
  for (const s of sentences) for (const w of s) v.add(w);
  return v;
}
