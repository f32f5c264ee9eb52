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

/** Runs one decoder step on whichever layout the folder has; `past === null` is the first (no-cache) step. */
export class DecoderRunner {
  private constructor(
    readonly layout: DecoderLayout,
    private readonly config: ModelConfig,
    private readonly withPast: OnnxSession,
    private readonly noPast: OnnxSession | null,
  ) {}

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
   * graphs without a position_ids input (they derive them). `logitsOut`, when given and seq is 1, receives the logits.
   */
  async run(ids: ArrayLike<number>, positions: ArrayLike<number>, mask: ArrayLike<number>, batch: number, past: PastKeyValues | null, logitsOut?: Float32Array): Promise<DecoderOutput> {
    const seq = ids.length / batch;
    const session = past === null && this.noPast ? this.noPast : this.withPast;
    const feeds: Record<string, Tensor> = {
      input_ids: int64Tensor(ids, [batch, seq]),
      attention_mask: int64Tensor(mask, [batch, mask.length / batch]),
    };
    if (session.inputNames.includes('position_ids')) feeds.position_ids = int64Tensor(positions, [batch, seq]);
    if (session.inputNames.includes('use_cache_branch')) feeds.use_cache_branch = boolTensor(past !== null);
    if (session !== this.noPast) {
      const { numLayers, numKvHeads, headDim } = this.config;
      for (let l = 0; l < numLayers; l++) {
        for (const [j, kv] of ['key', 'value'].entries()) {
          // The merged graph's no-cache branch still needs past inputs: zero-length ones, as transformers.js feeds.
          feeds[`past_key_values.${l}.${kv}`] = past ? past[2 * l + j] : float32Tensor(new Float32Array(0), [batch, numKvHeads, 0, headDim]);
        }
      }
    }
    // `logitsOut` ([batch × vocab] for one token per row): a buffer reused across steps, which ORT writes in place.
    const out = logitsOut && seq === 1 ? await session.run(feeds, { ...Object.fromEntries(session.outputNames.map((n) => [n, null])), logits: float32Tensor(logitsOut, [batch, 1, logitsOut.length / batch]) }) : await session.run(feeds);
    const present: Tensor[] = [];
    for (let l = 0; l < this.config.numLayers; l++) {
      for (const kv of ['key', 'value']) {
        const t = out[`present.${l}.${kv}`];
        if (!t) throw new ModelIoError(session.file, 'outputs', [`present.${l}.${kv}`], session.outputNames);
        present.push(t);
      }
    }
    return { logits: floatData(out.logits, 'logits', session.file), present };
  }

  async release(): Promise<void> {
    await this.withPast.release();
    await this.noPast?.release();
  }
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
