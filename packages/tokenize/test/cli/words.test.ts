/**
 * `tok words` and `tok chars` print what the library's tokenizers return (those are checked against
 * NLTK, Moses and UAX #29 in test/words and test/chars): tokens joined by a space per line, or JSON
 * Lines whose offsets, in the unit asked for, cut each token's original text out of the input line.
 */
import { describe, expect, it } from 'vitest';
import { codePoints, graphemes } from '../../src/chars/index.js';
import { detokenize, getWordTokenizer, WORD_STYLES } from '../../src/words/index.js';
import { tok } from './run-tok.js';
import { multi30kLines, TRICKY_LINES } from './sample-text.js';

interface SpansJson {
  tokens: string[];
  offsets: [number, number][];
}

const lines = [...multi30kLines('en', 15), ...multi30kLines('fr', 15), ...TRICKY_LINES, 'He said "hi" (twice) & left—fast.'];
const input = `${lines.join('\n')}\n`;

function jsonLines(stdout: string): SpansJson[] {
  return stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as SpansJson);
}

/** The text each offset pair covers in `line`, offsets being in `unit`. */
function covered(line: string, [s, e]: [number, number], unit: 'codepoint' | 'utf16' | 'byte'): string {
  if (unit === 'utf16') return line.slice(s, e);
  if (unit === 'byte') return Buffer.from(line, 'utf8').subarray(s, e).toString('utf8');
  return [...line].slice(s, e).join('');
}

describe('tok words', () => {
  it.each(WORD_STYLES)('--style %s prints the library tokens joined by spaces, one line per input line', async (style) => {
    const r = await tok(['words', '--style', style], input);
    expect(r.code).toBe(0);
    const tokenizer = getWordTokenizer(style);
    expect(r.stdout).toBe(lines.map((l) => `${tokenizer.tokenize(l).join(' ')}\n`).join(''));
  });

  it('passes --lang to the Moses rules', async () => {
    const text = "L'été, c'est M. Dupont.";
    const r = await tok(['words', '--style', 'moses', '--lang', 'fr'], `${text}\n`);
    expect(r.stdout).toBe(`${getWordTokenizer('moses', { lang: 'fr' }).tokenize(text).join(' ')}\n`);
  });

  it.each(['codepoint', 'utf16', 'byte'] as const)('--json gives tokens and %s offsets into the line', async (unit) => {
    const r = await tok(['words', '--style', 'moses', '--json', '--offsets', unit], input);
    const tokenizer = getWordTokenizer('moses');
    const got = jsonLines(r.stdout);
    expect(got).toHaveLength(lines.length);
    got.forEach((g, i) => {
      const spans = tokenizer.tokenizeWithOffsets(lines[i]);
      expect(g.tokens).toEqual(spans.tokens);
      expect(g.offsets.map((o) => covered(lines[i], o, unit))).toEqual(spans.tokens.map((_, k) => lines[i].slice(spans.starts[k], spans.ends[k])));
    });
  });

  it.each(['treebank', 'moses'] as const)('--detokenize --style %s reverses the tokens as the library does', async (style) => {
    const tokenized = await tok(['words', '--style', style], input);
    const r = await tok(['words', '--detokenize', '--style', style], tokenized.stdout);
    expect(r.code).toBe(0);
    const tokenizer = getWordTokenizer(style);
    expect(r.stdout).toBe(lines.map((l) => `${detokenize(tokenizer.tokenize(l), style)}\n`).join(''));
  });

  it('refuses --detokenize for styles that cannot be reversed (exit 2)', async () => {
    const r = await tok(['words', '--detokenize', '--style', 'unicode'], 'a b\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tok: Invalid option --style: "unicode"; expected treebank or moses/);
  });

  it('lists the known styles and languages on unknown ones (exit 2)', async () => {
    const style = await tok(['words', '--style', 'nltk'], 'x\n');
    expect(style).toEqual({ code: 2, stdout: '', stderr: `tok: Unknown word style "nltk"; known: ${WORD_STYLES.join(', ')}\n` });
    const lang = await tok(['words', '--style', 'moses', '--lang', 'xx'], 'x\n');
    expect(lang.code).toBe(2);
    expect(lang.stderr).toMatch(/^tok: Unknown language "xx"; known: en, fr, de/);
  });
});

describe('tok chars', () => {
  const text = 'he\u0301llo 🇫🇷 👩‍👩‍👧!';

  it('prints code points joined by spaces', async () => {
    const r = await tok(['chars'], `${text}\n`);
    expect(r.stdout).toBe(`${codePoints(text).tokens.join(' ')}\n`);
    expect(r.stdout).toBe(`${[...text].join(' ')}\n`);
  });

  it('prints grapheme clusters with --graphemes, as Intl.Segmenter cuts them', async () => {
    const r = await tok(['chars', '--graphemes'], `${text}\n`);
    const segments = [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
    expect(r.stdout).toBe(`${graphemes(text).tokens.join(' ')}\n`);
    expect(r.stdout).toBe(`${segments.join(' ')}\n`);
  });

  it('--json offsets cover each grapheme, in code points by default', async () => {
    const r = await tok(['chars', '--graphemes', '--json'], `${text}\n`);
    const [got] = jsonLines(r.stdout);
    expect(got.offsets.map((o) => covered(text, o, 'codepoint'))).toEqual(got.tokens);
  });
});
