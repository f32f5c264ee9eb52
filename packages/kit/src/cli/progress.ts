/**
 * Progress bars on stderr (never stdout) with rate and ETA, in one look for every command. cli-progress
 * is imported only when a bar is drawn, so ordinary runs (and bundles of a CLI that has no bar) do not
 * pay for it; that is also why this is its own entry point, `@nlpkit/kit/progress`.
 */
import type { Writable } from 'node:stream';
import type { SingleBar } from 'cli-progress';

/** Inputs smaller than this finish too fast for a bar to help. */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

export interface Progress {
  /** Adds `bytes` to the amount done. */
  advance(bytes: number): void;
  /** Removes the bar, leaving the terminal as it was. */
  stop(): void;
}

const NO_PROGRESS: Progress = { advance() {}, stop() {} };

/**
 * A cli-progress bar on `stream` in the commands' common style: 30 cells wide, cleared when done,
 * redrawn 5 times a second, the ETA from the last `etaBuffer` updates.
 * @example const bar = await loadBar(io.stderr, '{bar} {percentage}% | {value}/{total} | ETA {eta_formatted}');
 */
export async function loadBar(stream: Writable, format: string, options: { etaBuffer?: number } = {}): Promise<SingleBar> {
  const { SingleBar } = await import('cli-progress');
  return new SingleBar({
    stream,
    format,
    barsize: 30,
    // The cursor stays visible: a bar hidden by Ctrl-C would otherwise leave the terminal without one.
    clearOnComplete: true,
    etaBuffer: options.etaBuffer ?? 50,
    fps: 5,
  });
}

/** How a byte bar prints its amounts. */
export interface ByteUnits {
  /** Text before the bar (`translate a.txt`), if any. */
  readonly label?: string;
  /** An amount of bytes as text: `formatBytes` (the default) or a fixed unit such as MiB. */
  readonly format: (bytes: number) => string;
  /** Text after the done/total amounts and before "/s" (" MiB" for a fixed unit, else ""). */
  readonly unit: string;
}

const BINARY_UNITS: ByteUnits = { format: formatBytes, unit: '' };

/**
 * A bar over `totalBytes` of input on `stream` (bytes done, rate, ETA), or a no-op when it is off,
 * the size is unknown (a pipe) or below `PROGRESS_MIN_BYTES`.
 * @example const progress = await startByteProgress(io.stderr, size, io.stderrIsTTY); progress.advance(n); progress.stop();
 */
export async function startByteProgress(
  stream: Writable,
  totalBytes: number | undefined,
  enabled: boolean,
  units: ByteUnits = BINARY_UNITS,
): Promise<Progress> {
  if (!enabled || totalBytes === undefined || totalBytes < PROGRESS_MIN_BYTES) return NO_PROGRESS;
  const { label, format, unit } = units;
  const bar = await loadBar(
    stream,
    `${label === undefined ? '' : `${label} `}{bar} {percentage}% | {done} / {size}${unit} | {rate}${unit}/s | ETA {eta_formatted}`,
  );
  const started = performance.now();
  let done = 0;
  const payload = () => {
    const seconds = (performance.now() - started) / 1000;
    return { done: format(done), size: format(totalBytes), rate: format(seconds > 0 ? done / seconds : 0) };
  };
  bar.start(totalBytes, 0, payload());
  return {
    advance(bytes) {
      done += bytes;
      bar.update(done, payload());
    },
    stop() {
      bar.stop();
    },
  };
}

/** Counts the bytes of the chunks passing through into `progress`. */
export async function* counted(chunks: AsyncIterable<Uint8Array | string>, progress: Progress): AsyncGenerator<Uint8Array | string> {
  for await (const c of chunks) {
    progress.advance(typeof c === 'string' ? Buffer.byteLength(c) : c.byteLength);
    yield c;
  }
}

/** 1536 → "1.5 KiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(n)} B` : `${n.toFixed(1)} ${units[u]}`;
}
