import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@nlpkit/tokenize';
import { ModelConfigError, ModelFileMissingError, ModelIoError, VocabMismatchError } from '../errors.js';
import { parseModelConfig, type ModelConfig } from './config.js';
import { openSession, type OnnxSession, type RuntimeOptions } from './runtime/index.js';

/** Which weights file to pick: Optimum/transformers.js name the variants `<name>.onnx`, `<name>_fp16.onnx`, `<name>_quantized.onnx`. */
export type ModelDtype = 'fp32' | 'fp16' | 'quantized' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4';

const SUFFIX: Record<ModelDtype, string> = { fp32: '', fp16: '_fp16', quantized: '_quantized', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4', bnb4: '_bnb4' };

export interface LoadOptions extends RuntimeOptions {
  /** Weights variant; default 'fp32'. */
  dtype?: ModelDtype;
}

/**
 * A local model folder in the Hugging Face / Optimum layout: config.json, tokenizer.json (read by
 * @nlpkit/tokenize), optional tokenizer_config.json and generation_config.json, and ONNX graphs under `onnx/`
 * (or at the top). Nothing is fetched from a hub.
 */
export class ModelFolder {
  private constructor(
    readonly dir: string,
    readonly config: ModelConfig,
    readonly tokenizer: Tokenizer,
    readonly tokenizerConfig: Readonly<Record<string, unknown>>,
    readonly generationConfig: Readonly<Record<string, unknown>>,
    readonly dtype: ModelDtype,
  ) {}

  static load(dir: string, options: { dtype?: ModelDtype } = {}): ModelFolder {
    const cfgPath = join(dir, 'config.json');
    const gen = readJson(join(dir, 'generation_config.json'), false) ?? {};
    const config = parseModelConfig(readJson(cfgPath, true), cfgPath, gen);
    const tokPath = join(dir, 'tokenizer.json');
    if (!existsSync(tokPath)) throw new ModelFileMissingError(tokPath, 'tokenizer (tokenizer.json)');
    const tokenizer = Tokenizer.fromFile(tokPath);
    if (tokenizer.vocabSize > config.vocabSize) throw new VocabMismatchError(dir, tokenizer.vocabSize, config.vocabSize);
    const tokCfg = readJson(join(dir, 'tokenizer_config.json'), false) ?? {};
    return new ModelFolder(dir, config, tokenizer, tokCfg, gen, options.dtype ?? 'fp32');
  }

  /** Path of graph `name` (e.g. 'model', 'decoder_model_merged') for this dtype, or null when absent. */
  findGraph(name: string): string | null {
    const file = `${name}${SUFFIX[this.dtype]}.onnx`;
    for (const p of [join(this.dir, 'onnx', file), join(this.dir, file)]) if (existsSync(p)) return p;
    return null;
  }

  /** Like `findGraph`, but a missing graph is a `ModelFileMissingError` naming where it was looked for. */
  graph(name: string): string {
    const p = this.findGraph(name);
    if (p === null) throw new ModelFileMissingError(join(this.dir, 'onnx', `${name}${SUFFIX[this.dtype]}.onnx`), `ONNX graph "${name}" (${this.dtype})`);
    return p;
  }

  /** The token string of a special token named in tokenizer_config.json (`mask_token`, `pad_token`…), as its id. */
  specialId(key: string): number | null {
    const v = this.tokenizerConfig[key];
    const content = typeof v === 'string' ? v : typeof v === 'object' && v !== null && typeof (v as { content?: unknown }).content === 'string' ? (v as { content: string }).content : null;
    return content === null ? null : (this.tokenizer.tokenToId(content) ?? null);
  }
}

function readJson(path: string, required: boolean): Record<string, unknown> | null {
  if (!existsSync(path)) {
    if (required) throw new ModelFileMissingError(path, 'model config');
    return null;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new ModelConfigError(path, '$', `not valid JSON (${(e as Error).message})`);
  }
}

/** Opens a graph and checks its I/O names: every `required` input must exist, and no input outside `required ∪ optional`. */
export async function openChecked(
  file: string,
  runtime: RuntimeOptions,
  io: { required: readonly string[]; optional?: (name: string) => boolean; outputs?: readonly string[] },
): Promise<OnnxSession> {
  const s = await openSession(file, runtime);
  const known = (n: string): boolean => io.required.includes(n) || (io.optional?.(n) ?? false);
  if (io.required.some((n) => !s.inputNames.includes(n)) || s.inputNames.some((n) => !known(n))) {
    await s.release();
    throw new ModelIoError(file, 'inputs', io.required, s.inputNames);
  }
  if (io.outputs && !io.outputs.some((n) => s.outputNames.includes(n))) {
    await s.release();
    throw new ModelIoError(file, 'outputs', io.outputs, s.outputNames);
  }
  return s;
}
