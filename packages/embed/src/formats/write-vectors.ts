/**
 * `writeVectors`: `KeyedVectors` to a word2vec binary/text or fastText `.vec` file, streamed in batches to
 * a temporary file beside the target and renamed over it, so a reader never sees half a file and a
 * failed write leaves nothing behind. Text values are numpy's float32 repr (what gensim writes), which
 * reads back to the very same float32.
 */
import { VectorFileError } from '../errors.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import { writeAtomically } from '@nlpkit/tokenize';
import { float32Text } from './float-text.js';
import { formatFromPath, type VectorFormat } from './vector-format.js';

export interface WriteVectorsOptions {
  /** Default: from the extension (`formatFromPath`), else 'word2vec-binary'. */
  format?: VectorFormat;
}

const BATCH_BYTES = 1 << 20;

/**
 * Writes `kv` to `path` atomically.
 * @example await writeVectors('vectors.bin', kv);   // word2vec C's binary layout
 */
export async function writeVectors(path: string, kv: KeyedVectors, options: WriteVectorsOptions = {}): Promise<void> {
  const format = options.format ?? formatFromPath(path) ?? 'word2vec-binary';
  const { words, dim, vectors } = kv;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.length === 0 || /[ \n]/.test(w)) {
      throw new VectorFileError(path, `word #${i + 1} ${JSON.stringify(w)} cannot be written: words must be non-empty and hold no space or newline`);
    }
  }
  const binary = format === 'word2vec-binary';
  const tail = format === 'fasttext-vec' ? ' \n' : '\n';
  await writeAtomically(path, async (fh) => {
    const parts: Uint8Array[] = [Buffer.from(`${words.length} ${dim}\n`, 'utf8')];
    let pending = parts[0].length;
    const flush = async () => {
      await fh.writev(parts.splice(0));
      pending = 0;
    };
    for (let i = 0; i < words.length; i++) {
      const row = vectors.subarray(i * dim, (i + 1) * dim);
      let chunk: Buffer;
      if (binary) {
        const word = Buffer.from(`${words[i]} `, 'utf8');
        chunk = Buffer.allocUnsafe(word.length + 4 * dim + 1);
        word.copy(chunk);
        if (littleEndian) Buffer.from(row.buffer, row.byteOffset, row.byteLength).copy(chunk, word.length);
        else for (let k = 0; k < dim; k++) chunk.writeFloatLE(row[k], word.length + 4 * k);
        chunk[chunk.length - 1] = 0x0a;
      } else {
        let line = words[i];
        for (let k = 0; k < dim; k++) line += ' ' + float32Text(row[k]);
        chunk = Buffer.from(line + tail, 'utf8');
      }
      parts.push(chunk);
      pending += chunk.length;
      if (pending >= BATCH_BYTES) await flush();
    }
    await flush();
  });
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
