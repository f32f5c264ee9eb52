/**
 * What the word-translation benches (word-translation.ts, cv-gap.ts) share about dictionaries: the seeded
 * shuffle of a MUSE dictionary's source words behind every split (the 80/20 held-apart split, val, CV folds), so
 * that both scripts hold apart the same words; reading induced `source target [score]` files (as
 * `word-translation.ts --write-dicts` writes them) back as first targets; and fusing several of them (fuse-dicts.ts).
 */
import type { BilingualDictionary } from '../src/index.js';
import { Rng } from '../src/random.js';

/** A dictionary's distinct source words in a seeded random order (Fisher–Yates with our `Rng`). */
export function shuffledSources(d: BilingualDictionary, seed: number): string[] {
  const sources = [...new Set(d.pairs.map((p) => p[0]))];
  const rng = new Rng(seed);
  for (let i = sources.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [sources[i], sources[j]] = [sources[j], sources[i]];
  }
  return sources;
}

/** Seeded split of a dictionary's distinct source words: `trainShare` of them train, the rest held apart. */
export function splitBySource(d: BilingualDictionary, trainShare: number, seed: number): { train: BilingualDictionary; held: BilingualDictionary } {
  const sources = shuffledSources(d, seed);
  const train = new Set(sources.slice(0, Math.round(trainShare * sources.length)));
  return {
    train: { name: `${d.name} (train ${Math.round(trainShare * 100)} %)`, pairs: d.pairs.filter((p) => train.has(p[0])) },
    held: { name: `${d.name} (held apart)`, pairs: d.pairs.filter((p) => !train.has(p[0])) },
  };
}

/** A seeded partition of a dictionary's distinct source words into `k` folds (word i of the shuffle in fold i % k). */
export function foldsBySource(d: BilingualDictionary, k: number, seed: number): BilingualDictionary[] {
  const fold = new Map(shuffledSources(d, seed).map((w, i) => [w, i % k]));
  return Array.from({ length: k }, (_, f) => ({ name: `${d.name} (fold ${f + 1}/${k})`, pairs: d.pairs.filter((p) => fold.get(p[0]) === f) }));
}

/** The fields of each source word's first line of a `source target [score]` dictionary, in file order. */
function firstTargetLines(text: string): string[][] {
  const seen = new Set<string>();
  const lines: string[][] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(/[ \t]+/);
    if (fields[1] === undefined || seen.has(fields[0])) continue;
    seen.add(fields[0]);
    lines.push(fields);
  }
  return lines;
}

/** (source, first target) of each source word of a `source target [score]` dictionary, in file order. */
export function firstTargets(text: string): [string, string][] {
  return firstTargetLines(text).map(([s, w]) => [s, w]);
}

/**
 * The reverse direction's seed from a Y→X induced dictionary: each X word paired with the Y word that has it
 * as first target with the highest score (the first such line on ties). fastText's `</s>` is skipped.
 */
export function invertFirstTargets(text: string): [string, string][] {
  const best = new Map<string, { source: string; score: number }>();
  for (const [s, w, score] of firstTargetLines(text)) {
    if (s === '</s>' || w === '</s>') continue;
    const value = score === undefined ? 0 : Number(score);
    const held = best.get(w);
    if (held === undefined || value > held.score) best.set(w, { source: s, score: value });
  }
  return [...best].map(([w, { source }]) => [w, source]);
}

/**
 * One dictionary from several induced ones (e.g. the same direction's maps on dim-100 and dim-300 vectors, whose
 * errors are partly independent): each source word's candidates are scored by the sum over dictionaries of
 * 1 / (rank in that dictionary's list for the word), 0 where a dictionary does not list the pair; the best goes
 * first, ties to the earlier dictionary's order. Rank fusion because the dictionaries' CSLS scores are on
 * different scales. Source words in file order of the first dictionary, then the new ones of the next.
 */
export function fuseByReciprocalRank(texts: readonly string[]): [string, string, number][] {
  const lists = new Map<string, Map<string, number>>();
  for (const text of texts) {
    const rank = new Map<string, number>();
    for (const line of text.split('\n')) {
      const [s, w] = line.split(/[ \t]+/);
      if (w === undefined || s === '</s>' || w === '</s>') continue;
      const r = (rank.get(s) ?? 0) + 1;
      rank.set(s, r);
      const scores = lists.get(s) ?? new Map<string, number>();
      lists.set(s, scores);
      scores.set(w, (scores.get(w) ?? 0) + 1 / r);
    }
  }
  const fused: [string, string, number][] = [];
  for (const [s, scores] of lists) {
    let best = '';
    let top = -Infinity;
    // Map order is insertion order: the earlier dictionary's candidates first, so a tie keeps its choice.
    for (const [w, v] of scores) {
      if (v > top) [best, top] = [w, v];
    }
    fused.push([s, best, top]);
  }
  return fused;
}
