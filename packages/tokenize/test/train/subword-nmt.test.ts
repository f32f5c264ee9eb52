import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  applySubwordNmt,
  exportSubwordNmtCodes,
  importSubwordNmtCodes,
  ParseError,
  SubwordNmtSegmenter,
  trainSubwordNmt,
} from '../../src/index.js';
import { SMALL_CORPUS } from './rust.js';

// Fixtures from subword-nmt's learn_bpe.py / apply_bpe.py: see fixtures/generate-subword-nmt.sh.
const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
const SAMPLE = fileURLToPath(new URL('../../../../examples/sample.txt', import.meta.url));

describe('subword-nmt BPE', () => {
  it('learns the same codes file as learn_bpe.py (-s 1500 --min-frequency 2)', async () => {
    const codes = await trainSubwordNmt({ files: [SMALL_CORPUS] }, { numMerges: 1500, minFrequency: 2, threads: 1 });
    expect(exportSubwordNmtCodes(codes)).toBe(fixture('subword-nmt.codes'));
  });

  it('breaks ties as learn_bpe.py does (min-frequency 1: most merges are ties)', async () => {
    const codes = await trainSubwordNmt({ files: [SAMPLE] }, { numMerges: 400, minFrequency: 1, threads: 1 });
    expect(exportSubwordNmtCodes(codes)).toBe(fixture('subword-nmt-sample.codes'));
  });

  it('segments every line as apply_bpe.py does', () => {
    const codes = importSubwordNmtCodes(fixture('subword-nmt.codes'));
    expect(codes.version).toBe('0.2');
    expect(codes.merges).toHaveLength(1500);
    const seg = new SubwordNmtSegmenter(codes);
    const input = readFileSync(SMALL_CORPUS, 'utf8').split('\n');
    const expected = fixture('subword-nmt.applied.txt').split('\n');
    expect(input.map((l) => seg.applyLine(l))).toEqual(expected);
    expect(applySubwordNmt(codes, '  the lower  ')).toBe(seg.applyLine('  the lower  '));
  });

  it('round-trips codes text; rejects malformed lines with their line number', () => {
    const text = fixture('subword-nmt.codes');
    expect(exportSubwordNmtCodes(importSubwordNmtCodes(text))).toBe(text);
    const err = (() => {
      try {
        importSubwordNmtCodes('#version: 0.2\na b\nc d e\n');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).line).toBe(3);
  });
});
