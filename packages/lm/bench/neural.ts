/**
 * Sub-bench (issue 8 §6): the neural models on CPU — ours (`MaskedLm`, `CausalLm`) vs raw onnxruntime-node (a
 * minimal loop calling `session.run` directly: the overhead baseline) vs @huggingface/transformers 4.3 on the same
 * ONNX folders. Models: the test fixtures (tiny-bert, tiny-gpt2) and, when present, the randomly initialised
 * BERT-base / GPT-2-small of scripts/gen-bench-models.py in $NLPKIT_BENCH_MODELS (default ~/.cache/nlpkit/bench-models).
 *
 * Tasks, each run the same way by all three:
 *  - embed: mean-pooled, normalised sentence vectors of 16 sentences, batch 1 (16 passes) and batch 16 (one padded pass);
 *    sentences/s. Raw = tokenize with the same tokenizer, one session.run, pool; transformers.js = AutoTokenizer +
 *    AutoModel (last_hidden_state), pooled the same way.
 *  - greedy: one prompt, per-step latency (ms/token, prefill included) and tokens/s, KV cache (decoder_model_merged).
 *    Raw runs exactly as many steps as ours did; the ids are compared.
 *  - beam: num_beams 4; ours (beams batched as rows of one pass, cache reordered) vs raw batched (the same in a
 *    bare loop) vs raw one-by-one (each beam its own batch-1 pass and cache: the naive way) vs transformers.js.
 *  - translate (encoder–decoders: tiny-marian/bart/t5 fixtures, marian-base): greedy on one source (ms/token, raw =
 *    encoder + merged decoder in a bare loop with the same bad-words / forced-EOS rules), beam 4 on one source, and
 *    4 sources × 4 beams in one batch (ours) against the same 4 translated one after another (ours).
 * Every session uses intraOpNumThreads = --threads (default 1: the bench box is shared) and graph optimisation "all".
 * Times are the median CPU time (user + system, this process) of --reps rounds (10× that for the tiny fixtures)
 * after one warm-up, the implementations taking turns in each round, so rates are per CPU second; wall and CPU seconds of the whole run and the load average
 * are printed beside them.
 *
 *   pnpm --filter @nlpkit/lm bench neural [--reps 5] [--threads 1] [--steps 32] [--no-big] [--no-tjs]
 */
import { existsSync, readdirSync } from 'node:fs';
import { cpus, homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { CausalLm, MaskedLm, ModelFolder, Seq2SeqLm, selectRows, type PastKeyValues } from '@nlpkit/lm';

const SENTENCES = [
  'the cat sat on the mat .',
  'A dog played in the garden!',
  'she read a book',
  'the quick brown fox jumps over the lazy dog and runs away into the forest',
  'a man walks',
  'numbers like 12 and 345 are tokens too',
  'the sun is bright and the sky is blue .',
  'hello world',
  'we went to the market to buy some bread , cheese and apples for the trip',
  'it rained all day',
  'the children played in the park until the evening',
  'a small red car stopped at the light',
  'music filled the room',
  'he wrote a long letter to his old friend about the years they had spent together',
  'the train was late again',
  'birds sing in the morning',
];
const PROMPT = ' once upon a time there was a';

interface Row {
  model: string;
  task: string;
  unit: string;
  ours: number;
  raw?: number;
  rawOneByOne?: number;
  tjs?: number;
  /** transformers.js 4.3 ignored num_beams and decoded greedily: its factor is shown in brackets. */
  tjsGreedy?: boolean;
  note?: string;
}

function flag(argv: string[], name: string, dflt: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
}

/**
 * Median CPU ms (user + system of this process) of each function over `reps` rounds, after one warm-up of each;
 * the functions take turns within a round, so JIT warm-up, GC and the box's load fall on all of them alike.
 * CPU time, not wall time: the bench box is shared and loaded, and with one intra-op thread the process's CPU
 * time is the work done. `undefined` entries stay undefined.
 */
async function medians(reps: number, fns: (undefined | (() => Promise<unknown>))[]): Promise<(number | undefined)[]> {
  for (const fn of fns) await fn?.();
  const t: number[][] = fns.map(() => []);
  for (let i = 0; i < reps; i++) {
    for (const [j, fn] of fns.entries()) {
      if (!fn) continue;
      const c0 = process.cpuUsage();
      await fn();
      const c = process.cpuUsage(c0);
      t[j].push((c.user + c.system) / 1000);
    }
  }
  return t.map((x, j) => (fns[j] ? x.sort((a, b) => a - b)[Math.floor(x.length / 2)] : undefined));
}

function argmaxRow(a: Float32Array, off: number, n: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (a[off + i] > a[off + best]) best = i;
  return best;
}

function logSoftmaxRow(a: Float32Array, off: number, n: number): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, a[off + i]);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(a[off + i] - max);
  const lse = max + Math.log(s);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a[off + i] - lse;
  return out;
}

