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
  private constructor(
    readonly layout: Seq2SeqLayout,
    private readonly encoder: OnnxSession,
    private readonly withPast: OnnxSession,
    private readonly noPast: OnnxSession | null,
    readonly numLayers: number,
    private readonly kvDims: readonly [number, number],
  ) {}

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
      return new Seq2SeqRunner('split', encoder, next, first, layers, [heads, headDim]);
    }
    const merged = await openChecked(folder.graph('decoder_model_merged'), runtime, io(false));
    checkPastNames(merged, layers);
    return new Seq2SeqRunner('merged', encoder, merged, null, layers, [heads, headDim]);
  }

  get device(): string {
    return this.encoder.device;
  }

  /** Encodes a right-padded batch: `ids`/`mask` row-major [batch, srcLen]. */
  async encode(ids: ArrayLike<number>, mask: ArrayLike<number>, batch: number): Promise<EncoderState> {
    const len = ids.length / batch;
    const maskT = int64Tensor(mask, [batch, len]);
    const feeds: Record<string, Tensor> = { input_ids: int64Tensor(ids, [batch, len]) };
    if (this.encoder.inputNames.includes('attention_mask')) feeds.attention_mask = maskT;
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
    const names = session.inputNames;
    const feeds: Record<string, Tensor> = { input_ids: int64Tensor(ids, [rows, ids.length / rows]) };
    if (names.includes('encoder_attention_mask')) feeds.encoder_attention_mask = enc.mask;
    if (names.includes('encoder_hidden_states')) feeds.encoder_hidden_states = enc.hidden;
    if (names.includes('use_cache_branch')) feeds.use_cache_branch = boolTensor(cache !== null);
    if (session !== this.noPast) {
      const [h, d] = this.kvDims;
      // The merged graph's no-cache branch still takes past inputs: zero-length ones, as transformers.js feeds.
      const empty = cache === null ? float32Tensor(new Float32Array(0), [rows, h, 0, d]) : null;
      for (let l = 0; l < this.numLayers; l++) {
        feeds[`past_key_values.${l}.decoder.key`] = empty ?? cache!.self[2 * l];
        feeds[`past_key_values.${l}.decoder.value`] = empty ?? cache!.self[2 * l + 1];
        feeds[`past_key_values.${l}.encoder.key`] = empty ?? cache!.cross[2 * l];
        feeds[`past_key_values.${l}.encoder.value`] = empty ?? cache!.cross[2 * l + 1];
      }
    }
    // Fetch only what is used: after the first step the merged graph's present.N.encoder.* merely repeat the
    // cross-attention cache we keep, so they are not copied back. `logitsOut` (rows × vocab, one token per row)
    // is written in place by ORT.
    const fetches: Record<string, Tensor | null> = { logits: null };
    const seq = ids.length / rows;
    if (logitsOut && seq === 1) fetches.logits = float32Tensor(logitsOut, [rows, 1, logitsOut.length / rows]);
    for (let l = 0; l < this.numLayers; l++) {
      fetches[`present.${l}.decoder.key`] = null;
      fetches[`present.${l}.decoder.value`] = null;
      if (cache === null) {
        fetches[`present.${l}.encoder.key`] = null;
        fetches[`present.${l}.encoder.value`] = null;
      }
    }
    for (const name of Object.keys(fetches)) if (!session.outputNames.includes(name)) throw new ModelIoError(session.file, 'outputs', [name], session.outputNames);
    const out = await session.run(feeds, fetches);
    const take = (name: string): Tensor => {
      const t = out[name];
      if (!t) throw new ModelIoError(session.file, 'outputs', [name], session.outputNames);
      return t;
    };
    const self: Tensor[] = [];
    const cross: Tensor[] = [];
    for (let l = 0; l < this.numLayers; l++) {
      self.push(take(`present.${l}.decoder.key`), take(`present.${l}.decoder.value`));
      if (cache === null) cross.push(take(`present.${l}.encoder.key`), take(`present.${l}.encoder.value`));
    }
    return { logits: floatData(out.logits, 'logits', session.file), cache: { self, cross: cache === null ? cross : cache.cross } };
  }

  async release(): Promise<void> {
    await this.encoder.release();
    await this.withPast.release();
    await this.noPast?.release();
  }
}

function checkPastNames(s: OnnxSession, layers: number): void {
  const expected = Array.from({ length: layers }, (_, l) => ['decoder', 'encoder'].flatMap((side) => [`past_key_values.${l}.${side}.key`, `past_key_values.${l}.${side}.value`])).flat();
  const found = s.inputNames.filter(isPast);
  if (found.length !== expected.length || expected.some((n) => !found.includes(n))) throw new ModelIoError(s.file, 'inputs', ['encoder_attention_mask', 'input_ids', ...expected], s.inputNames);
}
