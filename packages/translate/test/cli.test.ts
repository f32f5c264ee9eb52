import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyedVectors, writeVectors } from '@nlpkit/embed';
import { translate } from './run-translate.js';
import { parseDictionary } from '../src/mapping/index.js';
import { scoreInducedDictionary } from '../src/cli/eval-dict.js';
import { clusteredSpace, rotatedPair, trueDictionary } from './synthetic.js';
import type { EmbeddingSpace } from '../src/mapping/space.js';


const dir = mkdtempSync(join(tmpdir(), 'nlpkit-translate-cli-'));
const path = (name: string): string => join(dir, name);
const save = (name: string, s: EmbeddingSpace): Promise<void> => writeVectors(path(name), new KeyedVectors(s.words, s.vectors, s.dim), { format: 'fasttext-vec' });

// 1,500 source words, their rotated noisy translations; words 0-299 share their spelling across the two sides.
const { src, tgt } = rotatedPair(clusteredSpace(1500, 24, 7), 8, 0.05);
const tgtShared: EmbeddingSpace = { ...tgt, words: tgt.words.map((w) => (Number(w.slice(1)) < 300 ? `w${w.slice(1)}` : w)) };
const unrelated = clusteredSpace(1500, 24, 99);
await save('en.vec', src);
await save('fr.vec', tgt);
await save('fr-shared.vec', tgtShared);
await save('unrelated.vec', { ...unrelated, words: unrelated.words.map((w) => `u${w}`) });
await save('small.vec', { words: ['a', 'b'], vectors: new Float32Array(2 * 8), dim: 8 });
writeFileSync(path('seed.txt'), trueDictionary(0, 300));
writeFileSync(path('gold.txt'), trueDictionary(600, 900));

