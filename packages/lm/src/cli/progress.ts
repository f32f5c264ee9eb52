/**
 * The progress bar `lm` draws on stderr (never stdout) while it reads big inputs: bytes done, rate and
 * ETA. Only when stderr is a terminal and the size is known and worth it; cli-progress loads only then.
 */
import type { Writable } from 'node:stream';

/** Inputs smaller than this finish too fast for a bar to help. */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

export interface Progress {
  advance(bytes: number): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { advance() {}, stop() {} };

/** A bar over `totalBytes`, or a no-op when off, unknown (a pipe) or small. */
export async function startProgress(stream: Writable, totalBytes: number | undefined, enabled: boolean, label: string): Promise<Progress> {
  if (!enabled || totalBytes === undefined || totalBytes < PROGRESS_MIN_BYTES) return NO_PROGRESS;
  const { SingleBar } = await import('cli-progress');
  const bar = new SingleBar({
    stream,
    format: `${label} {bar} {percentage}% | {done} / {size} MiB | {rate} MiB/s | ETA {eta_formatted}`,
    barsize: 30,
    clearOnComplete: true,
    etaBuffer: 50,
    fps: 5,
  });
  const started = performance.now();
  let done = 0;
  const mib = (n: number) => (n / 1048576).toFixed(1);
  const payload = () => ({ done: mib(done), size: mib(totalBytes), rate: mib(done / Math.max((performance.now() - started) / 1000, 1e-3)) });
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

/** Counts the bytes of the chunks passing through, for the bar. */
export async function* counted(chunks: AsyncIterable<Uint8Array | string>, progress: Progress): AsyncGenerator<Uint8Array | string> {
  for await (const c of chunks) {
    progress.advance(typeof c === 'string' ? Buffer.byteLength(c) : c.byteLength);
    yield c;
  }
}
