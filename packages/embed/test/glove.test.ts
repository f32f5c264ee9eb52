import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countCooccurrences, readCooccurrences, shuffleCooccurrences, trainGlove, InvalidOptionError, SpillDirError } from '../src/index.js';
import type { SpillIo } from '../src/glove/records.js';
import { nodeIo } from '../src/glove/records.js';
import { Rng } from '../src/glove/rng.js';
import { GLOVE_KERNEL_WASM } from '../src/glove/glove-kernel.wasm.js';
import { allocateGloveHeap, blockTrainer, weightsOf, type GloveHeap } from '../src/glove/kernel.js';
import { tempDir } from './helpers.js';

type Rec = [number, number, number];
const records = (file: string): Rec[] => {
  const r = readCooccurrences(file);
  return Array.from(r.word1, (w, k) => [w, r.word2[k]!, r.value[k]!] as Rec);
};

/** A seeded corpus of `lines` lines over `vocab` words, Zipf-ish. */
function randomCorpus(lines: number, vocab: number, seed: number): string[] {
  const rng = new Rng(seed);
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    const n = 3 + rng.below(12);
    const words: string[] = [];
    for (let k = 0; k < n; k++) words.push(`w${Math.floor(vocab ** rng.float()) - 1}`);
    out.push(words.join(' '));
  }
  return out;
}

describe('GloVe co-occurrence counting', () => {
  it('weights by 1/distance, symmetric, within lines, in vocab_count order', async () => {
    const dir = tempDir();
    const out = join(dir, 'c.bin');
    const r = await countCooccurrences(['a b c', 'b a'], out, { window: 2, minCount: 1, spillDir: dir });
    expect(r.words).toEqual(['a', 'b', 'c']); // a and b both twice: alphabetical
    expect(records(out)).toEqual([
      [1, 2, 2], [1, 3, 0.5], [2, 1, 2], [2, 3, 1], [3, 1, 0.5], [3, 2, 1],
    ]);
    await countCooccurrences(['a b c', 'b a'], out, { window: 2, minCount: 1, symmetric: false, spillDir: dir });
    expect(records(out)).toEqual([[1, 2, 1], [1, 3, 0.5], [2, 1, 1], [2, 3, 1]]); // X[context][target], left context only
    await countCooccurrences(['a b c', 'b a'], out, { window: 2, minCount: 1, distanceWeighting: false, spillDir: dir });
    expect(records(out)).toContainEqual([1, 3, 1]);
    await countCooccurrences(['a b c', 'b a'], out, { window: 1, minCount: 1, spillDir: dir });
    expect(records(out).some(([i, j]) => i * j === 3)).toBe(false); // a–c is two apart
  });

  it('drops out-of-vocabulary words before windowing, as cooccur', async () => {
    const dir = tempDir();
    const out = join(dir, 'c.bin');
    const r = await countCooccurrences(['a x b', 'a b'], out, { window: 1, minCount: 2, spillDir: dir });
    expect(r.words).toEqual(['a', 'b']);
    expect(records(out)).toEqual([[1, 2, 2], [2, 1, 2]]);
  });

  it('breaks count ties by C strcmp on signed bytes (non-ASCII first)', async () => {
    const dir = tempDir();
    const r = await countCooccurrences(['b a é ab b'], join(dir, 'c.bin'), { window: 1, minCount: 1, spillDir: dir });
    expect(r.words).toEqual(['b', 'é', 'a', 'ab']);
  });

  it('gives the same records when chunks are spilled to disk and merged', async () => {
    const dir = tempDir();
    const corpus = randomCorpus(400, 60, 7);
    const whole = join(dir, 'whole.bin');
    const spilled = join(dir, 'spilled.bin');
    const tiny = join(dir, 'tiny.bin');
    const a = await countCooccurrences(corpus, whole, { window: 5, minCount: 1, spillDir: dir });
    expect(a.spills).toBe(0);
    const b = await countCooccurrences(corpus, spilled, { window: 5, minCount: 1, spillDir: dir }, { maxProduct: 20, pairSlots: 64 });
    expect(b.spills).toBeGreaterThan(5);
    const c = await countCooccurrences(corpus, tiny, { window: 5, minCount: 1, spillDir: dir, memoryMB: 0.002 });
    expect(c.spills).toBeGreaterThan(5);
    const hashed = join(dir, 'hashed.bin'); // a small dense array, the rest in the hash, nothing spilled
    const d = await countCooccurrences(corpus, hashed, { window: 5, minCount: 1, spillDir: dir }, { maxProduct: 20, pairSlots: 1 << 16 });
    expect(d.spills).toBe(0);
    const ra = records(whole);
    expect(records(hashed)).toEqual(ra); // both sum in corpus order
    // Left context only: X[a][b] and X[b][a] apart, in the dense array and in the hash.
    const asym = { window: 5, minCount: 1, spillDir: dir, symmetric: false };
    await countCooccurrences(corpus, whole, asym);
    await countCooccurrences(corpus, hashed, asym, { maxProduct: 20, pairSlots: 1 << 16 });
    expect(records(hashed)).toEqual(records(whole));
    expect(records(whole).some(([i, j, v]) => ra.some(([i2, j2, v2]) => i2 === i && j2 === j && v2 !== v))).toBe(true);
    for (const other of [records(spilled), records(tiny)]) {
      expect(other.map(([i, j]) => i * 1000 + j)).toEqual(ra.map(([i, j]) => i * 1000 + j));
      other.forEach(([, , v], k) => expect(v).toBeCloseTo(ra[k]![2], 12));
    }
    expect(readdirSync(dir).filter((f) => f.startsWith('nlpkit-glove-'))).toEqual([]);
  });
});

