import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from './neural-expect.js';
import { InvalidOptionError, ModelFileMissingError, Seq2SeqLm, SequenceTooLongError } from '../src/index.js';

// Reference outputs come from PyTorch through scripts/gen-neural-fixtures.py (Marian-, BART- and T5-like tiny models).
const FIX = join(import.meta.dirname, 'fixtures/neural');
interface Ref {
  special: { eos: number; pad: number; bos: number | null };
  sources: { text: string; ids: number[]; lastHiddenState: number[]; firstLogits: number[] }[];
  greedy: { text: string; maxNewTokens: number; badWordsIds?: number[][]; tokens: number[]; logProbs: number[] }[];
  beam: { text: string; numBeams: number; lengthPenalty: number; earlyStopping: boolean; numReturnSequences: number; maxNewTokens: number; results: { tokens: number[]; score: number }[] }[];
}

const cases = [
  ['marian', 'merged'],
  ['marian', 'split'],
  ['bart', 'merged'],
  ['t5', 'merged'],
] as const;

for (const [style, layout] of cases) {
  describe(`Seq2SeqLm tiny-${style} (${layout}) vs PyTorch`, () => {
    const dir = join(FIX, `tiny-${style}`);
    const ref = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as Ref;
    let mt: Seq2SeqLm;
    beforeAll(async () => {
      mt = await Seq2SeqLm.load(dir, { intraOpNumThreads: 1, layout });
    });
    afterAll(async () => mt.release());

    it('tokenizes as the reference; encoder states and first-step logits to 1e-4', async () => {
      expect(mt.runner.layout).toBe(layout);
      for (const s of ref.sources) {
        expect(mt.encode(s.text)).toEqual(s.ids);
        const enc = await mt.runner.encode(s.ids, s.ids.map(() => 1), 1);
        expectClose(enc.hidden.data as Float32Array, s.lastHiddenState);
        const step = await mt.runner.step([mt.generation.decoderStartTokenId], enc, null);
        expectClose(step.logits, s.firstLogits);
      }
    });

    it('greedy ids exact (cache, bad words, forced BOS/EOS), log-probs to 1e-4, one by one and as one padded batch', async () => {
      for (const g of ref.greedy) {
        const [out] = await mt.translate(g.text, { numBeams: 1, maxNewTokens: g.maxNewTokens, badWordsIds: g.badWordsIds, logProbs: true });
        expect(out.tokens).toEqual(g.tokens);
        expectClose(out.logProbs!, g.logProbs);
        expect(out.finishReason).toBe(g.tokens.at(-1) === ref.special.eos ? 'stop' : 'length');
      }
      const plain = ref.greedy.filter((g) => !g.badWordsIds && g.maxNewTokens === 12);
      const batch = await mt.translate(plain.map((g) => g.text), { numBeams: 1, maxNewTokens: 12 });
      expect(batch.map((b) => b.tokens)).toEqual(plain.map((g) => g.tokens));
      expect(batch[0].logProbs).toBeUndefined(); // opt-in
    });

    it('beam search: ids exact and scores to 1e-4 (transformers semantics), one by one and batched across sources', async () => {
      for (const b of ref.beam) {
        const out = await mt.translate(b.text, { numBeams: b.numBeams, lengthPenalty: b.lengthPenalty, earlyStopping: b.earlyStopping, numReturnSequences: b.numReturnSequences, maxNewTokens: b.maxNewTokens });
        expect(out.map((h) => h.tokens)).toEqual(b.results.map((r) => r.tokens));
        expectClose(out.map((h) => h.score!), b.results.map((r) => r.score));
      }
      // Sources of different lengths sharing one beam batch; each finishes on its own step.
      const same = ref.beam.filter((b) => b.numBeams === 3 && b.maxNewTokens === 12);
      const o = { numBeams: 3, maxNewTokens: 12 };
      const joint = await mt.translate(same.map((b) => b.text), { ...o, numReturnSequences: 1, lengthPenalty: same[0].lengthPenalty });
      const alone = await Promise.all(same.map(async (b) => (await mt.translate(b.text, { ...o, lengthPenalty: same[0].lengthPenalty }))[0]));
      expect(joint.map((h) => h.tokens)).toEqual(alone.map((h) => h.tokens));
      expectClose(joint.map((h) => h.score!), alone.map((h) => h.score!));
    });
  });
}

