import { ModelConfigError } from '../errors.js';

/** The fields of a Hugging Face config.json that the runtime needs, under one naming (GPT-2's n_* aliases folded in). */
export interface ModelConfig {
  readonly modelType: string;
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly numHeads: number;
  /** Key/value heads (num_key_value_heads, for grouped-query attention); equals numHeads otherwise. */
  readonly numKvHeads: number;
  readonly headDim: number;
  /** max_position_embeddings / n_positions; Infinity when the config has none (T5's relative positions). */
  readonly maxPositions: number;
  readonly bosTokenId: number | null;
  readonly eosTokenIds: readonly number[];
  readonly padTokenId: number | null;
  /** The parsed JSON, for fields this interface does not name. */
  readonly raw: Readonly<Record<string, unknown>>;
}

type Json = Record<string, unknown>;

function pickInt(j: Json, file: string, names: readonly string[], required: boolean): number | null {
  for (const n of names) {
    const v = j[n];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ModelConfigError(file, n, `expected a non-negative integer, found ${JSON.stringify(v)}`);
    return v;
  }
  if (required) throw new ModelConfigError(file, names.join(' | '), 'missing');
  return null;
}

function idList(j: Json, file: string, name: string): number[] {
  const v = j[name];
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  for (const x of list) if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) throw new ModelConfigError(file, name, `expected token ids, found ${JSON.stringify(v)}`);
  return list as number[];
}

/** Reads config.json (already parsed) merged with generation_config.json, whose token ids win as in transformers. */
export function parseModelConfig(json: unknown, file: string, generation: Json | null = null): ModelConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ModelConfigError(file, '$', 'expected a JSON object');
  const j = json as Json;
  const modelType = typeof j.model_type === 'string' ? j.model_type : '';
  if (!modelType) throw new ModelConfigError(file, 'model_type', 'missing');
  const hiddenSize = pickInt(j, file, ['hidden_size', 'n_embd', 'd_model'], true)!;
  const numHeads = pickInt(j, file, ['num_attention_heads', 'n_head', 'num_heads', 'encoder_attention_heads'], true)!;
  if (numHeads === 0 || hiddenSize % numHeads !== 0) throw new ModelConfigError(file, 'num_attention_heads', `${numHeads} does not divide hidden_size ${hiddenSize}`);
  const gen = generation ?? {};
  const ids = (name: string): number[] => (gen[name] !== undefined ? idList(gen, 'generation_config.json', name) : idList(j, file, name));
  const bos = ids('bos_token_id');
  const pad = ids('pad_token_id');
  return {
    modelType,
    vocabSize: pickInt(j, file, ['vocab_size'], true)!,
    hiddenSize,
    numLayers: pickInt(j, file, ['num_hidden_layers', 'n_layer', 'num_layers', 'encoder_layers'], true)!,
    numHeads,
    numKvHeads: pickInt(j, file, ['num_key_value_heads'], false) ?? numHeads,
    headDim: pickInt(j, file, ['head_dim', 'd_kv'], false) ?? hiddenSize / numHeads,
    maxPositions: pickInt(j, file, ['max_position_embeddings', 'n_positions', 'n_ctx'], modelType !== 't5') ?? Infinity,
    bosTokenId: bos[0] ?? null,
    eosTokenIds: ids('eos_token_id'),
    padTokenId: pad[0] ?? null,
    raw: j,
  };
}
