/**
 * `NgramModel` files: the counts and the estimator's options of a model, so that `lm train --smoothing laplace`
 * (or lidstone, which no ARPA file can express: every unseen n-gram has its own add-k probability) writes a
 * model that `lm ppl` scores as NLTK does. Our own format, since NLTK has none but pickle:
 *
 *   nlpkit-ngram 1\n
 *   {JSON header}\n
 *   sections, each at an offset that is a multiple of 8, in the header's order, little-endian
 *
 * The header holds `order`, the resolved `options`, `unkCutoff`, `unkLabel` and `sections` ([{ name, type,
 * length }]): the raw words (`rawWordLengths` u32 byte lengths, then `rawWordBytes` UTF-8, in first-seen order)
 * and their counts (`rawCounts` f64) — the vocabulary is rebuilt from them, with the same ids — then per order k
 * `counts<k>` (f64) and, from order 2, `words<k>` and `parents<k>` (u32): the count trie (trie-data.ts). Reading
 * checks every length, id, parent and the trie's order, so a damaged file is a `ModelFileError` naming the file
 * and the section, never a model that scores wrongly. Written via a temp file and a rename.
 */
import { readFile } from 'node:fs/promises';
import { writeAtomically } from '@nlpkit/tokenize/atomic-write';
import { ModelFileError } from '../errors.js';
import { NgramCounts } from './ngram-counts.js';
import { NgramModel } from './model.js';
import { type ModelOptions, type ResolvedModelOptions, resolveModelOptions, SMOOTHINGS } from './model-options.js';
import type { TrieData } from './trie-data.js';
import { NgramVocabulary } from './vocabulary.js';

/** The first line: the format and its version. */
const MAGIC = 'nlpkit-ngram 1\n';

type SectionType = 'u8' | 'u32' | 'f64';
interface Section {
  name: string;
  type: SectionType;
  length: number;
}
interface Header {
  order: number;
  options: ResolvedModelOptions;
  unkCutoff: number;
  unkLabel: string;
  sections: Section[];
}

const BYTES: Record<SectionType, number> = { u8: 1, u32: 4, f64: 8 };
const align8 = (x: number): number => (x + 7) & ~7;

/** Whether `head` (a file's first bytes) starts like a model file (`lm ppl` tells these from ARPA files so). */
export function isNgramModelFile(head: Uint8Array): boolean {
  return Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, MAGIC.length)).toString('latin1') === MAGIC;
}

