import { InvalidOptionError, ModelConfigError, SequenceTooLongError } from '../../errors.js';
import { banBadWords, batchedSearch, forceTokens, seededRandom, type SearchModel } from '../generation/index.js';
import type { Generation } from '../decoder/causal-lm.js';
import { ModelFolder, type LoadOptions } from '../model-folder.js';
import { gatherRows, reorderRowsInPlace } from '../runtime/index.js';
import { Seq2SeqRunner, type EncoderState, type Seq2SeqCache, type Seq2SeqLayout } from './runner.js';

export interface TranslateOptions {
  /** Tokens to generate at most (the decoder start token not counted); default generation_config's max_new_tokens, else max_length - 1, else 20. */
  maxNewTokens?: number;
  /** Beam search when > 1 (transformers' semantics); default generation_config's num_beams, else 1 (greedy). */
  numBeams?: number;
  /** Exponent on the generated length in score = sum(logprobs) / length ** lengthPenalty; default generation_config's, else 1. */
  lengthPenalty?: number;
  /** Default generation_config's early_stopping, else false. */
  earlyStopping?: boolean;
  /** Hypotheses returned per source with beam search; default 1. */
  numReturnSequences?: number;
  /** Token sequences never to generate, added to generation_config's bad_words_ids. */
  badWordsIds?: readonly (readonly number[])[];
  /** Overrides generation_config's forced_bos_token_id (null: none). */
  forcedBosTokenId?: number | null;
  /** Overrides generation_config's forced_eos_token_id (null: none). */
  forcedEosTokenId?: number | null;
  /** Greedy: return each token's log-prob (`logProbs`); default false. */
  logProbs?: boolean;
  /**
   * Sample each token instead of taking the argmax; default generation_config's do_sample, else false. Sampling is
   * numBeams 1 (generation_config's num_beams is then not used; an explicit numBeams > 1 is an error: no beam
   * sampling). Bad words and forced BOS/EOS apply first, then temperature, top-k, top-p (transformers' order).
   */
  doSample?: boolean;
  /** Default generation_config's temperature, else 1. */
  temperature?: number;
  /** Keep the k most likely ids; default generation_config's top_k, else none (transformers' implicit 50 is not applied, as in CausalLm). */
  topK?: number;
  /** Keep the smallest set of ids whose probability reaches topP; default generation_config's top_p, else 1 (none). */
  topP?: number;
  /** Seed of the sampling RNG (one for the whole batch, drawn in row order); default 0, so runs repeat. */
  seed?: number;
}

/** The generation settings of a folder: generation_config.json first, then config.json, as transformers reads them. */
export interface Seq2SeqGenerationConfig {
  decoderStartTokenId: number;
  eosTokenIds: readonly number[];
  padTokenId: number;
  forcedBosTokenId: number | null;
  forcedEosTokenIds: readonly number[];
  badWordsIds: readonly (readonly number[])[];
  numBeams: number;
  lengthPenalty: number;
  earlyStopping: boolean;
  maxNewTokens: number;
  doSample: boolean;
  temperature: number;
  topK: number | null;
  topP: number | null;
}

type Resolved = Omit<Seq2SeqGenerationConfig, 'decoderStartTokenId' | 'eosTokenIds' | 'padTokenId'> & { numReturnSequences: number; logProbs: boolean; seed: number };

/**
 * An encoder–decoder (Marian, BART, T5 … in Optimum's ONNX layout) from a local folder.
 * @example
 * const mt = await Seq2SeqLm.load('models/opus-mt-en-de');
 * const [t] = await mt.translate(['The cat sat on the mat.']);                     // generation_config's num_beams
 * await mt.translate(['a', 'b'], { numBeams: 4, numReturnSequences: 2, maxNewTokens: 64 });
 */
export class Seq2SeqLm {
  private constructor(
    readonly folder: ModelFolder,
    readonly runner: Seq2SeqRunner,
    readonly generation: Seq2SeqGenerationConfig,
  ) {}

