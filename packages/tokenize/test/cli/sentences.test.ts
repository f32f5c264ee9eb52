/**
 * `tok sentences` against the real Moses split-sentences.perl: byte-identical output on a committed
 * input (fixtures/sentences.input.txt, outputs from fixtures/gen-sentences.sh) in both of its modes,
 * per line (`-k`) and wrapped paragraphs (default, "<P>" marks); plus --json and CRLF input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/sentences/index.js';
import { tok } from './run-tok.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const input = fixture('sentences.input.txt');

describe('tok sentences', () => {
  it('prints what split-sentences.perl -k prints, one input line at a time', async () => {
    const r = await tok(['sentences'], input);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(fixture('sentences.moses-k.txt'));
  });

  it('prints what split-sentences.perl prints for wrapped paragraphs with --paragraphs', async () => {
    const r = await tok(['sentences', '--paragraphs'], input);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(fixture('sentences.moses.txt'));
  });

  it('gives one JSON object per input line, with the sentences as spans of that line', async () => {
    const lines = input.trimEnd().split('\n');
    const r = await tok(['sentences', '--json', '--offsets', 'utf16'], input);
    const got = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { sentences: string[]; offsets: [number, number][] });
    expect(got).toHaveLength(lines.length);
    got.forEach((g, i) => {
      const spans = splitSentences(lines[i]);
      expect(g.sentences).toEqual(spans.tokens);
      expect(g.offsets.map(([s, e]) => lines[i].slice(s, e))).toEqual(spans.tokens);
    });
  });

  it('reads CRLF input as LF input', async () => {
    const crlf = input.replaceAll('\n', '\r\n');
    expect((await tok(['sentences'], crlf)).stdout).toBe(fixture('sentences.moses-k.txt'));
    expect((await tok(['sentences', '-p'], crlf)).stdout).toBe(fixture('sentences.moses.txt'));
  });

  it('uses the nonbreaking prefixes of --lang', async () => {
    const text = 'Das kostet z. B. fünf Euro. Er kam am 3. Mai.';
    const r = await tok(['sentences', '--lang', 'de'], `${text}\n`);
    expect(r.stdout).toBe(`${splitSentences(text, { lang: 'de' }).tokens.join('\n')}\n`);
  });
});