describe('Seq2SeqLm options and generation_config', () => {
  it('reads decoder start, forced tokens, bad words and num_beams from generation_config.json', async () => {
    const mt = await Seq2SeqLm.load(join(FIX, 'tiny-marian'), { intraOpNumThreads: 1 });
    const ref = JSON.parse(readFileSync(join(FIX, 'tiny-marian/reference.json'), 'utf8')) as Ref;
    expect(mt.generation).toMatchObject({ decoderStartTokenId: ref.special.pad, eosTokenIds: [ref.special.eos], forcedEosTokenIds: [ref.special.eos], badWordsIds: [[ref.special.pad]], numBeams: 4, forcedBosTokenId: null });
    // generation_config's num_beams (4) is the default: one hypothesis with a beam score.
    const [t] = await mt.translate(ref.beam[0].text);
    expect(t.score).toBeTypeOf('number');
    await expect(mt.translate('x', { numBeams: 2, numReturnSequences: 3 })).rejects.toThrow(InvalidOptionError);
    await expect(mt.translate('the cat', { badWordsIds: [[10_000]] })).rejects.toThrow(InvalidOptionError);
    // Sources and outputs longer than max_position_embeddings (64) are errors, not silently cut.
    await expect(mt.translate(['the '.repeat(70)])).rejects.toThrow(SequenceTooLongError);
    await expect(mt.translate('the cat', { maxNewTokens: 64 })).rejects.toThrow(SequenceTooLongError);
    // A decoder-only folder has no encoder graph: the error names the file looked for.
    await expect(Seq2SeqLm.load(join(FIX, 'tiny-gpt2'))).rejects.toThrow(ModelFileMissingError);
    await expect(Seq2SeqLm.load(join(FIX, 'tiny-gpt2'))).rejects.toThrow(/encoder_model\.onnx/);
    await mt.release();
    const bart = await Seq2SeqLm.load(join(FIX, 'tiny-bart'), { intraOpNumThreads: 1 });
    expect(bart.generation).toMatchObject({ forcedBosTokenId: 0, decoderStartTokenId: 2 });
    const [free] = await bart.translate('the cat sat on the mat .', { forcedBosTokenId: null, maxNewTokens: 3 });
    const [forced] = await bart.translate('the cat sat on the mat .', { maxNewTokens: 3 });
    expect(forced.tokens[0]).toBe(0);
    expect(free.tokens.length).toBe(3);
    await bart.release();
  });
});

