import { InvalidOptionError, SequenceTooLongError } from '../../errors.js';
import { applyRepetitionPenalty, argmax, batchedSearch, logSoftmaxAt, logSoftmaxInPlace, sampleToken, seededRandom, type SearchModel } from '../generation/index.js';
import { ModelFolder, type LoadOptions } from '../model-folder.js';
import { DecoderRunner, selectRows, type DecoderLayout, type PastKeyValues } from './runner.js';
import { reorderRowsInPlace } from '../runtime/index.js';

export interface CausalGenerateOptions {
  /** Tokens to add after the prompt; default 20. Prompt + maxNewTokens must fit in max_position_embeddings. */
  maxNewTokens?: number;
  /** Sample instead of greedy (ignored with numBeams > 1); default false. */
  doSample?: boolean;
  temperature?: number;
  topK?: number;
  topP?: number;
  /** Seed of the sampling RNG; default 0, so runs repeat. */
  seed?: number;
  /** Beam search when > 1 (transformers' semantics); default 1. */
  numBeams?: number;
  lengthPenalty?: number;
  earlyStopping?: boolean;
  /** Hypotheses returned per prompt with beam search; default 1. */
  numReturnSequences?: number;
  /** transformers' repetition_penalty (> 1 discourages repeats, prompt included); default 1. */
  repetitionPenalty?: number;
  /** Extra ids that end a sequence, besides eos_token_id (config / generation_config). */
  stopTokens?: readonly number[];
  /** Greedy/sampling: return each token's log-prob (`Generation.logProbs`; one log-sum-exp over the vocabulary per token); default false. */
  logProbs?: boolean;
  /** Called for every new token of every row (greedy and sampling); `text` is the row's decoded continuation so far. */
  onToken?: (event: { row: number; token: number; text: string }) => void;
}

export interface Generation {
  /** Generated ids, prompt excluded; the EOS/stop token is included when it ended the sequence. */
  tokens: number[];
  text: string;
  /** Greedy/sampling with `logProbs: true`: log-softmax of the raw logits for each generated token. */
  logProbs?: number[];
  /** Beam search: sum of log-probs / generated_length ** lengthPenalty (transformers' sequences_scores). */
  score?: number;
  finishReason: 'stop' | 'length';
}

export interface TextScore {
  ids: number[];
  /** log p(ids[i + 1] | ids[0..i]), natural log, one per token after the first. */
  tokenLogProbs: Float64Array;
  perplexity: number;
}

/**
 * A decoder-only language model (GPT-2 style) from a local Optimum-layout folder.
 * @example
 * const lm = await CausalLm.load('models/gpt2');
 * const [g] = await lm.generate('Once upon a time', { maxNewTokens: 20 });              // greedy
 * await lm.generate(['a', 'b c'], { doSample: true, topP: 0.9, seed: 1 });              // left-padded batch
 * await lm.generate('The sea', { numBeams: 4, numReturnSequences: 2 });                 // beam search
 * for await (const piece of lm.stream('Hello')) process.stdout.write(piece);
 * (await lm.score('The cat sat.')).perplexity;
 */
export class CausalLm {
  private constructor(
    readonly folder: ModelFolder,
    readonly runner: DecoderRunner,
  ) {}

  static async load(dir: string, options: LoadOptions & { layout?: DecoderLayout } = {}): Promise<CausalLm> {
    const folder = ModelFolder.load(dir, options);
    return new CausalLm(folder, await DecoderRunner.open(folder, options, options.layout));
  }

  get device(): string {
    return this.runner.device;
  }

  private get padId(): number {
    const c = this.folder.config;
    return c.padTokenId ?? c.eosTokenIds[0] ?? 0;
  }

  encode(text: string): number[] {
    return this.folder.tokenizer.encode(text).ids;
  }

