// The fast paths against their slow references: shortest float32 printing (integer arithmetic vs
// `toExponential` probes) on random floats and on every number of the KenLM fixtures, which lmplz
// printed; ARPA reading from bytes vs from text; `Query` over bytes vs over strings on random lines.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { shortestFloat32, shortestFloat32Slow, writeFloat32 } from '../src/arpa/float-format.js';
import { Query, formatArpa, parseArpa, readArpaStream } from '../src/index.js';
import { rng } from './xorshift.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/kenlm');

describe('shortestFloat32', () => {
  it('matches the slow reference on random float32 bit patterns and log-probability-like values', () => {
    const next = rng(7);
    const u = new Uint32Array(1);
    const f = new Float32Array(u.buffer);
    const bad: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      u[0] = next();
      const x = f[0];
      if (Number.isFinite(x) && shortestFloat32(x) !== shortestFloat32Slow(x)) bad.push(`${x}`);
      const y = Math.fround(-(next() / 2 ** 32) * 10 ** ((next() % 800) / 100 - 4));
      if (shortestFloat32(y) !== shortestFloat32Slow(y)) bad.push(`${y}`);
    }
    for (const x of [0, -0, 1, -1, 10, 100, 1e-7, -39.3203125, 0.1, 9.999999, -99, 1e21, 3e38, 1e-40]) {
      if (shortestFloat32(Math.fround(x)) !== shortestFloat32Slow(Math.fround(x))) bad.push(`${x}`);
    }
    expect(bad).toEqual([]);
  });

  it('writeFloat32 writes the bytes of shortestFloat32', () => {
    const next = rng(11);
    const u = new Uint32Array(1);
    const f = new Float32Array(u.buffer);
    const out = new Uint8Array(64);
    const bad: string[] = [];
    const check = (x: number) => {
      const end = writeFloat32(x, out, 3);
      if (Buffer.from(out.subarray(3, end)).toString('latin1') !== shortestFloat32(x)) bad.push(`${x}`);
    };
    for (let i = 0; i < 30_000; i++) {
      u[0] = next();
      if (Number.isFinite(f[0])) check(f[0]);
      check(Math.fround(-(next() / 2 ** 32) * 10 ** ((next() % 800) / 100 - 4)));
    }
    for (const x of [0, -0, 1, -1, 10, 100, 1e-7, -39.3203125, 0.1, -99, 1e21, 3e38, 1e-40, -0.5, -1.5e-5, Infinity, -Infinity]) check(Math.fround(x));
    expect(bad).toEqual([]);
  });

  it('prints every number of the lmplz fixtures as lmplz did', () => {
    let checked = 0;
    const bad: string[] = [];
    for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.arpa'))) {
      for (const line of readFileSync(join(FIXTURES, name), 'utf8').split('\n')) {
        const fields = line.split('\t');
        if (fields.length < 2) continue;
        for (const text of [fields[0], fields[2]]) {
          if (text === undefined || text === '0' || text === '-0') continue;
          checked++;
          if (shortestFloat32(Math.fround(Number(text))) !== text) bad.push(`${name}: ${text}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(bad).toEqual([]);
  });
});

describe('byte paths against the string paths', () => {
  const arpaText = readFileSync(join(FIXTURES, 'brown-o3.arpa'), 'utf8');

  it('readArpaStream (bytes, any chunking, CRLF) builds the model parseArpa builds', async () => {
    const want = formatArpa(parseArpa(arpaText));
    const next = rng(11);
    for (const text of [arpaText, arpaText.replace(/\n/g, '\r\n')]) {
      const bytes = Buffer.from(text, 'utf8');
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const len = 1 + (next() % 40_000);
        chunks.push(bytes.subarray(at, at + len));
        at += len;
      }
      expect(formatArpa(await readArpaStream(Readable.from(chunks)))).toBe(want);
    }
  });

  it('reports the same errors from bytes as from text', async () => {
    const lines = arpaText.split('\n');
    const at = lines.findIndex((l) => l === '\\3-grams:') + 5;
    for (const bad of [lines[at].replace('\t', ' \t'), lines[at].replace(/ [^ ]+$/, ' nosuchword'), lines[at - 2], `x${lines[at]}`]) {
      const text = [...lines.slice(0, at), bad, ...lines.slice(at + 1)].join('\n');
      const fromText = (() => {
        try {
          parseArpa(text, 'f');
          return 'ok';
        } catch (err) {
          return (err as Error).message;
        }
      })();
      const fromBytes = await readArpaStream(Readable.from([Buffer.from(text)]), 'f').then(
        () => 'ok',
        (err: Error) => err.message,
      );
      expect(fromBytes).toBe(fromText);
    }
  });

  it('Query.queryBytes / addBytes equal queryLine / addLine on random lines', () => {
    const model = parseArpa(arpaText);
    const next = rng(5);
    const pieces = ['é', 'ü', '\t', '  ', '\r', 'zzqx', '<s>', '</s>', '<unk>', '\uFEFF'];
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const words: string[] = [];
      const n = next() % 30;
      for (let k = 0; k < n; k++) words.push(next() % 8 === 0 ? pieces[next() % pieces.length] : model.words[next() % model.words.length]);
      lines.push(words.join(next() % 5 === 0 ? '\t' : ' '));
    }
    for (const sentenceContext of [true, false]) {
      const a = new Query(model, { sentenceContext });
      const b = new Query(model, { sentenceContext });
      const c = new Query(model, { sentenceContext });
      const want = lines.map((l) => a.queryLine(l)).join('');
      const bytes = Buffer.from(`${lines.join('\n')}\n`);
      expect(Buffer.from(b.queryBytes(bytes)).toString('utf8')).toBe(want);
      expect(Buffer.from(new Query(model, { sentenceContext }).queryLines(lines)).toString('utf8')).toBe(want);
      expect(c.addBytes(bytes)).toBe(lines.length);
      expect(b.summary()).toEqual(a.summary());
      expect(c.summary()).toEqual(a.summary());
    }
  });
});
