import { InvalidOptionError, ModelIoError, SequenceTooLongError } from '../../errors.js';
import { ModelFolder, openChecked, type LoadOptions } from '../model-folder.js';
import { floatData, int64Tensor, type OnnxSession, type Tensor } from '../runtime/index.js';

export interface FillMaskResult {
  token: number;
  tokenStr: string;
  /** Softmax probability at the masked position. */
  score: number;
  /** The input with the mask replaced by this token (decoded). */
  sequence: string;
}

export interface EmbedOptions {
  /** 'mean' over real tokens (sentence-transformers) or the first token ('cls'); default 'mean'. */
  pooling?: 'mean' | 'cls';
  /** L2-normalize each vector; default true. */
  normalize?: boolean;
  /** Texts per forward pass (padded to the longest in the batch); default 32. */
  batchSize?: number;
}

/** One forward pass over a padded batch: row-major [batch, seq, vocab] logits and [batch, seq, hidden] states. */
export interface EncoderOutput {
  batch: number;
  seq: number;
  logits: Float32Array | null;
  lastHiddenState: Float32Array | null;
  attentionMask: Uint8Array;
}

const INPUTS = ['input_ids', 'attention_mask'];

/**
 * A BERT-style encoder with a masked-LM head, from a local Optimum-layout folder.
 * @example
 * const bert = await MaskedLm.load('models/bert-base-uncased');
 * await bert.fillMask('Paris is the [MASK] of France.', { topK: 3 });   // [{ tokenStr: 'capital', score: 0.99, … }, …]
 * await bert.embed(['a sentence', 'another one'], { pooling: 'mean' });  // Float32Array[] (unit length)
 */
export class MaskedLm {
  private constructor(
    readonly folder: ModelFolder,
    private readonly session: OnnxSession,
  ) {}

  static async load(dir: string, options: LoadOptions = {}): Promise<MaskedLm> {
    const folder = ModelFolder.load(dir, options);
    const session = await openChecked(folder.graph('model'), options, {
      required: INPUTS,
      optional: (n) => n === 'token_type_ids',
      outputs: ['logits', 'last_hidden_state'],
    });
    return new MaskedLm(folder, session);
  }

  get device(): string {
    return this.session.device;
  }

  /** Runs the graph on token ids (one array per row), right-padding to the longest row; `fetch` limits the outputs copied back. */
  async forward(rows: readonly (readonly number[])[], typeIds?: readonly (readonly number[])[], fetch?: 'logits' | 'last_hidden_state'): Promise<EncoderOutput> {
    const cfg = this.folder.config;
    const batch = rows.length;
    if (batch === 0 || rows.some((r) => r.length === 0)) throw new InvalidOptionError('rows', rows.map((r) => r.length), 'a non-empty batch of non-empty rows');
    const seq = Math.max(...rows.map((r) => r.length));
    if (seq > cfg.maxPositions) throw new SequenceTooLongError(seq, cfg.maxPositions, 'The input');
    const pad = cfg.padTokenId ?? this.folder.specialId('pad_token') ?? 0;
    const ids = new Array<number>(batch * seq).fill(pad);
    const mask = new Uint8Array(batch * seq);
    const types = new Array<number>(batch * seq).fill(0);
    rows.forEach((r, b) => {
      for (let i = 0; i < r.length; i++) {
        ids[b * seq + i] = r[i];
        mask[b * seq + i] = 1;
        if (typeIds) types[b * seq + i] = typeIds[b][i];
      }
    });
    const feeds: Record<string, Tensor> = { input_ids: int64Tensor(ids, [batch, seq]), attention_mask: int64Tensor(mask, [batch, seq]) };
    if (this.session.inputNames.includes('token_type_ids')) feeds.token_type_ids = int64Tensor(types, [batch, seq]);
    const out = await this.session.run(feeds, fetch && this.session.outputNames.includes(fetch) ? [fetch] : undefined);
    return {
      batch,
      seq,
      logits: out.logits ? floatData(out.logits, 'logits', this.session.file) : null,
      lastHiddenState: out.last_hidden_state ? floatData(out.last_hidden_state, 'last_hidden_state', this.session.file) : null,
      attentionMask: mask,
    };
  }

