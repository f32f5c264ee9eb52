/**
 * Text input and progress for the sentence commands (`words`, `train-unsup`, `run`): line streams from a
 * file (gzip by the `.gz` suffix) or stdin, whole files as token lists, a language flag parser, and a
 * progress bar on stderr with rate and ETA (@nlpkit/kit's, only on a terminal; cli-progress loads only then).
 */
import type { Writable } from 'node:stream';
import { loadBar } from '@nlpkit/kit/progress';
import { MOSES_LANGS, type MosesLang } from '@nlpkit/tokenize';
import { Preprocessor, splitTokens } from '../phrase/text.js';
import { UsageError } from './report.js';

export { openText, textLines } from '../backtranslation/sentence-files.js';

/** A function turning a line into tokens: Moses + lowercase + escapes for a language, else split on spaces. */
export function tokenizerFor(lang: MosesLang | undefined): (line: string) => string[] {
  if (lang === undefined) return splitTokens;
  const pre = new Preprocessor(lang);
  return (line) => pre.tokens(line);
}

/** A commander parser for a number > 0 (`--temperature`). */
export function positiveNumberOption(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`${flag} must be a number > 0, not ${JSON.stringify(value)}`);
    return n;
  };
}

export function langOption(flag: string): (value: string) => MosesLang {
  return (value) => {
    if (!(MOSES_LANGS as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${MOSES_LANGS.join(', ')}, not ${JSON.stringify(value)}`);
    return value as MosesLang;
  };
}

export interface Bar {
  update(done: number, payload?: Record<string, string>): void;
  stop(): void;
}

const NO_BAR: Bar = { update() {}, stop() {} };

/** A bar of `total` units (`unit` in the label), or a no-op when bars are off. */
export async function startBar(stream: Writable, enabled: boolean, label: string, total: number, unit = 'sentences'): Promise<Bar> {
  if (!enabled) return NO_BAR;
  const bar = await loadBar(stream, `${label} {bar} {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted}`, {
    etaBuffer: 200,
  });
  const started = performance.now();
  const rate = (done: number): string => (done / Math.max((performance.now() - started) / 1000, 1e-3)).toFixed(0);
  bar.start(total, 0, { rate: '0' });
  return {
    update(done) {
      bar.update(done, { rate: rate(done) });
    },
    stop() {
      bar.stop();
    },
  };
}

/** Whether bars are on: the io's choice, else whether stderr is a terminal. */
export function barsEnabled(stderr: Writable, choice: boolean | undefined): boolean {
  return choice ?? (stderr as Writable & { isTTY?: boolean }).isTTY === true;
}
