/**
 * Files written here load in the real gensim (runs only where `/usr/bin/python3 -c "import gensim"`
 * works; the committed fixtures in formats.test.ts cover the same ground everywhere).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyedVectors, writeVectors } from '../src/index.js';
import { readJson, tempDir } from './helpers.js';

const PYTHON = '/usr/bin/python3';
const hasGensim = spawnSync(PYTHON, ['-c', 'import gensim'], { stdio: 'ignore' }).status === 0;

const LOAD = `
import json, sys
from gensim.models import KeyedVectors
out = {}
for path, binary in zip(sys.argv[1::2], sys.argv[2::2]):
    kv = KeyedVectors.load_word2vec_format(path, binary=binary == '1')
    out[path] = {'words': kv.index_to_key, 'vectors': [[float(repr(x)) for x in v] for v in kv.vectors]}
print(json.dumps(out))
`;

describe.skipIf(!hasGensim)('gensim 4.2 loads what writeVectors writes', () => {
  it('binary, text and .vec, with identical float32 values', async () => {
    const small = readJson<{ words: string[]; vectors: number[][] }>('small.json');
    const kv = new KeyedVectors(small.words, Float32Array.from(small.vectors.flat()), 8);
    const dir = tempDir();
    const files = [join(dir, 'v.bin'), join(dir, 'v.txt'), join(dir, 'v.vec')];
    for (const f of files) await writeVectors(f, kv);
    const run = spawnSync(PYTHON, ['-c', LOAD, files[0], '1', files[1], '0', files[2], '0'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const loaded = JSON.parse(run.stdout) as Record<string, { words: string[]; vectors: number[][] }>;
    for (const f of files) {
      expect(loaded[f].words).toEqual(small.words);
      expect(Float32Array.from(loaded[f].vectors.flat())).toEqual(kv.vectors);
    }
  });
});
