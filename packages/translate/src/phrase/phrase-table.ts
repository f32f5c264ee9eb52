/**
 * `PhraseTable`: source phrase → target phrases with Moses' four translation features, the model a phrase
 * decoder reads. Features are kept as natural logs in Moses' order — inverse phrase probability p(f|e),
 * inverse lexical weight lex(f|e), direct phrase probability p(e|f), direct lexical weight lex(e|f) — and
 * written as probabilities in Moses' text format (`src ||| tgt ||| p(f|e) lex(f|e) p(e|f) lex(e|f)`).
 * Phrases are keyed by their words joined with one space; lookups happen once per source span and sentence,
 * outside the decoder's inner loop.
 */
import { PhraseTableFormatError } from '../errors.js';

/** Number of translation features per entry. */
export const TM_FEATURES = 4;
/** Feature names in storage order. */
export const TM_FEATURE_NAMES = ['p(f|e)', 'lex(f|e)', 'p(e|f)', 'lex(e|f)'] as const;
/** Index of the direct phrase probability p(e|f), used to rank and prune a source phrase's entries. */
export const DIRECT = 2;

export interface PhraseEntry {
  readonly target: readonly string[];
  /** Natural logs of the four features, in `TM_FEATURE_NAMES` order. */
  readonly scores: Float64Array;
}

export class PhraseTable {
  private readonly entries = new Map<string, PhraseEntry[]>();
  private longest = 0;
  private count = 0;

  /** Longest source phrase, in words. */
  get maxSourceLength(): number {
    return this.longest;
  }

  /** Number of (source, target) entries. */
  get size(): number {
    return this.count;
  }

  /** Number of distinct source phrases. */
  get sourceCount(): number {
    return this.entries.size;
  }

  /** Adds an entry; `scores` are natural logs in `TM_FEATURE_NAMES` order. */
  add(source: readonly string[], target: readonly string[], scores: ArrayLike<number>): void {
    const key = source.join(' ');
    let list = this.entries.get(key);
    if (!list) this.entries.set(key, (list = []));
    list.push({ target: [...target], scores: Float64Array.from(scores) });
    if (source.length > this.longest) this.longest = source.length;
    this.count++;
  }

  /** The entries of a source phrase given as its words joined by single spaces. */
  lookup(sourceKey: string): readonly PhraseEntry[] | undefined {
    return this.entries.get(sourceKey);
  }

  has(sourceKey: string): boolean {
    return this.entries.has(sourceKey);
  }

  /** Source phrases (space-joined). */
  sources(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** Keeps the `limit` entries with the highest p(e|f) per source phrase (Moses' table limit), best first. */
  prune(limit: number): this {
    let count = 0;
    for (const [key, list] of this.entries) {
      list.sort((a, b) => b.scores[DIRECT] - a.scores[DIRECT]);
      if (list.length > limit) this.entries.set(key, list.slice(0, limit));
      count += Math.min(limit, list.length);
    }
    this.count = count;
    return this;
  }

  /** Moses text format, one entry a line. */
  *lines(): Generator<string> {
    for (const [key, list] of this.entries) {
      for (const e of list) {
        const probs = Array.from(e.scores, (s) => formatProb(Math.exp(s)));
        yield `${key} ||| ${e.target.join(' ')} ||| ${probs.join(' ')}\n`;
      }
    }
  }

  /** Parses Moses-format lines (further `|||` fields after the scores are ignored). */
  static parse(lines: Iterable<string>, name = '<phrase table>'): PhraseTable {
    const table = new PhraseTable();
    let n = 0;
    for (const raw of lines) {
      n++;
      const line = raw.trim();
      if (line === '') continue;
      const fields = line.split(' ||| ');
      if (fields.length < 3) throw new PhraseTableFormatError(name, n, `expected "source ||| target ||| scores", found ${fields.length} field(s)`);
      const src = fields[0].split(' ').filter((w) => w !== '');
      const tgt = fields[1].split(' ').filter((w) => w !== '');
      const probs = fields[2].trim().split(/\s+/).map(Number);
      if (src.length === 0 || tgt.length === 0) throw new PhraseTableFormatError(name, n, 'empty source or target phrase');
      if (probs.length !== TM_FEATURES || probs.some((p) => !(p > 0 && p <= 1))) {
        throw new PhraseTableFormatError(name, n, `expected ${TM_FEATURES} probabilities in (0, 1], found ${JSON.stringify(fields[2].trim())}`);
      }
      table.add(src, tgt, probs.map(Math.log));
    }
    return table;
  }
}

function formatProb(p: number): string {
  return p >= 1 ? '1' : p.toPrecision(6);
}
