// The GPU check of issue 8 §5, in plain JS on the built dist/ (no tsx, no network): for each provider in
// cpu, cuda, webgpu that loads under strictDevice, runs every fixture in test/fixtures/neural (BERT, GPT-2, the
// Marian/BART/T5 encoder–decoders, the d2l GRU + attention model) and every bench model found in
// $NLPKIT_BENCH_MODELS (default ~/.cache/nlpkit/bench-models), compares with the CPU outputs (max |Δ| ≤ 1e-3 on
// logits, hidden states, log-probs and attention weights, identical greedy and beam ids) and prints latency/throughput.
// Exit code 1 on any disagreement, 2 when CPU itself fails. Run it through bench/gpu-check.sh (see its header).
//
//   node packages/lm/bench/gpu-check.mjs [--providers cpu,cuda,webgpu (cpu:again = CPU twice, a dry run of the comparison)] [--models DIR] [--tol 1e-3] [--steps 16] [--reps 3]
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AttentionSeq2Seq, CausalLm, MaskedLm, Seq2SeqLm } from '../dist/index.js';

const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const PROVIDERS = flag('providers', 'cpu,cuda,webgpu').split(',');
const MODELS = flag('models', process.env.NLPKIT_BENCH_MODELS ?? join(homedir(), '.cache/nlpkit/bench-models'));
const TOL = Number(flag('tol', '1e-3'));
const STEPS = Number(flag('steps', '16'));
const REPS = Number(flag('reps', '3'));
const FIX = join(import.meta.dirname, '../test/fixtures/neural');

/**
 * Bench models travel as graphs without weights (`onnx/*.onnx` with external data) plus `weights.manifest.json`
 * (written by scripts/gen-bench-models.py): for each external-data file, each tensor's offset, length and how to
 * fill it (`normal` with the std/mean of the torch initialisation, `const`, `copy` of an earlier tensor's bytes,
 * or the literal `b64` bytes for integer tensors). This writes the missing data files with a seeded generator, so every provider on the machine
 * reads the same random weights. Returns the folders it filled.
 */
async function materialize(root, log) {
  const done = [];
  if (!existsSync(root)) return done;
  for (const name of readdirSync(root).sort()) {
    const file = join(root, name, 'weights.manifest.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    let wrote = false;
    for (const data of manifest.files) {
      const out = join(root, name, data.path);
      if (existsSync(out) && statSync(out).size === data.size) continue;
      log(`writing ${data.size} bytes of random weights to ${out}`);
      const rand = mulberry32(manifest.seed ?? 0);
      const fd = openSync(`${out}.tmp`, 'w+');
      let pos = 0;
      for (const t of data.tensors) {
        if (t.offset > pos) writeSync(fd, Buffer.alloc(t.offset - pos), 0, t.offset - pos, pos);
        let buf;
        if (t.init === 'b64') buf = Buffer.from(t.b64, 'base64');
        else if (t.init === 'copy') {
          buf = Buffer.alloc(t.length);
          readSync(fd, buf, 0, t.length, t.from);
        }
        else {
          const n = t.length / 4;
          const a = new Float32Array(n);
          if (t.init === 'const') a.fill(t.value);
          else for (let i = 0; i < n; i += 2) {
            // Box–Muller, two normals per pair of uniforms.
            const r = Math.sqrt(-2 * Math.log(1 - rand())) * t.std;
            const th = 2 * Math.PI * rand();
            a[i] = t.mean + r * Math.cos(th);
            if (i + 1 < n) a[i + 1] = t.mean + r * Math.sin(th);
          }
          buf = Buffer.from(a.buffer);
        }
        writeSync(fd, buf, 0, buf.length, t.offset);
        pos = t.offset + buf.length;
      }
      closeSync(fd);
      renameSync(`${out}.tmp`, out);
      wrote = true;
    }
    if (wrote) done.push(name);
  }
  return done;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  'the cat sat on the mat .',
  'A dog played in the garden!',
  'she read a book',
  'the quick brown fox jumps over the lazy dog and runs away into the forest',
  'a man walks',
  'numbers like 12 and 345 are tokens too',
  'the [MASK] is blue .',
  'hello world',
];
const PROMPTS = [' the cat', ' a dog and', ' once upon a time there was'];

/** Folders to check: the fixtures, then bench models (random weights written first when only a manifest is there). */
function folders() {
  const list = [];
  for (const root of [FIX, MODELS]) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) {
      const dir = join(root, name);
      if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'config.json'))) continue;
      const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
      const kind = cfg.model_type === 'gpt2' ? 'causal' : cfg.model_type === 'd2l-seq2seq-attention' ? 'attention' : cfg.is_encoder_decoder ? 'seq2seq' : 'masked';
      list.push({ name: root === FIX ? name : `bench/${name}`, dir, kind, cfg });
    }
  }
  return list;
}

