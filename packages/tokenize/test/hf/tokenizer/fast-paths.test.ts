/**
 * The shortcuts of the encoding path give exactly what the general path (and Rust) gives:
 * - the byte-level shortcut (fast-byte-level.ts) against the general pipeline, forced by wrapping the
 *   pre-tokenizer in a one-element Sequence the shortcut does not recognize;
 * - whole documents (one huge word for Llama 2, cut into pieces before each ▁ by the BPE model) and
 *   SentencePiece-like BPE files where the cut is unsafe or the symbols do not tile, against Rust;
 * - the token cache's emptying.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tokenizers from 'tokenizers';
import { describe, expect, test } from 'vitest';
import { Tokenizer } from '../../../src/hf/index.js';
import { SequencePreTokenizer } from '../../../src/hf/pre-tokenizers/index.js';
import { TokenCache } from '../../../src/hf/models/token-cache.js';
import { TokenBuffer } from '../../../src/hf/token-buffer.js';
import type { Encoding } from '../../../src/hf/encoding.js';
import { expectSame, fixtureFile, lenmlFile, TEXTS } from './reference.js';

const corpus = readFileSync(fixtureFile('corpus').replace(/\.json$/, '.txt'), 'utf8');
// Astral characters at piece edges, long pieces (not cached) and a long run of spaces.
const WELL_FORMED = [...corpus.split('\n'), ...TEXTS, '😀😀😀abc😀 😀', 'x'.repeat(300) + ' ' + 'é'.repeat(200) + ' ' + '7'.repeat(20), ' '.repeat(70) + 'end'];
/** Rust sees lone surrogates as U+FFFD (the napi string conversion): compared with our general path only. */
const LINES = [...WELL_FORMED, '\ud800abc\udc00 x\ud83d'];
const DOCUMENT = LINES.join('\n');

function plain(e: Encoding): unknown {
  return JSON.parse(JSON.stringify(e));
}

describe('the byte-level shortcut gives what the general pipeline gives', () => {
  for (const [name, path] of [
    ['gpt2', lenmlFile('gpt2')],
    ['llama3', lenmlFile('llama3')],
    ['roberta', fixtureFile('roberta')],
  ] as const) {
    test(name, () => {
      const fast = Tokenizer.fromFile(path);
      const slow = Tokenizer.fromFile(path);
      slow.preTokenizer = new SequencePreTokenizer([slow.preTokenizer!]);
      const compare = (text: string, pair: string | null): void => {
        for (const offsets of ['utf16', 'codepoint'] as const) {
          for (const addSpecialTokens of [true, false]) {
            expect(plain(fast.encode(text, pair, { offsets, addSpecialTokens }))).toEqual(plain(slow.encode(text, pair, { offsets, addSpecialTokens })));
          }
        }
        expect(fast.encodeIds(text)).toEqual(slow.encodeIds(text));
      };
      for (const line of LINES) compare(line, null);
      compare(DOCUMENT, null);
      compare(LINES[3]!, LINES[5]!);
      for (const direction of ['left', 'right'] as const) {
        fast.setTruncation({ maxLength: 20, stride: 3, direction });
        slow.setTruncation({ maxLength: 20, stride: 3, direction });
        for (const line of LINES.slice(0, 30)) compare(line, null);
        compare(LINES[3]!, LINES[5]!);
      }
    });
  }
});

describe('whole documents, same as Rust', () => {
  for (const name of ['gpt2', 'llama2', 'llama3'] as const) {
    test(name, async () => {
      const ours = Tokenizer.fromFile(lenmlFile(name));
      const rust = tokenizers.Tokenizer.fromFile(lenmlFile(name));
      await expectSame(ours, rust, [
        [WELL_FORMED.join('\n'), null],
        [corpus, null],
        [`  ${corpus}  \n`, null],
      ]);
    });
  }
});

/** A tiny SentencePiece-like BPE file (Prepend ▁, spaces as ▁, no pre-tokenizer). */
function sentencePieceFile(merges: [string, string][], options: { unk: boolean; byteFallback: boolean }): string {
  const vocab: Record<string, number> = {};
  const add = (t: string): void => {
    if (!(t in vocab)) vocab[t] = Object.keys(vocab).length;
  };
  if (options.unk) add('<unk>');
  for (const c of ['▁', 'a', 'b', 'c', 'd', 'x', 'y', '<0x7A>', '<0xC3>', '<0xA9>']) add(c);
  for (const [l, r] of merges) add(l + r);
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'Prepend', prepend: '▁' },
        { type: 'Replace', pattern: { String: ' ' }, content: '▁' },
      ],
    },
    pre_tokenizer: null,
    post_processor: null,
    decoder: null,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: options.unk ? '<unk>' : null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: true,
      byte_fallback: options.byteFallback,
      ignore_merges: false,
      vocab,
      merges: merges.map(([l, r]) => `${l} ${r}`),
    },
  };
  const file = join(mkdtempSync(join(tmpdir(), 'hf-fast-')), 'tokenizer.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

describe('BPE words cut before ▁, same as Rust', () => {
  const texts = [
    'ab cd ab  cd   x',
    'a b c d ab ab ab abab cdcd',
    'zz ab é ab qq cd',
    'ab\u00e9 cd z ab',
    '  lead and trail  ',
    'xy▁ab x▁▁y',
    'ab '.repeat(100) + 'cd '.repeat(50),
  ];
  const safe: [string, string][] = [
    ['a', 'b'],
    ['c', 'd'],
    ['▁', 'ab'],
    ['▁', '▁'],
    ['▁▁', 'cd'],
    ['ab', 'ab'],
  ];
  // "b" + "▁" joins across the cut: the model must then merge whole words.
  const unsafe: [string, string][] = [...safe, ['b', '▁'], ['b▁', 'cd']];
  for (const [label, merges] of [
    ['safe cut', safe],
    ['a merge across the cut', unsafe],
  ] as const) {
    for (const options of [
      { unk: true, byteFallback: true },
      { unk: true, byteFallback: false },
      { unk: false, byteFallback: false },
      { unk: false, byteFallback: true },
    ]) {
      test(`${label}, unk ${options.unk}, byte fallback ${options.byteFallback}`, async () => {
        const file = sentencePieceFile(merges, options);
        await expectSame(Tokenizer.fromFile(file), tokenizers.Tokenizer.fromFile(file), texts.map((t) => [t, null] as const));
      });
    }
  }
});

describe('TokenCache', () => {
  test('returns what was stored, shifted, and empties itself when full', () => {
    const cache = new TokenCache(2);
    const buf = new TokenBuffer();
    buf.push(7, 10, 12);
    buf.push(8, 12, 13);
    cache.set('ab', 1, buf, 0, 2, 10);
    cache.set('c', 0, buf, 1, 2, 12);
    const out = new TokenBuffer();
    expect(cache.get('ab', 100, out)).toBe(1);
    expect([...out.ids.subarray(0, out.length)]).toEqual([7, 8]);
    expect([...out.starts.subarray(0, out.length)]).toEqual([100, 102]);
    expect([...out.ends.subarray(0, out.length)]).toEqual([102, 103]);
    expect(cache.get('c', 0, out)).toBe(0);
    expect(cache.get('zz', 0, out)).toBe(-1);
    cache.set('d', 0, buf, 0, 1, 0);
    expect(cache.size).toBe(1);
    expect(cache.get('ab', 0, out)).toBe(-1);
    expect(cache.get('d', 0, out)).toBe(0);
    expect(new TokenCache(0).accepts('a')).toBe(false);
    expect(cache.accepts('x'.repeat(256))).toBe(false);
  });
});
