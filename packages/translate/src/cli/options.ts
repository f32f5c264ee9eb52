/**
 * Option parsers shared by the `translate` subcommands (bad values are usage errors, exit 2), and the
 * `--comparable-src/--comparable-tgt` dictionary re-induction that `words` and `train-unsup` share.
 */
import type { Writable } from 'node:stream';
import { EmptyMonolingualDataError } from '../errors.js';
import type { RetrievalMethod } from '../mapping/index.js';
import type { SentenceSource } from '../backtranslation/sentence-files.js';
import type { AdaptOptions } from '../wordbyword/adapt.js';
import { countText, reinduceBothFromText, reinduceDictionaryFromText, type Reinduced, type TextCounts } from '../wordbyword/comparable.js';
import type { ScoredDictionary } from '../wordbyword/dictionary-table.js';
import { UsageError } from './report.js';

/** An integer option at least `min`. */
export function intOption(name: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer >= ${min}, not ${JSON.stringify(value)}`);
    return n;
  };
}

export function methodOption(value: string): RetrievalMethod {
  if (value !== 'csls' && value !== 'nn') throw new UsageError(`--method must be csls or nn, not ${JSON.stringify(value)}`);
  return value;
}

/** A comma-separated list of positive integers (`1,5,10`). */
export function ksOption(value: string): number[] {
  const ks = value.split(',').map((v) => Number(v.trim()));
  if (ks.length === 0 || ks.some((k) => !Number.isInteger(k) || k < 1)) {
    throw new UsageError(`--ks must be positive integers separated by commas, not ${JSON.stringify(value)}`);
  }
  return ks;
}

/**
 * `--comparable-src/--comparable-tgt` (`words`, `train-unsup`): re-induce a dictionary on comparable
 * monolingual text with `reinduceDictionaryFromText` (its defaults, copy candidates; the text streamed), as bench/sentences/bleu-table.ts's
 * `--comparable` does.
 */
export interface ComparableText {
  readonly file: string;
  /** The text, streamed (read twice: word counts, then co-occurrences). */
  readonly sentences: SentenceSource;
  /** Words of the text to translate / the target LM's text (`adaptDictionary`'s counts); default: this text's. */
  readonly counts?: ReadonlyMap<string, number>;
  /** This text's own lines and word counts, when already made (skips its counting pass). */
  readonly counted?: TextCounts;
}

/** Both flags or neither (usage error otherwise); whether they are on. */
export function comparableFlagsOn(src: string | undefined, tgt: string | undefined): boolean {
  if ((src === undefined) !== (tgt === undefined)) throw new UsageError('--comparable-src and --comparable-tgt go together');
  return src !== undefined;
}

/** Re-induces `seedDict` on the comparable texts, with progress and stats on `stderr`. */
export async function reinduceOnComparable(
  seedDict: ScoredDictionary,
  source: ComparableText,
  target: ComparableText,
  stderr: Writable,
): Promise<Reinduced> {
  const [cs, ct] = await countedTexts(source, target);
  stderr.write(announce(seedDict, [source, cs], [target, ct]));
  const started = performance.now();
  // Errors name the file (the sources' names).
  const induced = await reinduceDictionaryFromText(seedDict, source.sentences, target.sentences, adaptTo(source, target, cs, ct), {}, { source: cs, target: ct });
  stderr.write(`${describeInduced(induced)} (${seconds(started)} s)\n`);
  return induced;
}

/**
 * `reinduceOnComparable` for a dictionary and its reverse (`train-unsup`): both texts are read and their
 * context vectors built once for the two directions.
 */
export async function reinduceBothOnComparable(
  seeds: { readonly forward: ScoredDictionary; readonly backward: ScoredDictionary },
  source: ComparableText,
  target: ComparableText,
  stderr: Writable,
): Promise<{ forward: Reinduced; backward: Reinduced }> {
  const [cs, ct] = await countedTexts(source, target);
  stderr.write(announce(seeds.forward, [source, cs], [target, ct]) + announce(seeds.backward, [target, ct], [source, cs]));
  const started = performance.now();
  const both = await reinduceBothFromText(seeds, source.sentences, target.sentences, adaptTo(source, target, cs, ct), {}, { source: cs, target: ct });
  stderr.write(`${describeInduced(both.forward)}\n${describeInduced(both.backward)} (both: ${seconds(started)} s)\n`);
  return both;
}

async function countedTexts(source: ComparableText, target: ComparableText): Promise<[TextCounts, TextCounts]> {
  const cs = source.counted ?? (await countText(source.sentences));
  const ct = target.counted ?? (await countText(target.sentences));
  for (const [t, c] of [[source, cs], [target, ct]] as const) {
    if (c.words.size === 0) throw new EmptyMonolingualDataError(t.file, c.lines);
  }
  return [cs, ct];
}

function adaptTo(source: ComparableText, target: ComparableText, cs: TextCounts, ct: TextCounts): AdaptOptions {
  return { sourceWords: source.counts ?? cs.words, targetWords: target.counts ?? ct.words, copy: true };
}

/** The line a re-induction starts with: the seed and the two texts, from-side first. */
function announce(seed: ScoredDictionary, [from, cf]: [ComparableText, TextCounts], [to, ct]: [ComparableText, TextCounts]): string {
  return `re-inducing ${seed.name} on comparable text ${from.file} (${cf.lines} lines) and ${to.file} (${ct.lines} lines)…\n`;
}

function describeInduced({ comparable: s }: Reinduced): string {
  return `comparable dictionary: ${s.sourceWords} source and ${s.targetWords} target words, ${s.seedPairs} seed pairs, self-learned ${s.selfLearned.join('/') || 'none'}`;
}

const seconds = (started: number): string => ((performance.now() - started) / 1000).toFixed(1);
