/**
 * `Query`: KenLM's `query` program as a library (lm/ngram_query.hh). Each line is split on ASCII
 * whitespace; with sentence context (the default) it starts from `<s>` and `</s>` is scored at the end.
 * OOV words get p(<unk>) and count as OOVs; the line total is summed in float32 as KenLM sums it, the
 * corpus totals in float64. `formatLine` / `formatSummary` print KenLM's own text, byte for byte.
 */
import type { ArpaModel, LmState, ScoreResult } from './arpa-model.js';
import { UNK_ID } from './arpa-model.js';
import { formatDouble, formatFloat32 } from './float-format.js';

/** The corpus summary KenLM prints after the last line. */
export interface QuerySummary {
  /** 10^(-total / tokens), OOVs included. */
  readonly perplexity: number;
  /** The same without the OOV words' probabilities and counts. */
  readonly perplexityExcludingOovs: number;
  readonly oovs: number;
  /** Words scored, `</s>` included. */
  readonly tokens: number;
  /** Sum of the sentence totals (log10). */
  readonly logProb: number;
}

export interface QueryOptions {
  /** Wrap each line in `<s>` … `</s>` (KenLM's default; `query -n` turns it off). */
  readonly sentenceContext?: boolean;
}

/** One scored line: KenLM's per-word triples, the float32 total and the OOV count. */
export interface ScoredLine {
  readonly words: readonly string[];
  readonly ids: Uint32Array;
  readonly ngramLengths: Uint8Array;
  readonly probs: Float32Array;
  readonly total: number;
  readonly oovs: number;
}

const WHITESPACE = /[ \t\n\v\f\r]+/;

export class Query {
  private readonly sentenceContext: boolean;
  private tokens = 0;
  private oovs = 0;
  private total = 0;
  private totalOovOnly = 0;
  private readonly result: ScoreResult = { prob: 0, ngramLength: 0 };
  private readonly a: LmState;
  private readonly b: LmState;

  constructor(
    readonly model: ArpaModel,
    options: QueryOptions = {},
  ) {
    this.sentenceContext = options.sentenceContext ?? true;
    this.a = model.newState();
    this.b = model.newState();
  }

  /** Splits `line` into words as KenLM does (ASCII whitespace). */
  static words(line: string): string[] {
    const w = line.split(WHITESPACE);
    if (w.length > 0 && w[0] === '') w.shift();
    if (w.length > 0 && w[w.length - 1] === '') w.pop();
    return w;
  }

  // Scratch for the line being scored, grown as needed: the per-line fast paths allocate nothing.
  private ids = new Uint32Array(64);
  private lengths = new Uint8Array(64);
  private probs = new Float32Array(64);
  private words: string[] = [];
  private lineTotal = 0;
  private lineOovs = 0;

  /** Scores `line` into the scratch arrays, adds it to the corpus totals, returns the number of tokens. */
  private score(line: string): number {
    const model = this.model;
    const words = (this.words = Query.words(line));
    const n = words.length + (this.sentenceContext ? 1 : 0);
    if (n > this.ids.length) {
      this.ids = new Uint32Array(n * 2);
      this.lengths = new Uint8Array(n * 2);
      this.probs = new Float32Array(n * 2);
    }
    const { ids, lengths, probs, result } = this;
    let state = this.sentenceContext ? model.beginSentenceState(this.a) : model.nullContextState(this.a);
    let out = this.b;
    let total = 0;
    let oovs = 0;
    for (let i = 0; i < n; i++) {
      const id = i < words.length ? model.index(words[i]) : model.eosId;
      const prob = model.fullScore(state, id, out, result);
      if (id === UNK_ID && i < words.length) {
        oovs++;
        this.totalOovOnly += prob;
      }
      total = Math.fround(total + prob);
      ids[i] = id;
      lengths[i] = result.ngramLength;
      probs[i] = prob;
      const t = state;
      state = out;
      out = t;
    }
    this.tokens += n;
    this.oovs += oovs;
    this.total += total;
    this.lineTotal = total;
    this.lineOovs = oovs;
    return n;
  }

  /** Scores one line and adds it to the corpus totals. */
  scoreLine(line: string): ScoredLine {
    const n = this.score(line);
    const words = this.sentenceContext ? [...this.words, '</s>'] : this.words;
    return { words, ids: this.ids.slice(0, n), ngramLengths: this.lengths.slice(0, n), probs: this.probs.slice(0, n), total: this.lineTotal, oovs: this.lineOovs };
  }

  /** Scores one line, adds it to the totals and returns KenLM's output line for it (the `lm query` loop). */
  queryLine(line: string): string {
    const n = this.score(line);
    const { words, ids, lengths, probs } = this;
    let s = '';
    for (let i = 0; i < n; i++) s += `${i < words.length ? words[i] : '</s>'}=${ids[i]} ${lengths[i]} ${formatFloat32(probs[i])}\t`;
    return `${s}Total: ${formatFloat32(this.lineTotal)} OOV: ${this.lineOovs}\n`;
  }

  /** Scores one line and adds it to the totals only (the `lm ppl` loop). */
  addLine(line: string): void {
    this.score(line);
  }

  /** KenLM's output line for `scored`: `word=id length log10p<TAB>…Total: t OOV: n`. */
  static formatLine(scored: ScoredLine): string {
    let s = '';
    for (let i = 0; i < scored.words.length; i++) {
      s += `${scored.words[i]}=${scored.ids[i]} ${scored.ngramLengths[i]} ${formatFloat32(scored.probs[i])}\t`;
    }
    return `${s}Total: ${formatFloat32(scored.total)} OOV: ${scored.oovs}\n`;
  }

  /** The corpus totals so far. */
  summary(): QuerySummary {
    return {
      perplexity: Math.pow(10, -(this.total / this.tokens)),
      perplexityExcludingOovs: Math.pow(10, -((this.total - this.totalOovOnly) / (this.tokens - this.oovs))),
      oovs: this.oovs,
      tokens: this.tokens,
      logProb: this.total,
    };
  }

  /** KenLM's four summary lines. */
  static formatSummary(s: QuerySummary): string {
    return (
      `Perplexity including OOVs:\t${formatDouble(s.perplexity)}\n` +
      `Perplexity excluding OOVs:\t${formatDouble(s.perplexityExcludingOovs)}\n` +
      `OOVs:\t${s.oovs}\nTokens:\t${s.tokens}\n`
    );
  }
}
