/**
 * `translate induce`: learn a mapping between two embedding spaces (from a seed dictionary, from identical
 * strings, or without any: VecMap or MUSE's adversarial training, then refinement — MUSE's, or VecMap's
 * self-learning with `--self-learning vecmap`) and write the induced
 * dictionary — the best `--candidates` targets of the most frequent source words, best first, in MUSE's
 * `source target` format. A collapsed mapping is reported and not written unless `--keep-collapsed`.
 */
import type { Command } from 'commander';
import { readVectors, writeVectors, KeyedVectors } from '@nlpkit/embed';
import { writeFileAtomic } from '@nlpkit/tokenize';
import { CollapsedMappingError, DimensionMismatchError, EmptyDictionaryError } from '../errors.js';
import {
  adversarialMapping,
  applyMapping,
  CslsPenalties,
  describeDiagnosis,
  readDictionary,
  refine,
  resolveDictionary,
  retrieve,
  unitRows,
  vecmapSelfLearning,
  vecmapUnsupervised,
  type EmbeddingSpace,
  type IndexPairs,
  type MappingDiagnosis,
  type RetrievalMethod,
  type VecMapResult,
} from '../mapping/index.js';
import { write, type CliIo } from './io.js';
import { intOption, methodOption } from './options.js';
import { UsageError } from './report.js';

interface InduceFlags {
  src: string;
  tgt: string;
  output: string;
  seedDict?: string;
  identical?: boolean;
  unsupervised?: 'vecmap' | 'adversarial';
  maxVocab: number;
  refine?: number;
  reweight?: number;
  reduce?: number;
  selfLearning: string;
  stochasticInterval?: number;
  maxIterations?: number;
  deterministicFinish: boolean;
  method: RetrievalMethod;
  candidates: number;
  dictSize: number;
  mappedSrc?: string;
  mappedTgt?: string;
  keepCollapsed?: boolean;
  seed: number;
  json?: boolean;
}

export function configureInduce(cmd: Command, io: CliIo): void {
  cmd
    .description('learn a mapping between two embedding spaces and write the induced bilingual dictionary')
    .requiredOption('--src <file>', 'source vectors (word2vec .bin/.txt or fastText .vec), most frequent word first')
    .requiredOption('--tgt <file>', 'target vectors')
    .requiredOption('-o, --output <file>', 'the induced dictionary (MUSE format: "source target" lines, best first)')
    .option('--seed-dict <file>', 'supervised: Procrustes on this MUSE-format dictionary, then refinement')
    .option('--identical', 'weakly supervised: seed with the words spelled the same in both vocabularies')
    .option('--unsupervised <method>', 'no dictionary: vecmap | adversarial (followed by refinement)')
    .option('--max-vocab <n>', 'read at most this many words of each file', intOption('--max-vocab', 1), 50_000)
    .option('--refine <n>', 'refinement iterations (default 5; 0 with vecmap, which refines itself)', intOption('--refine', 0))
    .option('--reweight <p>', "after refinement, VecMap's whitening + re-weighting (singular values ^ p) + de-whitening; maps both sides", reweightOption)
    .option('--reduce <k>', "with --reweight: keep only the k strongest directions of the shared space (VecMap's --dim_reduction)", intOption('--reduce', 1))
    .option('--self-learning <how>', "from --seed-dict / --identical: refine (MUSE's refinement) | vecmap (VecMap's stochastic self-learning + re-weighting)", 'refine')
    .option('--stochastic-interval <n>', 'with --self-learning vecmap: iterations without gain before the keep probability doubles (VecMap: 50)', intOption('--stochastic-interval', 1))
    .option('--max-iterations <n>', 'vecmap: cap on self-learning iterations (default 1000)', intOption('--max-iterations', 1))
    .option('--no-deterministic-finish', 'vecmap: when the cap stops the loop below keep probability 1, re-weight the last dropout dictionary instead of one induced at keep 1')
    .option('--method <m>', 'retrieval: csls | nn', methodOption, 'csls' as RetrievalMethod)
    .option('--candidates <n>', 'targets written per source word', intOption('--candidates', 1), 1)
    .option('--dict-size <n>', 'translate the n most frequent source words', intOption('--dict-size', 1), 20_000)
    .option('--mapped-src <file>', 'also write the mapped source vectors (format by extension)')
    .option('--mapped-tgt <file>', 'also write the target vectors of the shared space (vecmap maps both sides; else normalised)')
    .option('--keep-collapsed', 'write the dictionary even when the mapping collapsed')
    .option('--seed <n>', 'seed of the unsupervised methods', intOption('--seed', 0), 1)
    .option('--json', 'print the summary as JSON')
    .action(async (flags: InduceFlags) => induce(flags, io));
}

