/**
 * Whole-or-nothing file writes: the content goes to a temporary file beside the target (same file system),
 * which is renamed over it only once complete (atomic on POSIX), so readers never see half a file and a
 * failed write leaves neither a partial target nor the temporary file. Shared by the packages that write
 * vocabularies, vector files and models.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Runs `write` on a fresh temporary file beside `path`, then renames it to `path` (for content written in
 * pieces, e.g. multi-GB vector files).
 * @example await writeAtomically('vectors.bin', async (fh) => { await fh.write(header); … });
 */
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

/**
 * Writes `data` (a string is UTF-8) to `path` through a temporary file and a rename.
 * @example await writeFileAtomic('vocab.txt', vocab.toText());
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await writeAtomically(path, async (fh) => {
    await fh.writeFile(data);
  });
}
