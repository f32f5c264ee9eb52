/**
 * Makes the small vector files the README tour maps (examples/eltec-en.vec, examples/eltec-fr.vec): the `N` most
 * frequent words of vectors trained on ELTeC (scripts/train-word-vectors.sh), projected on their first `DIM`
 * principal components (@nlpkit/embed's `pcaProject`, per language), unit length, written as integers
 * (× 100, rounded) — cosines do not care about the scale, and the files stay small.
 * ELTeC: texts in the public domain, ELTeC markup CC BY 4.0 (see ../shared/data/eltec-mono/SOURCE.md).
 *   usage (from packages/translate): npx tsx --conditions=@nlpkit/source scripts/make-tour-vectors.ts \
 *     /tmp/wordmap/vec/w2v100 [N=1000] [DIM=50] [OUT_DIR=../../examples]
 *   reads <prefix>.en.vec and <prefix>.fr.vec.
 */
import { join } from 'node:path';
import { KeyedVectors, pcaProject, readVectors } from '@nlpkit/embed';
import { writeFileAtomic } from '@nlpkit/tokenize';

const [prefix, nArg, dimArg, outArg] = process.argv.slice(2);
if (prefix === undefined) throw new Error('usage: make-tour-vectors.ts VECTOR_PREFIX [N] [DIM] [OUT_DIR]');
const n = Number(nArg ?? 1000);
const dim = Number(dimArg ?? 50);
const outDir = outArg ?? join(import.meta.dirname, '../../../examples');

for (const lang of ['en', 'fr']) {
  // word2vec's end-of-line token is no word to translate.
  const all = await readVectors(`${prefix}.${lang}.vec`, { limit: n + 1 });
  const keep = all.words.map((w, i) => [w, i] as const).filter(([w]) => w !== '</s>').slice(0, n);
  const kv = new KeyedVectors(
    keep.map(([w]) => w),
    Float32Array.from(keep.flatMap(([, i]) => Array.from(all.vectors.subarray(i * all.dim, i * all.dim + all.dim)))),
    all.dim,
  );
  const { coords } = pcaProject(kv.vectors, kv.size, kv.dim, dim);
  const lines = [`${kv.size} ${dim}`];
  for (let i = 0; i < kv.size; i++) {
    const row = coords.subarray(i * dim, i * dim + dim);
    const norm = Math.hypot(...row) || 1;
    lines.push(`${kv.words[i]} ${Array.from(row, (v) => Math.round((100 * v) / norm)).join(' ')}`);
  }
  const path = join(outDir, `eltec-${lang}.vec`);
  await writeFileAtomic(path, `${lines.join('\n')}\n`);
  console.log(`${path}: ${kv.size} words × ${dim}`);
}