  static async load(dir: string, options: LoadOptions & { layout?: Seq2SeqLayout } = {}): Promise<Seq2SeqLm> {
    const folder = ModelFolder.load(dir, options);
    // Graphs first: a folder of another model kind is reported by the file it lacks.
    const runner = await Seq2SeqRunner.open(folder, options, options.layout);
    try {
      return new Seq2SeqLm(folder, runner, readGenerationConfig(folder));
    } catch (e) {
      await runner.release();
      throw e;
    }
  }

  get device(): string {
    return this.runner.device;
  }

  encode(text: string): number[] {
    return this.folder.tokenizer.encode(text).ids;
  }

  /**
   * Translates (generates from) a batch of sources, all in one encoder run and one decoder run per step; beams of
   * all sources share the batch (rows of finished sources are dropped). Returns numReturnSequences per source, flattened.
   */
  async translate(texts: string | readonly (string | readonly number[])[], options: TranslateOptions = {}): Promise<Generation[]> {
    const list = typeof texts === 'string' ? [texts] : texts;
    const o = this.resolve(options);
    const sources = list.map((t) => (typeof t === 'string' ? this.encode(t) : [...t]));
    const max = this.folder.config.maxPositions;
    for (const s of sources) {
      if (s.length === 0) throw new InvalidOptionError('source', '', 'at least one token');
      if (s.length > max) throw new SequenceTooLongError(s.length, max, `A source of ${s.length} tokens`);
    }
    if (o.maxNewTokens + 1 > max) throw new SequenceTooLongError(o.maxNewTokens + 1, max, `maxNewTokens ${o.maxNewTokens} plus the decoder start token`);
    if (sources.length === 0) return [];
    return this.search(sources, o);
  }

  private resolve(opt: TranslateOptions): Resolved {
    const g = this.generation;
    const int = (name: string, v: number, min: number): number => {
      if (!Number.isInteger(v) || v < min) throw new InvalidOptionError(name, v, `an integer >= ${min}`);
      return v;
    };
    const V = this.folder.config.vocabSize;
    const id = (name: string, v: number): number => {
      if (!Number.isInteger(v) || v < 0 || v >= V) throw new InvalidOptionError(name, v, `a token id in 0..${V - 1}`);
      return v;
    };
    const doSample = opt.doSample ?? g.doSample;
    const numBeams = int('numBeams', opt.numBeams ?? (doSample ? 1 : g.numBeams), 1);
    if (doSample && numBeams > 1) throw new InvalidOptionError('numBeams', numBeams, '1 with doSample (beam sampling is not supported)');
    const temperature = opt.temperature ?? g.temperature;
    if (!(temperature > 0 && Number.isFinite(temperature))) throw new InvalidOptionError('temperature', temperature, 'a finite number > 0');
    const topK = opt.topK ?? g.topK;
    if (topK !== null) int('topK', topK, 1);
    const topP = opt.topP ?? g.topP;
    if (topP !== null && !(topP > 0 && topP <= 1)) throw new InvalidOptionError('topP', topP, 'a number in (0, 1]');
    const numReturnSequences = int('numReturnSequences', opt.numReturnSequences ?? 1, 1);
    if (numReturnSequences > numBeams) throw new InvalidOptionError('numReturnSequences', numReturnSequences, `<= numBeams (${numBeams})`);
    const bad = opt.badWordsIds ?? [];
    bad.forEach((b, i) => {
      if (b.length === 0) throw new InvalidOptionError(`badWordsIds[${i}]`, b, 'a non-empty list of token ids');
      b.forEach((t) => id(`badWordsIds[${i}]`, t));
    });
    const lengthPenalty = opt.lengthPenalty ?? g.lengthPenalty;
    if (!Number.isFinite(lengthPenalty)) throw new InvalidOptionError('lengthPenalty', lengthPenalty, 'a finite number');
    return {
      maxNewTokens: int('maxNewTokens', opt.maxNewTokens ?? g.maxNewTokens, 1),
      numBeams,
      numReturnSequences,
      lengthPenalty,
      earlyStopping: opt.earlyStopping ?? g.earlyStopping,
      logProbs: opt.logProbs ?? false,
      doSample,
      temperature,
      topK,
      topP,
      seed: int('seed', opt.seed ?? 0, 0),
      badWordsIds: [...g.badWordsIds, ...bad],
      forcedBosTokenId: opt.forcedBosTokenId === undefined ? g.forcedBosTokenId : opt.forcedBosTokenId === null ? null : id('forcedBosTokenId', opt.forcedBosTokenId),
      forcedEosTokenIds: opt.forcedEosTokenId === undefined ? g.forcedEosTokenIds : opt.forcedEosTokenId === null ? [] : [id('forcedEosTokenId', opt.forcedEosTokenId)],
    };
  }