/** Writes `model` (its counts, vocabulary and options) to `path`, atomically. */
export async function writeNgramModel(model: NgramModel, path: string): Promise<void> {
  const c = model.counts;
  const words: string[] = [];
  const rawCounts: number[] = [];
  for (const [w, n] of c.vocab.rawCounts()) {
    words.push(w);
    rawCounts.push(n);
  }
  const encoded = words.map((w) => Buffer.from(w, 'utf8'));
  const lengths = Uint32Array.from(encoded, (b) => b.length);
  const arrays: [string, Uint8Array | Uint32Array | Float64Array][] = [
    ['rawWordLengths', lengths],
    ['rawWordBytes', Buffer.concat(encoded)],
    ['rawCounts', Float64Array.from(rawCounts)],
  ];
  for (let k = 1; k <= c.order; k++) {
    arrays.push([`counts${k}`, c.counts[k - 1]]);
    if (k >= 2) arrays.push([`words${k}`, c.words[k - 1]], [`parents${k}`, c.parents[k - 1]]);
  }
  const header: Header = {
    order: c.order,
    options: model.options,
    unkCutoff: c.vocab.unkCutoff,
    unkLabel: c.vocab.unkLabel,
    sections: arrays.map(([name, a]) => ({ name, type: a instanceof Float64Array ? 'f64' : a instanceof Uint32Array ? 'u32' : 'u8', length: a.length })),
  };
  const head = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8');
  await writeAtomically(path, async (fh) => {
    const writeAll = async (bytes: Uint8Array): Promise<void> => {
      for (let off = 0; off < bytes.length; ) off += (await fh.write(bytes, off, bytes.length - off)).bytesWritten;
    };
    let at = 0;
    const pad = async (): Promise<void> => {
      const to = align8(at);
      if (to > at) await writeAll(new Uint8Array(to - at));
      at = to;
    };
    await writeAll(head);
    at = head.length;
    for (const [, a] of arrays) {
      await pad();
      // Typed arrays are in the platform's byte order; every platform Node runs on is little-endian.
      await writeAll(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      at += a.byteLength;
    }
  });
}

/** Reads a model written by `writeNgramModel`; `ModelFileError` for anything that is not one. */
export async function readNgramModel(path: string): Promise<NgramModel> {
  return parseNgramModel(await readFile(path), path);
}

/** `readNgramModel` of bytes in memory; `name` is used in error messages. */
export function parseNgramModel(bytes: Uint8Array, name = '<bytes>'): NgramModel {
  const fail = (where: string, reason: string): never => {
    throw new ModelFileError(name, where, reason);
  };
  if (!isNgramModelFile(bytes)) fail('magic', `not an nlpkit n-gram model (it does not start with "${MAGIC.trim()}")`);
  const nl = bytes.indexOf(10, MAGIC.length);
  if (nl < 0) fail('header', 'no end of the header line');
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + MAGIC.length, nl - MAGIC.length).toString('utf8')) as Header;
  } catch (e) {
    return fail('header', `not JSON (${(e as Error).message})`);
  }
  const { header: h, options } = checkHeader(header, fail);
  // The sections, by name, as views of `bytes` (copied when `bytes` is not 8-aligned for the f64 views).
  const base = bytes.byteOffset % 8 === 0 ? bytes : Uint8Array.from(bytes);
  const sections = new Map<string, Uint8Array | Uint32Array | Float64Array>();
  let at = nl + 1;
  for (const s of h.sections) {
    at = align8(at);
    const size = s.length * BYTES[s.type];
    if (at + size > base.length) fail(s.name, `the file ends inside it (${base.length} bytes; it needs ${at + size})`);
    const off = base.byteOffset + at;
    sections.set(s.name, s.type === 'u8' ? base.subarray(at, at + size) : s.type === 'u32' ? new Uint32Array(base.buffer, off, s.length) : new Float64Array(base.buffer, off, s.length));
    at += size;
  }
  if (at !== base.length) fail('end', `${base.length - at} bytes after the last section`);
  const get = <T>(sectionName: string, type: SectionType): T => {
    const s = h.sections.find((x) => x.name === sectionName);
    if (s === undefined) return fail(sectionName, 'missing');
    if (s.type !== type) fail(sectionName, `type ${s.type}, expected ${type}`);
    return sections.get(sectionName) as T;
  };

  const lengths = get<Uint32Array>('rawWordLengths', 'u32');
  const wordBytes = get<Uint8Array>('rawWordBytes', 'u8');
  const rawCounts = get<Float64Array>('rawCounts', 'f64');
  if (rawCounts.length !== lengths.length) fail('rawCounts', `${rawCounts.length} counts for ${lengths.length} words`);
  const raw = new Map<string, number>();
  let pos = 0;
  for (let i = 0; i < lengths.length; i++) {
    if (pos + lengths[i] > wordBytes.length) fail('rawWordBytes', `word ${i} runs past the section's end`);
    const w = Buffer.from(wordBytes.buffer, wordBytes.byteOffset + pos, lengths[i]).toString('utf8');
    pos += lengths[i];
    if (raw.has(w)) fail('rawWordBytes', `word ${i} (${JSON.stringify(w)}) appears twice`);
    if (!(rawCounts[i] >= 0 && Number.isFinite(rawCounts[i]))) fail('rawCounts', `count ${i} is ${rawCounts[i]}`);
    raw.set(w, rawCounts[i]);
  }
  if (pos !== wordBytes.length) fail('rawWordBytes', `${wordBytes.length - pos} bytes after the last word`);
  const vocab = new NgramVocabulary(raw, h.unkCutoff, h.unkLabel);

  const data: TrieData = { order: h.order, idCount: vocab.idCount, counts: [], words: [], parents: [] };
  for (let k = 1; k <= h.order; k++) {
    const counts = get<Float64Array>(`counts${k}`, 'f64');
    for (let j = 0; j < counts.length; j++) if (!(counts[j] >= 0 && Number.isFinite(counts[j]))) fail(`counts${k}`, `entry ${j} is ${counts[j]}`);
    if (k === 1) {
      if (counts.length !== vocab.idCount) fail('counts1', `${counts.length} entries for a vocabulary of ${vocab.idCount} ids`);
      data.counts.push(counts);
      data.words.push(new Uint32Array(0));
      data.parents.push(new Uint32Array(0));
      continue;
    }
    const words = get<Uint32Array>(`words${k}`, 'u32');
    const parents = get<Uint32Array>(`parents${k}`, 'u32');
    if (words.length !== counts.length || parents.length !== counts.length) {
      fail(`words${k}`, `${words.length} words and ${parents.length} parents for ${counts.length} counts`);
    }
    const parentCount = data.counts[k - 2].length;
    for (let j = 0; j < words.length; j++) {
      if (words[j] >= vocab.idCount) fail(`words${k}`, `entry ${j} has word id ${words[j]} (the vocabulary has ${vocab.idCount})`);
      if (parents[j] >= parentCount) fail(`parents${k}`, `entry ${j} has parent ${parents[j]} (order ${k - 1} has ${parentCount} entries)`);
      if (j > 0 && (parents[j] < parents[j - 1] || (parents[j] === parents[j - 1] && words[j] <= words[j - 1]))) {
        fail(`words${k}`, `entry ${j} is out of (parent, word) order`);
      }
    }
    data.counts.push(counts);
    data.words.push(words);
    data.parents.push(parents);
  }
  return NgramModel.fromCounts(new NgramCounts(data, vocab), options);
}

