/**
 * `Vocab`: a frozen token ↔ id mapping with counts, the base that embed and lm build on. Built from a
 * corpus (or a `VocabCounter`) with `minCount`, `maxSize` and specials; ids are dense integers in a
 * documented, deterministic order; saved and loaded as text (`token<TAB>count` lines) or JSON.
 */
import { readFile } from 'node:fs/promises';
import { InvalidOptionError, InvalidTokenIdError, UnknownTokenError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { VocabCounter, type TokenItem } from './vocab-counter.js';
import { formatVocabText, parseVocabJSON, parseVocabText, type VocabData, type VocabJSON } from './vocab-format.js';

/** The specials `Vocab.build` adds unless told otherwise. */
export const DEFAULT_SPECIALS: readonly string[] = ['<unk>', '<pad>', '<bos>', '<eos>'];

/** The token that unknown tokens map to, when the vocabulary has it. */
export const UNK_TOKEN = '<unk>';

export interface VocabBuildOptions {
  /** Tokens seen fewer times are left out (default 1). Specials are always kept. */
  minCount?: number;
  /** Most entries in all, specials included (default: no limit); must be ≥ the number of specials. */
  maxSize?: number;
  /** Tokens given ids 0, 1, … in this order (default `DEFAULT_SPECIALS`; `[]` for none). */
  specials?: readonly string[];
  /**
   * How tokens with equal counts are ordered: `'first-seen'` (default: the order of first occurrence
   * in the corpus, as gensim and `Counter.most_common` do) or `'codepoint'` (by UTF-16 code units,
   * independent of corpus order).
   */
  tieBreak?: 'first-seen' | 'codepoint';
}

export type VocabFormat = 'text' | 'json';

export interface VocabLoadOptions {
  /** `'json'` or `'text'`; default: `'json'` for a `.json` path, else `'text'`. */
  format?: VocabFormat;
  /** Text format only: the specials (the first lines, in order); default: the leading lines that are `SPECIAL_TOKENS`. */
  specials?: readonly string[];
}

/**
 * A vocabulary. Ids: the specials first, in the order given; then the other tokens by count,
 * descending; equal counts by first occurrence (or code point, see `tieBreak`). The same input
 * and options always give the same ids.
 * @example
 * const v = Vocab.build([['the', 'cat'], ['the', 'dog']], { specials: ['<unk>', '<pad>'] });
 * v.idOf('the');        // 2
 * v.idOf('zebra');      // 0, the id of <unk>
 * v.encode(['the', 'cat']); // Uint32Array [2, 3]
 * await v.save('vocab.txt');
 */
export class Vocab {
  private readonly index = new Map<string, number>();
  private readonly list: readonly string[];
  private readonly countArr: Float64Array;
  /** The specials: the first `specials.length` tokens. */
  readonly specials: readonly string[];
  /** The id of `<unk>`, which `idOf` and `encode` give to unknown tokens; undefined if absent. */
  readonly unkId: number | undefined;

  private constructor(data: VocabData) {
    this.list = Object.freeze([...data.tokens]);
    this.countArr = Float64Array.from(data.counts);
    this.specials = Object.freeze([...data.specials]);
    this.list.forEach((t, i) => this.index.set(t, i));
    this.unkId = this.index.get(UNK_TOKEN);
  }

  /** Counts `corpus` (tokens or token sequences) and builds the vocabulary. */
  static build(corpus: Iterable<TokenItem>, options: VocabBuildOptions = {}): Vocab {
    checkBuildOptions(options);
    return Vocab.fromCounter(new VocabCounter().addAll(corpus), options);
  }

  /** Like `build`, for a corpus that streams in. */
  static async buildAsync(corpus: AsyncIterable<TokenItem> | Iterable<TokenItem>, options: VocabBuildOptions = {}): Promise<Vocab> {
    checkBuildOptions(options);
    const counter = await new VocabCounter().addAllAsync(corpus);
    return Vocab.fromCounter(counter, options);
  }

  /** Builds the vocabulary from counts gathered with a `VocabCounter`. */
  static fromCounter(counter: VocabCounter, options: VocabBuildOptions = {}): Vocab {
    const { minCount, maxSize, specials, tieBreak } = checkBuildOptions(options);
    const isSpecial = new Set(specials);
    const rest: [string, number][] = [];
    for (const entry of counter.entries()) if (entry[1] >= minCount && !isSpecial.has(entry[0])) rest.push(entry);
    // Array.prototype.sort is stable, so 'first-seen' keeps the counter's order among equal counts.
    rest.sort(
      tieBreak === 'codepoint'
        ? (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)
        : (a, b) => b[1] - a[1],
    );
    const kept = rest.slice(0, Math.max(0, maxSize - specials.length));
    return new Vocab({
      tokens: [...specials, ...kept.map((e) => e[0])],
      counts: [...specials.map((s) => counter.countOf(s)), ...kept.map((e) => e[1])],
      specials,
    });
  }

  /** Parses the text format (see `toText`); `source` names the input in errors. */
  static fromText(text: string, source = '<text>', options: Pick<VocabLoadOptions, 'specials'> = {}): Vocab {
    return new Vocab(parseVocabText(text, source, options.specials));
  }

  /** Reads the JSON format: a string or the parsed value of `toJSON()`. */
  static fromJSON(json: string | VocabJSON, source = '<json>'): Vocab {
    return new Vocab(parseVocabJSON(json, source));
  }

  /** Loads a vocabulary saved with `save`. */
  static async load(path: string, options: VocabLoadOptions = {}): Promise<Vocab> {
    const text = await readFile(path, 'utf8');
    return formatOf(path, options.format) === 'json' ? Vocab.fromJSON(text, path) : Vocab.fromText(text, path, options);
  }

  /** Number of entries, specials included; ids are 0 … size-1. */
  get size(): number {
    return this.list.length;
  }

  /** The tokens in id order. */
  get tokens(): readonly string[] {
    return this.list;
  }

  /** Whether `token` has an id of its own (not just the `<unk>` fallback). */
  has(token: string): boolean {
    return this.index.has(token);
  }

  /** The id of `token`; for a token not in the vocabulary, `unkId` (undefined without `<unk>`). */
  idOf(token: string): number | undefined {
    return this.index.get(token) ?? this.unkId;
  }

  /** The token with id `id`, or undefined if there is none. */
  tokenOf(id: number): string | undefined {
    return Number.isInteger(id) && id >= 0 && id < this.list.length ? this.list[id] : undefined;
  }

  /** How many times `token` was counted (0 if not in the vocabulary; specials: their corpus count). */
  countOf(token: string): number {
    const id = this.index.get(token);
    return id === undefined ? 0 : this.countArr[id];
  }

  /** Whether `token` is one of the specials. */
  isSpecial(token: string): boolean {
    const id = this.index.get(token);
    return id !== undefined && id < this.specials.length;
  }

  /** The ids of `tokens`; unknown tokens get `unkId`, or throw `UnknownTokenError` without `<unk>`. */
  encode(tokens: readonly string[]): Uint32Array {
    const ids = new Uint32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const id = this.index.get(tokens[i]) ?? this.unkId;
      if (id === undefined) throw new UnknownTokenError(tokens[i], i);
      ids[i] = id;
    }
    return ids;
  }

  /** The tokens of `ids`; an id out of range (or not an integer) throws `InvalidTokenIdError`. */
  decode(ids: ArrayLike<number>): string[] {
    const out = new Array<string>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const token = this.tokenOf(ids[i]);
      if (token === undefined) throw new InvalidTokenIdError(ids[i], i, `a vocabulary of ${this.list.length} tokens`);
      out[i] = token;
    }
    return out;
  }

  /** `token\tcount\n` per id, in id order; a token with a tab, CR, LF or lone surrogate throws `InvalidOptionError`. */
  toText(): string {
    return formatVocabText(this.data());
  }

  /** The JSON format, as a plain object (`JSON.stringify` it, or pass it to `fromJSON`). */
  toJSON(): VocabJSON {
    return { format: 'nlpkit-vocab', version: 1, specials: [...this.specials], tokens: [...this.list], counts: Array.from(this.countArr) };
  }

  /** Writes the vocabulary to `path` atomically (temporary file, then rename); format as in `load`. */
  async save(path: string, options: Pick<VocabLoadOptions, 'format'> = {}): Promise<void> {
    await writeFileAtomic(path, this.serialize(formatOf(path, options.format)));
  }

  /** The file contents `save` writes for `format`. */
  serialize(format: VocabFormat): string {
    return format === 'json' ? `${JSON.stringify(this.toJSON())}\n` : this.toText();
  }

  private data(): VocabData {
    return { tokens: this.list, counts: this.countArr, specials: this.specials };
  }
}