function reweightOption(value: string): number {
  const p = Number(value);
  if (value.trim() === '' || !Number.isFinite(p)) throw new UsageError(`--reweight must be a number (e.g. 0.5), not ${JSON.stringify(value)}`);
  return p;
}

async function induce(f: InduceFlags, io: CliIo): Promise<void> {
  const modes = [f.seedDict !== undefined, f.identical === true, f.unsupervised !== undefined].filter(Boolean).length;
  if (modes !== 1) throw new UsageError('give exactly one of --seed-dict FILE, --identical, --unsupervised vecmap|adversarial');
  if (f.unsupervised !== undefined && f.unsupervised !== 'vecmap' && f.unsupervised !== 'adversarial') {
    throw new UsageError(`--unsupervised must be vecmap or adversarial, not ${JSON.stringify(f.unsupervised)}`);
  }
  if (f.unsupervised === 'vecmap' && ((f.refine ?? 0) > 0 || f.reweight !== undefined)) {
    throw new UsageError('--refine and --reweight do not apply to --unsupervised vecmap (it refines and re-weights itself)');
  }
  if (f.selfLearning !== 'refine' && f.selfLearning !== 'vecmap') {
    throw new UsageError(`--self-learning must be refine or vecmap, not ${JSON.stringify(f.selfLearning)}`);
  }
  if (f.reduce !== undefined && f.reweight === undefined) {
    throw new UsageError('--reduce needs --reweight (it keeps the strongest directions of the re-weighted spaces)');
  }
  const vecmapFromSeed = f.selfLearning === 'vecmap';
  if (vecmapFromSeed && (f.unsupervised !== undefined || (f.refine ?? 0) > 0 || f.reweight !== undefined)) {
    throw new UsageError('--self-learning vecmap takes --seed-dict or --identical, without --refine or --reweight (it re-weights itself)');
  }
  if (!vecmapFromSeed && f.unsupervised !== 'vecmap' && (f.maxIterations !== undefined || !f.deterministicFinish)) {
    throw new UsageError('--max-iterations and --no-deterministic-finish apply to vecmap only (--unsupervised vecmap or --self-learning vecmap)');
  }
  const started = Date.now();
  const src = await readVectors(f.src, { limit: f.maxVocab });
  const tgt = await readVectors(f.tgt, { limit: f.maxVocab });
  if (src.dim !== tgt.dim) throw new DimensionMismatchError(`${f.tgt} (target vectors)`, src.dim, tgt.dim);

  let seedPairs: number | undefined;
  const loop = { maxIterations: f.maxIterations, deterministicFinish: f.deterministicFinish };
  let mapping: InducedMapping;
  if (f.unsupervised === 'vecmap') {
    mapping = fromVecmap(vecmapUnsupervised(src, tgt, { seed: f.seed, ...loop }));
  } else {
    let start: { mapping: Float32Array } | { seed: IndexPairs };
    if (f.unsupervised === 'adversarial') {
      start = { mapping: adversarialMapping(src, tgt, { seed: f.seed }).mapping };
    } else {
      const dict = f.seedDict !== undefined ? await readDictionary(f.seedDict) : identicalDictionary(src, tgt);
      const resolved = resolveDictionary(dict, src, tgt);
      seedPairs = resolved.src.length;
      start = { seed: resolved };
    }
    if (vecmapFromSeed && 'seed' in start) {
      mapping = fromVecmap(vecmapSelfLearning(src, tgt, start.seed, { seed: f.seed, stochasticInterval: f.stochasticInterval, ...loop }));
    } else {
      const r = refine(src, tgt, start, { iterations: f.refine ?? 5, method: f.method, reweight: f.reweight, reduce: f.reduce });
      mapping = {
        mappedSrc: applyMapping(src, r.mapping, { normalize: true }),
        mappedTgt: r.tgtMapping === undefined ? tgt : applyMapping(tgt, r.tgtMapping, { normalize: true }),
        diagnosis: r.diagnosis,
        criterion: r.criterion,
      };
    }
  }
  const { mappedSrc, mappedTgt, diagnosis, criterion, vecmap } = mapping;

  const summary = {
    source: { file: f.src, words: src.size },
    target: { file: f.tgt, words: tgt.size },
    dim: src.dim,
    mode: (f.unsupervised ?? (f.identical ? 'identical' : 'seed-dict')) + (vecmapFromSeed ? '+vecmap' : ''),
    seedPairs,
    criterion,
    diagnosis,
    vecmap,
    dictionary: f.output,
    entries: 0,
    seconds: 0,
  };
  if (diagnosis.collapsed && !f.keepCollapsed) {
    const { reason, meanCosine, chanceMeanCosine, distinctRatio } = diagnosis;
    const err = new CollapsedMappingError(reason, meanCosine, chanceMeanCosine, distinctRatio, describeDiagnosis(diagnosis));
    err.message += '; nothing written (try another --seed, or --keep-collapsed to write it anyway)';
    throw err;
  }
  const n = Math.min(f.dictSize, mappedSrc.words.length);
  const s = unitRows(mappedSrc);
  const t = unitRows(mappedTgt);
  const penalties = f.method === 'csls' ? new CslsPenalties(s, t, src.dim) : undefined;
  const queries = Int32Array.from({ length: n }, (_, i) => i);
  const top = retrieve(s, t, src.dim, queries, f.candidates, { method: f.method, penalties });
  const lines: string[] = [];
  for (let q = 0; q < n; q++) {
    for (let j = 0; j < top.k; j++) lines.push(`${mappedSrc.words[q]} ${mappedTgt.words[top.index[q * top.k + j]]}`);
  }
  await writeFileAtomic(f.output, lines.join('\n') + '\n');
  if (f.mappedSrc !== undefined) {
    await writeVectors(f.mappedSrc, new KeyedVectors(mappedSrc.words, mappedSrc.vectors, mappedSrc.dim));
  }
  if (f.mappedTgt !== undefined) {
    await writeVectors(f.mappedTgt, new KeyedVectors(mappedTgt.words, t, mappedTgt.dim));
  }
  summary.entries = lines.length;
  summary.seconds = (Date.now() - started) / 1000;
  await write(io.stdout, f.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
}

/** The mapped spaces an induction ends with, and what the summary reports of them. */
interface InducedMapping {
  mappedSrc: EmbeddingSpace;
  mappedTgt: EmbeddingSpace;
  diagnosis: MappingDiagnosis;
  criterion: number;
  vecmap?: { iterations: number; deterministicFinish: boolean };
}

/** A VecMap run (unsupervised or from a seed) maps both sides; its criterion is the re-weighted spaces' mean cosine. */
function fromVecmap(v: VecMapResult): InducedMapping {
  return {
    mappedSrc: v.mappedSrc,
    mappedTgt: v.mappedTgt,
    diagnosis: v.diagnosis,
    criterion: v.diagnosis.meanCosine,
    vecmap: { iterations: v.iterations, deterministicFinish: v.deterministicFinish },
  };
}

/** Every word spelled the same in both vocabularies (the "identical strings" seed of Søgaard et al. 2018). */
function identicalDictionary(src: KeyedVectors, tgt: KeyedVectors): { name: string; pairs: [string, string][] } {
  const pairs: [string, string][] = [];
  for (const w of src.words) if (tgt.has(w)) pairs.push([w, w]);
  if (pairs.length === 0) throw new EmptyDictionaryError('identical strings', 0, 0, 0);
  return { name: 'identical strings', pairs };
}

function formatSummary(s: {
  source: { file: string; words: number };
  target: { file: string; words: number };
  dim: number;
  mode: string;
  seedPairs?: number;
  criterion: number;
  diagnosis: MappingDiagnosis;
  dictionary: string;
  entries: number;
  seconds: number;
}): string {
  const seed = s.seedPairs !== undefined ? `, ${s.seedPairs} seed pairs` : '';
  return (
    `${s.mode}${seed}: ${s.source.words} source and ${s.target.words} target words, dim ${s.dim}\n` +
    `collapse check: ${s.diagnosis.collapsed ? `COLLAPSED (${s.diagnosis.reason})` : 'not collapsed'} — ${describeDiagnosis(s.diagnosis)}\n` +
    `wrote ${s.entries} entries to ${s.dictionary} in ${s.seconds.toFixed(1)} s\n`
  );
}