describe('Seq2SeqLm sampling', () => {
  const dir = join(FIX, 'tiny-marian');
  const ref = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as Ref;
  let mt: Seq2SeqLm;
  beforeAll(async () => {
    mt = await Seq2SeqLm.load(dir, { intraOpNumThreads: 1 });
  });
  afterAll(async () => mt.release());

  /** The first-token distribution by brute force from PyTorch's first-step logits: bad words, temperature, top-k, top-p. */
  function firstTokenProbs(logits: number[], o: { temperature: number; topK?: number; topP?: number }): Float64Array {
    const x = logits.map((v, i) => (i === ref.special.pad ? -Infinity : v / o.temperature)); // bad_words_ids [[pad]]
    const order = x.map((_, i) => i).sort((a, b) => x[b] - x[a] || a - b);
    const keep = new Set(order.slice(0, o.topK ?? x.length));
    const max = x[order[0]];
    const w = x.map((v, i) => (keep.has(i) ? Math.exp(v - max) : 0));
    let sum = w.reduce((a, b) => a + b, 0);
    if (o.topP !== undefined) {
      let acc = 0;
      let cut = order.length;
      for (let r = 0; r < order.length; r++) if ((acc += w[order[r]] / sum) >= o.topP) ((cut = r + 1), (r = order.length));
      for (const i of order.slice(cut)) w[i] = 0;
      sum = w.reduce((a, b) => a + b, 0);
    }
    return Float64Array.from(w, (v) => v / sum);
  }

  /**
   * Pearson's chi-square of observed first tokens against `p`, categories expected fewer than 5 times pooled into
   * one: [statistic, degrees of freedom]; statistic -1 when a token with p = 0 was drawn.
   */
  function chiSquare(tokens: number[], p: Float64Array): [number, number] {
    const n = tokens.length;
    const count = new Float64Array(p.length);
    for (const t of tokens) count[t]++;
    let chi = 0;
    let bins = 0;
    let poolObs = 0;
    let poolExp = 0;
    for (let i = 0; i < p.length; i++) {
      if (p[i] === 0) {
        if (count[i] > 0) return [-1, 0];
      } else if (n * p[i] < 5) {
        poolObs += count[i];
        poolExp += n * p[i];
      } else {
        chi += (count[i] - n * p[i]) ** 2 / (n * p[i]);
        bins++;
      }
    }
    if (poolExp > 0) {
      chi += (poolObs - poolExp) ** 2 / poolExp;
      bins++;
    }
    return [chi, bins - 1];
  }

  it('first-token frequencies match the brute-force distribution (temperature, top-k, top-p); other settings do not', async () => {
    const src = ref.sources[0];
    const N = 3000;
    const draw = async (o: { temperature: number; topK?: number; topP?: number }): Promise<number[]> =>
      (await mt.translate(new Array<number[]>(N).fill(src.ids), { ...o, doSample: true, seed: 11, maxNewTokens: 1, forcedEosTokenId: null })).map((g) => g.tokens[0]);
    // The trained fixture is peaked (p = 0.9999 for its argmax at temperature 1): high temperatures spread it.
    const cases = [{ temperature: 5 }, { temperature: 4, topK: 8 }, { temperature: 8, topP: 0.5 }];
    for (const o of cases) {
      const p = firstTokenProbs(src.firstLogits, o);
      const tokens = await draw(o);
      const [chi, dof] = chiSquare(tokens, p);
      expect(dof).toBeGreaterThan(5);
      expect(chi).toBeGreaterThanOrEqual(0); // nothing outside the kept set, never the banned pad
      // Far below the 1e-6 tail (chi-square: mean dof, sd sqrt(2 dof)).
      expect(chi).toBeLessThan(dof + 8 * Math.sqrt(2 * dof));
      // The check has power: the same draws fail it against the distribution at twice the temperature.
      const [chiOther, dofOther] = chiSquare(tokens, firstTokenProbs(src.firstLogits, { ...o, temperature: o.temperature * 2 }));
      expect(chiOther === -1 || chiOther > dofOther + 8 * Math.sqrt(2 * dofOther)).toBe(true);
    }
  });

  it('seeded: same seed same tokens, another seed other tokens; topK 1 is greedy; generation_config num_beams not used', async () => {
    const texts = ref.sources.map((s) => s.text);
    const o = { doSample: true, temperature: 2, maxNewTokens: 10, seed: 5 };
    const a = await mt.translate(texts, o);
    const b = await mt.translate(texts, o);
    expect(a.map((g) => g.tokens)).toEqual(b.map((g) => g.tokens));
    expect(a[0].score).toBeUndefined(); // not beam search, though generation_config says num_beams 4
    const c = await mt.translate(texts, { ...o, seed: 6 });
    expect(c.map((g) => g.tokens)).not.toEqual(a.map((g) => g.tokens));
    // Forced EOS still ends a sampled output at maxNewTokens.
    for (const g of a) expect(g.tokens.at(-1)).toBe(ref.special.eos);
    const greedy = ref.greedy.filter((g) => !g.badWordsIds && g.maxNewTokens === 12);
    const k1 = await mt.translate(greedy.map((g) => g.text), { doSample: true, topK: 1, seed: 9, maxNewTokens: 12 });
    expect(k1.map((g) => g.tokens)).toEqual(greedy.map((g) => g.tokens));
    await expect(mt.translate('the cat', { doSample: true, numBeams: 2 })).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'numBeams' });
    await expect(mt.translate('the cat', { doSample: true, topP: 1.5 })).rejects.toMatchObject({ option: 'topP' });
    await expect(mt.translate('the cat', { doSample: true, temperature: 0 })).rejects.toMatchObject({ option: 'temperature' });
  });
});