const i64 = (v: ArrayLike<number>, dims: number[]): ort.Tensor => new ort.Tensor('int64', BigInt64Array.from(Array.from(v, (x) => BigInt(x))), dims);

// ------------------------------------------------------------------ raw onnxruntime-node baselines

/** Mean-pooled normalised vectors, one session.run per batch: what MaskedLm.embed does, minus everything else. */
async function rawEmbed(s: ort.InferenceSession, folder: ModelFolder, texts: readonly string[], batchSize: number): Promise<Float32Array[]> {
  const H = folder.config.hiddenSize;
  const res: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const encs = texts.slice(start, start + batchSize).map((t) => folder.tokenizer.encode(t).ids);
    const B = encs.length;
    const T = Math.max(...encs.map((e) => e.length));
    const ids = new Array<number>(B * T).fill(0);
    const mask = new Array<number>(B * T).fill(0);
    encs.forEach((e, b) => e.forEach((id, t) => ((ids[b * T + t] = id), (mask[b * T + t] = 1))));
    const feeds: Record<string, ort.Tensor> = { input_ids: i64(ids, [B, T]), attention_mask: i64(mask, [B, T]) };
    if (s.inputNames.includes('token_type_ids')) feeds.token_type_ids = i64(new Array<number>(B * T).fill(0), [B, T]);
    const h = (await s.run(feeds)).last_hidden_state.data as Float32Array;
    for (let b = 0; b < B; b++) res.push(pool(h, mask, b, T, H));
  }
  return res;
}

function pool(h: Float32Array, mask: ArrayLike<number | bigint>, b: number, T: number, H: number): Float32Array {
  const v = new Float64Array(H);
  let n = 0;
  for (let t = 0; t < T; t++) {
    if (!Number(mask[b * T + t])) continue;
    n++;
    for (let k = 0; k < H; k++) v[k] += h[(b * T + t) * H + k];
  }
  let norm = 0;
  for (let k = 0; k < H; k++) norm += (v[k] / n) ** 2;
  const scale = 1 / n / Math.max(Math.sqrt(norm), 1e-12);
  return Float32Array.from(v, (x) => x * scale);
}

/** A decoder step on the merged graph: rows [B, seq] of ids, positions, a [B, total] mask of ones, and the past. */
async function rawStep(s: ort.InferenceSession, folder: ModelFolder, ids: number[], positions: number[], B: number, total: number, past: PastKeyValues | null): Promise<{ logits: Float32Array; present: PastKeyValues }> {
  const { numLayers, numKvHeads, headDim, vocabSize } = folder.config;
  const seq = ids.length / B;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: i64(ids, [B, seq]),
    attention_mask: i64(new Array<number>(B * total).fill(1), [B, total]),
    use_cache_branch: new ort.Tensor('bool', [past !== null], [1]),
  };
  if (s.inputNames.includes('position_ids')) feeds.position_ids = i64(positions, [B, seq]);
  for (let l = 0; l < numLayers; l++) {
    for (const [j, kv] of ['key', 'value'].entries()) {
      feeds[`past_key_values.${l}.${kv}`] = past ? past[2 * l + j] : new ort.Tensor('float32', new Float32Array(0), [B, numKvHeads, 0, headDim]);
    }
  }
  const out = await s.run(feeds);
  const present: ort.Tensor[] = [];
  for (let l = 0; l < numLayers; l++) present.push(out[`present.${l}.key`], out[`present.${l}.value`]);
  const logits = out.logits.data as Float32Array;
  // Only the last position of each row matters from here on.
  const last = new Float32Array(B * vocabSize);
  for (let b = 0; b < B; b++) last.set(logits.subarray(((b + 1) * seq - 1) * vocabSize, (b + 1) * seq * vocabSize), b * vocabSize);
  return { logits: last, present };
}

