/**
 * Decoder weights tuned on val (issue 9 §3, a small MERT-like search): coordinate ascent over the phrase
 * decoder's weights (LM, the four translation features, distortion, word and phrase penalty), one weight at a
 * time over a fixed grid, keeping a value only when it raises val BLEU. The model is a folder from
 * `bleu-table.ts --save DIR` (DIR/round-<r>). Val only: the search sees the odd lines of the `mono/val` source
 * half (see `valSet`), and the even lines, never searched on, show whether the gain holds on unseen val
 * sentences. `--test` then scores test2016 once with the starting and the tuned weights (reported, never
 * used to choose anything).
 *
 *   npx tsx --conditions=@nlpkit/source bench/sentences/tune-dev.ts --model /tmp/bt/model-en-fr/round-4 --pair en-fr [--reverse] [--sweeps 2]
 *     [--params lm,wordPenalty,...] [--beam N] [--test] [--out FILE]
 *
 * Prints the weights and BLEU after each accepted change; `--out` writes them as JSON. `--beam N` decodes with
 * another beam than the model's (`--sweeps 0` then just scores that beam).
 */
import { corpusBleu } from '@nlpkit/metrics';
import { writeFileAtomic, type MosesLang } from '@nlpkit/tokenize';
import { loadModel, modelDecoder } from '../../src/backtranslation/model-folder.js';
import { DEFAULT_WEIGHTS, type DecoderWeights } from '../../src/phrase/decoder.js';
import { scoreBleu, testSet, valSet } from './data.js';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const [L1, L2] = opt('pair', 'en-fr').split('-') as [MosesLang, MosesLang];
const reverse = args.includes('--reverse');
const [src, tgt] = reverse ? [L2, L1] : [L1, L2];
const sweeps = Number(opt('sweeps', '2'));
const beam = args.includes('--beam') ? { beamSize: Number(opt('beam', '20')) } : {};
const cpu = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const log = (s: string): void => void process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);

const model = await loadModel(opt('model', ''));
const val = await valSet(src, tgt);
const split = (parity: number): { source: string[][]; ref: string[] } => ({
  source: val.source.filter((_, i) => i % 2 === parity).map((l) => l.split(' ').filter((w) => w !== '')),
  ref: val.ref.filter((_, i) => i % 2 === parity),
});
const [tuneSet, checkSet] = [split(1), split(0)];

function bleu(weights: DecoderWeights, set: { source: string[][]; ref: string[] }): number {
  const d = modelDecoder(model, reverse, { ...beam, weights });
  const hyps = set.source.map((s) => d.translate(s).tokens.join(' '));
  return corpusBleu(hyps, [set.ref], { tokenize: 'none', lowercase: true, force: true }).score;
}

type Key = 'lm' | 'tm0' | 'tm1' | 'tm2' | 'tm3' | 'distortion' | 'wordPenalty' | 'phrasePenalty';
const GRID: Record<Key, number[]> = {
  lm: [0.25, 0.35, 0.5, 0.7, 1],
  tm0: [0, 0.1, 0.2, 0.3, 0.45],
  tm1: [0, 0.1, 0.2, 0.3, 0.45],
  tm2: [0, 0.1, 0.2, 0.3, 0.45],
  tm3: [0, 0.1, 0.2, 0.3, 0.45],
  distortion: [0, 0.1, 0.3, 0.6, 1],
  wordPenalty: [-2, -1.5, -1, -0.5, 0, 0.5],
  phrasePenalty: [-0.5, 0, 0.2, 0.5, 1],
};
// `--params`: the weights searched (default all); fewer weights overfit the 253 search sentences less.
const params = (args.includes('--params') ? opt('params', '').split(',') : Object.keys(GRID)) as Key[];
for (const k of params) if (!(k in GRID)) throw new Error(`--params: unknown weight ${k} (one of ${Object.keys(GRID).join(', ')})`);
const get = (w: DecoderWeights, k: Key): number => (k.startsWith('tm') ? w.tm[Number(k[2])] : (w[k as keyof DecoderWeights] as number));
const set = (w: DecoderWeights, k: Key, v: number): DecoderWeights => {
  if (!k.startsWith('tm')) return { ...w, [k]: v };
  const tm = [...w.tm] as [number, number, number, number];
  tm[Number(k[2])] = v;
  return { ...w, tm };
};

const t0 = cpu();
const start: DecoderWeights = { ...DEFAULT_WEIGHTS, ...model.config.decoder.weights };
let best = start;
let bestBleu = bleu(best, tuneSet);
const startCheck = bleu(start, checkSet);
log(`${src}-${tgt} start: tune half ${bestBleu.toFixed(2)}, check half ${startCheck.toFixed(2)} ${JSON.stringify(start)}`);
let evals = 2;
for (let sweep = 0; sweep < sweeps; sweep++) {
  let changed = false;
  for (const k of params) {
    for (const v of GRID[k]) {
      if (v === get(best, k)) continue;
      const w = set(best, k, v);
      const b = bleu(w, tuneSet);
      evals++;
      if (b > bestBleu + 1e-9) {
        [best, bestBleu, changed] = [w, b, true];
        log(`sweep ${sweep + 1}: ${k} = ${v} → tune half ${b.toFixed(2)}`);
      }
    }
  }
  if (!changed) break;
}
const tunedCheck = bleu(best, checkSet);
const result: Record<string, unknown> = {
  direction: `${src}-${tgt}`,
  params,
  beam: beam.beamSize ?? model.config.decoder.beamSize,
  model: opt('model', ''),
  start,
  tuned: best,
  tuneHalf: { start: Number(bleu(start, tuneSet).toFixed(2)), tuned: Number(bestBleu.toFixed(2)) },
  checkHalf: { start: Number(startCheck.toFixed(2)), tuned: Number(tunedCheck.toFixed(2)) },
  fullVal: { start: bleu(start, { source: [...tuneSet.source, ...checkSet.source], ref: [...tuneSet.ref, ...checkSet.ref] }), tuned: bleu(best, { source: [...tuneSet.source, ...checkSet.source], ref: [...tuneSet.ref, ...checkSet.ref] }) },
  evaluations: evals,
  cpuSeconds: cpu() - t0,
};
if (args.includes('--test')) {
  const test = await testSet(src, tgt);
  const run = (weights: DecoderWeights) => {
    const d = modelDecoder(model, reverse, { ...beam, weights });
    return scoreBleu(test.source.map((l) => d.translate(l.split(' ').filter((w) => w !== '')).tokens.join(' ')), test, tgt);
  };
  result.test = { start: run(start), tuned: run(best) };
}
log(JSON.stringify(result));
const out = opt('out', '');
if (out) await writeFileAtomic(out, JSON.stringify(result, null, 2) + '\n');
