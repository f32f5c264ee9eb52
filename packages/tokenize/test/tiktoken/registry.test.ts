/**
 * `encodingForModel` against the real tiktoken: every model of its `model_to_encoding.json` maps to
 * the encoding its `get_encoding_name_for_model` gives; dated and fine-tuned names resolve by prefix
 * (tiktoken's Python `MODEL_PREFIX_TO_ENCODING`, which the wasm package lacks); unknown models throw.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { get_encoding_name_for_model, type TiktokenModel } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import { encodingForModel, encodingNameForModel, UnknownNameError, type EncodingName } from '../../src/index.js';

const require = createRequire(import.meta.url);
const MODELS = Object.keys(
  JSON.parse(readFileSync(require.resolve('tiktoken/model_to_encoding.json'), 'utf8')) as Record<string, string>,
) as TiktokenModel[];

describe('encodingForModel', () => {
  it("maps every model tiktoken knows to tiktoken's encoding", () => {
    expect(MODELS.length).toBeGreaterThan(50);
    const wrong = MODELS.filter((m) => encodingForModel(m).name !== get_encoding_name_for_model(m));
    expect(wrong).toEqual([]);
    for (const m of MODELS) expect(encodingNameForModel(m)).toBe(get_encoding_name_for_model(m));
  });

  // Expected values from tiktoken's tiktoken/model.py (MODEL_PREFIX_TO_ENCODING, upstream main).
  it.each([
    ['gpt-4o-2024-05-13', 'o200k_base'],
    ['gpt-4o-2099-12-31', 'o200k_base'],
    ['gpt-4o-mini-2099-01-01', 'o200k_base'],
    ['chatgpt-4o-2099', 'o200k_base'],
    ['ft:gpt-4o-mini:org::id', 'o200k_base'],
    ['ft:gpt-4o-2024-08-06:my-org:custom:abc123', 'o200k_base'],
    ['gpt-4-0613', 'cl100k_base'],
    ['gpt-4-32k-2099', 'cl100k_base'],
    ['ft:gpt-4-0613:org::id', 'cl100k_base'],
    ['gpt-3.5-turbo-9999', 'cl100k_base'],
    ['gpt-35-turbo-16k', 'cl100k_base'],
    ['ft:gpt-3.5-turbo-0613:org::id', 'cl100k_base'],
    ['ft:davinci-002:org::id', 'cl100k_base'],
    ['ft:babbage-002:org::id', 'cl100k_base'],
    ['o1-2099-01-01', 'o200k_base'],
    ['o3-mini-2099', 'o200k_base'],
    ['o4-mini-2099-01-01', 'o200k_base'],
    ['gpt-4.1-mini-2099', 'o200k_base'],
    ['gpt-4.5-preview-2099', 'o200k_base'],
    ['gpt-5-codex', 'o200k_base'],
  ] as Array<[string, EncodingName]>)('%s → %s', (model, encoding) => {
    expect(encodingForModel(model).name).toBe(encoding);
  });

  it.each([['llama-3'], ['gpt'], ['GPT-4'], [''], ['claude-3']])('unknown model %j throws UnknownNameError', (model) => {
    let error: unknown;
    try {
      encodingForModel(model);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownNameError);
    expect(error).toMatchObject({ code: 'UNKNOWN_NAME', kind: 'model', value: model });
    expect((error as Error).message).toContain('gpt-4o');
  });
});
