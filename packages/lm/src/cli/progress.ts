/**
 * The progress bar `lm` draws on stderr (never stdout) while it reads big inputs: bytes done, rate and
 * ETA in MiB. Only when stderr is a terminal and the size is known and worth it; the bar is
 * @nlpkit/kit's, which loads cli-progress only then.
 */
import type { Writable } from 'node:stream';
import { startByteProgress, type Progress } from '@nlpkit/kit/progress';

export { counted, PROGRESS_MIN_BYTES, type Progress } from '@nlpkit/kit/progress';

const mib = (n: number): string => (n / 1048576).toFixed(1);

/** A bar over `totalBytes`, or a no-op when off, unknown (a pipe) or small. */
export function startProgress(stream: Writable, totalBytes: number | undefined, enabled: boolean, label: string): Promise<Progress> {
  return startByteProgress(stream, totalBytes, enabled, { label, format: mib, unit: ' MiB' });
}
