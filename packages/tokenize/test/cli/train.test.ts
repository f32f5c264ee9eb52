/**
 * `tok train`: the tokenizer.json it writes (atomically with -o, or on stdout) must load in our
 * Tokenizer and in the real Rust `tokenizers` package, which then give the same ids as
 * `tok encode --tokenizer`; flags are checked (exit 2) and bad input is reported (exit 1) without
 * leaving an output or temporary file behind.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tokenizers from 'tokenizers';
import { afterAll, describe, expect, it } from 'vitest';
import { Tokenizer } from '../../src/hf/index.js';
import { tok } from './run-tok.js';
import { sampleLines } from './sample-text.js';

const root = mkdtempSync(join(tmpdir(), 'tok-train-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
/** A fresh empty directory, so a test can see every file left in it. */
function freshDir(): string {
  const dir = join(root, `d${++dirs}`);
  mkdirSync(dir);
  return dir;
}

const corpusText = `${sampleLines().join('\n')}\n${readFileSync(new URL('../../../../examples/sample.txt', import.meta.url), 'utf8')}`;
const corpus = join(root, 'corpus.txt');
writeFileSync(corpus, corpusText);

/** Lines to encode: accents, a combining mark, emoji (ZWJ sequence, flag) and characters the corpus lacks. */
const PROBES = [
  'hello world',
  "Les élèves n'ont pas encore lu « Le Petit Prince ».",
  'Die Straße ist 3,5 km lang – zu weit?',
  'naïve café, e\u0301 combining',
  'emoji 👩🏽‍💻 and 🇫🇷 flag 😀',
  'Ωμέγα ∑ unseen ק',
];

const MODEL_TYPE = { bpe: 'BPE', wordpiece: 'WordPiece', unigram: 'Unigram' } as const;

async function rustIds(file: string, text: string, addSpecialTokens = true): Promise<number[]> {
  return (await tokenizers.Tokenizer.fromFile(file).encode(text, null, { addSpecialTokens })).getIds();
}

/** `tok encode --tokenizer file` of each line, as arrays of ids. */
async function tokIds(file: string, lines: readonly string[]): Promise<number[][]> {
  const r = await tok(['encode', '--tokenizer', file, '--json'], `${lines.join('\n')}\n`);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  return r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { ids: number[] }).ids);
}

