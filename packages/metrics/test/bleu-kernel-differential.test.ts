/**
 * The WebAssembly BLEU kernel (src/counting/bleu-kernel.wat, the default for TextLines with the 13a and
 * `none` tokenizers) against the JavaScript byte path and the string path: the same statistics rows, number
 * for number, on seeded random files (non-ASCII text, Python-only and JS-only whitespace, 13a's rewrites,
 * "\r", empty lines, lowercasing with non-ASCII letters, one or three references), on corpora that grow
 * its word table and line cache, with long words, other maximum orders, large alphabets (no direct
 * bigrams), past its line-length limit (where it hands the corpus back to the JavaScript path), and on
 * bytes read into its memory (KernelArena, the CLI's reading), where it also splits the lines.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bleuStatistics, corpusBleu, TextLines } from '../src/index.js';
import { setBleuKernel, type BleuOptions } from '../src/bleu.js';
import { KERNEL_MAX_LINE, KernelArena, kernelBleuStatistics, kernelLineSpans } from '../src/counting/bleu-wasm.js';
import { files, rng } from './random-text.js';

const lines = (text: string): string[] => {
  const l = text.split('\n');
  if (l.at(-1) === '') l.pop();
  return l;
};
const textLines = (text: string): TextLines => TextLines.fromBytes(Buffer.from(text, 'utf8'));
/** `text` copied into memory that `arena` hands out, as lines (what the CLI's reading does). */
const linesIn = (arena: KernelArena, text: string): TextLines => {
  const src = Buffer.from(text, 'utf8');
  const b = arena.allocate(src.length);
  src.copy(b);
  return TextLines.fromBytes(b);
};

/** Kernel, JavaScript byte path and string path on the same files: all three rows equal. */
function check(hyp: string, refs: string[], opts: BleuOptions): void {
  const tok = opts.tokenize ?? '13a';
  const mode = tok === '13a' ? 1 : 2;
  const N = opts.maxNgramOrder ?? 4;
  const kernel = kernelBleuStatistics([textLines(hyp), ...refs.map(textLines)], mode, opts.lowercase ?? false, N);
  expect(kernel).not.toBeNull();
  setBleuKernel(false);
  const js = bleuStatistics(textLines(hyp), refs.map(textLines), opts);
  setBleuKernel(true);
  const strings = bleuStatistics(lines(hyp), refs.map(lines), opts);
  expect(Array.from(js.stats)).toEqual(Array.from(strings.stats));
  expect(Array.from(kernel!)).toEqual(Array.from(js.stats));
  // and through the public API (the kernel is the default)
  const viaApi = bleuStatistics(textLines(hyp), refs.map(textLines), opts);
  expect(Array.from(viaApi.stats)).toEqual(Array.from(strings.stats));
  expect(viaApi.tokenizedPeriods).toBe(strings.tokenizedPeriods);
}

afterEach(() => setBleuKernel(true));

