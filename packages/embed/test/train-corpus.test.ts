import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fileRangeChunks } from '../src/corpus/sources.js';
import { WordScanner } from '../src/corpus/word-scanner.js';
import { WordTable } from '../src/corpus/word-table.js';

const dir = mkdtempSync(join(tmpdir(), 'nlpkit-w2v-corpus-'));
const decoder = new TextDecoder();

function scan(chunks: Uint8Array[]): string[] {
  const out: string[] = [];
  const s = new WordScanner((b, start, end) => out.push(decoder.decode(b.subarray(start, end))));
  for (const c of chunks) s.push(c);
  s.flush();
  return out;
}

async function rangeWords(path: string, start: number, end: number): Promise<string[]> {
  const chunks: Uint8Array[] = [];
  for await (const c of fileRangeChunks(path, start, end)) chunks.push(Uint8Array.from(c));
  return scan(chunks);
}

describe('WordScanner', () => {
  it('splits on space, tab and newline; newline is </s>; CR vanishes; chunks may cut anywhere', () => {
    const text = new TextEncoder().encode(' ab\tc\r\n\nd  éé\rf \n g');
    const expected = ['ab', 'c', '</s>', '</s>', 'd', 'ééf', '</s>', 'g'];
    expect(scan([text.slice()])).toEqual(expected);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(scan([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    }
    expect(scan(Array.from(text, (b) => Uint8Array.of(b)))).toEqual(expected);
  });
});

describe('byte ranges (one per thread)', () => {
  const text = 'alpha beta\ngamma  delta\n\nepsilon\tzeta eta\r\ntheta iota kappa\nlambda';
  const whole = scan([new TextEncoder().encode(text)]);
  const plain = join(dir, 'r.txt');
  const gz = join(dir, 'r.txt.gz');
  writeFileSync(plain, text);
  writeFileSync(gz, gzipSync(Buffer.from(text)));
  const size = Buffer.byteLength(text);

  for (const path of [plain, gz]) {
    it(`adjacent ranges see every word exactly once (${path.endsWith('.gz') ? 'gzip' : 'plain'})`, async () => {
      for (let cut = 0; cut <= size; cut++) {
        const left = await rangeWords(path, 0, cut);
        const right = await rangeWords(path, cut, size);
        expect([...left, ...right]).toEqual(whole);
      }
      const thirds = [0, 11, 40, size];
      const parts: string[] = [];
      for (let k = 0; k < 3; k++) parts.push(...(await rangeWords(path, thirds[k]!, thirds[k + 1]!)));
      expect(parts).toEqual(whole);
    });
  }
});

describe('WordTable', () => {
  it('gives dense ids by first insertion and finds words from bytes', () => {
    const t = new WordTable(2);
    const enc = new TextEncoder();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}·`);
    for (const w of words) {
      const b = enc.encode(w);
      t.add(b, 0, b.length);
    }
    expect(t.size).toBe(5000);
    const again = WordTable.fromData(t.toData());
    const probe = enc.encode('xx w4321· yy');
    expect(again.find(probe, 3, 3 + enc.encode('w4321·').length)).toBe(4321);
    expect(again.find(probe, 0, 2)).toBe(-1);
    expect(again.word(17)).toBe('w17·');
  });
});
