/**
 * Sub-bench (issue 8 §6): the neural models on CPU — ours (`MaskedLm`, `CausalLm`) vs raw onnxruntime-node (a
 * minimal loop calling `session.run` directly: the overhead baseline) vs @huggingface/transformers 4.3 on the same
 * ONNX folders. Models: the test fixtures (tiny-bert, tiny-gpt2, tiny-marian/bart/t5) and, when present, the randomly
 * initialised BERT-base / GPT-2-small / Marian-base of scripts/gen-bench-models.py in $NLPKIT_BENCH_MODELS (default ~/.cache/nlpkit/bench-models).
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
 * Raw ORT and transformers.js run on our own ORT session objects (`baselineSession`, `shareWithTjs`; --own-sessions
 * gives them their own), so only the code around session.run differs. Times are the median CPU time (user + system,
 * this process) of --reps rounds (3× that for the tiny fixtures, whose samples repeat a call for ≥ 40 ms of CPU),
 * the implementations taking turns and the order flipping every round (`measure`); ratios are medians of round-by-round
 * ratios with quartiles; wall-time ratios, the run's wall and CPU seconds and the load average are printed beside them.
 * --isolated N: the end-to-end check in separate processes, each library with its own session (`isolated`).
 *
 *   pnpm --filter @nlpkit/lm bench neural [--reps 5] [--threads 1] [--steps 32] [--no-big] [--no-tjs] [--only a,b]
 *                                         [--own-sessions] [--isolated N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cpus, homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { CausalLm, MaskedLm, ModelFolder, Seq2SeqLm, selectRows, type OnnxSession, type PastKeyValues } from '@nlpkit/lm';

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
  /** Median CPU-time figure of each implementation, in `unit`. */
  ours: number;
  raw?: number;
  rawOneByOne?: number;
  tjs?: number;
  /** Round-paired speed factors of ours (> 1: ours faster): vs raw ORT (1 − overhead), vs transformers.js. */
  vsRaw?: Ratio;
  vsTjs?: Ratio;
  /** Median wall-time speed factor of ours vs transformers.js. */
  wallVsTjs?: number;
  /** transformers.js 4.3 ignored num_beams and decoded greedily: its factor is shown in brackets. */
  tjsGreedy?: boolean;
  note?: string;
}

function flag(argv: string[], name: string, dflt: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
}

/** Per-call times of the functions given to `measure`: CPU ms (user + system of this process) and wall ms, per round. */
interface Timing {
  cpu: number[];
  wall: number[];
}

/**
 * Times each function `reps` times after a warm-up (per-call figures; short calls are repeated within a sample). The functions take turns within a round and the order
 * flips every round (A B C, C B A, …), so JIT warm-up, GC, the box's load and being first or last fall on all of
 * them alike. CPU time is the main figure (the bench box is shared and loaded; with one intra-op thread the
 * process's CPU time is the work done); wall time is kept beside it. `undefined` entries stay undefined.
 */
async function measure(reps: number, fns: (undefined | (() => Promise<unknown>))[]): Promise<(Timing | undefined)[]> {
  // Warm-up, and the calls per sample: enough that the fastest function's sample takes MIN_SAMPLE_MS of CPU (the
  // tiny fixtures take well under a millisecond a call, below the noise of a loaded box), the same count for all.
  let fastest = Infinity;
  for (const fn of fns) {
    if (!fn) continue;
    await fn();
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    fastest = Math.min(fastest, (c.user + c.system) / 1000);
  }
  const inner = Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(fastest, 0.01)));
  const t: Timing[] = fns.map(() => ({ cpu: [], wall: [] }));
  const order = fns.map((_, j) => j);
  for (let i = 0; i < reps; i++) {
    for (const j of i % 2 ? [...order].reverse() : order) {
      const fn = fns[j];
      if (!fn) continue;
      const w0 = performance.now();
      const c0 = process.cpuUsage();
      for (let k = 0; k < inner; k++) await fn();
      const c = process.cpuUsage(c0);
      t[j].wall.push((performance.now() - w0) / inner);
      t[j].cpu.push((c.user + c.system) / 1000 / inner);
    }
  }
  return t.map((x, j) => (fns[j] ? x : undefined));
}

