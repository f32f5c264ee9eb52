// `lm translate` driven in-process on the tiny fixtures: plain and JSON output, beams, attention SVGs, errors.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lm } from './run-lm.js';

const FIX = join(import.meta.dirname, 'fixtures/neural');
const tmp = mkdtempSync(join(tmpdir(), 'lm-translate-'));

const ref = (name: string) => JSON.parse(readFileSync(join(FIX, name, 'reference.json'), 'utf8')) as { greedy: { text: string; maxNewTokens: number; tokens: number[]; badWordsIds?: unknown }[]; beam: { text: string; numBeams: number; lengthPenalty: number; earlyStopping: boolean; numReturnSequences: number; results: { tokens: number[]; score: number }[] }[] };

describe('lm translate', () => {
  it('translates stdin line by line (greedy ids as PyTorch, batched by --batch-size)', async () => {
    const r0 = ref('tiny-t5');
    const lines = r0.greedy.filter((g) => !g.badWordsIds && g.maxNewTokens === 12);
    const r = await lm(['translate', join(FIX, 'tiny-t5'), '--json', '--batch-size', '2', '--max-new-tokens', '12'], lines.map((g) => g.text).join('\n') + '\n');
    expect(r.code).toBe(0);
    const got = r.out.trim().split('\n').map((l) => JSON.parse(l) as { source: string; tokens: number[]; text: string });
    expect(got.map((g) => g.source)).toEqual(lines.map((g) => g.text));
    expect(got.map((g) => g.tokens)).toEqual(lines.map((g) => g.tokens));
    const plain = await lm(['translate', join(FIX, 'tiny-t5'), '--max-new-tokens', '12'], lines[0].text);
    expect(plain.out).toBe(`${got[0].text}\n`);
  });

  it('--beams gives the beam search of the library (scores as PyTorch)', async () => {
    const b = ref('tiny-bart').beam.find((x) => x.numReturnSequences >= 1 && x.lengthPenalty === 1 && !x.earlyStopping)!;
    const r = await lm(['translate', join(FIX, 'tiny-bart'), '--json', '--beams', String(b.numBeams), '--max-new-tokens', '12'], `${b.text}\n`);
    const [o] = r.out.trim().split('\n').map((l) => JSON.parse(l) as { tokens: number[]; score: number });
    expect(o.tokens).toEqual(b.results[0].tokens);
    expect(Math.abs(o.score - b.results[0].score)).toBeLessThan(1e-4);
  });

  it('--sample: seeded (same --seed same lines, another seed other lines); --top-k 1 is greedy', async () => {
    const lines = ref('tiny-marian').greedy.filter((g) => !g.badWordsIds && g.maxNewTokens === 12);
    const input = lines.map((g) => g.text).join('\n') + '\n';
    const run = async (...flags: string[]): Promise<number[][]> => {
      const r = await lm(['translate', join(FIX, 'tiny-marian'), '--json', '--batch-size', '2', '--max-new-tokens', '12', '--sample', ...flags], input);
      expect(r.code).toBe(0);
      return r.out.trim().split('\n').map((l) => (JSON.parse(l) as { tokens: number[] }).tokens);
    };
    const a = await run('--temperature', '3', '--seed', '4');
    expect(a).toHaveLength(lines.length);
    expect(await run('--temperature', '3', '--seed', '4')).toEqual(a);
    expect(await run('--temperature', '3', '--seed', '5')).not.toEqual(a);
    expect(await run('--top-k', '1', '--seed', '4')).toEqual(lines.map((g) => g.tokens));
    const att = await lm(['translate', join(FIX, 'tiny-d2l-attention'), '--sample'], 'x\n');
    expect(att.code).toBe(2);
  });

  it('attention model: --attention-dir writes one SVG heat map per line; refused for other models', async () => {
    const dir = join(tmp, 'svg');
    const r = await lm(['translate', join(FIX, 'tiny-d2l-attention'), '--attention-dir', dir], 'the cat sat on the mat .\nthe dog sat on the log .\n');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(2);
    expect(readFileSync(join(dir, '1.svg'), 'utf8')).toMatch(/^<svg [^]*&lt;eos&gt;[^]*<\/svg>\n$/);
    expect(existsSync(join(dir, '2.svg'))).toBe(true);
    const bad = await lm(['translate', join(FIX, 'tiny-marian'), '--attention-dir', dir], 'x\n');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^lm: Invalid --attention-dir/);
  });

  it('bad input: a folder without the graphs is exit 1 naming the file; bad numbers exit 2', async () => {
    const r = await lm(['translate', join(FIX, 'tiny-bert')], 'x\n');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/encoder_model\.onnx/);
    expect((await lm(['translate', join(FIX, 'tiny-t5'), '--beams', 'two'], 'x\n')).code).toBe(2);
  });
});
