/**
 * `writeFileAtomic`: writes a file whole or not at all. The text goes to a temporary file beside the
 * target, which is then renamed over it (atomic on POSIX within one file system), so readers never
 * see half a vocabulary and a failed write leaves neither a partial target nor the temporary file.
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` as UTF-8 to `path` through a temporary file and a rename.
 * @example await writeFileAtomic('vocab.txt', vocab.toText());
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { encoding: 'utf8', flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
