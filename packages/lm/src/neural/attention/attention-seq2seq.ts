import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@nlpkit/tokenize';
import { InvalidOptionError, ModelConfigError, ModelFileMissingError, SequenceTooLongError, VocabMismatchError } from '../../errors.js';
import { batchedSearch, type SearchModel } from '../generation/index.js';
import type { Generation } from '../decoder/causal-lm.js';
import { openChecked } from '../model-folder.js';
import { floatData, gatherInt64Rows, gatherRows, int64Tensor, type OnnxSession, type RuntimeOptions, type Tensor } from '../runtime/index.js';

/** config.json of a d2l-style GRU encoder + Bahdanau-attention GRU decoder (`model_type: "d2l-seq2seq-attention"`). */
export interface AttentionSeq2SeqConfig {
  srcVocabSize: number;
  tgtVocabSize: number;
  numHiddens: number;
  numLayers: number;
  /** d2l's num_steps: sources are truncated/padded to it, and it is the default output length; null: pad to the batch. */
  numSteps: number | null;
  padTokenId: number;
  bosTokenId: number;
  eosTokenId: number;
}

export interface AttentionTranslateOptions {
  /** Default num_steps from config.json (d2l's predict_step), else 20. */
  maxNewTokens?: number;
  /** Beam search (transformers' semantics) when > 1; default 1, greedy as d2l's predict_step. */
  numBeams?: number;
  lengthPenalty?: number;
  earlyStopping?: boolean;
  numReturnSequences?: number;
  /** Greedy: return each token's log-prob (`logProbs`); default false. */
  logProbs?: boolean;
  /** Cut sources longer than num_steps as d2l's truncate_pad does; default false: a `SequenceTooLongError`. */
  truncate?: boolean;
}

/** A translation with its attention: `attention[t][s]` is the weight of source position s when target token t was predicted. */
export interface AttentionTranslation extends Generation {
  /** Source tokens the model saw (the appended `<eos>` included, padding excluded). */
  sourceTokens: string[];
  /** Target tokens as strings, one per row of `attention`. */
  targetTokens: string[];
  /** One row per target token, each over the padded source positions (padding gets ~0 weight, d2l's masked softmax). */
  attention: Float32Array[];
}

/**
 * A seq2seq model in the d2l.ai style: GRU encoder and a GRU decoder with additive (Bahdanau) attention, exported as
 * `onnx/encoder.onnx` + `onnx/decoder_step.onnx` (one decoder step per call, batch first), with
 * `source_tokenizer.json` / `target_tokenizer.json`. Greedy and beam decoding share `batchedSearch` with the
 * transformer models; attention weights come back with every translation (plot them with `attentionHeatmapSvg`).
 * @example
 * const mt = await AttentionSeq2Seq.load('models/d2l-fra-eng');
 * const [t] = await mt.translate('go .');
 * writeFileSync('attention.svg', attentionHeatmapSvg(t));
 */
export class AttentionSeq2Seq {
  private constructor(
    readonly dir: string,
    readonly config: AttentionSeq2SeqConfig,
    readonly sourceTokenizer: Tokenizer,
    readonly targetTokenizer: Tokenizer,
    private readonly encoder: OnnxSession,
    private readonly decoder: OnnxSession,
  ) {}

  static async load(dir: string, options: RuntimeOptions = {}): Promise<AttentionSeq2Seq> {
    const cfgPath = join(dir, 'config.json');
    const config = parseAttentionConfig(readJson(cfgPath), cfgPath);
    const tok = (name: string, size: number): Tokenizer => {
      const p = join(dir, name);
      if (!existsSync(p)) throw new ModelFileMissingError(p, `tokenizer (${name})`);
      const t = Tokenizer.fromFile(p);
      if (t.vocabSize > size) throw new VocabMismatchError(dir, t.vocabSize, size);
      return t;
    };
    const src = tok('source_tokenizer.json', config.srcVocabSize);
    const tgt = tok('target_tokenizer.json', config.tgtVocabSize);
    const graph = (name: string): string => {
      for (const p of [join(dir, 'onnx', `${name}.onnx`), join(dir, `${name}.onnx`)]) if (existsSync(p)) return p;
      throw new ModelFileMissingError(join(dir, 'onnx', `${name}.onnx`), `ONNX graph "${name}"`);
    };
    const encoder = await openChecked(graph('encoder'), options, { required: ['input_ids'], outputs: ['enc_outputs'] });
    const decoder = await openChecked(graph('decoder_step'), options, {
      required: ['input_ids', 'hidden_state', 'enc_outputs', 'enc_valid_lens'],
      outputs: ['attention_weights'],
    });
    return new AttentionSeq2Seq(dir, config, src, tgt, encoder, decoder);
  }

