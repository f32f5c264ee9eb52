import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from './neural-expect.js';
import { CausalLm, logSoftmaxInPlace } from '../src/index.js';

// Reference outputs come from PyTorch through scripts/gen-neural-fixtures.py.
const DIR = join(import.meta.dirname, 'fixtures/neural/tiny-gpt2');
interface Ref {
  eos: number;
  prompts: { text: string; ids: number[]; logits: number[] }[];
  greedy: { text: string; maxNewTokens: number; repetitionPenalty?: number; tokens: number[]; logProbs: number[] }[];
  beam: { text: string; numBeams: number; lengthPenalty: number; earlyStopping: boolean; numReturnSequences: number; maxNewTokens: number; results: { tokens: number[]; score: number }[] }[];
  score: { text: string; ids: number[]; tokenLogProbs: number[] }[];
  leftPadded: { ids: number[][]; mask: number[][]; lastLogits: number[][] };
}
const ref = JSON.parse(readFileSync(join(DIR, 'reference.json'), 'utf8')) as Ref;

const models: Record<'merged' | 'split', CausalLm> = {} as never;
beforeAll(async () => {
  models.merged = await CausalLm.load(DIR, { intraOpNumThreads: 1 });
  models.split = await CausalLm.load(DIR, { intraOpNumThreads: 1, layout: 'split' });
});
afterAll(async () => {
  await models.merged.release();
  await models.split.release();
});