async function rawGreedy(s: ort.InferenceSession, folder: ModelFolder, prompt: number[], steps: number): Promise<number[]> {
  const V = folder.config.vocabSize;
  const out: number[] = [];
  let ids = prompt;
  let positions = prompt.map((_, i) => i);
  let past: PastKeyValues | null = null;
  let len = prompt.length;
  for (let step = 0; step < steps; step++) {
    const r = await rawStep(s, folder, ids, positions, 1, len, past);
    const tok = argmaxRow(r.logits, 0, V);
    out.push(tok);
    past = r.present;
    ids = [tok];
    positions = [len];
    len++;
  }
  return out;
}

/**
 * Beam search without length penalty or EOS handling (enough for timing: the same number of passes and the same
 * top-2K selection as ours). `batched`: K rows per pass and the cache gathered by source beam; otherwise each
 * beam is its own batch-1 pass and keeps a reference to its source beam's cache.
 */
async function rawBeam(s: ort.InferenceSession, folder: ModelFolder, prompt: number[], K: number, steps: number, batched: boolean): Promise<number[]> {
  const V = folder.config.vocabSize;
  let beams = Array.from({ length: K }, (_, k) => ({ tokens: [] as number[], score: k === 0 ? 0 : -1e9 }));
  let pasts: (PastKeyValues | null)[] = new Array<PastKeyValues | null>(K).fill(null);
  let batchPast: PastKeyValues | null = null;
  let len = prompt.length;
  for (let step = 0; step < steps; step++) {
    const ids = step === 0 ? prompt : [];
    const logp: Float64Array[] = [];
    const presents: PastKeyValues[] = [];
    if (batched) {
      const rows = step === 0 ? Array.from({ length: K }, () => prompt).flat() : beams.map((b) => b.tokens[b.tokens.length - 1]);
      const pos = step === 0 ? Array.from({ length: K }, () => prompt.map((_, i) => i)).flat() : new Array<number>(K).fill(len - 1);
      const r = await rawStep(s, folder, rows, pos, K, len, batchPast);
      for (let k = 0; k < K; k++) logp.push(logSoftmaxRow(r.logits, k * V, V));
      batchPast = r.present;
    } else {
      for (let k = 0; k < K; k++) {
        const b = beams[k];
        const r = await rawStep(s, folder, step === 0 ? ids : [b.tokens[b.tokens.length - 1]], step === 0 ? prompt.map((_, i) => i) : [len - 1], 1, len, pasts[k]);
        logp.push(logSoftmaxRow(r.logits, 0, V));
        presents.push(r.present);
      }
    }
    // Top 2K (beam, token) candidates by total score, keep the best K.
    const cand: { k: number; tok: number; score: number }[] = [];
    for (let k = 0; k < K; k++) {
      const base = beams[k].score;
      const lp = logp[k];
      for (let v = 0; v < V; v++) {
        const sc = base + lp[v];
        if (cand.length < 2 * K) {
          cand.push({ k, tok: v, score: sc });
          cand.sort((a, b) => b.score - a.score);
        } else if (sc > cand[cand.length - 1].score) {
          cand[cand.length - 1] = { k, tok: v, score: sc };
          cand.sort((a, b) => b.score - a.score);
        }
      }
    }
    const next = cand.slice(0, K);
    beams = next.map((c) => ({ tokens: [...beams[c.k].tokens, c.tok], score: c.score }));
    if (batched) batchPast = selectRows(batchPast!, next.map((c) => c.k));
    else pasts = next.map((c) => presents[c.k]);
    len++;
  }
  return beams[0].tokens;
}

// ------------------------------------------------------------------ the bench