  get device(): string {
    return this.encoder.device;
  }

  /**
   * Source ids as d2l's build_array: tokens + <eos> (the tokenizer's post-processor), and the valid length. Longer
   * than num_steps is an error unless `truncate` (d2l's truncate_pad cuts them silently).
   */
  encodeSource(text: string, truncate = false): { ids: number[]; validLen: number } {
    let ids = this.sourceTokenizer.encode(text).ids;
    const max = this.config.numSteps;
    if (max !== null && ids.length > max) {
      if (!truncate) throw new SequenceTooLongError(ids.length, max, `A source of ${ids.length} tokens (<eos> included; num_steps in config.json, or truncate: true)`);
      ids = ids.slice(0, max);
    }
    if (ids.length === 0) throw new InvalidOptionError('source', text, 'at least one token');
    return { ids, validLen: ids.length };
  }

  /** Translates a batch (one encoder run, one decoder run per step); returns numReturnSequences per source, flattened. */
  async translate(texts: string | readonly string[], options: AttentionTranslateOptions = {}): Promise<AttentionTranslation[]> {
    const list = typeof texts === 'string' ? [texts] : texts;
    const int = (name: string, v: number): number => {
      if (!Number.isInteger(v) || v < 1) throw new InvalidOptionError(name, v, 'an integer >= 1');
      return v;
    };
    const numBeams = int('numBeams', options.numBeams ?? 1);
    const numReturnSequences = int('numReturnSequences', options.numReturnSequences ?? 1);
    if (numReturnSequences > numBeams) throw new InvalidOptionError('numReturnSequences', numReturnSequences, `<= numBeams (${numBeams})`);
    const maxNewTokens = int('maxNewTokens', options.maxNewTokens ?? this.config.numSteps ?? 20);
    if (list.length === 0) return [];
    const sources = list.map((t) => this.encodeSource(t, options.truncate));
    const c = this.config;
    type State = { hidden: Tensor; enc: Tensor; valid: Tensor };
    const model: SearchModel<State> = {
      first: async () => {
        const st = await this.encode(sources);
        return this.step(new Array<number>(sources.length).fill(c.bosTokenId), st);
      },
      next: (tokens, st) => this.step(tokens, st),
      select: (st, rows, regrouped) => ({
        hidden: gatherRows(st.hidden, rows),
        enc: regrouped ? gatherRows(st.enc, rows) : st.enc,
        valid: regrouped ? gatherInt64Rows(st.valid, rows) : st.valid,
      }),
    };
    const results = await batchedSearch(model, sources.length, {
      vocabSize: c.tgtVocabSize,
      numBeams,
      maxNewTokens,
      lengthPenalty: options.lengthPenalty,
      earlyStopping: options.earlyStopping,
      numReturnSequences,
      eosTokenIds: [c.eosTokenId],
      logProbs: options.logProbs,
    });
    const flat = results.flatMap((rs, b) => rs.map((r) => ({ r, b })));
    const attention = await this.attentionFor(
      flat.map(({ b }) => sources[b]),
      flat.map(({ r }) => r.tokens),
    );
    return flat.map(({ r, b }, i) => ({
      ...r,
      text: this.targetTokenizer.decode(r.tokens, { skipSpecialTokens: true }),
      sourceTokens: sources[b].ids.map((id) => this.sourceTokenizer.idToToken(id) ?? `#${id}`),
      targetTokens: r.tokens.map((id) => this.targetTokenizer.idToToken(id) ?? `#${id}`),
      attention: attention[i],
    }));
  }

  /**
   * Attention of the decoder while it reads `target` (teacher forcing from <bos>): one row per target token. Used
   * for the hypotheses of a search (the same inputs give the same weights as during decoding) and for aligning a
   * given reference translation.
   */
  async attention(source: string, target: string | readonly number[]): Promise<Float32Array[]> {
    const tgt = typeof target === 'string' ? this.targetTokenizer.encode(target).ids : [...target];
    return (await this.attentionFor([this.encodeSource(source)], [tgt]))[0];
  }

