import { ModelIoError } from '../../errors.js';
import type { ModelConfig } from '../config.js';
import { ModelFolder, openChecked } from '../model-folder.js';
import { boolTensor, float32Tensor, floatData, int64Tensor, type OnnxSession, type RuntimeOptions, type Tensor } from '../runtime/index.js';

/** Which files carry the decoder: Optimum's merged graph, the split pair, or a plain model.onnx with past inputs. */
export type DecoderLayout = 'merged' | 'split' | 'model';

/** Per layer [key, value], each [batch, kvHeads, pastLength, headDim]. */
export type PastKeyValues = Tensor[];

export interface DecoderOutput {
  /** Row-major [batch, seq, vocab]. */
  logits: Float32Array;
  present: PastKeyValues;
}

const BASE = ['input_ids', 'attention_mask'];
const isPast = (n: string): boolean => /^past_key_values\.\d+\.(key|value)$/.test(n);
const optional = (n: string): boolean => n === 'position_ids' || n === 'use_cache_branch' || isPast(n);

/**
 * Runs one decoder step on whichever layout the folder has; `past === null` is the first (no-cache) step.
 * Input/output names and which optional inputs exist are worked out once here, not per step: on small models
 * the per-step JS work is a visible share of the step (issue 8 §6, overhead over raw onnxruntime-node).
 */
export class DecoderRunner {
  private readonly pastNames: string[];
  private readonly presentNames: string[];
  private constructor(
    readonly layout: DecoderLayout,
    private readonly config: ModelConfig,
    private readonly withPast: OnnxSession,
    private readonly noPast: OnnxSession | null,
  ) {
    this.pastNames = [];
    this.presentNames = [];
    for (let l = 0; l < config.numLayers; l++) {
      for (const kv of ['key', 'value']) {
        this.pastNames.push(`past_key_values.${l}.${kv}`);
        this.presentNames.push(`present.${l}.${kv}`);
      }
    }
  }

  static async open(folder: ModelFolder, runtime: RuntimeOptions, layout?: DecoderLayout): Promise<DecoderRunner> {
    const cfg = folder.config;
    const io = { required: BASE, optional, outputs: ['logits'] };
    const pick = layout ?? (folder.findGraph('decoder_model_merged') ? 'merged' : folder.findGraph('decoder_with_past_model') ? 'split' : 'model');
    if (pick === 'split') {
      const first = await openChecked(folder.graph('decoder_model'), runtime, io);
      const next = await openChecked(folder.graph('decoder_with_past_model'), runtime, io);
      checkPastNames(next, cfg.numLayers);
      return new DecoderRunner('split', cfg, next, first);
    }
    const s = await openChecked(folder.graph(pick === 'merged' ? 'decoder_model_merged' : 'model'), runtime, io);
    checkPastNames(s, cfg.numLayers);
    return new DecoderRunner(pick, cfg, s, null);
  }

  get device(): string {
    return this.withPast.device;
  }

  /**
   * `ids`/`positions`: [batch, seq] row-major; `mask`: [batch, pastLength + seq]. Positions are ignored by
   * graphs without a position_ids input (they derive them). `logitsOut`, when given, seq is 1 and it holds 16k floats or more, receives the logits
   * (read them from the returned `logits` either way).
   */
  async run(ids: ArrayLike<number>, positions: ArrayLike<number> | BigInt64Array, mask: ArrayLike<number> | BigInt64Array, batch: number, past: PastKeyValues | null, logitsOut?: Float32Array): Promise<DecoderOutput> {
    const seq = ids.length / batch;
    const session = past === null && this.noPast ? this.noPast : this.withPast;
    const io = ioOf(session);
    const feeds: Record<string, Tensor> = {
      input_ids: int64Tensor(ids, [batch, seq]),
      attention_mask: int64Tensor(mask, [batch, mask.length / batch]),
    };
    if (io.positionIds) feeds.position_ids = int64Tensor(positions, [batch, seq]);
    if (io.useCacheBranch) feeds.use_cache_branch = boolTensor(past !== null);
    if (session !== this.noPast) {
      // The merged graph's no-cache branch still needs past inputs: zero-length ones, as transformers.js feeds.
      const empty = past ? null : float32Tensor(new Float32Array(0), [batch, this.config.numKvHeads, 0, this.config.headDim]);
      for (let i = 0; i < this.pastNames.length; i++) feeds[this.pastNames[i]] = past ? past[i] : empty!;
    }
    // `logitsOut` ([batch × vocab] for one token per row): a buffer reused across steps, which ORT writes in place.
    // Only for big outputs: for a few KB the copy saved is smaller than the fetch bookkeeping (on the tiny fixtures
    // a run with fetches measured a few % slower per call, near the noise).
    let fetches: Record<string, Tensor | null> | undefined;
    if (logitsOut && seq === 1 && logitsOut.length >= 16384) {
      fetches = {};
      for (const n of session.outputNames) fetches[n] = null;
      fetches.logits = float32Tensor(logitsOut, [batch, 1, logitsOut.length / batch]);
    }
    const out = await session.run(feeds, fetches);
    const present: Tensor[] = new Array<Tensor>(this.presentNames.length);
    for (let i = 0; i < this.presentNames.length; i++) {
      const t = out[this.presentNames[i]];
      if (!t) throw new ModelIoError(session.file, 'outputs', [this.presentNames[i]], session.outputNames);
      present[i] = t;
    }
    return { logits: floatData(out.logits, 'logits', session.file), present };
  }

  async release(): Promise<void> {
    await this.withPast.release();
    await this.noPast?.release();
  }
}

const ioCache = new WeakMap<OnnxSession, { positionIds: boolean; useCacheBranch: boolean }>();

/** Which optional inputs a decoder graph has (looked up once per session). */
function ioOf(s: OnnxSession): { positionIds: boolean; useCacheBranch: boolean } {
  let io = ioCache.get(s);
  if (!io) ioCache.set(s, (io = { positionIds: s.inputNames.includes('position_ids'), useCacheBranch: s.inputNames.includes('use_cache_branch') }));
  return io;
}

function checkPastNames(s: OnnxSession, layers: number): void {
  const expected = Array.from({ length: layers }, (_, l) => [`past_key_values.${l}.key`, `past_key_values.${l}.value`]).flat();
  const found = s.inputNames.filter(isPast);
  if (found.length !== expected.length || expected.some((n) => !found.includes(n))) throw new ModelIoError(s.file, 'inputs', [...BASE, ...expected], s.inputNames);
}

/** Rows of every past tensor gathered by `rows` (beam reordering): out[i] = past[rows[i]]. */
export function selectRows(past: PastKeyValues, rows: readonly number[]): PastKeyValues {
  return past.map((t) => {
    const [, h, len, d] = t.dims;
    const block = h * len * d;
    const src = t.data as Float32Array;
    const dst = new Float32Array(rows.length * block);
    rows.forEach((r, i) => dst.set(src.subarray(r * block, (r + 1) * block), i * block));
    return float32Tensor(dst, [rows.length, h, len, d]);
  });
}