interface Tjs {
  env: { allowRemoteModels: boolean; localModelPath: string };
  AutoTokenizer: { from_pretrained(id: string): Promise<TjsTokenizer> };
  AutoModel: { from_pretrained(id: string, o: object): Promise<TjsModel> };
  AutoModelForCausalLM: { from_pretrained(id: string, o: object): Promise<TjsModel> };
  AutoModelForSeq2SeqLM: { from_pretrained(id: string, o: object): Promise<TjsModel> };
}
type TjsTensor = { data: Float32Array | BigInt64Array; dims: number[]; tolist(): bigint[][] };
type TjsTokenizer = (texts: string | string[], o?: object) => Record<string, TjsTensor>;
interface TjsModel {
  (inputs: object): Promise<Record<string, TjsTensor>>;
  generate(o: object): Promise<TjsTensor>;
  dispose(): Promise<unknown>;
}

async function loadTjs(root: string, name: string, kind: Kind, threads: number, external: boolean): Promise<{ tok: TjsTokenizer; model: TjsModel } | string> {
  try {
    const t = (await import('@huggingface/transformers')) as unknown as Tjs;
    t.env.allowRemoteModels = false;
    t.env.localModelPath = `${root}/`;
    const o = { dtype: 'fp32', session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 }, ...(external ? { use_external_data_format: true } : {}) };
    const tok = await t.AutoTokenizer.from_pretrained(name);
    const model =
      kind === 'bert'
        ? await t.AutoModel.from_pretrained(name, o)
        : kind === 'seq2seq'
          ? await t.AutoModelForSeq2SeqLM.from_pretrained(name, o)
          : await t.AutoModelForCausalLM.from_pretrained(name, { ...o, model_file_name: 'decoder_model_merged' });
    return { tok, model };
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).split('\n')[0];
  }
}

async function benchBert(root: string, name: string, label: string, o: Opts, rows: Row[]): Promise<void> {
  const dir = join(root, name);
  const so = { intraOpNumThreads: o.threads, interOpNumThreads: 1 };
  const ours = await MaskedLm.load(dir, so);
  const folder = ours.folder;
  const raw = await ort.InferenceSession.create(folder.graph('model'), { ...so, graphOptimizationLevel: 'all', executionProviders: ['cpu'] });
  const tjs = o.tjs ? await loadTjs(root, name, 'bert', o.threads, existsSync(join(dir, 'onnx/model.onnx_data'))) : 'skipped';
  const tjsEmbed = async (texts: string[], bs: number): Promise<Float32Array[]> => {
    if (typeof tjs === 'string') return [];
    const res: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += bs) {
      const inp = tjs.tok(texts.slice(i, i + bs), { padding: true, truncation: true });
      const out = await tjs.model(inp);
      const h = out.last_hidden_state;
      const [B, T, H] = h.dims;
      for (let b = 0; b < B; b++) res.push(pool(h.data as Float32Array, inp.attention_mask.data, b, T, H));
    }
    return res;
  };
  // Agreement first: the three give the same vectors.
  const a = await ours.embed(SENTENCES, { batchSize: 16 });
  const b = await rawEmbed(raw, folder, SENTENCES, 16);
  const c = await tjsEmbed(SENTENCES, 16);
  const diff = (x: Float32Array[], y: Float32Array[]): number => (y.length === 0 ? NaN : Math.max(...x.map((v, i) => Math.max(...v.map((z, k) => Math.abs(z - y[i][k]))))));
  const note = `max|Δ| raw ${diff(a, b).toExponential(1)}, tjs ${typeof tjs === 'string' ? `n/a (${tjs})` : diff(a, c).toExponential(1)}`;
  for (const bs of [1, 16]) {
    const n = SENTENCES.length;
    const [tOurs, tRaw, tTjs] = await medians(o.reps, [() => ours.embed(SENTENCES, { batchSize: bs }), () => rawEmbed(raw, folder, SENTENCES, bs), typeof tjs === 'string' ? undefined : () => tjsEmbed(SENTENCES, bs)]);
    rows.push({ model: label, task: `embed batch ${bs}`, unit: 'sent/s', ours: (n * 1000) / tOurs!, raw: (n * 1000) / tRaw!, tjs: tTjs && (n * 1000) / tTjs, note: bs === 16 ? note : undefined });
  }
  await ours.release();
  await raw.release();
  if (typeof tjs !== 'string') await tjs.model.dispose();
}

