/**
 * The progress bar `tok` draws on stderr (never stdout) while it reads big regular files: bytes done,
 * rate and ETA. Shown only when stderr is a terminal and the total size is known and worth it;
 * cli-progress is loaded only then, so ordinary runs do not pay for it.
 */
import type { Writable } from 'node:stream';

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
 * A bar for `totalBytes` of input on `stream`, or a no-op when the bar is off, the size is unknown
 * (a pipe) or small.
 */
export async function startProgress(stream: Writable, totalBytes: number | undefined, enabled: boolean): Promise<Progress> {
  if (!enabled || totalBytes === undefined || totalBytes < PROGRESS_MIN_BYTES) return NO_PROGRESS;
  const { SingleBar } = await import('cli-progress');
  const bar = new SingleBar({
    stream,
    format: '{bar} {percentage}% | {done} / {size} | {rate}/s | ETA {eta_formatted}',
    barsize: 30,
    // The cursor stays visible: a bar hidden by Ctrl-C would otherwise leave the terminal without one.
    clearOnComplete: true,
    etaBuffer: 50,
    fps: 5,
  });
  const started = performance.now();
  let done = 0;
  const payload = () => {
    const seconds = (performance.now() - started) / 1000;
    return { done: formatBytes(done), size: formatBytes(totalBytes), rate: formatBytes(seconds > 0 ? done / seconds : 0) };
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