  private async attentionFor(sources: { ids: number[]; validLen: number }[], targets: number[][]): Promise<Float32Array[][]> {
    const out: Float32Array[][] = targets.map(() => []);
    if (sources.length === 0) return out;
    let st = await this.encode(sources);
    const steps = Math.max(0, ...targets.map((t) => t.length));
    let prev = new Array<number>(targets.length).fill(this.config.bosTokenId);
    for (let t = 0; t < steps; t++) {
      const res = await this.step(prev, st);
      const S = st.enc.dims[1];
      targets.forEach((tg, i) => {
        if (t < tg.length) out[i].push(res.weights.slice(i * S, (i + 1) * S));
      });
      st = res.state;
      prev = targets.map((tg) => tg[t] ?? this.config.padTokenId);
    }
    return out;
  }

  /** Encoder run over sources padded (with <pad>) to num_steps, as d2l's truncate_pad, or to the longest source. */
  private async encode(sources: { ids: number[]; validLen: number }[]): Promise<{ hidden: Tensor; enc: Tensor; valid: Tensor }> {
    const width = this.config.numSteps ?? Math.max(...sources.map((s) => s.ids.length));
    const ids = new Array<number>(sources.length * width).fill(this.config.padTokenId);
    sources.forEach((s, b) => s.ids.forEach((t, i) => (ids[b * width + i] = t)));
    const out = await this.encoder.run({ input_ids: int64Tensor(ids, [sources.length, width]) });
    floatData(out.enc_outputs, 'enc_outputs', this.encoder.file);
    floatData(out.hidden_state, 'hidden_state', this.encoder.file);
    return { hidden: out.hidden_state, enc: out.enc_outputs, valid: int64Tensor(sources.map((s) => s.validLen), [sources.length]) };
  }

  private async step(tokens: readonly number[], st: { hidden: Tensor; enc: Tensor; valid: Tensor }) {
    const out = await this.decoder.run({ input_ids: int64Tensor(tokens, [tokens.length, 1]), hidden_state: st.hidden, enc_outputs: st.enc, enc_valid_lens: st.valid });
    const file = this.decoder.file;
    return {
      logits: floatData(out.logits, 'logits', file),
      weights: floatData(out.attention_weights, 'attention_weights', file),
      state: { hidden: out.next_hidden_state, enc: st.enc, valid: st.valid },
    };
  }

  /** Encoder outputs and final hidden state of one source (for checks against the reference implementation). */
  async encoderOutputs(text: string): Promise<{ encOutputs: Float32Array; hiddenState: Float32Array }> {
    const st = await this.encode([this.encodeSource(text)]);
    return { encOutputs: st.enc.data as Float32Array, hiddenState: st.hidden.data as Float32Array };
  }

  async release(): Promise<void> {
    await this.encoder.release();
    await this.decoder.release();
  }
}

function readJson(path: string): Record<string, unknown> {
  if (!existsSync(path)) throw new ModelFileMissingError(path, 'model config');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new ModelConfigError(path, '$', `not valid JSON (${(e as Error).message})`);
  }
}

export function parseAttentionConfig(j: Record<string, unknown>, file: string): AttentionSeq2SeqConfig {
  const int = (name: string, required = true): number | null => {
    const v = j[name];
    if (v === undefined || v === null) {
      if (required) throw new ModelConfigError(file, name, 'missing');
      return null;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ModelConfigError(file, name, `expected a non-negative integer, found ${JSON.stringify(v)}`);
    return v;
  };
  if (j.model_type !== 'd2l-seq2seq-attention') throw new ModelConfigError(file, 'model_type', `expected "d2l-seq2seq-attention", found ${JSON.stringify(j.model_type)}`);
  return {
    srcVocabSize: int('src_vocab_size')!,
    tgtVocabSize: int('tgt_vocab_size')!,
    numHiddens: int('num_hiddens')!,
    numLayers: int('num_layers')!,
    numSteps: int('num_steps', false),
    padTokenId: int('pad_token_id')!,
    bosTokenId: int('bos_token_id')!,
    eosTokenId: int('eos_token_id')!,
  };
}