  /**
   * Greedy or beam search over the batch (`batchedSearch`). The first decoder step runs on one row per source (all
   * beams of a source start identical); its caches are then expanded per beam. Afterwards only the self-attention
   * cache follows the beams; the cross-attention cache and encoder state are gathered again only when rows are
   * regrouped (expansion, a finished source dropped).
   */
  private async search(sources: number[][], o: Resolved): Promise<Generation[]> {
    const g = this.generation;
    const B = sources.length;
    const width = Math.max(...sources.map((s) => s.length));
    const ids = new Array<number>(B * width).fill(g.padTokenId);
    const mask = new Array<number>(B * width).fill(0);
    sources.forEach((s, b) => s.forEach((t, i) => ((ids[b * width + i] = t), (mask[b * width + i] = 1))));
    const runner = this.runner;
    type State = { enc: EncoderState; cache: Seq2SeqCache };
    // One logits buffer per call, reused by every step with the same number of rows (ORT writes into it).
    const V = this.folder.config.vocabSize;
    let logitsBuf = new Float32Array(0);
    const buffer = (rows: number): Float32Array => (logitsBuf.length === rows * V ? logitsBuf : (logitsBuf = new Float32Array(rows * V)));
    const model: SearchModel<State> = {
      first: async () => {
        const enc = await runner.encode(ids, mask, B);
        const r = await runner.step(new Array<number>(B).fill(g.decoderStartTokenId), enc, null);
        return { logits: r.logits, state: { enc, cache: r.cache } };
      },
      next: async (tokens, st) => {
        const r = await runner.step(tokens, st.enc, st.cache, buffer(tokens.length));
        return { logits: r.logits, state: { enc: st.enc, cache: r.cache } };
      },
      select: (st, rows, regrouped) => ({
        enc: regrouped ? Seq2SeqRunner.gather(st.enc, rows) : st.enc,
        cache: { self: st.cache.self.map((t) => (regrouped ? gatherRows(t, rows) : reorderRowsInPlace(t, rows))), cross: regrouped ? st.cache.cross.map((t) => gatherRows(t, rows)) : st.cache.cross },
      }),
    };
    const results = await batchedSearch(model, B, {
      vocabSize: this.folder.config.vocabSize,
      numBeams: o.numBeams,
      maxNewTokens: o.maxNewTokens,
      lengthPenalty: o.lengthPenalty,
      earlyStopping: o.earlyStopping,
      numReturnSequences: o.numReturnSequences,
      eosTokenIds: g.eosTokenIds,
      logProbs: o.logProbs,
      sample: o.doSample ? { temperature: o.temperature, topK: o.topK ?? undefined, topP: o.topP ?? undefined, random: seededRandom(o.seed) } : undefined,
      process: o.badWordsIds.length || o.forcedBosTokenId !== null || o.forcedEosTokenIds.length ? (row, _b, generated, step) => this.process(row, generated, step, o) : undefined,
    });
    const tok = this.folder.tokenizer;
    return results.flat().map((r) => ({ ...r, text: tok.decode(r.tokens, { skipSpecialTokens: true }) }));
  }

