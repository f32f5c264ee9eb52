// The WebAssembly kernel (src/arpa/score-kernel.wat) against the JavaScript paths it replaces: ARPA
// reading (models and error messages), `Query.queryBytes` / `addBytes` (output bytes and totals), and
// its float printing, on the KenLM fixtures and on random input. Both paths are also checked against
// KenLM itself in kenlm-query.test.ts and cli.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readTuning } from '../src/arpa/read-arpa.js';
import { Query, formatArpa, parseArpa, readArpaStream, type ArpaModel } from '../src/index.js';
import { rng } from './xorshift.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/kenlm');
const defaultMin = readTuning.arenaMinBytes;
afterEach(() => {
  readTuning.arenaMinBytes = defaultMin;
});

/** Reads `bytes` in chunks of `chunk` bytes, through the kernel (`kernel`) or JavaScript alone. */
async function read(bytes: Buffer, kernel: boolean, chunk = 1 << 16, name = 'f'): Promise<ArpaModel> {
  readTuning.arenaMinBytes = kernel ? 0 : Infinity;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  try {
    return await readArpaStream(Readable.from(chunks), name);
  } finally {
    readTuning.arenaMinBytes = defaultMin;
  }
}

const errorOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (err: Error) => err.message,
  );

describe('ARPA reading through the kernel', () => {
  it.each(['brown-o3', 'brown-o4', 'm30k-o5', 'brown-o5-fallback', 'corner'])('%s: the same model as JavaScript, in any chunking', async (name) => {
    const bytes = readFileSync(join(FIXTURES, `${name}.arpa`));
    const want = formatArpa(await read(bytes, false));
    for (const chunk of [997, 1 << 16]) {
      const m = await read(bytes, true, chunk);
      expect(m.tables[0].arena).toBeDefined();
      expect(formatArpa(m)).toBe(want);
    }
  });

  it('declined lines (CRLF, long numbers, odd spacing) are read by JavaScript, errors are the same', async () => {
    const text = readFileSync(join(FIXTURES, 'brown-o3.arpa'), 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l === '\\3-grams:') + 5;
    const bi = lines.findIndex((l) => l === '\\2-grams:') + 7;
    const variants = [
      // accepted, other layouts
      lines.map((l, i) => (i >= bi && i % 3 === 0 && l.includes('\t') ? `${l}\r` : l)).join('\n'),
      [...lines.slice(0, at), lines[at].replace(/^(-?\d+\.\d+)/, '$10000000000000000001'), ...lines.slice(at + 1)].join('\n'),
      [...lines.slice(0, at), lines[at].replace(' ', '  '), ...lines.slice(at + 1)].join('\n'),
      // errors: duplicate, unknown word, missing context, extra tab, positive probability, backoff on the highest order
      [...lines.slice(0, at), lines[at], lines[at], ...lines.slice(at + 2)].join('\n'),
      [...lines.slice(0, at), lines[at].replace(/ [^ ]+$/, ' nosuchword'), ...lines.slice(at + 1)].join('\n'),
      [...lines.slice(0, bi), `-1.5\tthe Fulton`, ...lines.slice(bi + 1)].join('\n'),
      [...lines.slice(0, at), `${lines[at]}\t`, ...lines.slice(at + 1)].join('\n'),
      [...lines.slice(0, at), lines[at].replace(/^-/, ''), ...lines.slice(at + 1)].join('\n'),
      [...lines.slice(0, at), `${lines[at]}\t-0.5`, ...lines.slice(at + 1)].join('\n'),
      [...lines.slice(0, at), lines[at].replace(/^-?[\d.]+/, '-x'), ...lines.slice(at + 1)].join('\n'),
      // found while a queue of lines waits for its inserts ($flush): a duplicate 3 lines on, a missing
      // context (</s> starts no bigram) mid-run
      [...lines.slice(0, at + 23), lines[at + 20], ...lines.slice(at + 24)].join('\n'),
      [...lines.slice(0, at + 30), lines[at + 30].replace(/\t[^ ]+ /, '\t</s> '), ...lines.slice(at + 31)].join('\n'),
    ];
    for (const v of variants) {
      const fromText = await errorOf(Promise.resolve().then(() => formatArpa(parseArpa(v, 'f'))));
      const js = await errorOf(read(Buffer.from(v), false).then(formatArpa));
      const kernel = await errorOf(read(Buffer.from(v), true, 4096).then(formatArpa));
      expect(js).toBe(fromText);
      expect(kernel).toBe(fromText);
    }
  });
});

