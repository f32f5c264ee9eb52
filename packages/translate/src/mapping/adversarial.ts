/**
 * MUSE's adversarial initialisation (Conneau et al. 2018, "Word translation without parallel data",
 * `unsupervised.py`): a linear map W is trained to fool a discriminator that tells mapped source vectors from
 * target vectors, sampled among the `mostFrequent` words of each side. Per iteration: `disSteps` discriminator
 * steps (labels smoothed to 1 − s / s), then one mapping step against flipped labels followed by MUSE's
 * orthogonalisation W ← (1 + β) W − β (W Wᵀ) W. After each epoch the unsupervised criterion picks the best W;
 * the mapping learning rate decays by `lrDecay` each epoch and shrinks by `lrShrink` when the criterion drops.
 * All sizes are options (MUSE: 2 × 2048 hidden units, 5 epochs × 1M samples); everything is seeded.
 */
import { DimensionMismatchError, InvalidOptionError } from '../errors.js';
import { Rng } from '../random.js';
import { diagnoseMapping, type CollapseOptions, type MappingDiagnosis } from './collapse.js';
import { Discriminator } from './discriminator.js';
import { identity, multiply } from './linalg.js';
import { meanCosine } from './induction.js';
import { checkSpace, normalizeRows, type EmbeddingSpace } from './space.js';

export interface AdversarialOptions {
  /** Default 5. */
  epochs?: number;
  /** Mapping steps per epoch (MUSE: 1,000,000 / 32 = 31250). Default 1000. */
  iterationsPerEpoch?: number;
  /** Discriminator steps per mapping step. Default 5. */
  disSteps?: number;
  /** Vectors per side per step. Default 32. */
  batchSize?: number;
  /** Hidden layers and units of the discriminator (MUSE: 2 × 2048). Default 2 × 256. */
  disLayers?: number;
  disHidden?: number;
  /** Default 0.1. */
  disInputDropout?: number;
  /** Label smoothing (`dis_smooth`). Default 0.1. */
  disSmooth?: number;
  /** Sample among this many most frequent words (`dis_most_frequent`, MUSE 75000; 0 = all). Default 75000. */
  mostFrequent?: number;
  /** SGD learning rates. Default 0.1 each. */
  mapLr?: number;
  disLr?: number;
  /** Per-epoch decay of the mapping lr. Default 0.98. */
  lrDecay?: number;
  /** Factor applied when the criterion drops. Default 0.5. */
  lrShrink?: number;
  /** Stop once the mapping lr falls below this. Default 1e-6. */
  minLr?: number;
  /** Orthogonalisation strength (`map_beta`). Default 0.001. */
  beta?: number;
  /** Words used by the criterion. Default 10000. */
  criterionRank?: number;
  seed?: number;
  collapse?: CollapseOptions;
}

export interface AdversarialEpoch {
  readonly epoch: number;
  readonly criterion: number;
  /** Mean discriminator loss over the epoch. */
  readonly disLoss: number;
  readonly mapLr: number;
}

export interface AdversarialResult {
  /** The best W by the criterion (d × d, row-major, `mapped = x · W`), for unit-length rows. */
  readonly mapping: Float32Array;
  readonly criterion: number;
  readonly bestEpoch: number;
  readonly history: readonly AdversarialEpoch[];
  readonly diagnosis: MappingDiagnosis;
}

/**
 * Learn a mapping from `src` to `tgt` without any dictionary. Inputs are used with unit-length rows; follow
 * with `refine` (Procrustes on mutual CSLS neighbours), as MUSE does.
 */
