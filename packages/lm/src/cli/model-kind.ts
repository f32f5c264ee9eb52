/**
 * Which kind of model a path holds: an nlpkit n-gram model file (`lm train --smoothing laplace|lidstone`,
 * scored as NLTK does) or anything else, read as ARPA (plain or gzip). Told by the file's first bytes.
 */
import { open } from 'node:fs/promises';
import { InvalidOptionError } from '../errors.js';
import { isNgramModelFile } from '../ngram/model-file.js';

export async function isNgramModelPath(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(32);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return isNgramModelFile(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** Refuses an nlpkit n-gram model where a command reads ARPA models only (`what`: the command). */
export async function requireArpa(path: string, what: string): Promise<void> {
  if (await isNgramModelPath(path)) {
    throw new InvalidOptionError('<model>', path, `an ARPA model: ${what} reads ARPA files, and this is an nlpkit n-gram model (lm ppl scores it)`);
  }
}