async function benchGpt2(root: string, name: string, label: string, o: Opts, rows: Row[]): Promise<void> {
  const dir = join(root, name);
  const so = { intraOpNumThreads: o.threads, interOpNumThreads: 1 };
  const ours = await CausalLm.load(dir, { ...so, layout: 'merged' });
  const folder = ours.folder;
  const raw = await ort.InferenceSession.create(folder.graph('decoder_model_merged'), { ...so, graphOptimizationLevel: 'all', executionProviders: ['cpu'] });
  const tjs = o.tjs ? await loadTjs(root, name, 'gpt2', o.threads, existsSync(join(dir, 'onnx/decoder_model_merged.onnx_data'))) : 'skipped';
  const prompt = ours.encode(PROMPT);
  const steps = Math.min(o.steps, folder.config.maxPositions - prompt.length);
  // Count our decoder passes so the raw loops do exactly as many.
  const runner = ours.runner as unknown as { run: (...a: unknown[]) => Promise<unknown> };
  const orig = runner.run.bind(runner);
  let passes = 0;
  runner.run = (...a) => (passes++, orig(...a));
  const [g] = await ours.generate([prompt], { maxNewTokens: steps });
  const greedyPasses = passes;
  passes = 0;
  const [bm] = await ours.generate([prompt], { maxNewTokens: steps, numBeams: 4 });
  const beamPasses = passes;
  runner.run = orig;
  const rg = await rawGreedy(raw, folder, prompt, greedyPasses);
  const rb = await rawBeam(raw, folder, prompt, 4, beamPasses, true);
  const rb1 = await rawBeam(raw, folder, prompt, 4, beamPasses, false);
  let tjsGreedy: number[] | string = typeof tjs === 'string' ? tjs : [];
  let tjsBeam: number[] | string = tjsGreedy;
  const tjsGen = async (beams: number): Promise<number[]> => {
    if (typeof tjs === 'string') return [];
    const inp = tjs.tok(PROMPT);
    const out = await tjs.model.generate({ ...inp, max_new_tokens: steps, do_sample: false, num_beams: beams });
    return out.tolist()[0].slice(prompt.length).map(Number);
  };
  if (typeof tjs !== 'string') {
    tjsGreedy = await tjsGen(1);
    tjsBeam = await tjsGen(4);
  }
  const same = (x: number[], y: number[] | string): string => (typeof y === 'string' ? 'n/a' : x.join() === y.join() ? 'same' : y.join() === g.tokens.join() ? 'greedy ids' : 'differ');
  const [tOurs, tRaw, tTjs] = (await medians(o.reps, [() => ours.generate([prompt], { maxNewTokens: steps }), () => rawGreedy(raw, folder, prompt, greedyPasses), typeof tjs === 'string' ? undefined : () => tjsGen(1)])) as [number, number, number | undefined];
  const n = g.tokens.length;
  const nTjs = typeof tjsGreedy === 'string' ? 0 : tjsGreedy.length;
  rows.push({ model: label, task: `greedy ${n} tok`, unit: 'ms/token', ours: tOurs / n, raw: tRaw / n, tjs: tTjs && tTjs / nTjs, note: `ids raw ${same(g.tokens, rg)}, tjs ${same(g.tokens, tjsGreedy)}` });
  rows.push({ model: label, task: `greedy ${n} tok`, unit: 'tok/s', ours: (n * 1000) / tOurs, raw: (n * 1000) / tRaw, tjs: tTjs && (nTjs * 1000) / tTjs });
  const [tbOurs, tbRaw, tbRaw1, tbTjs] = (await medians(o.reps, [
    () => ours.generate([prompt], { maxNewTokens: steps, numBeams: 4 }),
    () => rawBeam(raw, folder, prompt, 4, beamPasses, true),
    () => rawBeam(raw, folder, prompt, 4, beamPasses, false),
    typeof tjs === 'string' ? undefined : () => tjsGen(4),
  ])) as [number, number, number, number | undefined];
  const nb = bm.tokens.length;
  rows.push({
    model: label,
    task: `beam 4, ${beamPasses} steps`,
    unit: 'ms/step',
    ours: tbOurs / beamPasses,
    raw: tbRaw / beamPasses,
    rawOneByOne: tbRaw1 / beamPasses,
    tjs: tbTjs && tbTjs / Math.max(1, typeof tjsBeam === 'string' ? 1 : tjsBeam.length),
    tjsGreedy: typeof tjsBeam !== 'string' && tjsBeam.join() === g.tokens.join(),
    note: `top beam ${nb} tok; raw batched ${same(bm.tokens, rb)}, one-by-one ${same(bm.tokens, rb1)}, tjs ${same(bm.tokens, tjsBeam)}`,
  });
  await ours.release();
  await raw.release();
  if (typeof tjs !== 'string') await tjs.model.dispose();
}

