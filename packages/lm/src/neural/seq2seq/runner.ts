import { ModelIoError } from '../../errors.js';
import { ModelFolder, openChecked } from '../model-folder.js';
import { float32Tensor, floatData, boolTensor, gatherInt64Rows, gatherRows, int64Tensor, type OnnxSession, type RuntimeOptions, type Tensor } from '../runtime/index.js';

/** Which files carry the decoder: Optimum's merged graph or the split decoder_model + decoder_with_past_model pair. */
export type Seq2SeqLayout = 'merged' | 'split';

/** The encoder's output for a batch, kept for every decoder step: hidden states [rows, srcLen, hidden] and mask [rows, srcLen]. */
export interface EncoderState {
  hidden: Tensor;
  mask: Tensor;
}

/**
 * The decoder's cache: self-attention key/values per layer (grow by one position per step, reordered with the
 * beams) and the cross-attention key/values computed once from the encoder output (fixed; rows follow sources).
 */
export interface Seq2SeqCache {
  self: Tensor[];
  cross: Tensor[];
}

const isPast = (n: string): boolean => /^past_key_values\.\d+\.(decoder|encoder)\.(key|value)$/.test(n);

/**
 * Runs an Optimum-layout encoder–decoder: `encoder_model.onnx` once per batch, then one decoder step at a time.
 * The first step runs without a cache (the merged graph's else-branch or decoder_model.onnx) and yields the
 * cross-attention cache; later steps feed it back unchanged, as transformers and transformers.js do.
 */
export class Seq2SeqRunner {
  /** Per layer l at [4l .. 4l + 3]: decoder key, decoder value, encoder key, encoder value (names worked out once, not per step). */
  private readonly pastNames: string[] = [];
  private readonly presentNames: string[] = [];
  private constructor(
    readonly layout: Seq2SeqLayout,
    private readonly encoder: OnnxSession,
    private readonly withPast: OnnxSession,
    private readonly noPast: OnnxSession | null,
    readonly numLayers: number,
    private readonly kvDims: readonly [number, number],
  ) {
    for (let l = 0; l < numLayers; l++) {
      for (const n of ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value']) {
        this.pastNames.push(`past_key_values.${l}.${n}`);
        this.presentNames.push(`present.${l}.${n}`);
      }
    }
    this.encoderHasMask = encoder.inputNames.includes('attention_mask');
  }

  /**
   * Every output a step fetches must exist (checked once at open, not per step): logits and the self-attention
   * presents from every decoder graph, and the cross-attention presents from the one running the first step.
   */
  private checkOutputs(): void {
    const need = (s: OnnxSession, withCross: boolean): void => {
      for (const name of ['logits', ...this.presentNames.filter((n) => withCross || n.includes('.decoder.'))]) {
        if (!s.outputNames.includes(name)) throw new ModelIoError(s.file, 'outputs', [name], s.outputNames);
      }
    };
    need(this.withPast, this.noPast === null);
    if (this.noPast) need(this.noPast, true);
  }

  private static async make(layout: Seq2SeqLayout, encoder: OnnxSession, withPast: OnnxSession, noPast: OnnxSession | null, layers: number, kvDims: readonly [number, number]): Promise<Seq2SeqRunner> {
    const r = new Seq2SeqRunner(layout, encoder, withPast, noPast, layers, kvDims);
    try {
      r.checkOutputs();
    } catch (e) {
      await r.release();
      throw e;
    }
    return r;
  }
  private readonly encoderHasMask: boolean;

  static async open(folder: ModelFolder, runtime: RuntimeOptions, layout?: Seq2SeqLayout): Promise<Seq2SeqRunner> {
    const raw = folder.config.raw;
    const num = (...names: string[]): number | undefined => names.map((n) => raw[n]).find((v): v is number => typeof v === 'number');
    const layers = num('decoder_layers', 'num_decoder_layers') ?? folder.config.numLayers;
    const heads = num('decoder_attention_heads', 'num_heads') ?? folder.config.numHeads;
    const headDim = num('d_kv') ?? folder.config.hiddenSize / heads;
    const encoder = await openChecked(folder.graph('encoder_model'), runtime, {
      required: ['input_ids'],
      optional: (n) => n === 'attention_mask',
      outputs: ['last_hidden_state'],
    });
    const io = (withPast: boolean) => ({
      required: withPast ? ['input_ids'] : ['input_ids', 'encoder_hidden_states'],
      optional: (n: string) => n === 'encoder_attention_mask' || n === 'encoder_hidden_states' || n === 'use_cache_branch' || isPast(n),
      outputs: ['logits'],
    });
    const pick = layout ?? (folder.findGraph('decoder_model_merged') ? 'merged' : 'split');
    if (pick === 'split') {
      const first = await openChecked(folder.graph('decoder_model'), runtime, io(false));
      const next = await openChecked(folder.graph('decoder_with_past_model'), runtime, io(true));
      checkPastNames(next, layers);
      return Seq2SeqRunner.make('split', encoder, next, first, layers, [heads, headDim]);
    }
    const merged = await openChecked(folder.graph('decoder_model_merged'), runtime, io(false));
    checkPastNames(merged, layers);
    return Seq2SeqRunner.make('merged', encoder, merged, null, layers, [heads, headDim]);
  }

  get device(): string {
    return this.encoder.device;
  }

