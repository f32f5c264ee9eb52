import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  InvalidOptionError,
  LengthMismatchError,
  MetricsError,
  MissingReferenceError,
  UnknownNameError,
  bleuStatistics,
  computeBleu,
  corpusBleu,
  corpusChrf,
  corpusTer,
  sentenceBleu,
  tokenize,
} from '@nlpkit/metrics';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('errors', () => {
  it('hypotheses and a reference stream of different lengths: both counts and the stream', () => {
    for (const f of [corpusBleu, corpusChrf, corpusTer]) {
      const e = thrown(() => f(['a', 'b', 'c'], [['a', 'b', 'c'], ['a', 'b']]));
      expect(e).toBeInstanceOf(LengthMismatchError);
      expect(e).toBeInstanceOf(MetricsError);
      const le = e as LengthMismatchError;
      expect(le.code).toBe('LENGTH_MISMATCH');
      expect([le.hypotheses, le.references, le.stream]).toEqual([3, 2, 1]);
      expect(le.message).toBe('The hypotheses have 3 segment(s) but reference stream 1 has 2');
    }
  });

  it('unknown tokenizer: names the known ones', () => {
    const e = thrown(() => corpusBleu(['a'], [['a']], { tokenize: 'moses' })) as UnknownNameError;
    expect(e).toBeInstanceOf(UnknownNameError);
    expect(e.code).toBe('UNKNOWN_NAME');
    expect(e.known).toEqual(['none', '13a', 'intl', 'zh', 'char']);
    expect(e.message).toBe('Unknown tokenizer "moses"; known: none, 13a, intl, zh, char');
    expect(() => tokenize('ja-mecab', 'x')).toThrow(UnknownNameError);
    expect(() => tokenize('toString', 'x')).toThrow(UnknownNameError);
  });

  it('unknown smoothing method and invalid options', () => {
    expect(() => corpusBleu(['a'], [['a']], { smoothMethod: 'laplace' as never })).toThrow(
      'Unknown smoothing method "laplace"; known: none, floor, add-k, exp',
    );
    expect(() => computeBleu([1], [1], 1, 1, { smoothMethod: 'x' as never })).toThrow(UnknownNameError);
    expect(() => corpusBleu(['a'], [['a']], { maxNgramOrder: 0 })).toThrow(InvalidOptionError);
    expect(() => corpusBleu(['a'], [['a']], { smoothValue: Number.NaN })).toThrow(InvalidOptionError);
    expect(() => corpusChrf(['a'], [['a']], { charOrder: 0, wordOrder: 0 })).toThrow(InvalidOptionError);
    expect(() => corpusChrf(['a'], [['a']], { wordOrder: 1.5 })).toThrow(InvalidOptionError);
  });

  it('a segment without any reference, or no streams at all', () => {
    const e = thrown(() => corpusTer(['a', 'b'], [['x', null], [null, null]])) as MissingReferenceError;
    expect(e).toBeInstanceOf(MissingReferenceError);
    expect(e.segment).toBe(1);
    expect(e.code).toBe('MISSING_REFERENCE');
    expect(() => corpusBleu(['a'], [])).toThrow(MissingReferenceError);
    expect(() => sentenceBleu('a', [])).toThrow(MissingReferenceError);
  });

  it('error names are the class names', () => {
    expect((thrown(() => bleuStatistics(['a'], [['a', 'b']])) as Error).name).toBe('LengthMismatchError');
  });

  it('the signature version is the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(corpusBleu(['a'], [['a']]).signature).toBe(`nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:${pkg.version}`);
  });
});
