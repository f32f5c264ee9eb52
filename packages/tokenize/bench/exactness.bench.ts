/**
 * How many inputs each JavaScript tokenizer gets wrong, taking the real tiktoken (wasm) as the truth:
 * ids of an ordinary encode that differ, and decode(encode(x)) that differs from tiktoken's decode.
 * Inputs: the hard cases of the tests (scripts, emoji, odd white space, contractions, surrogates…),
 * code points new in recent Unicode versions in a few contexts, and random strings (fixed seed).
 */
import fc from 'fast-check';
import { SEED, tiktokenText } from '../test/tiktoken/arbitraries.js';
import { codePointContexts } from '../test/tiktoken/fixtures/code-point-contexts.js';
import recorded from '../test/tiktoken/fixtures/code-point-ranges.json' with { type: 'json' };
import { HARD_CASES } from '../test/tiktoken/fixtures/hard-cases.js';
import { markdownTable, visible, type BenchResult } from './harness.js';
import { loadPeers, type BenchEncoding, type Peer } from './peers.js';

const ENCODINGS: BenchEncoding[] = ['r50k_base', 'cl100k_base', 'o200k_base'];
const RANDOM_RUNS = 2000;

interface InputSet {
  label: string;
  /** `name` labels an input in the examples; random inputs are shown as their JSON-escaped text. */
  inputs: Array<{ name: string; text: string }>;
}

function inputSets(): InputSet[] {
  const codePoints = new Set<number>();
  for (const list of Object.values(recorded.ranges)) for (const [a, b] of list) for (const cp of [a, (a + b) >> 1, b]) codePoints.add(cp);
  return [
    { label: `hard cases (${HARD_CASES.length})`, inputs: HARD_CASES.map((c) => ({ name: c.name, text: c.text })) },
    {
      label: `Unicode 17 code points in context (${codePoints.size})`,
      inputs: [...codePoints].map((cp) => ({ name: `U+${cp.toString(16).toUpperCase()}`, text: codePointContexts(String.fromCodePoint(cp)).join('\n\n') })),
    },
    {
      label: `random strings (${RANDOM_RUNS}, seed ${SEED})`,
      inputs: fc.sample(tiktokenText(24), { seed: SEED, numRuns: RANDOM_RUNS }).map((text) => ({ name: visible(text), text })),
    },
  ];
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.prototype.every.call(a, (x: number, i: number) => x === b[i]);

interface Score {
  ids: number;
  decode: number;
  /** Names of the inputs whose ids are wrong (at most 50). */
  examples: string[];
}

function score(peer: Peer, truth: Peer, inputs: InputSet['inputs']): Score {
  const s: Score = { ids: 0, decode: 0, examples: [] };
  for (const { name, text } of inputs) {
    const expected = truth.encodeOrdinary(text);
    const expectedText = truth.decode(expected);
    let ids: ArrayLike<number> | undefined;
    try {
      ids = peer.encodeOrdinary(text);
    } catch {
      ids = undefined;
    }
    if (!ids || !same(ids, expected)) {
      s.ids++;
      if (s.examples.length < 50) s.examples.push(name);
    }
    let decoded: string | undefined;
    try {
      decoded = peer.decode(peer === truth ? expected : (ids ?? []));
    } catch {
      decoded = undefined;
    }
    if (decoded !== expectedText) s.decode++;
  }
  return s;
}

export async function run(): Promise<BenchResult> {
  const sets = inputSets();
  const rows: string[][] = [];
  const examples: string[] = [];
  for (const name of ENCODINGS) {
    const peers = await loadPeers(name);
    const truth = peers.find((p) => p.name === 'tiktoken');
    if (!truth) throw new Error('tiktoken peer missing');
    const others = peers.filter((p) => p !== truth);
    try {
      for (const set of sets) {
        const cells: string[] = [];
        for (const peer of others) {
          const s = score(peer, truth, set.inputs);
          cells.push(`${s.ids} / ${s.decode}`);
          if (s.examples.length > 0) {
            // Random inputs: the shortest ones say most; named inputs: the first ones.
            const shown = set.label.startsWith('random') ? [...s.examples].sort((a, b) => a.length - b.length).slice(0, 2) : s.examples.slice(0, 3);
            examples.push(`- ${name}, ${peer.name}, ${set.label}: ${shown.join('; ')}${s.ids > shown.length ? '; …' : ''}`);
          }
        }
        rows.push([name, set.label, ...cells]);
      }
    } finally {
      for (const p of peers) p.free();
    }
  }
  const peerNames = ['nlpkit', 'js-tiktoken', 'gpt-tokenizer'];
  const markdown = [
    'Inputs each library gets wrong, as "ids wrong / decode wrong", against the real tiktoken (wasm): ids of an ordinary encode (special-token text as text) that differ from tiktoken\'s,',
    "and decode(its own ids) that differs from tiktoken's decode of its ids (UTF-8, invalid bytes as U+FFFD, a leading U+FEFF kept). Lower is better; 0 / 0 is exact.",
    '',
    markdownTable(['encoding', 'inputs', ...peerNames], rows),
    ...(examples.length > 0 ? ['', 'First inputs with wrong ids (hard-case names from `test/tiktoken/fixtures/hard-cases.ts`; code points placed in the contexts of `code-point-contexts.ts`; random strings: the two shortest, JSON-escaped):', ...examples] : []),
  ].join('\n');
  return { title: 'OpenAI encodings: exactness against tiktoken', markdown };
}