describe('BLEU kernel (WebAssembly) equals the JavaScript paths', () => {
  for (const nrefs of [1, 3]) {
    for (const tokenize of ['13a', 'none']) {
      for (const lowercase of [false, true]) {
        it(`random files: ${nrefs} reference file(s), tokenize ${tokenize}${lowercase ? ', lowercase' : ''}`, () => {
          const { hyp, refs } = files(300 + nrefs, 500, nrefs);
          check(hyp, refs, { tokenize, lowercase });
        });
      }
    }
  }

  it('other maximum orders (1, 2, 6)', () => {
    const { hyp, refs } = files(41, 300, 2);
    for (const maxNgramOrder of [1, 2, 6]) check(hyp, refs, { maxNgramOrder });
  });

  it('grows its word table and line cache (thousands of words and lines, words of 1-40 bytes)', () => {
    const r = rng(17);
    const word = (): string => {
      const n = 1 + Math.floor(r() * (r() < 0.2 ? 40 : 9));
      let w = '';
      for (let i = 0; i < n; i++) w += 'abcdeé中'[Math.floor(r() * 7)];
      return w;
    };
    const vocab = Array.from({ length: 6000 }, word);
    const line = (): string => Array.from({ length: Math.floor(r() * 30) }, () => vocab[Math.floor(r() * vocab.length)]).join(' ');
    const hyps = Array.from({ length: 2600 }, line);
    // references: shuffled words of the hypothesis (many n-gram matches) or a fresh line
    const refs = hyps.map((h) => (r() < 0.7 ? h.split(' ').sort(() => r() - 0.5).join(' ') : line()));
    check(hyps.join('\n') + '\n', [refs.join('\n') + '\n'], {});
    check(hyps.join('\n') + '\n', [refs.join('\n') + '\n'], { lowercase: true, tokenize: 'none' });
  });

  it('scores through corpusBleu as the string path does (a large corpus, and a small one read into an arena)', () => {
    const { hyp, refs } = files(77, 1500, 2);
    expect(Buffer.byteLength(hyp) + Buffer.byteLength(refs[0]) + Buffer.byteLength(refs[1])).toBeGreaterThan(1 << 16); // KERNEL_MIN_BYTES
    expect(corpusBleu(textLines(hyp), refs.map(textLines))).toEqual(corpusBleu(lines(hyp), refs.map(lines)));
    const small = files(78, 50, 1);
    const arena = new KernelArena();
    const inArena = (text: string): TextLines => linesIn(arena, text);
    const top = arena.top;
    expect(corpusBleu(inArena(small.hyp), small.refs.map(inArena))).toEqual(corpusBleu(lines(small.hyp), small.refs.map(lines)));
    expect(arena.top).toBeGreaterThan(top + Buffer.byteLength(small.hyp) + Buffer.byteLength(small.refs[0])); // the kernel ran there
  });

  it('uses bytes in a KernelArena where they are; they stay valid as the arena grows', () => {
    const { hyp, refs } = files(55, 300, 2);
    const arena = new KernelArena();
    const inArena = (text: string): TextLines => linesIn(arena, text);
    const h = inArena(hyp);
    const rs = refs.map(inArena);
    const want = Array.from(bleuStatistics(lines(hyp), refs.map(lines)).stats);
    const top = arena.top;
    expect(Array.from(bleuStatistics(h, rs).stats)).toEqual(want);
    expect(arena.top).toBeGreaterThan(top); // the kernel's tables went after the data: it ran in this memory
    arena.allocate(1 << 22); // the memory grows
    expect(h.toArray()).toEqual(lines(hyp));
    expect(Array.from(bleuStatistics(h, rs, { lowercase: true }).stats)).toEqual(
      Array.from(bleuStatistics(lines(hyp), refs.map(lines), { lowercase: true }).stats),
    );
    // a stream outside the arena: all are copied into a fresh memory instead
    expect(Array.from(bleuStatistics(textLines(hyp), rs).stats)).toEqual(want);
  });

  it('falls back to the JavaScript path when its memory runs out', () => {
    const { hyp, refs } = files(88, 200, 1);
    const want = Array.from(bleuStatistics(lines(hyp), refs.map(lines)).stats);
    const arena = new KernelArena(0, 3); // at most 3 pages (192 KiB): room for the text, not for the tables
    const inArena = (text: string): TextLines => linesIn(arena, text);
    const streams = [inArena(hyp), ...refs.map(inArena)];
    expect(kernelBleuStatistics(streams, 1, false, 4)).toBeNull();
    expect(Array.from(bleuStatistics(streams[0], streams.slice(1)).stats)).toEqual(want);
  });

  it('splits lines in a KernelArena as TextLines does elsewhere (with and without rstrip)', () => {
    const { hyp, refs } = files(66, 400, 1);
    const arena = new KernelArena();
    const texts = [hyp, refs[0], '', '\n', 'a', 'a\n\nb', 'x \u00a0\r\n\u3000\n  \u2028', 'é\u0085\n\u1680', '\u2029\u202f\u205f', 'a'.repeat(40) + '\n'.repeat(17) + ' \t'];
    for (const text of texts) {
      const src = Buffer.from(text, 'utf8');
      const b = arena.allocate(src.length);
      src.copy(b);
      for (const rstrip of [false, true]) {
        const want = TextLines.fromBytes(src, { rstrip });
        const got = TextLines.fromBytes(b, { rstrip });
        expect(kernelLineSpans(b, rstrip)?.count).toBe(want.length); // split by the kernel
        expect(kernelLineSpans(src, rstrip)).toBeNull();
        expect(got.length, JSON.stringify(text)).toBe(want.length);
        expect(Array.from(got.starts.subarray(0, got.length))).toEqual(Array.from(want.starts.subarray(0, want.length)));
        expect(Array.from(got.ends.subarray(0, got.length))).toEqual(Array.from(want.ends.subarray(0, want.length)));
      }
    }
  });

  it('leaves a corpus with a line longer than its limit to the JavaScript path (same result)', () => {
    const long = 'x '.repeat(KERNEL_MAX_LINE / 2 + 10) + 'end';
    const hyp = `a b c\n${long}\n`;
    const ref = `a b d\n${long} more\n`;
    expect(kernelBleuStatistics([textLines(hyp), textLines(ref)], 1, false, 4)).toBeNull();
    const want = bleuStatistics(lines(hyp), [lines(ref)]);
    expect(Array.from(bleuStatistics(textLines(hyp), [textLines(ref)]).stats)).toEqual(Array.from(want.stats));
  });
});