function formatOf(path: string, format: VocabFormat | undefined): VocabFormat {
  if (format === undefined) return path.toLowerCase().endsWith('.json') ? 'json' : 'text';
  if (format !== 'json' && format !== 'text') throw new InvalidOptionError('format', format, '"text" or "json"');
  return format;
}

function checkBuildOptions(o: VocabBuildOptions): Required<VocabBuildOptions> {
  const minCount = o.minCount ?? 1;
  const maxSize = o.maxSize ?? Infinity;
  const specials = o.specials ?? DEFAULT_SPECIALS;
  const tieBreak = o.tieBreak ?? 'first-seen';
  if (!Number.isSafeInteger(minCount) || minCount < 0) throw new InvalidOptionError('minCount', minCount, 'a non-negative integer');
  if (maxSize !== Infinity && (!Number.isSafeInteger(maxSize) || maxSize < 0)) {
    throw new InvalidOptionError('maxSize', maxSize, 'a non-negative integer or Infinity');
  }
  if (!Array.isArray(specials)) throw new InvalidOptionError('specials', specials, 'an array of tokens');
  const seen = new Set<string>();
  for (const s of specials) {
    if (typeof s !== 'string' || s.length === 0) throw new InvalidOptionError('specials', specials, 'non-empty strings');
    if (seen.has(s)) throw new InvalidOptionError('specials', specials, `no repeats (${JSON.stringify(s)} appears twice)`);
    seen.add(s);
  }
  if (maxSize < specials.length) {
    throw new InvalidOptionError('maxSize', maxSize, `at least the number of specials (${specials.length}): specials count toward maxSize`);
  }
  if (tieBreak !== 'first-seen' && tieBreak !== 'codepoint') throw new InvalidOptionError('tieBreak', tieBreak, '"first-seen" or "codepoint"');
  return { minCount, maxSize, specials, tieBreak };
}