const MIN_SAMPLE_MS = 40;

function quantile(a: readonly number[], q: number): number {
  const s = [...a].sort((x, y) => x - y);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}
const median = (a: readonly number[]): number => quantile(a, 0.5);

/**
 * How much faster ours is than `other`, round by round (other's CPU time / ours, both from the same round):
 * median and quartiles. Pairing by round cancels the load drifting over the run.
 */
function speedup(ours: Timing, other: Timing | undefined, scale = 1): Ratio | undefined {
  if (!other) return undefined;
  const r = ours.cpu.map((x, i) => (other.cpu[i] * scale) / x);
  return { median: median(r), q1: quantile(r, 0.25), q3: quantile(r, 0.75) };
}

interface Ratio {
  median: number;
  q1: number;
  q3: number;
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

function i64(v: ArrayLike<number>, dims: number[]): ort.Tensor {
  const data = new BigInt64Array(v.length);
  for (let i = 0; i < v.length; i++) data[i] = BigInt(v[i]);
  return new ort.Tensor('int64', data, dims);
}

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

/**
 * The baselines' sessions. By default raw ORT and transformers.js run on OUR onnxruntime-node session objects (the
 * same graph, options and memory), so the only difference measured is the code around `session.run`: two sessions
 * of one graph can differ by ±10 % in speed by where their weights and arenas land (seen on GPT-2-small: a second
 * identical CausalLm ran 11 % faster than the first one loaded). `--own-sessions` gives each its own session instead.
 */
async function baselineSession(o: Opts, mine: OnnxSession, so: object): Promise<ort.InferenceSession> {
  return o.ownSessions ? ort.InferenceSession.create(mine.file, { ...so, graphOptimizationLevel: 'all', executionProviders: ['cpu'] }) : mine.session;
}

/** Swaps transformers.js's sessions (by its names: model, decoder_model_merged) for ours and releases its own. */
async function shareWithTjs(o: Opts, tjs: { model: TjsModel } | string, sessions: Record<string, OnnxSession>): Promise<void> {
  if (o.ownSessions || typeof tjs === 'string') return;
  const own = (tjs.model as unknown as { sessions: Record<string, ort.InferenceSession & { config?: unknown }> }).sessions;
  for (const [name, mine] of Object.entries(sessions)) {
    const theirs = own[name];
    if (!theirs) throw new Error(`transformers.js has no "${name}" session (it has ${Object.keys(own).join(', ')})`);
    Object.assign(mine.session, { config: theirs.config });
    await theirs.release();
    own[name] = mine.session;
  }
}

/** Releases what the baselines own (nothing when they ran on our sessions). */
async function releaseBaselines(o: Opts, raw: ort.InferenceSession[], tjs: { model: TjsModel } | string): Promise<void> {
  if (!o.ownSessions) return;
  for (const r of raw) await r.release();
  if (typeof tjs !== 'string') await tjs.model.dispose();
}

/** The private OnnxSession fields of our models (the bench shares them with the baselines). */
const sessionOf = (x: unknown, field: string): OnnxSession => (x as Record<string, OnnxSession>)[field];

async function benchBert(root: string, name: string, label: string, o: Opts, rows: Row[]): Promise<void> {
  const dir = join(root, name);
  const so = { intraOpNumThreads: o.threads, interOpNumThreads: 1 };
  const ours = await MaskedLm.load(dir, so);
  const folder = ours.folder;
  const mine = sessionOf(ours, 'session');
  const raw = await baselineSession(o, mine, so);
  const tjs = o.tjs ? await loadTjs(root, name, 'bert', o.threads, existsSync(join(dir, 'onnx/model.onnx_data'))) : 'skipped';
  await shareWithTjs(o, tjs, { model: mine });
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
    const [tOurs, tRaw, tTjs] = await measure(o.reps, [() => ours.embed(SENTENCES, { batchSize: bs }), () => rawEmbed(raw, folder, SENTENCES, bs), typeof tjs === 'string' ? undefined : () => tjsEmbed(SENTENCES, bs)]);
    rows.push({ ...rates(tOurs!, tRaw, tTjs, n, 'sent/s'), model: label, task: `embed batch ${bs}`, note: bs === 16 ? note : undefined });
  }
  await releaseBaselines(o, [raw], tjs);
  await ours.release();
}

