/**
 * Real text for the exactness tests: the first few dozen KB of the shared corpora (novels, Wikipedia,
 * Multi30k captions in four languages) and of TypeScript's own sources. Reads only a prefix of each
 * gzip file, so the suite stays fast. The shared data lives beside the repository (../shared/data)
 * in development and CI, not in the published package.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gunzipSync } from 'node:zlib';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** `../shared/data` relative to the repository root. */
export const SHARED_DATA = join(REPO_ROOT, '..', 'shared', 'data');

export const hasSharedData = existsSync(SHARED_DATA);

/** Up to `chars` UTF-16 units of whole lines from the start of a gzip file (decompresses a prefix only). */
export function readGzipPrefix(path: string, chars: number): string {
  const fd = openSync(path, 'r');
  try {
    // Text compresses ~3×: `chars` compressed bytes hold more than `chars` characters of text.
    const buf = Buffer.alloc(chars);
    const n = readSync(fd, buf, 0, chars, 0);
    const text = gunzipSync(buf.subarray(0, n), { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
    return wholeLines(text, chars);
  } finally {
    closeSync(fd);
  }
}

/** Up to `chars` UTF-16 units of whole lines from the start of `text`. */
function wholeLines(text: string, chars: number): string {
  if (text.length <= chars) return text.slice(0, text.lastIndexOf('\n') + 1) || text;
  const cut = text.lastIndexOf('\n', chars);
  return text.slice(0, cut > 0 ? cut + 1 : chars);
}

export interface Sample {
  name: string;
  text: string;
}

/** Prose samples from the shared corpora (about 360 KB in all). */
export function proseSamples(): Sample[] {
  const files: Array<[string, string, number]> = [
    ['ELTeC English novels', 'eltec-mono/en.txt.gz', 60_000],
    ['ELTeC French novels', 'eltec-mono/fr.txt.gz', 60_000],
    ['ELTeC German novels', 'eltec-mono/de.txt.gz', 60_000],
    ['Wikipedia (en, lower-cased)', 'wiki-en/wiki-en-17m.txt.gz', 60_000],
    ['Multi30k captions en', 'multi30k/raw/train.en.gz', 30_000],
    ['Multi30k captions de', 'multi30k/raw/train.de.gz', 30_000],
    ['Multi30k captions fr', 'multi30k/raw/train.fr.gz', 30_000],
    ['Multi30k captions cs', 'multi30k/raw/train.cs.gz', 30_000],
  ];
  return files.map(([name, file, chars]) => ({ name, text: readGzipPrefix(join(SHARED_DATA, file), chars) }));
}

/** Code samples: TypeScript declarations and compiled JavaScript from the installed `typescript`. */
export function codeSamples(): Sample[] {
  const tsDir = join(createRequire(join(REPO_ROOT, 'package.json')).resolve('typescript/package.json'), '..', 'lib');
  const read = (file: string, chars: number): string => wholeLines(readFileSync(join(tsDir, file), 'utf8'), chars);
  return [
    { name: 'lib.es5.d.ts', text: read('lib.es5.d.ts', 60_000) },
    { name: '_tsc.js', text: read('_tsc.js', 60_000) },
  ];
}
