/**
 * Options shared by the trainers, their defaults and their validation. Every bad value is reported
 * with its option name (InvalidOptionError), before any input is read.
 */
import { InvalidOptionError } from '../errors.js';

export interface TrainingProgress {
  /** `count`: reading the corpus (done = bytes or UTF-16 units read); `merge`: BPE merges (done = vocabulary size);
   * `em`: Unigram EM rounds (done = vocabulary size after pruning). */
  stage: 'count' | 'merge' | 'em';
  done: number;
  total: number | undefined;
}

export interface CommonTrainOptions {
  /** Final vocabulary size, special tokens included (default 30000, as Rust's trainers; Unigram 8000). */
  vocabSize?: number;
  /** Special tokens, given the first ids in this order. */
  specialTokens?: readonly string[];
  /** Print progress to stderr. */
  showProgress?: boolean;
  /** Called as training advances (counting, merges, EM rounds). */
  onProgress?: (progress: TrainingProgress) => void;
  /** Threads for word counting (default 2). 1 counts on the calling thread. */
  threads?: number;
  /**
   * Files only: replace invalid UTF-8 with U+FFFD (WHATWG decoding) instead of throwing
   * `InvalidUtf8Error` (which names the file, line and byte offset). Default false. The CLI's `--lossy`.
   */
  lossy?: boolean;
}

export interface BpeFamilyOptions extends CommonTrainOptions {
  /** Pairs seen fewer times than this are never merged (default 0). */
  minFrequency?: number;
  /** Keep at most this many characters in the initial alphabet, the most frequent ones. */
  limitAlphabet?: number;
  /** Characters always in the alphabet, even when unseen (multi-character strings add their first character). */
  initialAlphabet?: readonly string[];
}

export function validateCommon(
  o: CommonTrainOptions,
  defaultVocabSize: number,
): Required<Pick<CommonTrainOptions, 'vocabSize' | 'threads' | 'lossy'>> & { specialTokens: string[] } {
  const vocabSize = o.vocabSize ?? defaultVocabSize;
  if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new InvalidOptionError('vocabSize', o.vocabSize, 'an integer ≥ 1');
  const threads = o.threads ?? 2;
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new InvalidOptionError('threads', o.threads, 'an integer from 1 to 64');
  const specialTokens = [...(o.specialTokens ?? [])];
  for (const t of specialTokens) {
    if (typeof t !== 'string' || t === '') throw new InvalidOptionError('specialTokens', o.specialTokens, 'non-empty strings');
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new InvalidOptionError('onProgress', o.onProgress, 'a function');
  }
  const lossy = validateLossy(o.lossy);
  return { vocabSize, threads, specialTokens, lossy };
}

export function validateLossy(lossy: unknown): boolean {
  if (lossy !== undefined && typeof lossy !== 'boolean') throw new InvalidOptionError('lossy', lossy, 'a boolean');
  return lossy === true;
}

export function validateBpeFamily(o: BpeFamilyOptions): { minFrequency: number; limitAlphabet: number | undefined; initialAlphabet: string[] } {
  const minFrequency = o.minFrequency ?? 0;
  if (!Number.isFinite(minFrequency) || minFrequency < 0) throw new InvalidOptionError('minFrequency', o.minFrequency, 'a number ≥ 0');
  const limitAlphabet = o.limitAlphabet;
  if (limitAlphabet !== undefined && (!Number.isInteger(limitAlphabet) || limitAlphabet < 0)) {
    throw new InvalidOptionError('limitAlphabet', limitAlphabet, 'an integer ≥ 0');
  }
  const initialAlphabet: string[] = [];
  for (const s of o.initialAlphabet ?? []) {
    if (typeof s !== 'string' || s === '') throw new InvalidOptionError('initialAlphabet', o.initialAlphabet, 'non-empty strings');
    initialAlphabet.push(String.fromCodePoint(s.codePointAt(0)!));
  }
  return { minFrequency, limitAlphabet, initialAlphabet };
}

export function checkAffix(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new InvalidOptionError(name, value, 'a non-empty string');
  return value;
}

/** The progress callback to use: the caller's, a stderr printer, both, or none. */
export function progressReporter(o: CommonTrainOptions): ((p: TrainingProgress) => void) | undefined {
  if (!o.showProgress) return o.onProgress;
  let lastStage = '';
  let lastPrint = 0;
  return (p) => {
    o.onProgress?.(p);
    const now = Date.now();
    if (p.stage === lastStage && now - lastPrint < 500) return;
    lastStage = p.stage;
    lastPrint = now;
    const what = p.stage === 'count' ? `${(p.done / 1e6).toFixed(1)} MB read` : `${p.done}${p.total ? ` / ${p.total}` : ''}`;
    process.stderr.write(`[train] ${p.stage}: ${what}\n`);
  };
}