  /** Logits of every position of each (unpadded) row, one no-cache pass over a left-padded batch: [len, vocab] per row. */
  async logits(rows: readonly (readonly number[])[]): Promise<Float32Array[]> {
    const V = this.folder.config.vocabSize;
    const b = this.batch(rows);
    const out = await this.runner.run(b.ids, b.positions, b.mask, rows.length, null);
    return rows.map((r, i) => out.logits.slice((i * b.width + b.width - r.length) * V, (i + 1) * b.width * V));
  }

  /** Per-token log-probs and perplexity of `text` (its first token is context only). */
  async score(text: string): Promise<TextScore> {
    const ids = this.encode(text);
    this.checkLength(ids.length, 0);
    const V = this.folder.config.vocabSize;
    const [logits] = await this.logits([ids]);
    const lp = new Float64Array(Math.max(ids.length - 1, 0));
    let sum = 0;
    for (let i = 0; i + 1 < ids.length; i++) {
      const row = Float64Array.from(logits.subarray(i * V, (i + 1) * V));
      logSoftmaxInPlace(row);
      sum += lp[i] = row[ids[i + 1]];
    }
    return { ids, tokenLogProbs: lp, perplexity: lp.length ? Math.exp(-sum / lp.length) : NaN };
  }

  /** Generates from one prompt or a batch (texts or token ids). Beam search returns numReturnSequences per prompt, flattened. */
  async generate(prompts: string | readonly (string | readonly number[])[], options: CausalGenerateOptions = {}): Promise<Generation[]> {
    const list = typeof prompts === 'string' ? [prompts] : prompts;
    const rows = list.map((p) => (typeof p === 'string' ? this.encode(p) : [...p]));
    const o = this.checkOptions(options);
    if (rows.length === 0) return [];
    for (const r of rows) this.checkLength(r.length, o.maxNewTokens);
    if (o.numBeams > 1) return this.beamSearch(rows, o);
    return this.decodeLoop(rows, o);
  }

  /** Streams the decoded text of one greedy/sampled continuation, piece by piece (no partial UTF-8 characters). */
  async *stream(prompt: string, options: Omit<CausalGenerateOptions, 'onToken' | 'numBeams'> = {}): AsyncGenerator<string> {
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    let finished = false;
    let failure: unknown = null;
    let sent = '';
    const run = this.generate(prompt, {
      ...options,
      onToken: ({ text }) => {
        if (text.endsWith('\uFFFD') || !text.startsWith(sent)) return;
        queue.push(text.slice(sent.length));
        sent = text;
        wake?.();
      },
    }).then(
      () => void (finished = true),
      (e: unknown) => void ((failure = e), (finished = true)),
    ).finally(() => wake?.());
    while (true) {
      if (queue.length) {
        yield queue.shift()!;
        continue;
      }
      if (finished) break;
      await new Promise<void>((r) => (wake = r));
      wake = null;
    }
    await run;
    if (failure) throw failure;
  }

  private checkLength(promptLength: number, maxNewTokens: number): void {
    const max = this.folder.config.maxPositions;
    if (promptLength === 0) throw new InvalidOptionError('prompt', '', 'at least one token');
    if (promptLength + maxNewTokens > max) throw new SequenceTooLongError(promptLength + maxNewTokens, max, `A prompt of ${promptLength} tokens plus maxNewTokens ${maxNewTokens}`);
  }