/** A row's figures from the timings: `n` units (tokens, sentences) per call, as a rate (per s) or a latency (ms per unit); `nTjs` when transformers.js made another count. */
function rates(ours: Timing, raw: Timing | undefined, tjs: Timing | undefined, n: number, unit: string, nTjs = n): Pick<Row, 'unit' | 'ours' | 'raw' | 'tjs' | 'vsRaw' | 'vsTjs' | 'wallVsTjs'> {
  const fig = (t: Timing | undefined, k: number): number | undefined => t && (unit.startsWith('ms') ? median(t.cpu) / k : (k * 1000) / median(t.cpu));
  return {
    unit,
    ours: fig(ours, n)!,
    raw: fig(raw, n),
    tjs: fig(tjs, nTjs),
    vsRaw: speedup(ours, raw),
    // Per unit: transformers.js may stop at another length.
    vsTjs: speedup(ours, tjs, n / nTjs),
    wallVsTjs: tjs && (median(tjs.wall) / nTjs / (median(ours.wall) / n)),
  };
}

async function benchGpt2(root: string, name: string, label: string, o: Opts, rows: Row[]): Promise<void> {
  const dir = join(root, name);
  const so = { intraOpNumThreads: o.threads, interOpNumThreads: 1 };
  const ours = await CausalLm.load(dir, { ...so, layout: 'merged' });
  const folder = ours.folder;
  const mine = sessionOf(ours.runner, 'withPast');
  const raw = await baselineSession(o, mine, so);
  const tjs = o.tjs ? await loadTjs(root, name, 'gpt2', o.threads, existsSync(join(dir, 'onnx/decoder_model_merged.onnx_data'))) : 'skipped';
  await shareWithTjs(o, tjs, { model: mine });
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
  const [tOurs, tRaw, tTjs] = await measure(o.reps, [() => ours.generate([prompt], { maxNewTokens: steps }), () => rawGreedy(raw, folder, prompt, greedyPasses), typeof tjs === 'string' ? undefined : () => tjsGen(1)]);
  const n = g.tokens.length;
  const nTjs = typeof tjsGreedy === 'string' ? 0 : tjsGreedy.length;
  rows.push({ ...rates(tOurs!, tRaw, tTjs, n, 'ms/token', nTjs), model: label, task: `greedy ${n} tok`, note: `ids raw ${same(g.tokens, rg)}, tjs ${same(g.tokens, tjsGreedy)}` });
  rows.push({ ...rates(tOurs!, tRaw, tTjs, n, 'tok/s', nTjs), model: label, task: `greedy ${n} tok` });
  const [tbOurs, tbRaw, tbRaw1, tbTjs] = (await measure(o.reps, [
    () => ours.generate([prompt], { maxNewTokens: steps, numBeams: 4 }),
    () => rawBeam(raw, folder, prompt, 4, beamPasses, true),
    () => rawBeam(raw, folder, prompt, 4, beamPasses, false),
    typeof tjs === 'string' ? undefined : () => tjsGen(4),
  ])) as [Timing, Timing, Timing, Timing | undefined];
  const nb = bm.tokens.length;
  rows.push({
    ...rates(tbOurs, tbRaw, tbTjs, beamPasses, 'ms/step', Math.max(1, typeof tjsBeam === 'string' ? 1 : tjsBeam.length)),
    model: label,
    task: `beam 4, ${beamPasses} steps`,
    rawOneByOne: median(tbRaw1.cpu) / beamPasses,
    tjsGreedy: typeof tjsBeam !== 'string' && tjsBeam.join() === g.tokens.join(),
    note: `top beam ${nb} tok; raw batched ${same(bm.tokens, rb)}, one-by-one ${same(bm.tokens, rb1)}, tjs ${same(bm.tokens, tjsBeam)}`,
  });
  await releaseBaselines(o, [raw], tjs);
  await ours.release();
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
  const myEnc = sessionOf(ours.runner, 'encoder');
  const myDec = sessionOf(ours.runner, 'withPast');
  const enc = await baselineSession(o, myEnc, so);
  const dec = await baselineSession(o, myDec, so);
  const tjs = o.tjs ? await loadTjs(root, name, 'seq2seq', o.threads, existsSync(join(dir, 'onnx/decoder_model_merged.onnx_data'))) : 'skipped';
  await shareWithTjs(o, tjs, { model: myEnc, decoder_model_merged: myDec });
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
  const [tOurs, tRaw, tTjs] = await measure(o.reps, [() => ours.translate([src], greedy), () => rawTranslate(enc, dec, ours, src, steps), typeof tjs === 'string' ? undefined : () => tjsGen(SOURCES[0], 1)]);
  const nTjs = typeof tg === 'string' ? 0 : tg.length;
  rows.push({ ...rates(tOurs!, tRaw, tTjs, n, 'ms/token', nTjs), model: label, task: `translate greedy ${n} tok`, note: `ids raw ${same(g.tokens, rg)}, tjs ${same(g.tokens, tg)}` });
  rows.push({ ...rates(tOurs!, tRaw, tTjs, n, 'tok/s', nTjs), model: label, task: `translate greedy ${n} tok` });
  const [tbOurs, tbTjs] = await measure(o.reps, [() => ours.translate([src], beam), typeof tjs === 'string' ? undefined : () => tjsGen(SOURCES[0], 4)]);
  const nb = bm.tokens.length + 1;
  rows.push({ ...rates(tbOurs!, undefined, tbTjs, nb, 'ms/token', Math.max(1, typeof tb === 'string' ? 1 : tb.length)), model: label, task: `translate beam 4`, tjsGreedy: typeof tb !== 'string' && tb.join() === g.tokens.join() && bm.tokens.join() !== g.tokens.join(), note: `top beam ${bm.tokens.length} tok + EOS; tjs ${same(bm.tokens, tb)}` });
  // Several sources sharing one beam batch vs the same sources one after another (both ours).
  const srcs = SOURCES.map((t) => ours.encode(t));
  const joint = await ours.translate(srcs, beam);
  const alone = (await Promise.all(srcs.map((s) => ours.translate([s], beam)))).flat();
  const agree = joint.every((h, i) => h.tokens.join() === alone[i].tokens.join());
  const totalTok = joint.reduce((a, h) => a + h.tokens.length + 1, 0);
  const [tJoint, tAlone] = (await measure(o.reps, [
    () => ours.translate(srcs, beam),
    async () => {
      for (const s of srcs) await ours.translate([s], beam);
    },
  ])) as [Timing, Timing];
  rows.push({ model: label, task: `translate 4 sources × beam 4`, unit: 'tok/s', ours: (totalTok * 1000) / median(tJoint.cpu), rawOneByOne: (totalTok * 1000) / median(tAlone.cpu), note: `"one-by-one" = ours per source; ids ${agree ? 'same' : 'differ'}` });
  await releaseBaselines(o, [enc, dec], tjs);
  await ours.release();
}

