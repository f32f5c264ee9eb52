/**
 * `translate eval-dict`: precision@k of word translations against a gold MUSE-format dictionary, either of an
 * induced dictionary file (its candidates in file order are the ranking) or of retrieval between two vector
 * files already in one space (`--src` mapped source vectors, `--tgt` target vectors), exactly as MUSE.
 */
import type { Command } from 'commander';
import { readVectors } from '@nlpkit/embed';
import { readDictionary, evaluateTranslation, type BilingualDictionary, type RetrievalMethod } from '../mapping/index.js';
import { EmptyDictionaryError } from '../errors.js';
import { write, type CliIo } from './io.js';
import { intOption, ksOption, methodOption } from './options.js';
import { UsageError } from './report.js';

interface EvalFlags {
  gold: string;
  dict?: string;
  src?: string;
  tgt?: string;
  method: RetrievalMethod;
  maxVocab: number;
  ks: number[];
  json?: boolean;
}

export interface DictionaryEvaluation {
  readonly precisionAt: Record<number, number>;
  /** Distinct gold source words. */
  readonly goldSources: number;
  /** Gold source words the evaluation averages over (present in the induced dictionary or both vocabularies). */
  readonly evaluated: number;
}

export function configureEvalDict(cmd: Command, io: CliIo): void {
  cmd
    .description('precision@k of an induced dictionary (or of retrieval between mapped vectors) against a gold dictionary')
    .requiredOption('--gold <file>', 'gold dictionary, MUSE format ("source target" per line; several targets per source)')
    .option('--dict <file>', 'an induced dictionary (e.g. from "translate induce --candidates 10"); ranking = file order')
    .option('--src <file>', 'mapped source vectors (instead of --dict)')
    .option('--tgt <file>', 'target vectors, in the same space as --src')
    .option('--method <m>', 'retrieval with --src/--tgt: csls | nn', methodOption, 'csls' as RetrievalMethod)
    .option('--max-vocab <n>', 'read at most this many words of each vector file', intOption('--max-vocab', 1), 200_000)
    .option('--ks <list>', 'cut-offs', ksOption, [1, 5, 10])
    .option('--json', 'print the result as JSON')
    .action(async (flags: EvalFlags) => evalDict(flags, io));
}

async function evalDict(f: EvalFlags, io: CliIo): Promise<void> {
  const gold = await readDictionary(f.gold);
  let result: DictionaryEvaluation & { method: string };
  if (f.dict !== undefined) {
    if (f.src !== undefined || f.tgt !== undefined) throw new UsageError('give either --dict or --src and --tgt, not both');
    result = { method: 'dictionary', ...scoreInducedDictionary(await readDictionary(f.dict), gold, f.ks) };
  } else {
    if (f.src === undefined || f.tgt === undefined) throw new UsageError('give --dict FILE, or both --src and --tgt');
    const src = await readVectors(f.src, { limit: f.maxVocab });
    const tgt = await readVectors(f.tgt, { limit: f.maxVocab });
    const r = evaluateTranslation(src, tgt, gold, { method: f.method, ks: f.ks });
    result = { method: r.method, precisionAt: { ...r.precisionAt }, goldSources: r.coverage.sources, evaluated: r.queries };
  }
  const text = f.json
    ? `${JSON.stringify(result)}\n`
    : `${f.ks.map((k) => `P@${k} ${(100 * result.precisionAt[k]).toFixed(2)}`).join('  ')}  ` +
      `(${result.method}; ${result.evaluated} of ${result.goldSources} gold source words covered)\n`;
  await write(io.stdout, text);
}

/**
 * P@k of an induced dictionary: for each gold source word listed in `induced`, the rank of its first candidate
 * that is one of the gold translations; gold words absent from `induced` are not covered (reported, not counted).
 */
export function scoreInducedDictionary(induced: BilingualDictionary, gold: BilingualDictionary, ks: readonly number[]): DictionaryEvaluation {
  const candidates = new Map<string, string[]>();
  for (const [s, t] of induced.pairs) {
    const list = candidates.get(s);
    if (list === undefined) candidates.set(s, [t]);
    else list.push(t);
  }
  const golds = new Map<string, Set<string>>();
  for (const [s, t] of gold.pairs) {
    const set = golds.get(s);
    if (set === undefined) golds.set(s, new Set([t]));
    else set.add(t);
  }
  const hits = new Float64Array(ks.length);
  let evaluated = 0;
  for (const [s, targets] of golds) {
    const list = candidates.get(s);
    if (list === undefined) continue;
    evaluated++;
    const rank = list.findIndex((t) => targets.has(t));
    if (rank < 0) continue;
    ks.forEach((k, i) => {
      if (rank < k) hits[i]++;
    });
  }
  if (evaluated === 0) throw new EmptyDictionaryError(gold.name, gold.pairs.length, gold.pairs.length, 0);
  const precisionAt: Record<number, number> = {};
  ks.forEach((k, i) => (precisionAt[k] = hits[i] / evaluated));
  return { precisionAt, goldSources: golds.size, evaluated };
}
