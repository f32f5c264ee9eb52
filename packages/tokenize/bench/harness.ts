/**
 * Small helpers shared by every `bench/*.bench.ts`: timing (warm-up, then the median of several runs,
 * reported as MB/s of UTF-8 input), markdown tables, ratios, and a one-line machine description.
 * Kept dependency-free and synchronous-first so benches time the library, not the harness.
 * Contract for bench files: `export async function run(): Promise<BenchResult>`.
 */
import { cpus, totalmem } from 'node:os';

/** What each `bench/*.bench.ts` returns from `run()`; `bench/index.ts` prints and records it. */
export interface BenchResult {
  title: string;
  markdown: string;
}

export interface TimeOptions {
  /** Untimed calls first, so the JIT and caches settle (default 2). */
  warmup?: number;
  /** Timed samples; the median is reported (default 5). */
  runs?: number;
  /**
   * Minimum wall time of one sample in ms: fast functions are called repeatedly within a sample until
   * it lasts this long, so timer resolution does not dominate (default 50).
   */
  minSampleMs?: number;
  /** Stop taking samples once this much time has gone by (at least 1 sample is taken; default 3000). */
  maxTotalMs?: number;
  /**
   * When the first warm-up call alone takes longer than this, it is the only sample: for a call of
   * seconds the JIT is warm within the call, and repeating it would only make the run long (default: never).
   */
  singleSampleAboveMs?: number;
}

export interface Timing {
  /** Median milliseconds of one call. */
  ms: number;
  /** Fastest and slowest sample, ms per call. */
  minMs: number;
  maxMs: number;
  /** Number of timed samples behind the median. */
  samples: number;
}

/** Times `fn`: warm-up calls, then the median over `runs` samples of the ms per call. */
export function time(fn: () => unknown, options: TimeOptions = {}): Timing {
  const { warmup = 2, runs = 5, minSampleMs = 50, maxTotalMs = 3000, singleSampleAboveMs = Infinity } = options;
  for (let i = 0; i < warmup; i++) {
    const t0 = performance.now();
    sink(fn());
    const ms = performance.now() - t0;
    if (i === 0 && ms > singleSampleAboveMs) return { ms, minMs: ms, maxMs: ms, samples: 1 };
  }
  const perCall: number[] = [];
  const started = performance.now();
  while (perCall.length < runs) {
    let calls = 0;
    const t0 = performance.now();
    let elapsed = 0;
    do {
      sink(fn());
      calls++;
      elapsed = performance.now() - t0;
    } while (elapsed < minSampleMs);
    perCall.push(elapsed / calls);
    if (performance.now() - started > maxTotalMs) break;
  }
  perCall.sort((a, b) => a - b);
  return { ms: median(perCall), minMs: perCall[0], maxMs: perCall[perCall.length - 1], samples: perCall.length };
}

/** Throughput in MB/s (10^6 bytes per second) of `bytes` processed in `ms`. */
export function mbPerSec(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1e3);
}

/** Times `fn` over an input of `bytes` UTF-8 bytes and returns MB/s (see `time`). */
export function throughput(bytes: number, fn: () => unknown, options?: TimeOptions): number {
  return mbPerSec(bytes, time(fn, options).ms);
}

/** UTF-8 byte length of a string or of a list of strings. */
export function utf8Bytes(text: string | readonly string[]): number {
  if (typeof text === 'string') return Buffer.byteLength(text, 'utf8');
  let n = 0;
  for (const t of text) n += Buffer.byteLength(t, 'utf8');
  return n;
}

export function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? sorted[(n - 1) >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** A markdown table; cells are printed as given, columns after the first are right-aligned. */
export function markdownTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, c) => Math.max(h.length, 3, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(headers), rule, ...rows.map((r) => line(headers.map((_, c) => r[c] ?? '')))].join('\n');
}

/** A number with about 3 significant digits (`1234` → "1234", `12.345` → "12.3", `0.01234` → "0.0123"). */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

/** A ratio as "2.31×", or "–" when either side is missing. */
export function ratio(ours: number | undefined, theirs: number | undefined): string {
  if (ours === undefined || theirs === undefined || !(theirs > 0) || !Number.isFinite(ours)) return '–';
  return `${fmt(ours / theirs)}×`;
}

/**
 * A string as a JSON literal in which invisible code points (format characters, spaces other than
 * U+0020, controls, combining marks) are escaped, so a table shows which input it means.
 */
export function visible(text: string): string {
  return JSON.stringify(text).replace(/(?! )[\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{M}]/gu, (ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

/** CPU model, core count, memory and Node version, e.g. for the header of BENCHMARKS.md. */
export function machineDescription(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown CPU';
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `${model}, ${cores.length} cores, ${gib} GiB RAM, Node ${process.version} (${process.platform}/${process.arch})`;
}

/** Today's date as YYYY-MM-DD (UTC). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Keeps results observable so the JIT cannot drop a call whose result is unused. */
let sunk = 0;
function sink(value: unknown): void {
  if (typeof value === 'number') sunk ^= value;
  else if (value != null && typeof value === 'object' && 'length' in value) sunk ^= (value as { length: number }).length;
  else if (typeof value === 'string') sunk ^= value.length;
}