  private checkOptions(o: CausalGenerateOptions): Required<Omit<CausalGenerateOptions, 'onToken' | 'topK' | 'topP'>> & Pick<CausalGenerateOptions, 'onToken' | 'topK' | 'topP'> {
    const int = (name: string, v: number, min: number): number => {
      if (!Number.isInteger(v) || v < min) throw new InvalidOptionError(name, v, `an integer >= ${min}`);
      return v;
    };
    const pos = (name: string, v: number): number => {
      if (!(v > 0) || !Number.isFinite(v)) throw new InvalidOptionError(name, v, 'a finite number > 0');
      return v;
    };
    const numBeams = int('numBeams', o.numBeams ?? 1, 1);
    const numReturnSequences = int('numReturnSequences', o.numReturnSequences ?? 1, 1);
    if (numReturnSequences > numBeams) throw new InvalidOptionError('numReturnSequences', numReturnSequences, `<= numBeams (${numBeams})`);
    if (o.topK !== undefined) int('topK', o.topK, 1);
    if (o.topP !== undefined && !(o.topP > 0 && o.topP <= 1)) throw new InvalidOptionError('topP', o.topP, 'a number in (0, 1]');
    return {
      maxNewTokens: int('maxNewTokens', o.maxNewTokens ?? 20, 1),
      doSample: o.doSample ?? false,
      temperature: pos('temperature', o.temperature ?? 1),
      topK: o.topK,
      topP: o.topP,
      seed: int('seed', o.seed ?? 0, 0),
      numBeams,
      lengthPenalty: o.lengthPenalty ?? 1,
      earlyStopping: o.earlyStopping ?? false,
      numReturnSequences,
      repetitionPenalty: pos('repetitionPenalty', o.repetitionPenalty ?? 1),
      stopTokens: o.stopTokens ?? [],
      logProbs: o.logProbs ?? false,
      onToken: o.onToken,
    };
  }

  /** Left-pads rows; positions follow transformers: cumsum(mask) - 1, padding at 1. */
  private batch(rows: readonly (readonly number[])[]): { ids: number[]; positions: number[]; mask: number[]; width: number } {
    const width = Math.max(...rows.map((r) => r.length));
    const ids: number[] = [];
    const positions: number[] = [];
    const mask: number[] = [];
    for (const r of rows) {
      const padLen = width - r.length;
      for (let i = 0; i < width; i++) {
        ids.push(i < padLen ? this.padId : r[i - padLen]);
        mask.push(i < padLen ? 0 : 1);
        positions.push(i < padLen ? 1 : i - padLen);
      }
    }
    return { ids, positions, mask, width };
  }

  private stopSet(extra: readonly number[]): Set<number> {
    return new Set([...this.folder.config.eosTokenIds, ...extra]);
  }

  /** Greedy or sampled decoding of a left-padded batch with the KV cache. */
  private async decodeLoop(rows: number[][], o: ReturnType<CausalLm['checkOptions']>): Promise<Generation[]> {
    const V = this.folder.config.vocabSize;
    const B = rows.length;
    const stop = this.stopSet(o.stopTokens);
    const random = seededRandom(o.seed);
    const b = this.batch(rows);
    let ids = b.ids;
    let positions: number[] = b.positions;
    // The mask only grows by a column of ones per step: kept as int64 data and rebuilt from the pad lengths.
    const padLen = rows.map((r) => b.width - r.length);
    let total = b.width;
    let mask = BigInt64Array.from(b.mask, BigInt);
    const out: Generation[] = rows.map(() => ({ tokens: [], text: '', ...(o.logProbs ? { logProbs: [] } : {}), finishReason: 'length' }));
    const done = new Array<boolean>(B).fill(false);
    let past: PastKeyValues | null = null;
    const row = o.doSample || o.repetitionPenalty !== 1 ? new Float32Array(V) : null;
    // Only large logits are written into a reused buffer (see DecoderRunner.run).
    const logitsBuf = B * V >= 16384 ? new Float32Array(B * V) : undefined;
    for (let step = 0; step < o.maxNewTokens; step++) {
      const res = await this.runner.run(ids, positions, mask, B, past, logitsBuf);
      const seq = ids.length / B;
      const next: number[] = [];
      for (let r = 0; r < B; r++) {
        if (done[r]) {
          next.push(this.padId);
          continue;
        }
        const logits = res.logits.subarray(((r + 1) * seq - 1) * V, (r + 1) * seq * V);
        let tok: number;
        if (row) {
          row.set(logits);
          applyRepetitionPenalty(row, [...rows[r], ...out[r].tokens], o.repetitionPenalty);
          tok = o.doSample ? sampleToken(row, o, random) : argmax(row);
        } else tok = argmax(logits);
        out[r].tokens.push(tok);
        out[r].logProbs?.push(logSoftmaxAt(logits, tok));
        next.push(tok);
        if (stop.has(tok)) {
          done[r] = true;
          out[r].finishReason = 'stop';
        }
        o.onToken?.({ row: r, token: tok, text: this.folder.tokenizer.decode(out[r].tokens, { skipSpecialTokens: true }) });
      }
      if (done.every(Boolean) || step + 1 === o.maxNewTokens) break;
      past = res.present;
      ids = next;
      total++;
      positions = padLen.map((p) => total - 1 - p);
      mask = new BigInt64Array(B * total).fill(1n);
      for (let r = 0; r < B; r++) mask.fill(0n, r * total, r * total + padLen[r]);
    }
    for (const g of out) g.text = this.folder.tokenizer.decode(g.tokens, { skipSpecialTokens: true });
    return out;
  }

