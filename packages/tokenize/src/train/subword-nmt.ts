/**
 * subword-nmt-style BPE (Sennrich et al.): words are the space-separated fields of each line, the last
 * character of a word carries `</w>`, and segmented text marks every piece but a word's last with `@@`.
 *
 * - `trainSubwordNmt` learns merges as subword-nmt's learn_bpe does (version 0.2 codes): the most frequent
 *   pair, ties to the larger pair in code-point order; stops after `numMerges` or below `minFrequency`.
 * - `exportSubwordNmtCodes` / `importSubwordNmtCodes`: the codes file (`#version: 0.2`, one `left right` per line).
 * - `SubwordNmtSegmenter` / `applySubwordNmt` segment a line as apply_bpe does: in each word, repeatedly
 *   merge every occurrence (left to right) of the adjacent pair with the lowest rank.
 */
import { InvalidOptionError, ParseError } from '../errors.js';
import { runBpe } from './bpe-core.js';
import { requireWords } from './bpe.js';
import type { Corpus } from './corpus.js';
import { progressReporter, validateLossy, type TrainingProgress } from './options.js';
import { countWords } from './word-count.js';

const EOW = '</w>';

export interface SubwordNmtCodes {
  /** Codes file version: 0.2 (`</w>` glued to the last character) or 0.1 (`</w>` a symbol of its own). */
  version: '0.1' | '0.2';
  /** Merges in priority order. */
  merges: Array<[string, string]>;
}

export interface TrainSubwordNmtOptions {
  /** Number of merge operations (learn_bpe's `--symbols`, default 10000). */
  numMerges?: number;
  /** Stop when the best pair is seen fewer times (learn_bpe's `--min-frequency`, default 2). */
  minFrequency?: number;
  threads?: number;
  /** Replace invalid UTF-8 in files with U+FFFD instead of throwing `InvalidUtf8Error` (default false). */
  lossy?: boolean;
  showProgress?: boolean;
  onProgress?: (progress: TrainingProgress) => void;
}

/** Learns subword-nmt BPE codes; `exportSubwordNmtCodes` writes them in learn_bpe's format. */
export async function trainSubwordNmt(corpus: Corpus, options: TrainSubwordNmtOptions = {}): Promise<SubwordNmtCodes> {
  const numMerges = options.numMerges ?? 10000;
  if (!Number.isInteger(numMerges) || numMerges < 0) throw new InvalidOptionError('numMerges', numMerges, 'an integer ≥ 0');
  const minFrequency = options.minFrequency ?? 2;
  if (!Number.isFinite(minFrequency) || minFrequency < 0) throw new InvalidOptionError('minFrequency', minFrequency, 'a number ≥ 0');
  const threads = options.threads ?? 2;
  if (!Number.isInteger(threads) || threads < 1) throw new InvalidOptionError('threads', threads, 'an integer ≥ 1');
  const lossy = validateLossy(options.lossy);
  const report = progressReporter(options);
  const counted = await countWords(corpus, { style: 'subword-nmt' }, threads, report, { lossy });
  requireWords(counted);
  const { merges } = runBpe({
    ...counted,
    vocabSize: Infinity,
    minFrequency: Math.max(minFrequency, 1),
    specialTokens: [],
    limitAlphabet: undefined,
    initialAlphabet: [],
    endOfWordSuffix: EOW,
    tieBreak: 'subword-nmt',
    maxMerges: numMerges,
    onProgress: report,
  });
  return { version: '0.2', merges };
}

/** The codes file text: `#version: 0.2` then one `left right` merge per line. */
export function exportSubwordNmtCodes(codes: SubwordNmtCodes): string {
  const header = codes.version === '0.2' ? '#version: 0.2\n' : '';
  return header + codes.merges.map(([a, b]) => `${a} ${b}\n`).join('');
}

/** Parses a codes file (with or without a `#version:` header; without one it is version 0.1). */
export function importSubwordNmtCodes(text: string, source = 'codes'): SubwordNmtCodes {
  const lines = text.replace(/\n+$/, '').split('\n');
  let version: '0.1' | '0.2' = '0.1';
  let first = 0;
  if (lines[0]?.startsWith('#version:')) {
    const v = lines[0].split(/\s+/).pop()!.replace(/(\.0+)*$/, '');
    if (v !== '0.2' && v !== '0.1') throw new ParseError(source, 1, `unsupported codes version ${JSON.stringify(v)}`, 'version');
    version = v;
    first = 1;
  }
  const merges: Array<[string, string]> = [];
  for (let i = first; i < lines.length; i++) {
    const parts = lines[i]!.replace(/^[\r\n ]+|[\r\n ]+$/g, '').split(' ');
    if (parts.length !== 2) throw new ParseError(source, i + 1, 'a merge line must hold exactly two units separated by one space');
    merges.push([parts[0]!, parts[1]!]);
  }
  return { version, merges };
}

/** Segments lines with subword-nmt codes exactly as apply_bpe does (no vocabulary filter, no glossaries). */
export class SubwordNmtSegmenter {
  private readonly ranks = new Map<string, number>();
  private readonly cache = new Map<string, string[]>();

  constructor(
    readonly codes: SubwordNmtCodes,
    readonly separator = '@@',
  ) {
    // A duplicated merge keeps its first rank, as apply_bpe does.
    codes.merges.forEach(([a, b], rank) => {
      const key = `${a} ${b}`;
      if (!this.ranks.has(key)) this.ranks.set(key, rank);
    });
  }

  /** One line: leading/trailing whitespace kept, words segmented and joined with single spaces. */
  applyLine(line: string): string {
    const lead = /^[\r\n ]*/.exec(line)![0];
    const trail = lead.length === line.length ? '' : /[\r\n ]*$/.exec(line)![0];
    const out: string[] = [];
    for (const word of line.replace(/^[\r\n ]+|[\r\n ]+$/g, '').split(' ')) {
      if (word === '') continue;
      const pieces = this.segmentWord(word);
      for (let i = 0; i < pieces.length - 1; i++) out.push(pieces[i]! + this.separator);
      out.push(pieces[pieces.length - 1]!);
    }
    return lead + out.join(' ') + trail;
  }

  /** The pieces of one word, without separators or `</w>`. */
  segmentWord(word: string): string[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const chars = Array.from(word);
    if (chars.length === 1) return [word];
    let symbols = this.codes.version === '0.2' ? [...chars.slice(0, -1), chars[chars.length - 1]! + EOW] : [...chars, EOW];
    while (symbols.length > 1) {
      let best = Infinity;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const r = this.ranks.get(`${symbols[i]} ${symbols[i + 1]}`);
        if (r !== undefined && r < best) best = r;
      }
      if (best === Infinity) break;
      const [a, b] = this.codes.merges[best]!;
      const next: string[] = [];
      let i = 0;
      while (i < symbols.length) {
        if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) {
          next.push(a + b);
          i += 2;
        } else {
          next.push(symbols[i++]!);
        }
      }
      symbols = next;
    }
    const last = symbols[symbols.length - 1]!;
    if (last === EOW) symbols.pop();
    else if (last.endsWith(EOW)) symbols[symbols.length - 1] = last.slice(0, -EOW.length);
    this.cache.set(word, symbols);
    return symbols;
  }
}

/** Segments one line with `codes` (see SubwordNmtSegmenter; build one to segment many lines). */
export function applySubwordNmt(codes: SubwordNmtCodes, line: string, separator = '@@'): string {
  return new SubwordNmtSegmenter(codes, separator).applyLine(line);
}