type Kind = 'bert' | 'gpt2' | 'seq2seq';

interface Opts {
  reps: number;
  threads: number;
  steps: number;
  tjs: boolean;
  /** Baselines on sessions of their own instead of ours (see `baselineSession`). */
  ownSessions: boolean;
}

const fmt = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

const factor = (r: Ratio | undefined): string => (r === undefined ? '—' : `${r.median.toFixed(2)}× [${r.q1.toFixed(2)}–${r.q3.toFixed(2)}]`);
const overhead = (r: Ratio | undefined): string => (r === undefined ? '—' : `${((1 / r.median - 1) * 100).toFixed(1)} % [${((1 / r.q3 - 1) * 100).toFixed(1)}, ${((1 / r.q1 - 1) * 100).toFixed(1)}]`);

/**
 * The table. Figures are medians of CPU time; "ours/raw" (our overhead over raw ORT) and "ours vs tjs" (> 1: ours
 * faster) are medians of the round-by-round ratios with their quartiles in brackets; "wall" is the ratio of wall medians.
 */
function table(rows: Row[]): string {
  const lines = [
    '| model | task | unit | ours | raw ORT | ours/raw [q1, q3] | transformers.js | ours vs tjs [q1–q3] | wall vs tjs | raw one-by-one beams | batched speed-up | notes |',
    '|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const r of rows) {
    const lower = r.unit.startsWith('ms');
    const speed = (x: number | undefined): string => (x === undefined ? '—' : `${(lower ? x / r.ours : r.ours / x).toFixed(2)}×`);
    const tjs = r.tjsGreedy && r.vsTjs ? `(${factor(r.vsTjs)})` : factor(r.vsTjs);
    const wall = r.wallVsTjs === undefined ? '—' : `${r.tjsGreedy ? '(' : ''}${r.wallVsTjs.toFixed(2)}×${r.tjsGreedy ? ')' : ''}`;
    lines.push(`| ${r.model} | ${r.task} | ${r.unit} | ${fmt(r.ours)} | ${fmt(r.raw)} | ${overhead(r.vsRaw)} | ${fmt(r.tjs)} | ${tjs} | ${wall} | ${fmt(r.rawOneByOne)} | ${speed(r.rawOneByOne)} | ${r.note ?? ''} |`);
  }
  return lines.join('\n');
}

