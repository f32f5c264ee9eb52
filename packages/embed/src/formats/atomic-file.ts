/**
 * Whole-or-nothing file writes: the content goes to a temporary file beside the target (same file
 * system), which is renamed over the target only once complete. A failure removes the temporary file
 * and leaves any previous target untouched. (`@nlpkit/tokenize` has the same for one string, but does
 * not export it; vector files are also too big to build as one string.)
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Runs `write` on a fresh temporary file, then renames it to `path`. */
export async function writeAtomically(path: string, write: (fh: FileHandle) => Promise<void>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx');
  let closed = false;
  try {
    await write(fh);
    closed = true;
    await fh.close();
    await rename(tmp, path);
  } catch (err) {
    if (!closed) await fh.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Writes `data` (a string is UTF-8) to `path` atomically. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await writeAtomically(path, async (fh) => {
    await fh.writeFile(data);
  });
}