const maxDiff = (a, b) => {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

async function time(fn, reps = REPS) {
  await fn(); // warm-up (GPU kernels, allocator)
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await fn();
  return (performance.now() - t0) / reps;
}

/** Runs one folder on one provider: outputs to compare and timings to print. */
async function runMasked(f, device) {
  const bert = await MaskedLm.load(f.dir, { device, strictDevice: true, onWarning: () => {} });
  const tok = bert.folder.tokenizer;
  const rows = SENTENCES.map((s) => tok.encode(s).ids.slice(0, f.cfg.max_position_embeddings ?? 512));
  const fwd = await bert.forward(rows);
  const vecs = await bert.embed(SENTENCES, { batchSize: 16 });
  const batch16 = Array.from({ length: 16 }, (_, i) => SENTENCES[i % SENTENCES.length]);
  const ms1 = (await time(() => bert.embed(batch16, { batchSize: 1 }))) / 16;
  const ms16 = await time(() => bert.embed(batch16, { batchSize: 16 }));
  await bert.release();
  return {
    floats: { logits: fwd.logits ?? new Float32Array(0), hidden: fwd.lastHiddenState ?? new Float32Array(0), embed: Float32Array.from(vecs.flatMap((v) => [...v])) },
    ids: {},
    timing: `embed b=1 ${ms1.toFixed(2)} ms/sent (${(1000 / ms1).toFixed(1)} sent/s); embed 16 at b=16 ${ms16.toFixed(1)} ms (${((16 * 1000) / ms16).toFixed(1)} sent/s)`,
  };
}

async function runCausal(f, device) {
  const lm = await CausalLm.load(f.dir, { device, strictDevice: true, onWarning: () => {} });
  const rows = PROMPTS.map((p) => lm.encode(p));
  const logits = await lm.logits(rows);
  const greedy = await lm.generate(PROMPTS, { maxNewTokens: STEPS, stopTokens: [] });
  const beam = await lm.generate(PROMPTS[0], { maxNewTokens: STEPS, numBeams: 4, numReturnSequences: 2 });
  // Top-1 minus top-2 logit along each greedy path (one no-cache pass): a divergence at a near-tie is not a bug.
  const V = lm.folder.config.vocabSize;
  const paths = rows.map((r, i) => [...r, ...greedy[i].tokens]);
  const gaps = (await lm.logits(paths)).map((l, i) =>
    greedy[i].tokens.map((_, t) => {
      const row = l.subarray((rows[i].length - 1 + t) * V, (rows[i].length + t) * V);
      let a = -Infinity;
      let b = -Infinity;
      for (const x of row) if (x > a) [a, b] = [x, a]; else if (x > b) b = x;
      return a - b;
    }),
  );
  // Timing: greedy on one prompt for exactly STEPS tokens (eos ignored is not an option; count what came out).
  let n = 0;
  const msG = await time(async () => {
    const [g] = await lm.generate(PROMPTS[2], { maxNewTokens: STEPS });
    n = g.tokens.length;
  });
  let nb = 0;
  const msB = await time(async () => {
    const out = await lm.generate(PROMPTS[2], { maxNewTokens: STEPS, numBeams: 4 });
    nb = out[0].tokens.length;
  });
  await lm.release();
  return {
    floats: { logits: Float32Array.from(logits.flatMap((l) => [...l])) },
    ids: { greedy: greedy.map((g) => g.tokens.join(' ')).join(' | '), beam: beam.map((g) => g.tokens.join(' ')).join(' | ') },
    greedyTokens: greedy.map((g) => g.tokens),
    gaps,
    timing: `greedy ${n} tok ${msG.toFixed(1)} ms (${(msG / n).toFixed(2)} ms/step, ${((n * 1000) / msG).toFixed(1)} tok/s); beam4 ${nb} tok ${msB.toFixed(1)} ms (${(msB / nb).toFixed(2)} ms/step)`,
  };
}

const SOURCES = ['the cat sat on the mat .', 'she read a book about the sea .', 'the children walked with the bird .'];

/** Encoder–decoders: encoder states and greedy log-probs compared as floats, greedy and beam ids exactly. */
async function runSeq2Seq(f, device) {
  const mt = await Seq2SeqLm.load(f.dir, { device, strictDevice: true, onWarning: () => {} });
  const src = mt.encode(SOURCES[0]);
  const enc = await mt.runner.encode(src, src.map(() => 1), 1);
  const greedy = await mt.translate(SOURCES, { numBeams: 1, maxNewTokens: STEPS, logProbs: true });
  const beam = await mt.translate(SOURCES[0], { numBeams: 4, numReturnSequences: 2, maxNewTokens: STEPS });
  let n = 0;
  const msG = await time(async () => {
    n = (await mt.translate(SOURCES[0], { numBeams: 1, maxNewTokens: STEPS }))[0].tokens.length;
  });
  let nb = 0;
  const msB = await time(async () => {
    nb = (await mt.translate(SOURCES[0], { numBeams: 4, maxNewTokens: STEPS }))[0].tokens.length + 1;
  });
  await mt.release();
  return {
    floats: { encoder: Float32Array.from(enc.hidden.data), greedyLogProbs: Float32Array.from(greedy.flatMap((g) => g.logProbs)) },
    ids: { greedy: greedy.map((g) => g.tokens.join(' ')).join(' | '), beam: beam.map((g) => g.tokens.join(' ')).join(' | ') },
    timing: `translate greedy ${n} tok ${msG.toFixed(1)} ms (${(msG / n).toFixed(2)} ms/step); beam4 ${nb} tok ${msB.toFixed(1)} ms (${(msB / nb).toFixed(2)} ms/step)`,
  };
}

/** The d2l GRU + attention model: greedy log-probs and attention weights as floats, greedy and beam ids. */
async function runAttention(f, device) {
  const mt = await AttentionSeq2Seq.load(f.dir, { device, strictDevice: true, onWarning: () => {} });
  const greedy = await mt.translate(SOURCES, { logProbs: true });
  const beam = await mt.translate(SOURCES[0], { numBeams: 3, numReturnSequences: 2 });
  const ms = await time(() => mt.translate(SOURCES));
  await mt.release();
  return {
    floats: { greedyLogProbs: Float32Array.from(greedy.flatMap((g) => g.logProbs)), attention: Float32Array.from(greedy.flatMap((g) => g.attention.flatMap((r) => [...r]))) },
    ids: { greedy: greedy.map((g) => g.tokens.join(' ')).join(' | '), beam: beam.map((g) => g.tokens.join(' ')).join(' | ') },
    timing: `translate ${SOURCES.length} sources greedy ${ms.toFixed(1)} ms`,
  };
}

const made = await materialize(MODELS, (m) => console.log(m));
if (made.length) console.log(`random weights written for ${made.join(', ')}`);
const list = folders();
console.log(`gpu-check: ${list.length} models (${list.map((f) => f.name).join(', ')}), providers ${PROVIDERS.join(', ')}, tol ${TOL}`);
const cpu = new Map();
let failures = 0;
const available = [];
for (const label of PROVIDERS) {
  // `cpu:again` runs CPU a second time as if it were another provider: a dry run of the comparison.
  const device = label.split(':')[0];
  let ok = true;
  for (const f of list) {
    let r;
    try {
      r = f.kind === 'causal' ? await runCausal(f, device) : f.kind === 'seq2seq' ? await runSeq2Seq(f, device) : f.kind === 'attention' ? await runAttention(f, device) : await runMasked(f, device);
    } catch (e) {
      const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      if (e?.name === 'DeviceUnavailableError' || /unavailable/i.test(msg)) {
        console.log(`${label}: unavailable (${msg})`);
        ok = false;
        break;
      }
      console.log(`${label} ${f.name}: ERROR ${msg}`);
      failures++;
      if (label === 'cpu') process.exitCode = 2;
      continue;
    }
    let verdict = 'reference';
    if (label !== 'cpu' && cpu.has(f.name)) {
      const ref = cpu.get(f.name);
      const parts = [];
      let bad = false;
      for (const [k, v] of Object.entries(r.floats)) {
        const d = maxDiff(v, ref.floats[k]);
        parts.push(`${k} max|Δ| ${d.toExponential(2)}`);
        if (!(d <= TOL)) bad = true;
      }
      // Greedy ids must match, except after a step where CPU's top two logits are within 2 × tol (a near-tie that
      // float rounding on another provider may flip: random bench models are flat). Beam ids: the same rule,
      // judged by the greedy path of the same prompt.
      let tie = null;
      if (ref.gaps) {
        ref.greedyTokens.forEach((toks, i) => {
          const j = toks.findIndex((t, k) => t !== r.greedyTokens[i][k]);
          const first = j >= 0 ? j : toks.length === r.greedyTokens[i].length ? -1 : Math.min(toks.length, r.greedyTokens[i].length);
          const near = ref.gaps[i].slice(0, first + 1).some((g) => g < 2 * TOL);
          if (first >= 0 && near) tie = `prompt ${i} step ${first}`;
        });
      }
      for (const [k, v] of Object.entries(r.ids)) {
        const same = v === ref.ids[k];
        const excused = !same && tie !== null && f.name.startsWith('bench/');
        parts.push(`${k} ids ${same ? 'same' : excused ? `differ after a near-tie (${tie}): not counted` : 'DIFFER'}`);
        if (!same && !excused) bad = true;
      }
      verdict = `${bad ? 'FAIL' : 'ok'}: ${parts.join(', ')}`;
      if (bad) failures++;
    } else if (label === 'cpu') {
      cpu.set(f.name, r);
    }
    console.log(`${label.padEnd(6)} ${f.name.padEnd(22)} ${r.timing}  [${verdict}]`);
  }
  if (ok) available.push(label);
}
console.log(`\nproviders that loaded: ${available.join(', ') || 'none'}; ${failures === 0 ? 'all outputs agree' : `${failures} disagreement(s) or errors`}`);
if (failures > 0) process.exitCode ||= 1;
