/**
 * `LineWriter`: streamed output with backpressure. It waits for 'drain' whenever the stream's buffer is
 * full, so a slow reader downstream slows the command down instead of filling its memory, and it turns
 * EPIPE (the reader went away: `tok encode < big | head -1`) into a quiet stop instead of a crash.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export class LineWriter {
  private stopped = false;
  private failure: Error | undefined;
  private readonly wake = new AbortController();
  /** Settles when the last write has been handed to the OS (or failed). */
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(private readonly stream: Writable) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') this.stopped = true;
      else this.failure ??= err;
      this.wake.abort(); // releases a `write` waiting for 'drain' that will never come
    });
  }

  /** True once nobody reads the output any more: callers stop producing it. */
  get closed(): boolean {
    return this.stopped;
  }

  /** Writes `text` (usually many whole lines; a string or UTF-8 bytes); resolves once the stream can take more. */
  async write(text: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stopped || text.length === 0) return;
    let accepted = true;
    this.lastWrite = new Promise<void>((resolve) => {
      accepted = this.stream.write(text, () => resolve());
    });
    if (!accepted) {
      try {
        await once(this.stream, 'drain', { signal: this.wake.signal });
      } catch (err) {
        if (!this.wake.signal.aborted) throw err;
      }
    }
    if (this.failure) throw this.failure;
  }

  /**
   * Resolves once everything written has reached the OS, so an error in the last write (a full disk)
   * still becomes a non-zero exit code; resolves quietly if the reader went away.
   */
  async flush(): Promise<void> {
    if (!this.stopped && !this.failure) {
      // A write's callback runs even when the stream fails, so this settles; the race covers a stream
      // destroyed by someone else.
      const woken = new Promise<void>((resolve) => this.wake.signal.addEventListener('abort', () => resolve(), { once: true }));
      await Promise.race([this.lastWrite, woken]);
    }
    if (this.failure) throw this.failure;
  }
}