describe('translate induce and eval-dict', () => {
  it('induces a dictionary from a seed dictionary that scores high on held-out gold pairs', async () => {
    const run = await translate(['induce', '--src', path('en.vec'), '--tgt', path('fr.vec'), '--seed-dict', path('seed.txt'),
      '-o', path('induced.dict'), '--candidates', '5', '--dict-size', '1500', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ mode: 'seed-dict', seedPairs: 300, entries: 7500, dim: 24 });
    expect(summary.diagnosis.collapsed).toBe(false);
    const induced = readFileSync(path('induced.dict'), 'utf8').trim().split('\n');
    expect(induced[0].split(' ')[0]).toBe('w0'); // most frequent source word first, its 5 candidates in a row
    expect(induced.slice(0, 5).every((l) => l.startsWith('w0 '))).toBe(true);

    const ev = await translate(['eval-dict', '--gold', path('gold.txt'), '--dict', path('induced.dict'), '--json']);
    expect(ev.code).toBe(0);
    const r = JSON.parse(ev.stdout);
    expect(r).toMatchObject({ method: 'dictionary', goldSources: 300, evaluated: 300 });
    expect(r.precisionAt['1']).toBeGreaterThan(0.9);
    expect(r.precisionAt['5']).toBeGreaterThanOrEqual(r.precisionAt['1']);
  });

  it('seeds from identical strings, and evaluates mapped vectors as MUSE does', async () => {
    const run = await translate(['induce', '--src', path('en.vec'), '--tgt', path('fr-shared.vec'), '--identical',
      '-o', path('identical.dict'), '--mapped-src', path('mapped.vec')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^identical, 300 seed pairs: 1500 source and 1500 target words, dim 24\n/);
    const ev = await translate(['eval-dict', '--gold', path('gold.txt'), '--src', path('mapped.vec'), '--tgt', path('fr-shared.vec'), '--method', 'nn']);
    expect(ev.code).toBe(0);
    const p1 = Number(/P@1 ([\d.]+)/.exec(ev.stdout)?.[1]);
    expect(p1).toBeGreaterThan(90);
    expect(ev.stdout).toMatch(/\(nn; 300 of 300 gold source words covered\)/);
  });

  it('--reweight maps both sides and writes the shared target space', async () => {
    const run = await translate(['induce', '--src', path('en.vec'), '--tgt', path('fr.vec'), '--seed-dict', path('seed.txt'), '--refine', '1',
      '--reweight', '0.5', '-o', path('rw.dict'), '--mapped-src', path('rw-src.vec'), '--mapped-tgt', path('rw-tgt.vec')]);
    expect(run.code).toBe(0);
    const ev = await translate(['eval-dict', '--gold', path('gold.txt'), '--src', path('rw-src.vec'), '--tgt', path('rw-tgt.vec'), '--json']);
    expect(JSON.parse(ev.stdout).precisionAt['1']).toBeGreaterThan(0.9);
    // The target side moved: its vectors are not fr.vec's (normalised) any more.
    expect(readFileSync(path('rw-tgt.vec'), 'utf8').split('\n')[1]).not.toBe(readFileSync(path('fr.vec'), 'utf8').split('\n')[1]);
    const bad = await translate(['induce', '--src', path('en.vec'), '--tgt', path('fr.vec'), '--seed-dict', path('seed.txt'), '--reweight', 'half', '-o', path('x.dict')]);
    expect(bad).toMatchObject({ code: 2, stderr: 'translate: --reweight must be a number (e.g. 0.5), not "half"\n' });
  });

  it('--reduce keeps the k strongest directions of the re-weighted spaces', async () => {
    const run = await translate(['induce', '--src', path('en.vec'), '--tgt', path('fr.vec'), '--seed-dict', path('seed.txt'), '--refine', '1',
      '--reweight', '0.5', '--reduce', '4', '-o', path('rd.dict'), '--mapped-src', path('rd-src.vec'), '--mapped-tgt', path('rd-tgt.vec')]);
    expect(run.code).toBe(0);
    for (const file of ['rd-src.vec', 'rd-tgt.vec']) {
      const [header, first] = readFileSync(path(file), 'utf8').split('\n');
      const dim = Number(header.split(' ')[1]);
      const values = first.trim().split(' ').slice(1).map(Number);
      expect(values).toHaveLength(dim);
      expect(values.slice(4).every((v) => v === 0)).toBe(true);
      expect(values.slice(0, 4).some((v) => v !== 0)).toBe(true);
    }
    const alone = await translate(['induce', '--src', path('en.vec'), '--tgt', path('fr.vec'), '--seed-dict', path('seed.txt'), '--reduce', '4', '-o', path('x.dict')]);
    expect(alone).toMatchObject({ code: 2, stderr: 'translate: --reduce needs --reweight (it keeps the strongest directions of the re-weighted spaces)\n' });
  });

  it('--self-learning vecmap runs VecMap\'s self-learning from the seed dictionary', async () => {
    // A weak seed: 60 pairs, only every fourth one right.
    writeFileSync(path('weak.txt'), Array.from({ length: 60 }, (_, i) => `w${i} t${i % 4 === 0 ? i : (i + 17) % 60}`).join('\n') + '\n');
    const run = await translate(['induce', '--src', path('en.vec'), '--tgt', path('fr.vec'), '--seed-dict', path('weak.txt'),
      '--self-learning', 'vecmap', '--stochastic-interval', '1', '--max-vocab', '1000', '-o', path('vm.dict'), '--mapped-src', path('vm-src.vec'), '--mapped-tgt', path('vm-tgt.vec'), '--json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ mode: 'seed-dict+vecmap', seedPairs: 60 });
    const ev = await translate(['eval-dict', '--gold', path('gold.txt'), '--src', path('vm-src.vec'), '--tgt', path('vm-tgt.vec'), '--json']);
    expect(JSON.parse(ev.stdout).precisionAt['1']).toBeGreaterThan(0.9);
    // A cap of 2 stops the loop at keep probability 0.1: one keep-1 induction is added unless switched off.
    const weak = ['induce', '--src', path('en.vec'), '--tgt', path('fr.vec'), '--seed-dict', path('weak.txt'), '--self-learning', 'vecmap', '--max-iterations', '2', '-o', path('cap.dict'), '--json'];
    expect(JSON.parse((await translate(weak)).stdout).vecmap).toEqual({ iterations: 3, deterministicFinish: true });
    expect(JSON.parse((await translate([...weak, '--no-deterministic-finish', '--keep-collapsed'])).stdout).vecmap).toEqual({ iterations: 2, deterministicFinish: false });
    const notVecmap = await translate(['induce', '--src', path('en.vec'), '--tgt', path('fr.vec'), '--identical', '--max-iterations', '2', '-o', path('x.dict')]);
    expect(notVecmap).toMatchObject({ code: 2, stderr: 'translate: --max-iterations and --no-deterministic-finish apply to vecmap only (--unsupervised vecmap or --self-learning vecmap)\n' });
    const bad = await translate(['induce', '--src', path('en.vec'), '--tgt', path('fr.vec'), '--unsupervised', 'vecmap', '--self-learning', 'vecmap', '-o', path('x.dict')]);
    expect(bad).toMatchObject({ code: 2, stderr: 'translate: --self-learning vecmap takes --seed-dict or --identical, without --refine or --reweight (it re-weights itself)\n' });
    const how = await translate(['induce', '--src', path('en.vec'), '--tgt', path('fr.vec'), '--identical', '--self-learning', 'muse', '-o', path('x.dict')]);
    expect(how).toMatchObject({ code: 2, stderr: 'translate: --self-learning must be refine or vecmap, not "muse"\n' });
  });

  it('refuses seed dictionaries with no pair inside the vocabularies', async () => {
    const run = await translate(['induce', '--src', path('en.vec'), '--tgt', path('unrelated.vec'), '--identical', '-o', path('x.dict')]);
    // No identical strings at all between w* and uw* words.
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^translate: No pair of identical strings is usable/);
    const seeded = await translate(['induce', '--src', path('en.vec'), '--tgt', path('unrelated.vec'), '--seed-dict', path('seed.txt'), '-o', path('x.dict')]);
    expect(seeded.code).toBe(1);
    expect(seeded.stderr).toMatch(/No pair of .*seed\.txt is usable: 300 pairs, 0 with the source word missing.*300 with the target word missing/);
    expect(existsSync(path('x.dict'))).toBe(false);
  });

  it('refuses to write a mapping the collapse check flags, with its reason and numbers', async () => {
    // A wrong seed dictionary (w_i → t_(7i mod 1500)): refinement locks onto a wrong mapping.
    writeFileSync(path('wrong.txt'), Array.from({ length: 300 }, (_, i) => `w${i} t${(7 * i + 3) % 1500}`).join('\n'));
    const args = ['induce', '--src', path('en.vec'), '--tgt', path('fr-shared.vec'), '--seed-dict', path('wrong.txt'), '--refine', '1'];
    const run = await translate([...args, '-o', path('wrong.dict')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/collapsed \((no-better-than-chance|misses-identical-strings|no-better-than-self-learning)\)/);
    expect(run.stderr).toMatch(/self-learning null \d\.\d{4}.*identical strings kept/);
    expect(existsSync(path('wrong.dict'))).toBe(false);
    const kept = await translate([...args, '-o', path('wrong.dict'), '--keep-collapsed', '--json']);
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.stdout).diagnosis).toMatchObject({ collapsed: true, sharedStrings: 300 });
  });

  it('fails with one clear line on bad usage and bad input', async () => {
    const none = await translate(['induce', '--src', path('en.vec'), '--tgt', path('fr.vec'), '-o', path('y.dict')]);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toBe('translate: give exactly one of --seed-dict FILE, --identical, --unsupervised vecmap|adversarial\n');
    const dims = await translate(['induce', '--src', path('en.vec'), '--tgt', path('small.vec'), '--identical', '-o', path('y.dict')]);
    expect(dims.code).toBe(1);
    expect(dims.stderr).toMatch(/^translate: .*small\.vec \(target vectors\) has dimension 8, expected 24\n$/);
    const missing = await translate(['eval-dict', '--gold', path('nope.txt'), '--dict', path('induced.dict')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`translate: ${path('nope.txt')}: no such file or directory\n`);
    const method = await translate(['eval-dict', '--gold', path('gold.txt'), '--src', path('en.vec'), '--tgt', path('fr.vec'), '--method', 'knn']);
    expect(method.code).toBe(2);
    expect(method.stderr).toMatch(/--method must be csls or nn, not "knn"/);
    const help = await translate(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/induce .*\n.*eval-dict/s);
  });

  it('scores an induced dictionary by the rank of its first gold candidate', () => {
    const induced = parseDictionary('a x\na y\nb z\nb y\nc q\n');
    const gold = parseDictionary('a y\nb y\nb w\nc z\nd x\n');
    // a: rank 1 (y); b: rank 1 (y); c: miss; d: not covered.
    expect(scoreInducedDictionary(induced, gold, [1, 2])).toEqual({ precisionAt: { 1: 0, 2: 2 / 3 }, goldSources: 4, evaluated: 3 });
  });
});
