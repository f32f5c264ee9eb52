import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from './neural-expect.js';
import { MaskedLm } from '../src/index.js';

// Reference outputs come from PyTorch through scripts/gen-neural-fixtures.py.
const DIR = join(import.meta.dirname, 'fixtures/neural/tiny-bert');
interface Ref {
  texts: { text: string; pair?: string; ids: number[]; typeIds: number[]; logits: number[]; lastHiddenState: number[] }[];
  fillMask: { text: string; topK: number; results: { token: number; tokenStr: string; score: number }[] }[];
  embed: { texts: string[]; mean: number[][]; cls: number[][]; meanNormalized: number[][] };
}
const ref = JSON.parse(readFileSync(join(DIR, 'reference.json'), 'utf8')) as Ref;

let bert: MaskedLm;
beforeAll(async () => {
  bert = await MaskedLm.load(DIR, { intraOpNumThreads: 1 });
});
afterAll(async () => bert.release());

describe('MaskedLm (tiny BERT) vs PyTorch', () => {
  it('tokenizes as the Python reference', () => {
    for (const t of ref.texts) {
      const enc = bert.folder.tokenizer.encode(t.text, t.pair ?? null);
      expect(enc.ids).toEqual(t.ids);
      expect(enc.typeIds).toEqual(t.typeIds);
    }
  });

  it('gives the same logits and last hidden states', async () => {
    for (const t of ref.texts) {
      const out = await bert.forward([t.ids], [t.typeIds]);
      expectClose(out.logits!, t.logits);
      expectClose(out.lastHiddenState!, t.lastHiddenState);
    }
  });

  it('padded batch == one by one', async () => {
    const rows = ref.texts.map((t) => t.ids);
    const batch = await bert.forward(rows, ref.texts.map((t) => t.typeIds));
    const V = bert.folder.config.vocabSize;
    ref.texts.forEach((t, b) => {
      const got = batch.logits!.subarray(b * batch.seq * V, (b * batch.seq + t.ids.length) * V);
      expectClose(got, t.logits);
    });
  });

  it('fillMask: top-k ids exact, scores to 1e-4', async () => {
    for (const f of ref.fillMask) {
      const got = await bert.fillMask(f.text, { topK: f.topK });
      expect(got.map((r) => r.token)).toEqual(f.results.map((r) => r.token));
      expect(got.map((r) => r.tokenStr)).toEqual(f.results.map((r) => r.tokenStr));
      expectClose(got.map((r) => r.score), f.results.map((r) => r.score));
    }
  });

  it('embed: mean / cls pooling, normalized, independent of batch size', async () => {
    const mean = await bert.embed(ref.embed.texts, { pooling: 'mean', normalize: false });
    const cls = await bert.embed(ref.embed.texts, { pooling: 'cls', normalize: false, batchSize: 2 });
    const norm = await bert.embed(ref.embed.texts, { batchSize: 1 });
    ref.embed.texts.forEach((_, i) => {
      expectClose(mean[i], ref.embed.mean[i]);
      expectClose(cls[i], ref.embed.cls[i]);
      expectClose(norm[i], ref.embed.meanNormalized[i]);
    });
  });

  it('rejects a text without exactly one mask, and bad options', async () => {
    await expect(bert.fillMask('no mask here')).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'text' });
    await expect(bert.fillMask('[MASK] and [MASK]')).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(bert.fillMask('the [MASK]', { topK: 0 })).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'topK' });
    await expect(bert.embed(['x'], { pooling: 'max' as 'mean' })).rejects.toMatchObject({ option: 'pooling' });
  });

  it('rejects inputs longer than max_position_embeddings', async () => {
    const long = Array.from({ length: 70 }, () => 'cat').join(' ');
    await expect(bert.embed([long])).rejects.toMatchObject({ code: 'SEQUENCE_TOO_LONG', maxLength: 64 });
  });
});