  /** Encodes a right-padded batch: `ids`/`mask` row-major [batch, srcLen]. */
  async encode(ids: ArrayLike<number>, mask: ArrayLike<number>, batch: number): Promise<EncoderState> {
    const len = ids.length / batch;
    const maskT = int64Tensor(mask, [batch, len]);
    const feeds: Record<string, Tensor> = { input_ids: int64Tensor(ids, [batch, len]) };
    if (this.encoderHasMask) feeds.attention_mask = maskT;
    const out = await this.encoder.run(feeds);
    const hidden = out.last_hidden_state;
    floatData(hidden, 'last_hidden_state', this.encoder.file);
    return { hidden, mask: maskT };
  }

  /** The encoder state (and a cache's cross-attention part) for rows `rows` of it: beam expansion, dropping finished sources. */
  static gather(enc: EncoderState, rows: ArrayLike<number>): EncoderState {
    return { hidden: gatherRows(enc.hidden, rows), mask: gatherInt64Rows(enc.mask, rows) };
  }

  /**
   * One decoder step over `ids` [rows, seq]: `cache === null` is the first step. Returns logits [rows, seq, vocab]
   * and the cache to feed next (cross-attention part from the first step, kept as is afterwards).
   */
  async step(ids: ArrayLike<number>, enc: EncoderState, cache: Seq2SeqCache | null, logitsOut?: Float32Array): Promise<{ logits: Float32Array; cache: Seq2SeqCache }> {
    const rows = enc.hidden.dims[0];
    const session = cache === null && this.noPast ? this.noPast : this.withPast;
    const io = ioOf(session);
    const feeds: Record<string, Tensor> = { input_ids: int64Tensor(ids, [rows, ids.length / rows]) };
    if (io.encoderAttentionMask) feeds.encoder_attention_mask = enc.mask;
    if (io.encoderHiddenStates) feeds.encoder_hidden_states = enc.hidden;
    if (io.useCacheBranch) feeds.use_cache_branch = boolTensor(cache !== null);
    const names = this.pastNames;
    if (session !== this.noPast) {
      if (cache === null) {
        // The merged graph's no-cache branch still takes past inputs: zero-length ones, as transformers.js feeds.
        const [h, d] = this.kvDims;
        const empty = float32Tensor(new Float32Array(0), [rows, h, 0, d]);
        for (const n of names) feeds[n] = empty;
      } else {
        for (let l = 0; l < this.numLayers; l++) {
          feeds[names[4 * l]] = cache.self[2 * l];
          feeds[names[4 * l + 1]] = cache.self[2 * l + 1];
          feeds[names[4 * l + 2]] = cache.cross[2 * l];
          feeds[names[4 * l + 3]] = cache.cross[2 * l + 1];
        }
      }
    }
    // Fetch only what is used: after the first step the merged graph's present.N.encoder.* merely repeat the
    // cross-attention cache we keep, so they are not copied back. `logitsOut` (rows × vocab, one token per row)
    // is written in place by ORT.
    const present = this.presentNames;
    const fetches: Record<string, Tensor | null> = { logits: null };
    if (logitsOut && ids.length === rows) fetches.logits = float32Tensor(logitsOut, [rows, 1, logitsOut.length / rows]);
    for (let l = 0; l < this.numLayers; l++) {
      fetches[present[4 * l]] = null;
      fetches[present[4 * l + 1]] = null;
      if (cache === null) {
        fetches[present[4 * l + 2]] = null;
        fetches[present[4 * l + 3]] = null;
      }
    }
    const out = await session.run(feeds, fetches);
    const take = (name: string): Tensor => {
      const t = out[name];
      if (!t) throw new ModelIoError(session.file, 'outputs', [name], session.outputNames);
      return t;
    };
    const self: Tensor[] = [];
    const cross: Tensor[] = [];
    for (let l = 0; l < this.numLayers; l++) {
      self.push(take(present[4 * l]), take(present[4 * l + 1]));
      if (cache === null) cross.push(take(present[4 * l + 2]), take(present[4 * l + 3]));
    }
    return { logits: floatData(out.logits, 'logits', session.file), cache: { self, cross: cache === null ? cross : cache.cross } };
  }

  async release(): Promise<void> {
    await this.encoder.release();
    await this.withPast.release();
    await this.noPast?.release();
  }
}

const ioCache = new WeakMap<OnnxSession, { encoderAttentionMask: boolean; encoderHiddenStates: boolean; useCacheBranch: boolean }>();

/** Which optional inputs a decoder graph has (looked up once per session). */
function ioOf(s: OnnxSession): { encoderAttentionMask: boolean; encoderHiddenStates: boolean; useCacheBranch: boolean } {
  let io = ioCache.get(s);
  if (!io) {
    const has = (n: string): boolean => s.inputNames.includes(n);
    ioCache.set(s, (io = { encoderAttentionMask: has('encoder_attention_mask'), encoderHiddenStates: has('encoder_hidden_states'), useCacheBranch: has('use_cache_branch') }));
  }
  return io;
}

function checkPastNames(s: OnnxSession, layers: number): void {
  const expected = Array.from({ length: layers }, (_, l) => ['decoder', 'encoder'].flatMap((side) => [`past_key_values.${l}.${side}.key`, `past_key_values.${l}.${side}.value`])).flat();
  const found = s.inputNames.filter(isPast);
  if (found.length !== expected.length || expected.some((n) => !found.includes(n))) throw new ModelIoError(s.file, 'inputs', ['encoder_attention_mask', 'input_ids', ...expected], s.inputNames);
}
