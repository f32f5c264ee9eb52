import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from './neural-expect.js';
import { AttentionSeq2Seq, attentionHeatmapSvg, heatColor, InvalidOptionError, ModelConfigError, parseAttentionConfig, SequenceTooLongError } from '../src/index.js';

// Reference outputs from PyTorch (d2l's Seq2SeqEncoder + Seq2SeqAttentionDecoder) through scripts/gen-neural-fixtures.py.
const DIR = join(import.meta.dirname, 'fixtures/neural/tiny-d2l-attention');
interface Ref {
  numSteps: number;
  sources: { text: string; ids: number[]; validLen: number; encOutputs: number[]; hiddenState: number[] }[];
  greedy: { text: string; maxNewTokens: number; tokens: number[]; logProbs: number[]; attention: number[][] }[];
  beam: { text: string; numBeams: number; lengthPenalty: number; earlyStopping: boolean; numReturnSequences: number; maxNewTokens: number; results: { tokens: number[]; score: number }[] }[];
}
const ref = JSON.parse(readFileSync(join(DIR, 'reference.json'), 'utf8')) as Ref;

let mt: AttentionSeq2Seq;
beforeAll(async () => {
  mt = await AttentionSeq2Seq.load(DIR, { intraOpNumThreads: 1 });
});
afterAll(async () => mt.release());

describe('AttentionSeq2Seq (d2l GRU + Bahdanau attention) vs PyTorch', () => {
  it('source ids as d2l (tokens + <eos>, padded to num_steps), encoder outputs to 1e-4', async () => {
    expect(mt.config.numSteps).toBe(ref.numSteps);
    for (const s of ref.sources) {
      const src = mt.encodeSource(s.text);
      expect(src.validLen).toBe(s.validLen);
      expect([...src.ids, ...new Array<number>(ref.numSteps - src.ids.length).fill(mt.config.padTokenId)]).toEqual(s.ids);
      const enc = await mt.encoderOutputs(s.text);
      expectClose(enc.encOutputs, s.encOutputs);
      expectClose(enc.hiddenState, s.hiddenState);
    }
  });

  it('greedy: ids exact, log-probs and attention weights per step to 1e-4 (batched)', async () => {
    const out = await mt.translate(ref.greedy.map((g) => g.text), { maxNewTokens: 12, logProbs: true });
    out.forEach((o, i) => {
      const g = ref.greedy[i];
      expect(o.tokens).toEqual(g.tokens);
      expectClose(o.logProbs!, g.logProbs);
      expect(o.attention.length).toBe(g.attention.length);
      o.attention.forEach((row, t) => expectClose(row, g.attention[t]));
      expect(o.targetTokens.length).toBe(o.tokens.length);
      expect(o.sourceTokens.at(-1)).toBe('<eos>');
      expect(o.text.split(' ').length).toBe(o.tokens.length - 1); // <eos> skipped
    });
  });

  it('beam search: ids exact and scores to 1e-4, attention rows per hypothesis token', async () => {
    for (const b of ref.beam) {
      const out = await mt.translate(b.text, { numBeams: b.numBeams, lengthPenalty: b.lengthPenalty, earlyStopping: b.earlyStopping, numReturnSequences: b.numReturnSequences, maxNewTokens: b.maxNewTokens });
      expect(out.map((h) => h.tokens)).toEqual(b.results.map((r) => r.tokens));
      expectClose(out.map((h) => h.score!), b.results.map((r) => r.score));
      for (const h of out) {
        expect(h.attention.length).toBe(h.tokens.length);
        for (const row of h.attention) expect(row.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 5);
      }
    }
    // teacher forcing a greedy output reproduces the weights recorded while decoding
    const g = ref.greedy[0];
    const forced = await mt.attention(g.text, g.tokens);
    forced.forEach((row, t) => expectClose(row, g.attention[t]));
  });

  it('bad input: config and options', async () => {
    expect(() => parseAttentionConfig({ model_type: 'bert' }, 'c.json')).toThrow(ModelConfigError);
    expect(() => parseAttentionConfig({ model_type: 'd2l-seq2seq-attention', src_vocab_size: 3 }, 'c.json')).toThrow(/tgt_vocab_size/);
    await expect(mt.translate('the cat', { numBeams: 2, numReturnSequences: 3 })).rejects.toThrow(InvalidOptionError);
    // Longer than num_steps (10): an error, or d2l's cut with truncate: true.
    const long = 'the cat sat on the mat and the dog sat on the log .';
    await expect(mt.translate(long)).rejects.toThrow(SequenceTooLongError);
    const [cut] = await mt.translate(long, { truncate: true });
    expect(cut.sourceTokens).toHaveLength(ref.numSteps);
    await expect(AttentionSeq2Seq.load(join(DIR, 'nope'))).rejects.toThrow(/config\.json/);
  });
});

describe('attentionHeatmapSvg', () => {
  it('draws one cell per source × target weight, labels escaped, colours monotonic in the weight', async () => {
    const [t] = await mt.translate(ref.greedy[0].text);
    const svg = attentionHeatmapSvg(t, { title: 'a < b' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    const cells = svg.split('<g class="cells">')[1].split('</g>')[0];
    expect(cells.match(/<rect /g)!.length).toBe(t.sourceTokens.length * t.targetTokens.length);
    expect(svg).toContain('&lt;eos&gt;');
    expect(svg).not.toContain('<eos>');
    expect(svg).toContain('a &lt; b');
    // the strongest weight of the first row gets the darkest colour of that row
    const row0 = Array.from(t.attention[0].subarray(0, t.sourceTokens.length));
    const best = row0.indexOf(Math.max(...row0));
    expect(cells).toContain(`fill="${heatColor(row0[best])}"><title>${t.targetTokens[0]} ← ${t.sourceTokens[best]}: ${row0[best].toFixed(4)}</title>`);
    const lum = (c: string): number => parseInt(c.slice(1, 3), 16) + parseInt(c.slice(3, 5), 16) + parseInt(c.slice(5, 7), 16);
    expect(lum(heatColor(0))).toBeGreaterThan(lum(heatColor(0.5)));
    expect(lum(heatColor(0.5))).toBeGreaterThan(lum(heatColor(1)));
    expect(() => attentionHeatmapSvg({ sourceTokens: ['a'], targetTokens: ['x', 'y'], attention: [[1]] })).toThrow(InvalidOptionError);
  });
});
