/**
 * Writes a `FastTextModel` as fastText 0.9.2's `.bin` (version 12, unquantized, no pruned index), the
 * layout `bin-reader.ts` reads; `fasttext` loads it. Written to a temporary file and renamed.
 */
import { writeAtomically } from '@nlpkit/tokenize';
import { LOSS_CODES, MODEL_CODES, type FastTextArgs } from './args.js';
import { FASTTEXT_MAGIC, FASTTEXT_VERSION } from './bin-reader.js';
import type { FastTextDictionary } from './dictionary.js';

const CHUNK_FLOATS = 1 << 20;

export async function writeFastTextBin(
  path: string,
  args: FastTextArgs,
  dict: FastTextDictionary,
  input: Float32Array,
  output: Float32Array,
  outputRows: number,
): Promise<void> {
  const head = Buffer.alloc(8 + 12 * 4 + 8 + 4 * 3 + 8 * 2);
  let o = 0;
  const i32 = (v: number) => (o = head.writeInt32LE(v, o));
  i32(FASTTEXT_MAGIC);
  i32(FASTTEXT_VERSION);
  for (const v of [args.dim, args.ws, args.epoch, args.minCount, args.neg, args.wordNgrams]) i32(v);
  i32(LOSS_CODES.indexOf(args.loss));
  i32(MODEL_CODES.indexOf(args.model));
  for (const v of [args.bucket, args.minn, args.maxn, args.lrUpdateRate]) i32(v);
  o = head.writeDoubleLE(args.t, o);
  i32(dict.size);
  i32(dict.nwords);
  i32(dict.nlabels);
  o = head.writeBigInt64LE(BigInt(dict.ntokens), o);
  o = head.writeBigInt64LE(-1n, o); // pruneidx_size_: -1 = not pruned

  await writeAtomically(path, async (fh) => {
    await fh.write(head, 0, o);
    const parts: Buffer[] = [];
    let pending = 0;
    for (let i = 0; i < dict.size; i++) {
      const e = Buffer.allocUnsafe(dict.bytes[i].length + 10);
      e.set(dict.bytes[i]);
      let p = dict.bytes[i].length;
      e[p++] = 0;
      p = e.writeBigInt64LE(BigInt(dict.counts[i]), p);
      e[p] = dict.types[i];
      parts.push(e);
      pending += e.length;
      if (pending > 1 << 20) {
        await fh.writev(parts.splice(0));
        pending = 0;
      }
    }
    await fh.writev(parts.splice(0));
    const writeMatrix = async (flag: number, data: Float32Array, rows: number): Promise<void> => {
      const h = Buffer.alloc(17);
      h[0] = flag;
      h.writeBigInt64LE(BigInt(rows), 1);
      h.writeBigInt64LE(BigInt(args.dim), 9);
      await fh.write(h);
      for (let k = 0; k < data.length; k += CHUNK_FLOATS) {
        const part = data.subarray(k, Math.min(data.length, k + CHUNK_FLOATS));
        await fh.write(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
      }
    };
    await writeMatrix(0, input, input.length / args.dim); // quant_input = false
    await writeMatrix(0, output, outputRows); // qout = false
  });
}
