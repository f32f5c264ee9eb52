import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyedVectors, writeVectors } from '@nlpkit/embed';
import { translate } from './run-translate.js';
import { clusteredSpace, rotatedPair, trueDictionary } from './synthetic.js';
import { EmptyDictionaryError, InvalidOptionError, parseDictionary, renderMappingSvg, type EmbeddingSpace } from '../src/index.js';

/** Hand-made 3-D spaces: targets are the sources nudged by `shift` (a good mapping) or shuffled (a bad one). */
function spaces(shift: number): { src: EmbeddingSpace; tgt: EmbeddingSpace } {
  const words = ['one', 'two', 'three', 'four', 'five', 'a<b'];
  const v = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1]);
  const t = v.map((x, i) => x + (i % 3 === 0 ? shift : 0));
  return { src: { words, vectors: v, dim: 3 }, tgt: { words: words.map((w) => `${w}_t`), vectors: t, dim: 3 } };
}
const pairs = (n: number): [string, string][] => ['one', 'two', 'three', 'four', 'five', 'a<b'].slice(0, n).map((w) => [w, `${w}_t`]);

/** Endpoints of every pair line in the SVG. */
function lineLengths(svg: string): number[] {
  return [...svg.matchAll(/<line x1="([-\d.]+)" y1="([-\d.]+)" x2="([-\d.]+)" y2="([-\d.]+)"\/>/g)].map((m) =>
    Math.hypot(Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])),
  );
}

describe('renderMappingSvg', () => {
  it('draws one line per pair, labels escaped, and short lines for a good mapping', () => {
    const good = spaces(0.02);
    const p = renderMappingSvg(good.src, good.tgt, [['missing', 'one_t'], ...pairs(6)], { maxPairs: 5, title: 'en → fr' });
    expect(p.pairs).toEqual(pairs(5));
    expect(p.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(p.svg).toContain('en → fr');
    expect(lineLengths(p.svg)).toHaveLength(5);
    expect(p.explained[0]).toBeGreaterThan(p.explained[1]);
    const all = renderMappingSvg(good.src, good.tgt, pairs(6));
    expect(all.svg).toContain('a&lt;b');
    expect(all.svg).not.toContain('a<b');
    // Pairs of a wrong mapping (targets shuffled) are drawn far apart; a right one close together.
    const shuffled: EmbeddingSpace = { ...good.tgt, words: [...good.tgt.words.slice(1), good.tgt.words[0]] };
    const near = Math.max(...lineLengths(all.svg));
    const far = Math.max(...lineLengths(renderMappingSvg(good.src, shuffled, pairs(6)).svg));
    expect(far).toBeGreaterThan(5 * near);
  });

  it('throws typed errors for no usable pair and bad options', () => {
    const { src, tgt } = spaces(0);
    expect(() => renderMappingSvg(src, tgt, [['x', 'y']])).toThrow(EmptyDictionaryError);
    expect(() => renderMappingSvg(src, tgt, pairs(3), { maxPairs: 0 })).toThrow(InvalidOptionError);
  });
});

describe('translate plot', () => {
  it('writes the SVG and reports the pairs drawn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlpkit-translate-plot-'));
    const { src, tgt } = spaces(0.05);
    await writeVectors(join(dir, 's.vec'), new KeyedVectors(src.words, src.vectors, 3), { format: 'fasttext-vec' });
    await writeVectors(join(dir, 't.vec'), new KeyedVectors(tgt.words, tgt.vectors, 3), { format: 'fasttext-vec' });
    writeFileSync(join(dir, 'd.txt'), pairs(6).map((p) => p.join(' ')).join('\n'));
    const args = ['plot', '--src', join(dir, 's.vec'), '--tgt', join(dir, 't.vec'), '--dict', join(dir, 'd.txt'), '-o', join(dir, 'p.svg')];
    const run = await translate([...args, '--pairs', '4', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ pairs: 4 });
    expect(lineLengths(readFileSync(join(dir, 'p.svg'), 'utf8'))).toHaveLength(4);
    writeFileSync(join(dir, 'none.txt'), 'x y\n');
    const bad = await translate([...args.slice(0, 5), '--dict', join(dir, 'none.txt'), '-o', join(dir, 'q.svg')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/No pair of plotted pairs is usable: 1 pairs/);
    expect(parseDictionary(readFileSync(join(dir, 'd.txt'), 'utf8')).pairs).toHaveLength(6);
  });

  it('plots the shared space that "induce --mapped-src --mapped-tgt" writes: translation lines short', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlpkit-translate-plot-'));
    const { src, tgt } = rotatedPair(clusteredSpace(600, 16, 3), 4, 0.02);
    await writeVectors(join(dir, 'en.vec'), new KeyedVectors(src.words, src.vectors, 16), { format: 'fasttext-vec' });
    await writeVectors(join(dir, 'fr.vec'), new KeyedVectors(tgt.words, tgt.vectors, 16), { format: 'fasttext-vec' });
    writeFileSync(join(dir, 'seed.txt'), trueDictionary(0, 200));
    writeFileSync(join(dir, 'gold.txt'), trueDictionary(300, 340));
    const induced = await translate([
      'induce', '--src', join(dir, 'en.vec'), '--tgt', join(dir, 'fr.vec'), '--seed-dict', join(dir, 'seed.txt'), '-o', join(dir, 'd.dict'),
      '--mapped-src', join(dir, 'en-m.vec'), '--mapped-tgt', join(dir, 'fr-m.vec'), '--refine', '1',
    ]);
    expect(induced.stderr).toBe('');
    expect(induced.code).toBe(0);
    const plot = async (s: string, t: string, out: string) =>
      (await translate(['plot', '--src', join(dir, s), '--tgt', join(dir, t), '--dict', join(dir, 'gold.txt'), '-o', join(dir, out)])).code;
    expect(await plot('en-m.vec', 'fr-m.vec', 'mapped.svg')).toBe(0);
    expect(await plot('en.vec', 'fr.vec', 'raw.svg')).toBe(0);
    const mapped = lineLengths(readFileSync(join(dir, 'mapped.svg'), 'utf8'));
    const raw = lineLengths(readFileSync(join(dir, 'raw.svg'), 'utf8'));
    expect(mapped).toHaveLength(40);
    const mean = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length;
    expect(mean(mapped)).toBeLessThan(mean(raw) / 3);
  });
});
