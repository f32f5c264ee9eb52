/**
 * The progress bar `tok` draws on stderr (never stdout) while it reads big regular files: bytes done,
 * rate and ETA. Shown only when stderr is a terminal and the total size is known and worth it
 * (`PROGRESS_MIN_BYTES`); the bar is @nlpkit/kit's, which loads cli-progress only then.
 */
import type { Writable } from 'node:stream';
import { startByteProgress, type Progress } from '@nlpkit/kit/progress';

export { formatBytes, PROGRESS_MIN_BYTES, type Progress } from '@nlpkit/kit/progress';

/**
 * A bar for `totalBytes` of input on `stream`, or a no-op when the bar is off, the size is unknown
 * (a pipe) or small.
 */
export function startProgress(stream: Writable, totalBytes: number | undefined, enabled: boolean): Promise<Progress> {
  return startByteProgress(stream, totalBytes, enabled);
}
