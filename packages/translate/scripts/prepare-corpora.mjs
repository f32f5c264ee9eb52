#!/usr/bin/env node
/**
 * Tokenises the monolingual corpora for the word-translation experiment the way the MUSE dictionaries are
 * written: Unicode NFC, lowercase, words = runs of letters (and combining marks); everything else (digits,
 * apostrophes, hyphens, punctuation) separates words — the MUSE dictionaries hold no such characters.
 * One input line (an ELTeC paragraph or a Multi30k caption) → one output line.
 *
 * Usage: node scripts/prepare-corpora.mjs OUT_DIR [--mix]
 *   writes OUT_DIR/{en,fr,de}.txt from ../shared/data/eltec-mono/<lang>.txt.gz; with --mix also
 *   OUT_DIR/{en,fr,de}.mix.txt = ELTeC + the Multi30k mono halves (multi30k/mono train.A.en / train.B.{fr,de},
 *   multi30k-task2/mono train.A.en / train.B.de). Never the parallel pairs, never a test set.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const data = resolve(process.env.NLPKIT_DATA ?? join(here, '../../../../shared/data'));
const [outDir, ...flags] = process.argv.slice(2);
if (outDir === undefined) {
  console.error('usage: node scripts/prepare-corpora.mjs OUT_DIR [--mix]');
  process.exit(2);
}
const mix = flags.includes('--mix');
const WORD = /[\p{L}\p{M}]+/gu;

/** One line → its lowercase letter tokens joined by single spaces ('' when none). */
export function tokenizeLine(line) {
  const m = line.normalize('NFC').toLowerCase().match(WORD);
  return m === null ? '' : m.join(' ');
}

async function append(out, file) {
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let lines = 0;
  for await (const line of rl) {
    const t = tokenizeLine(line);
    if (t === '') continue;
    if (!out.write(`${t}\n`)) await new Promise((r) => out.once('drain', r));
    lines++;
  }
  return lines;
}

async function write(file, inputs) {
  const out = createWriteStream(`${file}.tmp`);
  let lines = 0;
  for (const f of inputs) lines += await append(out, f);
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
  const { rename } = await import('node:fs/promises');
  await rename(`${file}.tmp`, file);
  console.log(`${file}: ${lines} lines`);
}

await mkdir(outDir, { recursive: true });
const m30 = {
  en: ['multi30k/mono/train.A.en.gz', 'multi30k-task2/mono/train.A.en.gz'],
  fr: ['multi30k/mono/train.B.fr.gz'],
  de: ['multi30k/mono/train.B.de.gz', 'multi30k-task2/mono/train.B.de.gz'],
};
for (const lang of ['en', 'fr', 'de']) {
  const eltec = join(data, 'eltec-mono', `${lang}.txt.gz`);
  await write(join(outDir, `${lang}.txt`), [eltec]);
  if (mix) await write(join(outDir, `${lang}.mix.txt`), [eltec, ...m30[lang].map((f) => join(data, f))]);
}