  /**
   * transformers' beam search for a batch of prompts in one model run per step (`batchedSearch`): the left-padded
   * prompts run once, one row each, then numBeams rows per prompt share the batch; the KV cache and the masks
   * follow the beams, and prompts that finish leave the batch.
   */
  private async beamSearch(prompts: number[][], o: ReturnType<CausalLm['checkOptions']>): Promise<Generation[]> {
    // Per row: its left padding; with the total length that gives the mask and the next position.
    type State = { past: PastKeyValues; padLen: number[]; total: number };
    const V = this.folder.config.vocabSize;
    const runner = this.runner;
    const lastRows = (logits: Float32Array, rows: number, seq: number): Float32Array => {
      if (seq === 1) return logits;
      const out = new Float32Array(rows * V);
      for (let r = 0; r < rows; r++) out.set(logits.subarray(((r + 1) * seq - 1) * V, (r + 1) * seq * V), r * V);
      return out;
    };
    let logitsBuf = new Float32Array(0);
    const buffer = (rows: number): Float32Array => (logitsBuf.length === rows * V ? logitsBuf : (logitsBuf = new Float32Array(rows * V)));
    const model: SearchModel<State> = {
      first: async () => {
        const b = this.batch(prompts);
        const res = await runner.run(b.ids, b.positions, b.mask, prompts.length, null);
        return { logits: lastRows(res.logits, prompts.length, b.width), state: { past: res.present, padLen: prompts.map((p) => b.width - p.length), total: b.width } };
      },
      next: async (tokens, st) => {
        const total = st.total + 1;
        const rows = tokens.length;
        const mask = new BigInt64Array(rows * total).fill(1n);
        for (let r = 0; r < rows; r++) mask.fill(0n, r * total, r * total + st.padLen[r]);
        const res = await runner.run(tokens, st.padLen.map((p) => total - 1 - p), mask, rows, st.past, buffer(rows));
        return { logits: res.logits, state: { past: res.present, padLen: st.padLen, total } };
      },
      select: (st, rows, regrouped) => ({
        past: regrouped ? selectRows(st.past, rows) : st.past.map((t) => reorderRowsInPlace(t, rows)),
        padLen: rows.map((r) => st.padLen[r]),
        total: st.total,
      }),
    };
    const stop = [...this.stopSet(o.stopTokens)];
    const results = await batchedSearch(model, prompts.length, {
      vocabSize: V,
      numBeams: o.numBeams,
      maxNewTokens: o.maxNewTokens,
      lengthPenalty: o.lengthPenalty,
      earlyStopping: o.earlyStopping,
      numReturnSequences: o.numReturnSequences,
      eosTokenIds: stop,
      process: o.repetitionPenalty === 1 ? undefined : (row, b, generated) => applyRepetitionPenalty(row, [...prompts[b], ...generated], o.repetitionPenalty),
    });
    const tok = this.folder.tokenizer;
    return results.flat().map((r) => ({ tokens: r.tokens, text: tok.decode(r.tokens, { skipSpecialTokens: true }), score: r.score, finishReason: r.finishReason }));
  }

  async release(): Promise<void> {
    await this.runner.release();
  }
}