  /** The `topK` most likely tokens for the single mask token in `text`, as transformers' fill-mask pipeline. */
  async fillMask(text: string, options: { topK?: number } = {}): Promise<FillMaskResult[]> {
    const topK = options.topK ?? 5;
    const V = this.folder.config.vocabSize;
    if (!Number.isInteger(topK) || topK < 1 || topK > V) throw new InvalidOptionError('topK', topK, `an integer in 1..${V}`);
    const maskId = this.folder.specialId('mask_token') ?? this.folder.tokenizer.tokenToId('[MASK]');
    const enc = this.folder.tokenizer.encode(text);
    const at = maskId === undefined || maskId === null ? [] : enc.ids.flatMap((id, i) => (id === maskId ? [i] : []));
    if (at.length !== 1) throw new InvalidOptionError('text', text, `exactly one mask token (found ${at.length})`);
    const out = await this.forward([enc.ids], [enc.typeIds], 'logits');
    if (!out.logits) throw new ModelIoError(this.session.file, 'outputs', ['logits'], this.session.outputNames);
    const row = out.logits.subarray(at[0] * V, (at[0] + 1) * V);
    const probs = softmax(row);
    const order = topIndices(probs, topK);
    return order.map((token) => {
      const ids = enc.ids.slice();
      ids[at[0]] = token;
      return { token, tokenStr: this.folder.tokenizer.idToToken(token) ?? '', score: probs[token], sequence: this.folder.tokenizer.decode(ids, { skipSpecialTokens: true }) };
    });
  }

  /** Sentence vectors, `batchSize` texts per pass; padding never changes a text's vector. */
  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const pooling = options.pooling ?? 'mean';
    if (pooling !== 'mean' && pooling !== 'cls') throw new InvalidOptionError('pooling', pooling, "'mean' | 'cls'");
    const batchSize = options.batchSize ?? 32;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new InvalidOptionError('batchSize', batchSize, 'an integer >= 1');
    const H = this.folder.config.hiddenSize;
    const result: Float32Array[] = [];
    if (texts.length === 0) return result;
    for (let start = 0; start < texts.length; start += batchSize) {
      const encs = texts.slice(start, start + batchSize).map((t) => this.folder.tokenizer.encode(t));
      const out = await this.forward(
        encs.map((e) => e.ids),
        encs.map((e) => e.typeIds),
        'last_hidden_state',
      );
      if (!out.lastHiddenState) throw new ModelIoError(this.session.file, 'outputs', ['last_hidden_state'], this.session.outputNames);
      for (let b = 0; b < out.batch; b++) {
        const v = new Float64Array(H);
        let n = 0;
        for (let t = 0; t < (pooling === 'cls' ? 1 : out.seq); t++) {
          if (!out.attentionMask[b * out.seq + t]) continue;
          const off = (b * out.seq + t) * H;
          for (let h = 0; h < H; h++) v[h] += out.lastHiddenState[off + h];
          n++;
        }
        let norm = 0;
        for (let h = 0; h < H; h++) norm += (v[h] / n) ** 2;
        const scale = options.normalize === false ? 1 / n : 1 / n / Math.max(Math.sqrt(norm), 1e-12);
        result.push(Float32Array.from(v, (x) => x * scale));
      }
    }
    return result;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

function softmax(row: Float32Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i] > max) max = row[i];
  const p = new Float64Array(row.length);
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += p[i] = Math.exp(row[i] - max);
  for (let i = 0; i < row.length; i++) p[i] /= sum;
  return p;
}

/** Indices of the k largest values, best first (ties: lower index first, as torch.topk on CPU in practice). */
export function topIndices(values: ArrayLike<number>, k: number): number[] {
  const idx = Array.from({ length: values.length }, (_, i) => i);
  idx.sort((a, b) => values[b] - values[a] || a - b);
  return idx.slice(0, k);
}