const SOURCES = ['the cat sat on the mat .', 'she read a book about the sea .', 'the children played with the ball .', 'we walked to the river and back .'];

/**
 * Greedy translation of one source in a bare loop: encoder_model once, then decoder_model_merged step by step (cache
 * fed back, the cross-attention part kept from the first step), argmax after generation_config's single-token bad
 * words and forced EOS at the last step — the same rules ours applies, so the ids can be compared.
 */
async function rawTranslate(enc: ort.InferenceSession, dec: ort.InferenceSession, mt: Seq2SeqLm, src: number[], steps: number): Promise<number[]> {
  const g = mt.generation;
  const V = mt.folder.config.vocabSize;
  const heads = Number(mt.folder.config.raw.decoder_attention_heads ?? mt.folder.config.raw.num_heads);
  const dk = Number(mt.folder.config.raw.d_kv ?? mt.folder.config.hiddenSize / heads);
  const layers = mt.runner.numLayers;
  const mask = i64(src.map(() => 1), [1, src.length]);
  const hidden = (await enc.run({ input_ids: i64(src, [1, src.length]), attention_mask: mask })).last_hidden_state;
  const empty = new ort.Tensor('float32', new Float32Array(0), [1, heads, 0, dk]);
  let past: Record<string, ort.Tensor> | null = null;
  let tok = g.decoderStartTokenId;
  const out: number[] = [];
  const banned = g.badWordsIds.filter((b) => b.length === 1).map((b) => b[0]);
  for (let step = 0; step < steps; step++) {
    const feeds: Record<string, ort.Tensor> = { encoder_attention_mask: mask, input_ids: i64([tok], [1, 1]), encoder_hidden_states: hidden, use_cache_branch: new ort.Tensor('bool', [past !== null], [1]) };
    for (let l = 0; l < layers; l++) for (const n of ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value']) feeds[`past_key_values.${l}.${n}`] = past ? past[`${l}.${n}`] : empty;
    const r = await dec.run(feeds);
    const logits = r.logits.data as Float32Array;
    for (const b of banned) logits[b] = -Infinity;
    tok = step + 1 === steps && g.forcedEosTokenIds.length ? g.forcedEosTokenIds[0] : argmaxRow(logits, 0, V);
    out.push(tok);
    if (g.eosTokenIds.includes(tok)) break;
    const next: Record<string, ort.Tensor> = {};
    for (let l = 0; l < layers; l++) {
      next[`${l}.decoder.key`] = r[`present.${l}.decoder.key`];
      next[`${l}.decoder.value`] = r[`present.${l}.decoder.value`];
      next[`${l}.encoder.key`] = past ? past[`${l}.encoder.key`] : r[`present.${l}.encoder.key`];
      next[`${l}.encoder.value`] = past ? past[`${l}.encoder.value`] : r[`present.${l}.encoder.value`];
    }
    past = next;
  }
  return out;
}

async function benchSeq2Seq(root: string, name: string, label: string, o: Opts, rows: Row[]): Promise<void> {
  const dir = join(root, name);
  const so = { intraOpNumThreads: o.threads, interOpNumThreads: 1 };
  const ours = await Seq2SeqLm.load(dir, { ...so, layout: 'merged' });
  const folder = ours.folder;
  const ropts = { ...so, graphOptimizationLevel: 'all' as const, executionProviders: ['cpu'] };
  const enc = await ort.InferenceSession.create(folder.graph('encoder_model'), ropts);
  const dec = await ort.InferenceSession.create(folder.graph('decoder_model_merged'), ropts);
  const tjs = o.tjs ? await loadTjs(root, name, 'seq2seq', o.threads, existsSync(join(dir, 'onnx/decoder_model_merged.onnx_data'))) : 'skipped';
  const src = ours.encode(SOURCES[0]);
  const steps = o.steps;
  const greedy = { numBeams: 1, maxNewTokens: steps };
  const beam = { numBeams: 4, maxNewTokens: steps };
  const [g] = await ours.translate([src], greedy);
  const [bm] = await ours.translate([src], beam);
  const rg = await rawTranslate(enc, dec, ours, src, steps);
  const tjsGen = async (text: string, beams: number): Promise<number[]> => {
    if (typeof tjs === 'string') return [];
    const out = await tjs.model.generate({ ...tjs.tok(text), max_new_tokens: steps, do_sample: false, num_beams: beams });
    return out.tolist()[0].slice(1).map(Number);
  };
  const tg = typeof tjs === 'string' ? tjs : await tjsGen(SOURCES[0], 1);
  const tb = typeof tjs === 'string' ? tjs : await tjsGen(SOURCES[0], 4);
  const same = (x: number[], y: number[] | string): string => (typeof y === 'string' ? 'n/a' : x.join() === y.join() ? 'same' : y.join() === g.tokens.join() ? 'greedy ids' : 'differ');
  const n = g.tokens.length;
  const [tOurs, tRaw, tTjs] = (await medians(o.reps, [() => ours.translate([src], greedy), () => rawTranslate(enc, dec, ours, src, steps), typeof tjs === 'string' ? undefined : () => tjsGen(SOURCES[0], 1)])) as [number, number, number | undefined];
  const nTjs = typeof tg === 'string' ? 0 : tg.length;
  rows.push({ model: label, task: `translate greedy ${n} tok`, unit: 'ms/token', ours: tOurs / n, raw: tRaw / n, tjs: tTjs && tTjs / nTjs, note: `ids raw ${same(g.tokens, rg)}, tjs ${same(g.tokens, tg)}` });
  rows.push({ model: label, task: `translate greedy ${n} tok`, unit: 'tok/s', ours: (n * 1000) / tOurs, raw: (n * 1000) / tRaw, tjs: tTjs && (nTjs * 1000) / tTjs });
  const [tbOurs, tbTjs] = (await medians(o.reps, [() => ours.translate([src], beam), typeof tjs === 'string' ? undefined : () => tjsGen(SOURCES[0], 4)])) as [number, number | undefined];
  const nb = bm.tokens.length + 1;
  rows.push({ model: label, task: `translate beam 4`, unit: 'ms/token', ours: tbOurs / nb, tjs: tbTjs && tbTjs / Math.max(1, typeof tb === 'string' ? 1 : tb.length), tjsGreedy: typeof tb !== 'string' && tb.join() === g.tokens.join() && bm.tokens.join() !== g.tokens.join(), note: `top beam ${bm.tokens.length} tok + EOS; tjs ${same(bm.tokens, tb)}` });
  // Several sources sharing one beam batch vs the same sources one after another (both ours).
  const srcs = SOURCES.map((t) => ours.encode(t));
  const joint = await ours.translate(srcs, beam);
  const alone = (await Promise.all(srcs.map((s) => ours.translate([s], beam)))).flat();
  const agree = joint.every((h, i) => h.tokens.join() === alone[i].tokens.join());
  const totalTok = joint.reduce((a, h) => a + h.tokens.length + 1, 0);
  const [tJoint, tAlone] = (await medians(o.reps, [
    () => ours.translate(srcs, beam),
    async () => {
      for (const s of srcs) await ours.translate([s], beam);
    },
  ])) as [number, number];
  rows.push({ model: label, task: `translate 4 sources × beam 4`, unit: 'tok/s', ours: (totalTok * 1000) / tJoint, rawOneByOne: (totalTok * 1000) / tAlone, note: `"one-by-one" = ours per source; ids ${agree ? 'same' : 'differ'}` });
  await ours.release();
  await enc.release();
  await dec.release();
  if (typeof tjs !== 'string') await tjs.model.dispose();
}

type Kind = 'bert' | 'gpt2' | 'seq2seq';

interface Opts {
  reps: number;
  threads: number;
  steps: number;
  tjs: boolean;
}

const fmt = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function table(rows: Row[]): string {
  const lines = [
    '| model | task | unit | ours | raw ORT | ours/raw | transformers.js | ours vs tjs | raw one-by-one beams | batched speed-up | notes |',
    '|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const r of rows) {
    const lower = r.unit.startsWith('ms');
    // "ours vs X" as a speed factor: > 1 means ours is faster.
    const speed = (x: number | undefined): string => (x === undefined ? '—' : `${(lower ? x / r.ours : r.ours / x).toFixed(2)}×`);
    const tjsSpeed = r.tjsGreedy && r.tjs !== undefined ? `(${speed(r.tjs)})` : speed(r.tjs);
    const overhead = r.raw === undefined ? '—' : `${(((lower ? r.ours / r.raw : r.raw / r.ours) - 1) * 100).toFixed(1)} %`;
    lines.push(`| ${r.model} | ${r.task} | ${r.unit} | ${fmt(r.ours)} | ${fmt(r.raw)} | ${overhead} | ${fmt(r.tjs)} | ${tjsSpeed} | ${fmt(r.rawOneByOne)} | ${speed(r.rawOneByOne)} | ${r.note ?? ''} |`);
  }
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<void> {
  const o: Opts = { reps: Number(flag(argv, 'reps', '5')), threads: Number(flag(argv, 'threads', '1')), steps: Number(flag(argv, 'steps', '32')), tjs: !argv.includes('--no-tjs') };
  const fixtures = join(import.meta.dirname, '../test/fixtures/neural');
  const big = process.env.NLPKIT_BENCH_MODELS ?? join(homedir(), '.cache/nlpkit/bench-models');
  const only = flag(argv, 'only', '');
  const models: [string, string, string, Kind][] = [
    [fixtures, 'tiny-bert', 'tiny-bert', 'bert'],
    [fixtures, 'tiny-gpt2', 'tiny-gpt2', 'gpt2'],
    [fixtures, 'tiny-marian', 'tiny-marian', 'seq2seq'],
    [fixtures, 'tiny-bart', 'tiny-bart', 'seq2seq'],
    [fixtures, 'tiny-t5', 'tiny-t5', 'seq2seq'],
  ];
  if (!argv.includes('--no-big') && existsSync(big)) {
    for (const name of readdirSync(big).sort()) {
      const dataOk = existsSync(join(big, name, 'onnx/model.onnx_data')) || existsSync(join(big, name, 'onnx/decoder_model_merged.onnx_data'));
      if (!dataOk) continue;
      models.push([big, name, name, name.startsWith('gpt2') ? 'gpt2' : existsSync(join(big, name, 'onnx/encoder_model.onnx')) ? 'seq2seq' : 'bert']);
    }
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const load0 = loadavg();
  console.log(`neural bench: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, threads ${o.threads}, reps ${o.reps}, load ${load0.map((x) => x.toFixed(2)).join(' ')}`);
  const rows: Row[] = [];
  for (const [root, name, label, kind] of models) {
    if (only && !only.split(',').includes(name)) continue;
    const before = rows.length;
    const mt = performance.now();
    try {
      // The fixtures take well under a millisecond a pass: more repetitions to get past timer and scheduler noise.
      const mo = root === fixtures ? { ...o, reps: o.reps * 10 } : o;
      await (kind === 'bert' ? benchBert : kind === 'seq2seq' ? benchSeq2Seq : benchGpt2)(root, name, label, mo, rows);
    } catch (e) {
      console.log(`${name}: failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    console.log(table(rows.slice(before)).split('\n').slice(2).join('\n'), `  (${((performance.now() - mt) / 1000).toFixed(1)} s)`);
  }
  const cpu = process.cpuUsage(c0);
  console.log(`\n${table(rows)}\n`);
  console.log(
    `wall ${((performance.now() - t0) / 1000).toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
