import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoModelForCausalLM, AutoModelForMaskedLM, AutoModelForSeq2SeqLM, AutoTokenizer, env } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';

// The fixture folders must also load in transformers.js, offline, from the local path (Optimum layout).
// Only greedy is compared: transformers.js 4.3's generate with num_beams 3 / num_return_sequences 2 returned
// one sequence, the greedy one (no beam search to compare with).
const FIX = join(import.meta.dirname, 'fixtures/neural');
env.allowRemoteModels = false;
env.localModelPath = `${FIX}/`;

const gpt2Ref = JSON.parse(readFileSync(join(FIX, 'tiny-gpt2/reference.json'), 'utf8')) as {
  greedy: { text: string; maxNewTokens: number; repetitionPenalty?: number; tokens: number[] }[];
};
const bertRef = JSON.parse(readFileSync(join(FIX, 'tiny-bert/reference.json'), 'utf8')) as { texts: { text: string; pair?: string; ids: number[]; logits: number[] }[] };

describe('fixtures in @huggingface/transformers (offline)', () => {
  it('tiny-gpt2 (decoder_model_merged): the same greedy ids as PyTorch and CausalLm', async () => {
    const tok = await AutoTokenizer.from_pretrained('tiny-gpt2');
    const model = await AutoModelForCausalLM.from_pretrained('tiny-gpt2', { model_file_name: 'decoder_model_merged', dtype: 'fp32' });
    for (const g of gpt2Ref.greedy) {
      const inputs = tok(g.text);
      const prompt = (inputs.input_ids.tolist() as bigint[][])[0].length;
      const out = (await model.generate({ ...inputs, max_new_tokens: g.maxNewTokens, do_sample: false, repetition_penalty: g.repetitionPenalty ?? 1 })) as { tolist(): bigint[][] };
      expect(out.tolist()[0].slice(prompt).map(Number)).toEqual(g.tokens);
    }
    await model.dispose();
  });

  it('tiny-bert (onnx/model.onnx): the same ids and logits', async () => {
    const tok = await AutoTokenizer.from_pretrained('tiny-bert');
    const model = await AutoModelForMaskedLM.from_pretrained('tiny-bert', { dtype: 'fp32' });
    for (const t of bertRef.texts.filter((x) => !x.pair)) {
      const inputs = tok(t.text);
      expect((inputs.input_ids.tolist() as bigint[][])[0].map(Number)).toEqual(t.ids);
      const { logits } = (await model(inputs)) as { logits: { data: Float32Array } };
      let worst = 0;
      t.logits.forEach((x, i) => (worst = Math.max(worst, Math.abs(logits.data[i] - x))));
      expect(worst).toBeLessThan(1e-4);
    }
    await model.dispose();
  });

  for (const style of ['marian', 'bart', 't5']) {
    it(`tiny-${style} (encoder_model + decoder_model_merged): the same greedy ids as PyTorch and Seq2SeqLm`, async () => {
      const ref = JSON.parse(readFileSync(join(FIX, `tiny-${style}/reference.json`), 'utf8')) as {
        sources: { text: string; ids: number[] }[];
        greedy: { text: string; maxNewTokens: number; badWordsIds?: number[][]; tokens: number[] }[];
      };
      const tok = await AutoTokenizer.from_pretrained(`tiny-${style}`);
      const model = await AutoModelForSeq2SeqLM.from_pretrained(`tiny-${style}`, { dtype: 'fp32' });
      for (const s of ref.sources) expect((tok(s.text).input_ids.tolist() as bigint[][])[0].map(Number)).toEqual(s.ids);
      // generation_config.json's decoder start, forced BOS/EOS and bad words apply there too (num_beams forced to 1).
      for (const g of ref.greedy.filter((x) => !x.badWordsIds)) {
        const out = (await model.generate({ ...tok(g.text), max_new_tokens: g.maxNewTokens, num_beams: 1, do_sample: false })) as { tolist(): bigint[][] };
        expect(out.tolist()[0].slice(1).map(Number)).toEqual(g.tokens);
      }
      await model.dispose();
    });
  }
});