// ------------------------------------------------------------------ separate processes, own sessions

/**
 * `--isolated N`: the end-to-end comparison, each library with its own session in its own process. One task per
 * model (embed batch 16, greedy 32 tokens, translate greedy); N processes of ours and N of transformers.js, taking
 * turns (ours, tjs, tjs, ours, …) so the box's load drifts over both alike. Each child times --reps calls after one
 * warm-up and reports its median CPU ms per unit; the parent prints the medians and quartiles over the processes.
 * Where a session lands in memory moves its speed by several percent, so only many processes give a fair
 * end-to-end figure; the in-process table (shared sessions) isolates the code around session.run instead.
 */
async function isolated(models: [string, string, string, Kind][], n: number, o: Opts): Promise<void> {
  const script = fileURLToPath(import.meta.url);
  console.log(`\nseparate processes (own sessions): ${n} each of ours and transformers.js per model, ${o.reps} timed calls per process, threads ${o.threads}`);
  console.log('| model | task | unit | ours (median [q1–q3] over processes) | transformers.js | ours vs tjs (median of paired ratios [q1–q3]) |');
  console.log('|---|---|---|--:|--:|--:|');
  for (const [root, name, label, kind] of models) {
    const got: Record<'ours' | 'tjs', number[]> = { ours: [], tjs: [] };
    let unit = '';
    let task = '';
    for (let i = 0; i < n; i++) {
      for (const impl of i % 2 ? (['tjs', 'ours'] as const) : (['ours', 'tjs'] as const)) {
        const r = spawnSync(process.execPath, [...process.execArgv, script, '--child', impl, '--child-model', `${root}|${name}|${kind}`, '--threads', String(o.threads), '--reps', String(o.reps), '--steps', String(o.steps)], { encoding: 'utf8', maxBuffer: 1 << 24 });
        const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
        if (r.status !== 0 || !line) throw new Error(`child ${impl} ${name} failed (${r.status}): ${r.stderr.slice(-500)}`);
        const j = JSON.parse(line) as { value: number; unit: string; task: string };
        got[impl].push(j.value);
        unit = j.unit;
        task = j.task;
      }
    }
    const lower = unit.startsWith('ms');
    const paired = got.ours.map((x, i) => (lower ? got.tjs[i] / x : x / got.tjs[i]));
    const q = (a: number[]): string => `${fmt(median(a))} [${fmt(quantile(a, 0.25))}–${fmt(quantile(a, 0.75))}]`;
    console.log(`| ${label} | ${task} | ${unit} | ${q(got.ours)} | ${q(got.tjs)} | ${median(paired).toFixed(2)}× [${quantile(paired, 0.25).toFixed(2)}–${quantile(paired, 0.75).toFixed(2)}] |`);
  }
}