describe('GloVe kernel', () => {
  it('ships the module that glove-kernel.wat compiles to', async () => {
    const source = readFileSync(new URL('../src/glove/glove-kernel.wat', import.meta.url), 'utf8');
    const wabt = await wabtInit();
    const bytes = wabt.parseWat('glove-kernel.wat', source, { simd: true, threads: true }).toBinary({}).buffer;
    expect(Buffer.from(bytes).toString('base64')).toBe(GLOVE_KERNEL_WASM); // else: pnpm build:wasm
  });

  it('gives the same weights in WebAssembly SIMD as in JavaScript, bit for bit', () => {
    const V = 30;
    const n = 5000;
    const rng = new Rng(9);
    const ints = new Int32Array(4 * n);
    const reals = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      ints[4 * k] = 1 + rng.below(V);
      ints[4 * k + 1] = 1 + rng.below(V);
      reals[2 * k + 1] = rng.float() < 0.1 ? 150 + rng.float() * 100 : 0.05 + rng.float() * 20; // some past xMax
    }
    ints[8] = 0; // skipped, as glove.c skips ids below 1
    ints[13] = V + 1; // past the vocabulary: skipped
    for (const dim of [1, 6, 7, 8]) {
      const params = { dim, vocabSize: V, xMax: 10, alpha: 0.75, eta: 0.05, gradClip: 0.5 };
      const run = (useWasm: boolean): { heap: GloveHeap; cost: number; init: Float64Array } => {
        const heap = allocateGloveHeap(V, dim, 1, useWasm);
        const { W, gradsq } = weightsOf(heap);
        const init = new Rng(dim);
        for (let a = 0; a < W.length; a++) W[a] = (init.float() - 0.5) / dim;
        gradsq.fill(1);
        const initial = W.slice();
        const train = blockTrainer(heap, 0, params, useWasm);
        let cost = 0;
        for (let it = 0; it < 3; it++) cost += train(ints, reals, n);
        return { heap, cost, init: initial };
      };
      const wasm = run(true);
      const js = run(false);
      expect(wasm.heap.memory).toBeDefined();
      expect(js.heap.memory).toBeUndefined();
      expect(wasm.cost).toBe(js.cost);
      const bytes = (h: GloveHeap): Buffer => Buffer.from(h.buffer, 0, 2 * h.size * 8);
      expect(bytes(wasm.heap).equals(bytes(js.heap))).toBe(true);
      expect(weightsOf(js.heap).W.some((w, a) => Math.abs(w - js.init[a]!) > 1e-3)).toBe(true); // it trained
    }
  });
});

describe('GloVe shuffle', () => {
  it('is a seeded permutation of the records, in memory or in chunks', async () => {
    const dir = tempDir();
    const cooc = join(dir, 'c.bin');
    await countCooccurrences(randomCorpus(200, 40, 3), cooc, { window: 5, minCount: 1, spillDir: dir });
    const original = records(cooc);
    const key = (r: Rec): string => r.join(',');
    const shuffled: Rec[][] = [];
    for (const [seed, chunkRecords] of [[1, undefined], [1, 37], [1, 37], [2, 37]] as const) {
      const out = join(dir, `s${shuffled.length}.bin`);
      const r = await shuffleCooccurrences(cooc, out, { seed, spillDir: dir }, { chunkRecords });
      if (chunkRecords) expect(r.chunks).toBeGreaterThan(1);
      shuffled.push(records(out));
    }
    for (const s of shuffled) {
      expect(s.map(key).sort()).toEqual(original.map(key).sort());
      expect(s.map(key)).not.toEqual(original.map(key));
    }
    expect(shuffled[2]).toEqual(shuffled[1]); // same seed, same order
    expect(shuffled[3]).not.toEqual(shuffled[1]);
    expect(readdirSync(dir).filter((f) => f.startsWith('nlpkit-glove-') || f.endsWith('.tmp'))).toEqual([]);
  });
});