/** The header, checked, and the model options it holds (only those its estimator takes, checked by it). */
function checkHeader(h: Header, fail: (where: string, reason: string) => never): { header: Header; options: ModelOptions } {
  if (typeof h !== 'object' || h === null) fail('header', 'not an object');
  if (!Number.isInteger(h.order) || h.order < 1 || h.order > 255) fail('header.order', `${JSON.stringify(h.order)} (expected an integer from 1 to 255)`);
  if (typeof h.options !== 'object' || h.options === null || !SMOOTHINGS.includes(h.options.smoothing)) {
    fail('header.options', `${JSON.stringify(h.options)} (expected { smoothing: ${SMOOTHINGS.join('|')}, … })`);
  }
  if (!Number.isInteger(h.unkCutoff) || h.unkCutoff < 1) fail('header.unkCutoff', `${JSON.stringify(h.unkCutoff)} (expected an integer >= 1)`);
  if (typeof h.unkLabel !== 'string') fail('header.unkLabel', `${JSON.stringify(h.unkLabel)} (expected a string)`);
  if (!Array.isArray(h.sections)) fail('header.sections', 'not an array');
  for (const s of h.sections) {
    if (typeof s !== 'object' || s === null || typeof s.name !== 'string' || !(s.type in BYTES) || !Number.isInteger(s.length) || s.length < 0) {
      fail('header.sections', `bad entry ${JSON.stringify(s)} (expected { name, type: u8|u32|f64, length })`);
    }
  }
  const { smoothing, gamma, discount, alpha } = h.options;
  const options: ModelOptions = { smoothing };
  if (smoothing === 'lidstone') options.gamma = gamma;
  if (smoothing === 'kneser-ney' || smoothing === 'kn' || smoothing === 'absolute-discounting') options.discount = discount;
  if (smoothing === 'stupid-backoff') options.alpha = alpha;
  try {
    resolveModelOptions(options, h.order);
  } catch (e) {
    fail('header.options', (e as Error).message);
  }
  return { header: h, options };
}