export function adversarialMapping(srcSpace: EmbeddingSpace, tgtSpace: EmbeddingSpace, o: AdversarialOptions = {}): AdversarialResult {
  checkSpace('source', srcSpace);
  checkSpace('target', tgtSpace);
  const d = srcSpace.dim;
  if (tgtSpace.dim !== d) throw new DimensionMismatchError('target space', d, tgtSpace.dim);
  const num = (name: keyof AdversarialOptions, def: number, ok: (v: number) => boolean, expected: string): number => {
    const v = (o[name] as number | undefined) ?? def;
    if (typeof v !== 'number' || !ok(v)) throw new InvalidOptionError(name, v, expected);
    return v;
  };
  const posInt = (v: number) => Number.isInteger(v) && v >= 1;
  const prob = (v: number) => v >= 0 && v < 1;
  const epochs = num('epochs', 5, posInt, 'a positive integer');
  const iters = num('iterationsPerEpoch', 1000, posInt, 'a positive integer');
  const disSteps = num('disSteps', 5, (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer');
  const bs = num('batchSize', 32, posInt, 'a positive integer');
  const layers = num('disLayers', 2, (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer');
  const hidden = num('disHidden', 256, posInt, 'a positive integer');
  const inputDropout = num('disInputDropout', 0.1, prob, 'a probability in [0, 1)');
  const smooth = num('disSmooth', 0.1, (v) => v >= 0 && v <= 0.5, 'a number in [0, 0.5]');
  const mostFrequent = num('mostFrequent', 75000, (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer');
  let mapLr = num('mapLr', 0.1, (v) => v > 0, 'a positive number');
  const disLr = num('disLr', 0.1, (v) => v > 0, 'a positive number');
  const lrDecay = num('lrDecay', 0.98, (v) => v > 0 && v <= 1, 'a number in (0, 1]');
  const lrShrink = num('lrShrink', 0.5, (v) => v > 0 && v <= 1, 'a number in (0, 1]');
  const minLr = num('minLr', 1e-6, (v) => v >= 0, 'a non-negative number');
  const beta = num('beta', 0.001, (v) => v >= 0, 'a non-negative number');
  const criterionRank = num('criterionRank', 10000, posInt, 'a positive integer');

  const rng = new Rng(o.seed ?? 0);
  const x = normalizeRows(srcSpace.vectors.slice(), d);
  const y = normalizeRows(tgtSpace.vectors.slice(), d);
  const nx = x.length / d;
  const ny = y.length / d;
  const mfx = mostFrequent === 0 ? nx : Math.min(mostFrequent, nx);
  const mfy = mostFrequent === 0 ? ny : Math.min(mostFrequent, ny);
  const dis = new Discriminator({ inputDim: d, layers, hidden, slope: 0.2, inputDropout }, rng);
  const w = Float32Array.from(identity(d)); // MUSE's map_id_init
  const rows = 2 * bs;
  const batch = new Float32Array(rows * d);
  const srcIds = new Int32Array(bs);
  const labels = new Float32Array(rows);
  const flipped = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    labels[r] = r < bs ? 1 - smooth : smooth;
    flipped[r] = 1 - labels[r];
  }
  const probs = new Float32Array(rows);
  const gradIn = new Float32Array(rows * d);
  const gw = new Float64Array(d * d);

  // Mapped source rows then target rows, each drawn uniformly among the most frequent words.
  const fill = (): void => {
    for (let r = 0; r < bs; r++) {
      const i = rng.int(mfx);
      srcIds[r] = i;
      const xo = i * d;
      for (let c = 0; c < d; c++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += x[xo + t] * w[t * d + c];
        batch[r * d + c] = s;
      }
    }
    for (let r = 0; r < bs; r++) {
      const j = rng.int(mfy);
      batch.set(y.subarray(j * d, j * d + d), (bs + r) * d);
    }
  };

  const orthogonalize = (): void => {
    // W ← (1 + β) W − β (W Wᵀ) W
    const wwt = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += w[i * d + t] * w[j * d + t];
        wwt[i * d + j] = s;
      }
    }
    const next = new Float32Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += wwt[i * d + t] * w[t * d + j];
        next[i * d + j] = (1 + beta) * w[i * d + j] - beta * s;
      }
    }
    w.set(next);
  };

  const history: AdversarialEpoch[] = [];
  let best = { mapping: w.slice(), criterion: -Infinity, bestEpoch: -1 };
  let shrinkArmed = false;
  for (let epoch = 0; epoch < epochs; epoch++) {
    let disLoss = 0;
    for (let it = 0; it < iters; it++) {
      for (let s = 0; s < disSteps; s++) {
        fill();
        dis.forward(batch, rows, true, probs);
        disLoss += dis.backward(probs, labels, rows, disLr);
      }
      // Mapping step: the discriminator in eval mode, flipped labels, gradient into W through the source half.
      fill();
      dis.forward(batch, rows, false, probs);
      dis.backward(probs, flipped, rows, 0, gradIn);
      gw.fill(0);
      for (let r = 0; r < bs; r++) {
        const xo = srcIds[r] * d;
        for (let t = 0; t < d; t++) {
          const v = x[xo + t];
          for (let c = 0; c < d; c++) gw[t * d + c] += v * gradIn[r * d + c];
        }
      }
      for (let i = 0; i < d * d; i++) w[i] -= mapLr * gw[i];
      orthogonalize();
    }
    const mapped = normalizeRows(multiply(x, d, w, d), d);
    const criterion = meanCosine(mapped, y, d, { maxRank: criterionRank });
    history.push({ epoch, criterion, disLoss: disSteps > 0 ? disLoss / (iters * disSteps) : 0, mapLr });
    if (criterion > best.criterion) best = { mapping: w.slice(), criterion, bestEpoch: epoch };
    // MUSE's update_lr: decay every epoch; shrink when the criterion fell below the best (from the second time on).
    mapLr = Math.max(minLr, mapLr * lrDecay);
    if (lrShrink < 1 && criterion < best.criterion) {
      if (shrinkArmed) mapLr *= lrShrink;
      shrinkArmed = true;
    }
    if (mapLr < minLr) break;
  }
  const diagnosis = diagnoseMapping(normalizeRows(multiply(x, d, best.mapping, d), d), y, d, {
    maxRank: criterionRank,
    words: { src: srcSpace.words, tgt: tgtSpace.words },
    ...o.collapse,
  });
  return { ...best, history, diagnosis };
}