describe('CausalLm (tiny GPT-2) vs PyTorch', () => {
  it('picks the merged graph by default and tokenizes as the reference', () => {
    expect(models.merged.runner.layout).toBe('merged');
    for (const p of ref.prompts) expect(models.merged.encode(p.text)).toEqual(p.ids);
  });

  for (const layout of ['merged', 'split'] as const) {
    it(`${layout}: no-cache logits`, async () => {
      for (const p of ref.prompts) expectClose((await models[layout].logits([p.ids]))[0], p.logits);
    });

    it(`${layout}: greedy ids exact (KV cache), log-probs to 1e-4`, async () => {
      for (const g of ref.greedy) {
        const [out] = await models[layout].generate(g.text, { maxNewTokens: g.maxNewTokens, repetitionPenalty: g.repetitionPenalty, logProbs: true });
        expect(out.tokens).toEqual(g.tokens);
        expectClose(out.logProbs!, g.logProbs);
        expect(out.finishReason).toBe(g.tokens.at(-1) === ref.eos ? 'stop' : 'length');
      }
    });
  }

  it('cache == no cache: logits of the last step equal a full pass over prompt + generation', async () => {
    const lm = models.merged;
    const g = ref.greedy[0];
    const ids = [...lm.encode(g.text), ...g.tokens.slice(0, -1)];
    const [full] = await lm.logits([ids]);
    const V = lm.folder.config.vocabSize;
    const last = Float64Array.from(full.subarray((ids.length - 1) * V));
    logSoftmaxInPlace(last);
    expect(last[g.tokens.at(-1)!]).toBeCloseTo(g.logProbs.at(-1)!, 4);
  });

  it('left-padded batch: logits equal the reference and the unpadded runs; generation == one by one', async () => {
    const lm = models.merged;
    const rows = ref.prompts.map((p) => p.ids);
    const logits = await lm.logits(rows);
    const V = lm.folder.config.vocabSize;
    rows.forEach((r, i) => expectClose(logits[i].subarray((r.length - 1) * V), ref.leftPadded.lastLogits[i]));
    const batch = await lm.generate(ref.greedy.slice(0, 4).map((g) => g.text), { maxNewTokens: 12 });
    batch.forEach((b, i) => expect(b.tokens).toEqual(ref.greedy[i].tokens));
  });

  for (const layout of ['merged', 'split'] as const) {
    it(`${layout}: beam search (top-2K, length penalty, early stopping, several returns) matches`, async () => {
      for (const b of ref.beam) {
        const out = await models[layout].generate(b.text, {
          numBeams: b.numBeams,
          lengthPenalty: b.lengthPenalty,
          earlyStopping: b.earlyStopping,
          numReturnSequences: b.numReturnSequences,
          maxNewTokens: b.maxNewTokens,
        });
        expect(out.map((o) => o.tokens)).toEqual(b.results.map((r) => r.tokens));
        expectClose(out.map((o) => o.score!), b.results.map((r) => r.score));
      }
    });
  }

  it('beam search over a left-padded batch of prompts equals each prompt alone', async () => {
    // Same settings for every prompt: the per-prompt references with numBeams 3 and lengthPenalty 1 are rerun together.
    const lm = models.merged;
    const texts = [' the cat', ' a dog and', ' she read a book about', ' the sun'];
    const o = { numBeams: 3, numReturnSequences: 2, maxNewTokens: 10 };
    const joint = await lm.generate(texts, o);
    const alone = (await Promise.all(texts.map((t) => lm.generate(t, o)))).flat();
    expect(joint.map((h) => h.tokens)).toEqual(alone.map((h) => h.tokens));
    expectClose(joint.map((h) => h.score!), alone.map((h) => h.score!));
    const b0 = ref.beam[0];
    expect(joint.slice(0, 2).map((h) => h.tokens)).toEqual(b0.text === texts[0] && b0.numBeams === 3 && b0.maxNewTokens === 10 ? b0.results.map((r) => r.tokens) : []);
  });

  it('score: per-token log-probs and perplexity', async () => {
    for (const s of ref.score) {
      const got = await models.merged.score(s.text);
      expect(got.ids).toEqual(s.ids);
      expectClose(got.tokenLogProbs, s.tokenLogProbs);
      const mean = s.tokenLogProbs.reduce((a, x) => a + x, 0) / s.tokenLogProbs.length;
      expect(Math.abs(got.perplexity / Math.exp(-mean) - 1)).toBeLessThan(1e-4);
    }
  });

  it('sampling is seeded: same seed same tokens, another seed other tokens; topK 1 is greedy', async () => {
    const lm = models.merged;
    const o = { doSample: true, temperature: 1.5, topK: 5, topP: 0.95, maxNewTokens: 10, seed: 7 };
    const a = await lm.generate(['the cat', ' we walked'], o);
    const b = await lm.generate(['the cat', ' we walked'], o);
    expect(a.map((x) => x.tokens)).toEqual(b.map((x) => x.tokens));
    const c = await lm.generate(['the cat', ' we walked'], { ...o, seed: 8 });
    expect(c.map((x) => x.tokens)).not.toEqual(a.map((x) => x.tokens));
    // topK: 1 is greedy whatever the seed.
    const [k1] = await lm.generate(ref.greedy[0].text, { doSample: true, topK: 1, seed: 3, maxNewTokens: 12 });
    expect(k1.tokens).toEqual(ref.greedy[0].tokens);
  });

  it('streams tokens: onToken per step, stream() pieces join to the text; stop tokens end early', async () => {
    const lm = models.merged;
    const g = ref.greedy[0];
    const seen: number[] = [];
    const [out] = await lm.generate(g.text, { maxNewTokens: 12, onToken: (e) => seen.push(e.token) });
    expect(seen).toEqual(out.tokens);
    let text = '';
    for await (const piece of lm.stream(g.text, { maxNewTokens: 12 })) text += piece;
    expect(text).toBe(out.text);
    const [stopped] = await lm.generate(g.text, { maxNewTokens: 12, stopTokens: [g.tokens[2]] });
    expect(stopped.tokens).toEqual(g.tokens.slice(0, 3));
    expect(stopped.finishReason).toBe('stop');
  });

  it('errors: too long, bad options', async () => {
    const lm = models.merged;
    await expect(lm.generate('the cat', { maxNewTokens: 64 })).rejects.toMatchObject({ code: 'SEQUENCE_TOO_LONG', maxLength: 64 });
    await expect(lm.generate('the cat', { numBeams: 2, numReturnSequences: 3 })).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'numReturnSequences' });
    await expect(lm.generate('the cat', { topP: 0 })).rejects.toMatchObject({ option: 'topP' });
    await expect(lm.generate('the cat', { temperature: -1 })).rejects.toMatchObject({ option: 'temperature' });
  });
});
