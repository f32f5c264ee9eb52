import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CausalLm, DeviceUnavailableError, LmError, MaskedLm, ModelFolder, ModelIoError, openSession, supportedDevices } from '../src/index.js';

const FIX = join(import.meta.dirname, 'fixtures/neural');
const BERT_ONNX = join(FIX, 'tiny-bert/onnx/model.onnx');
const tmp = mkdtempSync(join(tmpdir(), 'nlpkit-neural-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of a fixture folder, edited by `edit`. */
function copyOf(model: string, edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmp, `${model}-`));
  cpSync(join(FIX, model), dir, { recursive: true });
  edit(dir);
  return dir;
}

function editJson(file: string, edit: (j: Record<string, unknown>) => void): void {
  const j = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(j);
  writeFileSync(file, JSON.stringify(j));
}

describe('runtime', () => {
  it('opens on CPU and reads I/O names from the graph', async () => {
    const s = await openSession(BERT_ONNX, { intraOpNumThreads: 1, graphOptimizationLevel: 'basic' });
    expect(s.device).toBe('cpu');
    expect(s.inputNames).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(s.outputNames).toEqual(['logits', 'last_hidden_state']);
    await s.release();
    expect(supportedDevices().map((d) => d.name)).toContain('cpu');
  });

  it('a GPU provider that cannot load: CPU with one warning, or a typed error under strictDevice', async () => {
    const warnings: string[] = [];
    const s = await openSession(BERT_ONNX, { device: 'cuda', onWarning: (m) => warnings.push(m) });
    if (s.device === 'cpu') {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/device "cuda" unavailable/);
      const err = await openSession(BERT_ONNX, { device: 'cuda', strictDevice: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeviceUnavailableError);
      expect(err).toMatchObject({ code: 'DEVICE_UNAVAILABLE', device: 'cuda' });
    } else {
      expect(warnings).toEqual([]); // a machine with the CUDA provider installed
    }
    await s.release();
  });

  it('rejects unknown devices and bad thread counts', async () => {
    await expect(openSession(BERT_ONNX, { device: 'tpu' as 'cpu' })).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'device' });
    await expect(openSession(BERT_ONNX, { intraOpNumThreads: -1 })).rejects.toMatchObject({ option: 'intraOpNumThreads' });
  });
});

describe('model folders', () => {
  it('reads config, generation config and tokenizer; GPT-2 n_* names fold into the common ones', () => {
    const f = ModelFolder.load(join(FIX, 'tiny-gpt2'));
    expect(f.config).toMatchObject({ modelType: 'gpt2', hiddenSize: 32, numLayers: 2, numHeads: 4, headDim: 8, maxPositions: 64 });
    expect(f.config.eosTokenIds).toEqual([f.tokenizer.tokenToId('<|endoftext|>')]);
    expect(f.tokenizer.vocabSize).toBe(f.config.vocabSize);
  });

  it('a missing file is an error naming its path', async () => {
    const noTok = copyOf('tiny-bert', (d) => rmSync(join(d, 'tokenizer.json')));
    expect(() => ModelFolder.load(noTok)).toThrow(expect.objectContaining({ code: 'MODEL_FILE_MISSING', path: join(noTok, 'tokenizer.json') }));
    const noCfg = copyOf('tiny-bert', (d) => rmSync(join(d, 'config.json')));
    expect(() => ModelFolder.load(noCfg)).toThrow(expect.objectContaining({ path: join(noCfg, 'config.json') }));
    const noGraph = copyOf('tiny-gpt2', (d) => rmSync(join(d, 'onnx'), { recursive: true }));
    await expect(CausalLm.load(noGraph)).rejects.toMatchObject({ code: 'MODEL_FILE_MISSING', path: join(noGraph, 'onnx', 'model.onnx') });
  });

  it('dtype suffixes pick onnx/<name>_<dtype>.onnx', async () => {
    const q = copyOf('tiny-bert', (d) => renameSync(join(d, 'onnx/model.onnx'), join(d, 'onnx/model_quantized.onnx')));
    const bert = await MaskedLm.load(q, { dtype: 'quantized' });
    expect((await bert.fillMask('the [MASK] sat .', { topK: 1 })).length).toBe(1);
    await bert.release();
    await expect(MaskedLm.load(q, { dtype: 'fp16' })).rejects.toMatchObject({ path: join(q, 'onnx', 'model_fp16.onnx') });
  });

  it('a decoder as a plain onnx/model.onnx with past inputs (transformers.js layout) is found and runs', async () => {
    const d = copyOf('tiny-gpt2', (dir) => {
      for (const f of ['decoder_model.onnx', 'decoder_with_past_model.onnx']) rmSync(join(dir, 'onnx', f));
      renameSync(join(dir, 'onnx/decoder_model_merged.onnx'), join(dir, 'onnx/model.onnx'));
    });
    const ref = JSON.parse(readFileSync(join(d, 'reference.json'), 'utf8')) as { greedy: { text: string; tokens: number[] }[] };
    const lm = await CausalLm.load(d);
    expect(lm.runner.layout).toBe('model');
    expect((await lm.generate(ref.greedy[0].text, { maxNewTokens: 12 }))[0].tokens).toEqual(ref.greedy[0].tokens);
    await lm.release();
  });

  it('a tokenizer larger than the model vocabulary is a VocabMismatchError', () => {
    const d = copyOf('tiny-bert', (dir) => editJson(join(dir, 'config.json'), (j) => (j.vocab_size = 10)));
    expect(() => ModelFolder.load(d)).toThrow(expect.objectContaining({ code: 'VOCAB_MISMATCH', modelVocabSize: 10 }));
  });

  it('config errors name the file and field', () => {
    const d = copyOf('tiny-bert', (dir) => editJson(join(dir, 'config.json'), (j) => (j.num_attention_heads = 5)));
    expect(() => ModelFolder.load(d)).toThrow(expect.objectContaining({ code: 'MODEL_CONFIG', field: 'num_attention_heads' }));
    const e = copyOf('tiny-bert', (dir) => editJson(join(dir, 'config.json'), (j) => delete j.model_type));
    expect(() => ModelFolder.load(e)).toThrow(expect.objectContaining({ field: 'model_type' }));
  });

  it('a graph with the wrong inputs lists expected vs found names', async () => {
    // A BERT encoder where a decoder is expected: token_type_ids is unexpected, past_key_values are missing.
    const d = copyOf('tiny-bert', () => {});
    const err = await CausalLm.load(d).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(ModelIoError);
    expect(err).toBeInstanceOf(LmError);
    expect(err).toMatchObject({ code: 'MODEL_IO', kind: 'inputs', found: ['input_ids', 'attention_mask', 'token_type_ids'] });
  });
});