describe('Query through the kernel', () => {
  it.each(['brown-o3', 'm30k-o5', 'corner'])('%s: queryBytes and addBytes equal the JavaScript path and KenLM', async (name) => {
    const bytes = readFileSync(join(FIXTURES, `${name}.arpa`));
    const test = readFileSync(join(FIXTURES, `${name}.test.txt`));
    for (const inArena of [true, false]) {
      const model = await read(bytes, inArena);
      for (const [variant, sentenceContext] of [['query', true], ['query-n', false]] as const) {
        const want = readFileSync(join(FIXTURES, `${name}.${variant}.txt`), 'utf8');
        const k = new Query(model, { sentenceContext });
        const js = new Query(model, { sentenceContext, kernel: false });
        const half = test.lastIndexOf(10, test.length >> 1) + 1;
        const out = Buffer.concat([Buffer.from(k.queryBytes(test.subarray(0, half))), Buffer.from(k.queryBytes(test.subarray(half)))]).toString('utf8');
        expect(out + Query.formatSummary(k.summary())).toBe(want);
        expect(Buffer.from(js.queryBytes(test)).toString('utf8')).toBe(out);
        const p = new Query(model, { sentenceContext });
        expect(p.addBytes(test)).toBe(js.summary().tokens > 0 ? test.toString('utf8').split('\n').length - 1 : 0);
        expect(p.summary()).toEqual(k.summary());
        expect(js.summary()).toEqual(k.summary());
      }
    }
  });

  it('random lines: invalid UTF-8, non-ASCII and long words, odd whitespace, empty lines', async () => {
    const model = await read(readFileSync(join(FIXTURES, 'brown-o4.arpa')), true);
    const next = rng(11);
    const pieces = [
      Buffer.from('é'),
      Buffer.from('ünknöwn'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from([0xc3]),
      Buffer.from('\t'),
      Buffer.from('  '),
      Buffer.from('\r'),
      Buffer.from('\v\f'),
      Buffer.from('abcdefghijklmnop'),
      Buffer.from('abcdefghijklmnopq'),
      Buffer.from('<s>'),
      Buffer.from('</s>'),
      Buffer.from('<unk>'),
      Buffer.from('\uFEFF'),
      Buffer.from('\uFFFD'),
    ];
    const long = model.words.filter((w) => Buffer.byteLength(w) >= 15);
    expect(long.length).toBeGreaterThan(0);
    const lines: Buffer[] = [];
    for (let i = 0; i < 3000; i++) {
      const parts: Buffer[] = [];
      const n = next() % 40;
      for (let k = 0; k < n; k++) {
        const r = next() % 10;
        parts.push(r === 0 ? pieces[next() % pieces.length] : Buffer.from(r === 1 ? long[next() % long.length] : model.words[next() % model.words.length]));
        parts.push(Buffer.from(next() % 7 === 0 ? '\t' : ' '));
      }
      lines.push(Buffer.concat(parts));
    }
    const bytes = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
    for (const sentenceContext of [true, false]) {
      const js = new Query(model, { sentenceContext, kernel: false });
      const k = new Query(model, { sentenceContext });
      const c = new Query(model, { sentenceContext });
      const want = Buffer.from(js.queryBytes(bytes));
      expect(Buffer.from(k.queryBytes(bytes)).equals(want)).toBe(true);
      // The same lines in a few calls (a last line without "\n" too).
      const cut = [0, 777, 5000, bytes.length - 1, bytes.length];
      let lineCount = 0;
      for (let i = 1; i < cut.length; i++) lineCount += c.addBytes(bytes.subarray(cut[i - 1], cut[i]));
      expect(lineCount).toBeGreaterThanOrEqual(lines.length);
      expect(k.summary()).toEqual(js.summary());
    }
  });

  it('prints every float32 as the JavaScript printer does (a unigram model of random log-probabilities)', () => {
    const next = rng(3);
    const u = new Uint32Array(1);
    const f = new Float32Array(u.buffer);
    const words: string[] = [];
    const probs: number[] = [];
    for (let i = 0; i < 4000; i++) {
      let x: number;
      do {
        u[0] = next();
        x = i % 4 === 0 ? f[0] : Math.fround(-(next() / 2 ** 32) * 10 ** ((next() % 900) / 100 - 5));
      } while (!(x <= 0) || !Number.isFinite(x));
      words.push(`w${i}`);
      probs.push(i % 97 === 0 ? -0 : x);
    }
    const arpa = ['\\data\\', `ngram 1=${words.length + 3}`, '', '\\1-grams:', '-1\t<unk>', '-1\t<s>', '-1\t</s>', ...words.map((w, i) => `${Object.is(probs[i], -0) ? '-0' : probs[i]}\t${w}`), '', '\\end\\', ''].join('\n');
    const model = parseArpa(arpa);
    const text = Buffer.from(`${words.join(' ')}\n${words.slice(0, 9).join(' ')} ${words.slice(-9).join(' ')}\n`);
    const js = Buffer.from(new Query(model, { kernel: false }).queryBytes(text)).toString('utf8');
    expect(Buffer.from(new Query(model).queryBytes(text)).toString('utf8')).toBe(js);
    expect(js.split('\t').length).toBeGreaterThan(4000);
  });
});