/** One child of `isolated`: loads one implementation, times its task, prints one JSON line. */
async function child(impl: string, spec: string, o: Opts): Promise<void> {
  const [root, name, kind] = spec.split('|') as [string, string, Kind];
  const dir = join(root, name);
  const so = { intraOpNumThreads: o.threads, interOpNumThreads: 1 };
  let fn: () => Promise<number>; // returns the units done (sentences, tokens)
  let unit: string;
  let task: string;
  if (impl === 'ours') {
    if (kind === 'bert') {
      const m = await MaskedLm.load(dir, so);
      fn = async () => (await m.embed(SENTENCES, { batchSize: 16 })).length;
    } else if (kind === 'gpt2') {
      const m = await CausalLm.load(dir, { ...so, layout: 'merged' });
      const prompt = m.encode(PROMPT);
      fn = async () => (await m.generate([prompt], { maxNewTokens: o.steps }))[0].tokens.length;
    } else {
      const m = await Seq2SeqLm.load(dir, { ...so, layout: 'merged' });
      const src = m.encode(SOURCES[0]);
      fn = async () => (await m.translate([src], { numBeams: 1, maxNewTokens: o.steps }))[0].tokens.length;
    }
  } else {
    const external = existsSync(join(dir, 'onnx/model.onnx_data')) || existsSync(join(dir, 'onnx/decoder_model_merged.onnx_data'));
    const tjs = await loadTjs(root, name, kind, o.threads, external);
    if (typeof tjs === 'string') throw new Error(tjs);
    if (kind === 'bert') {
      fn = async () => {
        const inp = tjs.tok(SENTENCES, { padding: true, truncation: true });
        const h = (await tjs.model(inp)).last_hidden_state;
        const [B, T, H] = h.dims;
        for (let b = 0; b < B; b++) pool(h.data as Float32Array, inp.attention_mask.data, b, T, H);
        return B;
      };
    } else {
      const text = kind === 'gpt2' ? PROMPT : SOURCES[0];
      const skip = kind === 'gpt2' ? tjs.tok(PROMPT).input_ids.dims[1] : 1;
      fn = async () => (await tjs.model.generate({ ...tjs.tok(text), max_new_tokens: o.steps, do_sample: false, num_beams: 1 })).tolist()[0].length - skip;
    }
  }
  if (kind === 'bert') [unit, task] = ['sent/s', 'embed batch 16'];
  else [unit, task] = ['ms/token', kind === 'gpt2' ? `greedy ${o.steps} tok` : 'translate greedy'];
  // Warm-up: the JIT (tokenizers included) settles over a few calls; the tiny fixtures get more.
  for (let i = 0; i < (root.includes('fixtures') ? 50 : 2); i++) await fn();
  const per: number[] = [];
  for (let i = 0; i < o.reps; i++) {
    const c0 = process.cpuUsage();
    const k = await fn();
    const c = process.cpuUsage(c0);
    const ms = (c.user + c.system) / 1000;
    per.push(unit === 'sent/s' ? (k * 1000) / ms : ms / k);
  }
  console.log(JSON.stringify({ value: median(per), unit, task }));
}

export async function run(argv: string[]): Promise<void> {
  const o: Opts = { reps: Number(flag(argv, 'reps', '5')), threads: Number(flag(argv, 'threads', '1')), steps: Number(flag(argv, 'steps', '32')), tjs: !argv.includes('--no-tjs'), ownSessions: argv.includes('--own-sessions') };
  if (argv.includes('--child')) return child(flag(argv, 'child', ''), flag(argv, 'child-model', ''), o);
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
  console.log(`neural bench: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, threads ${o.threads}, reps ${o.reps}, ${o.ownSessions ? 'own sessions' : 'one shared session per graph'}, load ${load0.map((x) => x.toFixed(2)).join(' ')}`);
  const picked = models.filter(([, name]) => !only || only.split(',').includes(name));
  const iso = Number(flag(argv, 'isolated', '0'));
  if (iso > 0) {
    await isolated(picked, iso, o);
    console.log(`\nwall ${((performance.now() - t0) / 1000).toFixed(1)} s; load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    return;
  }
  const rows: Row[] = [];
  for (const [root, name, label, kind] of picked) {
    const before = rows.length;
    const mt = performance.now();
    try {
      // The fixtures take well under a millisecond a pass: more samples (each of many calls, see `measure`).
      const mo = root === fixtures ? { ...o, reps: o.reps * 3 } : o;
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