/**
 * Two topics: a line's words come from its topic, one in five from the other. Cross-topic pairs are
 * then rare but not absent, so (unlike all-or-nothing blocks, which the biases alone can fit) only the
 * vectors can explain them: words of one topic should end up closer to each other.
 */
function topicCorpus(seed: number): string[] {
  const rng = new Rng(seed);
  const topics = [['cat', 'dog', 'pet', 'fur', 'paw'], ['car', 'road', 'tyre', 'fuel', 'lane']];
  const out: string[] = [];
  for (let l = 0; l < 600; l++) {
    const words = Array.from({ length: 8 }, () => {
      const t = topics[rng.float() < 0.8 ? l % 2 : 1 - (l % 2)]!;
      return t[rng.below(t.length)];
    });
    out.push(words.join(' '));
  }
  return out;
}

describe('GloVe training', () => {
  it('decreases the cost, learns planted structure, and is reproducible with one thread', async () => {
    const dir = tempDir();
    const costs: number[] = [];
    const opts = { dim: 10, window: 4, minCount: 1, iterations: 15, xMax: 10, threads: 1, seed: 5, spillDir: dir };
    const kv = await trainGlove(topicCorpus(1), { ...opts, onProgress: (p) => costs.push(p.cost) });
    expect(costs).toHaveLength(15);
    expect(costs[14]!).toBeLessThan(costs[0]! * 0.5);
    for (let k = 1; k < costs.length; k++) expect(costs[k]!).toBeLessThan(costs[k - 1]! * 1.05);
    const within = (kv.similarity('cat', 'dog') + kv.similarity('car', 'road') + kv.similarity('fur', 'paw')) / 3;
    const across = (kv.similarity('cat', 'car') + kv.similarity('dog', 'road') + kv.similarity('paw', 'fuel')) / 3;
    expect(within).toBeGreaterThan(across + 0.5);
    expect(kv.dim).toBe(10);
    const again = await trainGlove(topicCorpus(1), opts);
    expect(Array.from(again.vectors)).toEqual(Array.from(kv.vectors));
    const wordOnly = await trainGlove(topicCorpus(1), { ...opts, output: 'word' });
    expect(Array.from(wordOnly.vectors)).not.toEqual(Array.from(kv.vectors));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('trains Hogwild on worker threads', async () => {
    const dir = tempDir();
    const costs: number[] = [];
    const kv = await trainGlove(topicCorpus(2), {
      dim: 10, window: 4, minCount: 1, iterations: 10, xMax: 10, threads: 2, seed: 5, spillDir: dir, onProgress: (p) => costs.push(p.cost),
    });
    expect(costs[9]!).toBeLessThan(costs[0]! * 0.5);
    expect(kv.similarity('cat', 'dog')).toBeGreaterThan(kv.similarity('cat', 'car'));
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('refuses unknown options', async () => {
    await expect(trainGlove(['a b'], { xmax: 10 } as never)).rejects.toBeInstanceOf(InvalidOptionError);
  });
});

describe('GloVe spill directory errors', () => {
  it('names a spill directory that cannot be used', async () => {
    const dir = tempDir();
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, '');
    for (const spillDir of [file, join(dir, 'missing')]) {
      const e = await countCooccurrences(['a b'], join(dir, 'c.bin'), { minCount: 1, spillDir }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SpillDirError);
      expect((e as SpillDirError).dir).toBe(spillDir);
      expect((e as SpillDirError).code).toBe('SPILL_DIR');
    }
    await expect(trainGlove(['a b'], { minCount: 1, spillDir: file })).rejects.toBeInstanceOf(SpillDirError);
    expect(readdirSync(dir)).toEqual(['not-a-dir']);
  });

  it('turns a full disk into SpillDirError and removes every temporary file', async () => {
    const dir = tempDir();
    let writes = 0;
    const full: SpillIo = {
      ...nodeIo,
      writeSync: (fd, b, o, l) => {
        if (++writes > 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return nodeIo.writeSync(fd, b, o, l);
      },
    };
    const corpus = randomCorpus(300, 60, 9);
    const e = await countCooccurrences(corpus, join(dir, 'c.bin'), { window: 5, minCount: 1, spillDir: dir }, { maxProduct: 20, pairSlots: 64, io: full }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SpillDirError);
    expect((e as SpillDirError).errno).toBe('ENOSPC');
    expect((e as SpillDirError).message).toContain(dir);
    expect(writes).toBeGreaterThan(3);
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(dir, 'c.bin'))).toBe(false);
  });
});