  /** Bad words (matched against the decoder start + `generated`), forced BOS (first step) and forced EOS (last step), in place. */
  private process(row: Float32Array | Float64Array, generated: readonly number[], step: number, o: Resolved): void {
    if (o.badWordsIds.length) banBadWords(row, [this.generation.decoderStartTokenId, ...generated], o.badWordsIds);
    if (step === 0 && o.forcedBosTokenId !== null) forceTokens(row, [o.forcedBosTokenId]);
    if (step + 1 === o.maxNewTokens && o.forcedEosTokenIds.length) forceTokens(row, o.forcedEosTokenIds);
  }

  async release(): Promise<void> {
    await this.runner.release();
  }
}

/** generation_config.json, then config.json (transformers' precedence), for the fields translate uses. */
export function readGenerationConfig(folder: ModelFolder): Seq2SeqGenerationConfig {
  const gen = folder.generationConfig as Record<string, unknown>;
  const cfg = folder.config.raw as Record<string, unknown>;
  const pick = (name: string): unknown => (gen[name] !== undefined && gen[name] !== null ? gen[name] : cfg[name]);
  const file = (name: string): string => (gen[name] !== undefined && gen[name] !== null ? 'generation_config.json' : 'config.json');
  const optInt = (name: string): number | null => {
    const v = pick(name);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ModelConfigError(file(name), name, `expected a non-negative integer, found ${JSON.stringify(v)}`);
    return v;
  };
  const ids = (name: string): number[] => {
    const v = pick(name);
    if (v === undefined || v === null) return [];
    const list = Array.isArray(v) ? v : [v];
    if (list.some((x) => typeof x !== 'number' || !Number.isInteger(x) || x < 0)) throw new ModelConfigError(file(name), name, `expected token ids, found ${JSON.stringify(v)}`);
    return list as number[];
  };
  const c = folder.config;
  const start = optInt('decoder_start_token_id') ?? c.bosTokenId;
  if (start === null) throw new ModelConfigError(folder.dir, 'decoder_start_token_id', 'missing (neither generation_config.json nor config.json has it, nor bos_token_id)');
  if (c.eosTokenIds.length === 0) throw new ModelConfigError(folder.dir, 'eos_token_id', 'missing');
  const badRaw = pick('bad_words_ids');
  if (badRaw !== undefined && badRaw !== null && !(Array.isArray(badRaw) && badRaw.every((b) => Array.isArray(b) && b.length > 0 && b.every((x) => Number.isInteger(x) && x >= 0))))
    throw new ModelConfigError(file('bad_words_ids'), 'bad_words_ids', `expected a list of non-empty token id lists, found ${JSON.stringify(badRaw)}`);
  const maxLength = optInt('max_length');
  const lp = pick('length_penalty');
  const num = (name: string, ok: (v: number) => boolean, what: string): number | null => {
    const v = pick(name);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !ok(v)) throw new ModelConfigError(file(name), name, `expected ${what}, found ${JSON.stringify(v)}`);
    return v;
  };
  const topK = optInt('top_k');
  return {
    decoderStartTokenId: start,
    eosTokenIds: c.eosTokenIds,
    padTokenId: c.padTokenId ?? c.eosTokenIds[0],
    forcedBosTokenId: optInt('forced_bos_token_id'),
    forcedEosTokenIds: ids('forced_eos_token_id'),
    badWordsIds: (badRaw as number[][] | undefined) ?? [],
    numBeams: optInt('num_beams') ?? 1,
    lengthPenalty: typeof lp === 'number' ? lp : 1,
    earlyStopping: pick('early_stopping') === true,
    maxNewTokens: optInt('max_new_tokens') ?? (maxLength !== null && maxLength > 1 ? maxLength - 1 : 20),
    doSample: pick('do_sample') === true,
    temperature: num('temperature', (v) => v > 0 && Number.isFinite(v), 'a number > 0') ?? 1,
    topK: topK === null || topK === 0 ? null : topK,
    topP: num('top_p', (v) => v > 0 && v <= 1, 'a number in (0, 1]'),
  };
}