describe('tok train -o', () => {
  it.each(['bpe', 'wordpiece', 'unigram'] as const)('%s: writes a tokenizer.json that Rust loads and encodes as tok encode does', async (model) => {
    const dir = freshDir();
    const out = join(dir, 'tokenizer.json');
    const r = await tok(['train', '--model', model, '--vocab-size', '400', corpus, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const size = Number(/^tok: trained (\S+) with (\d+) tokens in \d+\.\d s → (.*)\n$/.exec(r.stderr)?.[2]);
    expect(r.stderr).toContain(`trained ${model} with ${size} tokens`);
    expect(r.stderr.endsWith(`→ ${out}\n`)).toBe(true);
    expect(readdirSync(dir)).toEqual(['tokenizer.json']); // no temporary file left

    const json = JSON.parse(readFileSync(out, 'utf8')) as { model: { type: string } };
    expect(json.model.type).toBe(MODEL_TYPE[model]);
    const ours = Tokenizer.fromFile(out);
    const rust = tokenizers.Tokenizer.fromFile(out);
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThanOrEqual(400);
    expect(rust.getVocabSize(true)).toBe(size);
    expect(ours.vocabSize).toBe(size);

    const ids = await tokIds(out, PROBES);
    for (const [i, line] of PROBES.entries()) expect(ids[i], line).toEqual(await rustIds(out, line));
  });

  it('reads several files in order, as their concatenation on stdin', async () => {
    const dir = freshDir();
    const [a, b] = [join(dir, 'a.txt'), join(dir, 'b.txt')];
    const lines = corpusText.split('\n');
    writeFileSync(a, `${lines.slice(0, 50).join('\n')}\n`);
    writeFileSync(b, `${lines.slice(50).join('\n')}`);
    const fromFiles = await tok(['train', '-n', '350', a, b]);
    const fromStdin = await tok(['train', '-n', '350'], [readFileSync(a), readFileSync(b)]);
    const dash = await tok(['train', '-n', '350', '-'], corpusText);
    expect(fromFiles).toMatchObject({ code: 0, stderr: '' });
    expect(fromStdin).toEqual(fromFiles);
    expect(dash.stdout).toBe(fromFiles.stdout);
    // stdout holds the whole tokenizer.json, the same one -o writes
    const out = join(dir, 't.json');
    await tok(['train', '-n', '350', corpus, '-o', out]);
    expect(JSON.parse(fromFiles.stdout)).toEqual(JSON.parse(readFileSync(out, 'utf8')));
    expect((JSON.parse(fromFiles.stdout) as { model: { type: string } }).model.type).toBe('BPE');
  });

  it('--json prints a summary on stdout and nothing on stderr', async () => {
    const out = join(freshDir(), 'wp.json');
    const r = await tok(['train', '-m', 'wordpiece', '-n', '300', '--json', corpus, '-o', out]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(summary).sort()).toEqual(['model', 'output', 'seconds', 'vocabSize']);
    const vocab = (JSON.parse(readFileSync(out, 'utf8')) as { model: { vocab: Record<string, number> } }).model.vocab;
    expect(summary).toMatchObject({ model: 'wordpiece', output: out, vocabSize: Object.keys(vocab).length });
    expect(summary.seconds).toBeGreaterThanOrEqual(0);
  });

  it('draws a progress bar on a terminal stderr, and none with --no-progress or without a terminal', async () => {
    const tty = await tok(['train', '-n', '300', corpus, '-o', join(freshDir(), 't.json')], '', { stderrIsTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('reading');
    expect(tty.stderr).toContain('merging');
    expect(tty.stderr).toMatch(/tok: trained bpe with 300 tokens in \d+\.\d s → .*\n$/);
    const quiet = await tok(['train', '-n', '300', '--no-progress', corpus, '-o', join(freshDir(), 't.json')], '', { stderrIsTTY: true });
    expect(quiet.stderr).toMatch(/^tok: trained bpe with 300 tokens in \d+\.\d s → [^\n]*\n$/);
  });
});

describe('tok train models and special tokens', () => {
  it('byte-level BPE (the default) never loses a character; --char-level drops those it never saw, as Rust does', async () => {
    const dir = freshDir();
    const [bytes, chars] = [join(dir, 'bytes.json'), join(dir, 'chars.json')];
    expect((await tok(['train', '-n', '400', corpus, '-o', bytes])).code).toBe(0);
    expect((await tok(['train', '-n', '400', '--char-level', corpus, '-o', chars])).code).toBe(0);
    const unseen = 'Ωμέγα ∑ ק 🦀';
    expect(corpusText).not.toMatch(/[Ωμ∑ק🦀]/u);

    const roundTrip = async (file: string) => {
      const ids = await tok(['encode', '-t', file], `${unseen}\n`);
      return (await tok(['decode', '-t', file], ids.stdout)).stdout;
    };
    expect(await roundTrip(bytes)).toBe(`${unseen}\n`);
    const lossy = await roundTrip(chars);
    expect(lossy).not.toContain('Ω');
    // The char-level model has no unknown token: Rust drops unseen characters too.
    const charIds = (await tokIds(chars, [unseen]))[0];
    expect(charIds).toEqual(await rustIds(chars, unseen));
    expect(charIds!.length).toBeLessThan([...unseen].filter((c) => c !== ' ').length);
  });

  it.each([
    ['bpe', ['<s>', '</s>', '<pad>']],
    ['wordpiece', ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']], // the default
    ['unigram', ['<unk>']], // the default
  ] as const)('%s: special tokens get the first ids, in order', async (model, specials) => {
    const out = join(freshDir(), 't.json');
    const args = ['train', '-m', model, '-n', '300', corpus, '-o', out];
    if (model === 'bpe') args.push('--special-tokens', specials.join(','));
    expect((await tok(args)).code).toBe(0);
    const rust = tokenizers.Tokenizer.fromFile(out);
    specials.forEach((t, id) => expect(rust.tokenToId(t), t).toBe(id));
    const json = JSON.parse(readFileSync(out, 'utf8')) as { added_tokens: Array<{ id: number; content: string; special: boolean }> };
    expect(json.added_tokens.map((t) => [t.id, t.content, t.special])).toEqual(specials.map((t, id) => [id, t, true]));
  });

  it('bpe: a special token in the text encodes to its id', async () => {
    const out = join(freshDir(), 't.json');
    await tok(['train', '-n', '300', '--special-tokens', '<s>,</s>', corpus, '-o', out]);
    const ids = (await tokIds(out, ['<s>hello</s>']))[0]!;
    expect(ids[0]).toBe(0);
    expect(ids.at(-1)).toBe(1);
    expect(ids).toEqual(await rustIds(out, '<s>hello</s>'));
  });
});

describe('tok train errors', () => {
  it.each([
    [['--byte-level', '--char-level'], /--byte-level.*--char-level/],
    [['--model', 'wordpiece', '--byte-level'], /--model: "wordpiece"; expected "bpe" for --byte-level/],
    [['--model', 'unigram', '--char-level'], /--model: "unigram"; expected "bpe" for .*--char-level/],
    [['--model', 'unigram', '--prefix', '##'], /--model: "unigram"; expected "bpe" for .*--prefix/],
    [['--model', 'unigram', '--min-frequency', '2'], /--model: "unigram"; expected "bpe" or "wordpiece" for --min-frequency/],
    [['--model', 'sentencepiece'], /argument 'sentencepiece' is invalid.*bpe, wordpiece, unigram/s],
    [['--vocab-size', 'many'], /^tok: Invalid option --vocab-size: "many"; expected a non-negative integer\n$/],
    [['--vocab-size', '0'], /^tok: Invalid option --vocab-size: 0; expected an integer ≥ 1\n$/],
    [['--threads', '100'], /^tok: Invalid option --threads: 100; expected an integer from 1 to 64\n$/],
    [['--special-tokens', 'a,,b'], /^tok: Invalid option --special-tokens: .*expected non-empty strings\n$/],
    [['--special-tokens', '<s>,</s>,<s>'], /^tok: Invalid option --special-tokens: "<s>,<\/s>,<s>"; expected no repeats \("<s>" appears twice\)\n$/],
    // a byte-level alphabet is all 256 bytes; the library's message names its `byteLevel` option
    [['--limit-alphabet', '50'], /^tok: Invalid option --limit-alphabet: 50; expected at least 256 for a byte-level BPE.*--char-level/],
  ])('tok train %j is bad usage (exit 2) and writes nothing', async (flags, message) => {
    const dir = freshDir();
    const r = await tok(['train', ...flags, corpus, '-o', join(dir, 't.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/vocabSize|specialTokens|limitAlphabet|byteLevel|minFrequency/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes "-" (stdin) only alone, not among files (exit 2)', async () => {
    const r = await tok(['train', corpus, '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"-" alone for stdin');
  });

  // The trainers reject a vocabulary below the initial alphabet as an invalid vocabSize; tok reports it
  // as bad usage under the flags' names, with the sizes that make up the minimum.
  it.each([
    ['bpe', /^tok: Invalid option --vocab-size: 10; expected at least 256, the initial vocabulary: 0 special tokens \+ 256 alphabet characters \(a byte-level BPE starts from all 256 bytes; --char-level/],
    ['wordpiece', /^tok: Invalid option --vocab-size: 10; expected at least \d+, the initial vocabulary: 5 special tokens \+ \d+ alphabet characters.*\(or a lower --limit-alphabet\)\n$/],
    ['unigram', /^tok: Invalid option --vocab-size: 10; expected at least \d+/],
  ])('%s: a vocabulary below the alphabet is bad usage naming --vocab-size (exit 2); no file is written', async (model, message) => {
    const dir = freshDir();
    const out = join(dir, 't.json');
    const r = await tok(['train', '-m', model, '-n', '10', corpus, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('vocabSize');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an empty corpus is bad input (exit 1) and leaves an existing output untouched', async () => {
    const dir = freshDir();
    const out = join(dir, 't.json');
    writeFileSync(out, 'previous');
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    expect(await tok(['train', empty, '-o', out])).toEqual({ code: 1, stdout: '', stderr: 'tok: the corpus is empty: nothing to train on\n' });
    expect(await tok(['train', '-o', out], '')).toEqual({ code: 1, stdout: '', stderr: 'tok: the corpus is empty: nothing to train on\n' });
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(dir).sort()).toEqual(['empty.txt', 't.json']);
  });

  it('an unreadable file is bad input (exit 1) naming the file', async () => {
    const dir = freshDir();
    const missing = join(dir, 'missing.txt');
    expect(await tok(['train', corpus, missing, '-o', join(dir, 't.json')])).toEqual({
      code: 1,
      stdout: '',
      stderr: `tok: cannot read ${missing}: no such file or directory\n`,
    });
    expect(await tok(['train', dir])).toEqual({ code: 1, stdout: '', stderr: `tok: cannot read ${dir}: is a directory\n` });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('invalid UTF-8 on stdin names the line; --lossy trains on U+FFFD instead', async () => {
    const bad = Buffer.concat([Buffer.from('hello world\nbad '), Buffer.from([0xff]), Buffer.from(' byte\n')]);
    const r = await tok(['train', '-n', '300'], bad);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^tok: <stdin>:2: invalid UTF-8 at byte offset 16/);
    const lossy = await tok(['train', '-n', '300', '--lossy'], bad);
    expect(lossy.code).toBe(0);
    expect(lossy.stdout).toContain('"type": "BPE"');
  });

  // The trainers decode files themselves, turning invalid bytes into U+FFFD silently: tok checks first.
  it('invalid UTF-8 in a file names the file and line (exit 1), before any output; --lossy trains', async () => {
    const dir = freshDir();
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, Buffer.concat([Buffer.from('hello world\nbad '), Buffer.from([0xc3, 0x28]), Buffer.from(' byte\n')]));
    const out = join(dir, 't.json');
    expect(await tok(['train', '-n', '300', corpus, bad, '-o', out])).toEqual({
      code: 1,
      stdout: '',
      stderr: `tok: ${bad}:2: invalid UTF-8 at byte offset 16 (pass --lossy to replace invalid bytes with U+FFFD)\n`,
    });
    expect(readdirSync(dir)).toEqual(['bad.txt']);
    const lossy = await tok(['train', '-n', '300', '--lossy', bad, '-o', out]);
    expect(lossy.code).toBe(0);
    expect(Tokenizer.fromFile(out).vocabSize).toBeGreaterThan(256);
  });

  it('a failed write names the output file, not its temporary file (exit 1)', async () => {
    const out = join(root, 'no-such-dir', 't.json');
    const r = await tok(['train', '-n', '300', corpus, '-o', out]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `tok: cannot write ${out}: no such file or directory\n` });
    expect(existsSync(join(root, 'no-such-dir'))).toBe(false);
  });
});

// `renameOptionErrors` (option-names.ts): library option errors of other commands under their flags.
describe('library option errors name the flag', () => {
  it('tok vocab --specials a,a', async () => {
    const r = await tok(['vocab', '--specials', 'a,a'], 'x y\n');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'tok: Invalid option --specials: ["a","a"]; expected no repeats ("a" appears twice)\n' });
  });

  it('tok subwords --bucket 0', async () => {
    const r = await tok(['subwords', '--bucket', '0', 'word']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'tok: Invalid option --bucket: 0; expected an integer from 1 to 2147483647\n' });
  });
});
