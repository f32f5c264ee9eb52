/**
 * Reads fastText's `.bin` model (`FastText::loadModel`, fastText 0.9.2): magic 793712314, version (11 or
 * 12), `Args`, the dictionary (entries as NUL-terminated bytes + int64 count + int8 type, then the pruned
 * n-gram index), a quantization flag, the input matrix (int64 rows, int64 cols, float32 row-major), the
 * `qout` flag and the output matrix. Little-endian, as fastText writes on x86/ARM (big-endian hosts are not supported). The header and the
 * dictionary stream through a 1 MiB buffer; each matrix is read straight into its Float32Array.
 */
import { FastTextModelError } from '../errors.js';
import { ByteReader } from '../formats/byte-reader.js';
import { LOSS_CODES, MODEL_CODES, type FastTextArgs } from './args.js';
import { FastTextDictionary } from './dictionary.js';

export const FASTTEXT_MAGIC = 793712314;
export const FASTTEXT_VERSION = 12;

/** What a `.bin` holds, before it becomes a `FastTextModel`. */
export interface FastTextBinData {
  version: number;
  args: FastTextArgs;
  dictionary: FastTextDictionary;
  /** (nwords + bucket) × dim, row-major. */
  input: Float32Array;
  /** outputRows × dim: nwords rows for ns/hs/softmax, nlabels for supervised models. */
  output: Float32Array;
  outputRows: number;
}

class BinCursor {
  constructor(
    readonly file: string,
    readonly r: ByteReader,
  ) {}

  fail(reason: string, at = this.r.offset): never {
    throw new FastTextModelError(this.file, reason, at);
  }

  async need(n: number, what: string): Promise<void> {
    if (!(await this.r.ensure(n))) this.fail(`the file ends inside ${what} (truncated)`);
  }

  async int32(what: string): Promise<number> {
    await this.need(4, what);
    const v = this.r.buffer.readInt32LE(this.r.pos);
    this.r.pos += 4;
    return v;
  }

  async int64(what: string): Promise<number> {
    await this.need(8, what);
    const v = this.r.buffer.readBigInt64LE(this.r.pos);
    this.r.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`${what} ${v} is out of range`, this.r.offset - 8);
    return Number(v);
  }

  async float64(what: string): Promise<number> {
    await this.need(8, what);
    const v = this.r.buffer.readDoubleLE(this.r.pos);
    this.r.pos += 8;
    return v;
  }

  async uint8(what: string): Promise<number> {
    await this.need(1, what);
    return this.r.buffer[this.r.pos++];
  }

  /** Bytes up to the next NUL (consumed, not returned). */
  async cstring(what: string): Promise<Uint8Array> {
    const end = await this.r.find(0, 1 << 20);
    if (end === -1) this.fail(`the file ends inside ${what} (truncated)`);
    if (end === -2) this.fail(`${what} has no terminating NUL within 1 MiB (corrupt dictionary)`);
    const bytes = Uint8Array.prototype.slice.call(this.r.buffer, this.r.pos, end);
    this.r.pos = end + 1;
    return bytes;
  }

  /** A DenseMatrix: int64 rows, int64 cols, then rows × cols float32. */
  async matrix(what: string, dim: number): Promise<{ rows: number; data: Float32Array }> {
    const at = this.r.offset;
    const rows = await this.int64(`the ${what} matrix's row count`);
    const cols = await this.int64(`the ${what} matrix's column count`);
    if (cols !== dim) this.fail(`the ${what} matrix has ${cols} columns, but the model's dim is ${dim}`, at + 8);
    if (rows < 0 || rows * cols > 2 ** 32) this.fail(`the ${what} matrix has an impossible size ${rows} × ${cols}`, at);
    const data = new Float32Array(rows * cols);
    const bytes = new Uint8Array(data.buffer);
    let done = 0;
    while (done < bytes.length) {
      if (this.r.available === 0 && !(await this.r.fill())) {
        this.fail(`the file ends inside the ${what} matrix (${rows} × ${cols} floats expected, truncated)`);
      }
      const n = Math.min(this.r.available, bytes.length - done);
      bytes.set(this.r.buffer.subarray(this.r.pos, this.r.pos + n), done);
      this.r.pos += n;
      done += n;
    }
    return { rows, data };
  }
}

/** Reads the `.bin` at `path`. Throws `FastTextModelError` (with the byte offset) for anything fastText would not load. */
export async function readFastTextBin(path: string): Promise<FastTextBinData> {
  const r = await ByteReader.open(path);
  try {
    const c = new BinCursor(path, r);
    const magic = await c.int32('the magic number');
    if (magic !== FASTTEXT_MAGIC) {
      c.fail(`not a fastText model: magic number ${magic}, expected ${FASTTEXT_MAGIC} (a .vec or word2vec file? use readVectors)`, 0);
    }
    const version = await c.int32('the version');
    if (version !== 11 && version !== FASTTEXT_VERSION) {
      c.fail(`unsupported fastText model version ${version} (fastText 0.9.2 writes 12 and reads 11 and 12)`, 4);
    }
    const args = await readArgs(c);
    if (version === 11 && args.model === 'sup') args.maxn = 0; // fastText: old supervised models have no char n-grams

    const size = await c.int32('the dictionary size');
    const nwords = await c.int32('the word count');
    const nlabels = await c.int32('the label count');
    const ntokens = await c.int64('the token count');
    const pruneidxSize = await c.int64('the pruned index size');
    if (size < 0 || nwords < 0 || nlabels < 0 || nwords + nlabels !== size) {
      c.fail(`inconsistent dictionary sizes: size ${size}, nwords ${nwords}, nlabels ${nlabels}`, 28 + 13 * 4);
    }
    const bytes: Uint8Array[] = new Array(size);
    const counts = new Float64Array(size);
    const types = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      bytes[i] = await c.cstring(`dictionary entry #${i}`);
      counts[i] = await c.int64(`the count of dictionary entry #${i}`);
      types[i] = await c.uint8(`the type of dictionary entry #${i}`);
      if (types[i] > 1) c.fail(`dictionary entry #${i} has type ${types[i]} (0 word, 1 label expected)`, r.offset - 1);
      if ((types[i] === 0) !== (i < nwords)) c.fail(`dictionary entry #${i} is out of order: words must come before labels`, r.offset - 1);
    }
    for (let i = 0; i < pruneidxSize; i++) {
      await c.int32('the pruned index');
      await c.int32('the pruned index');
    }
    const quantAt = r.offset;
    const quantInput = await c.uint8('the quantization flag');
    if (quantInput !== 0) {
      c.fail('quantized models (.ftz, `fasttext quantize`) are not supported: use the unquantized .bin', quantAt);
    }
    if (pruneidxSize >= 0) c.fail('a pruned dictionary in an unquantized model: fastText refuses this file too (re-download or retrain it)', quantAt);
    const dictionary = new FastTextDictionary({ bytes, counts, types, ntokens }, args);
    const input = await c.matrix('input', args.dim);
    if (input.rows !== nwords + args.bucket) {
      c.fail(`the input matrix has ${input.rows} rows, expected nwords + bucket = ${nwords + args.bucket}`, quantAt + 1);
    }
    await c.uint8('the qout flag');
    const output = await c.matrix('output', args.dim);
    return { version, args, dictionary, input: input.data, output: output.data, outputRows: output.rows };
  } finally {
    await r.close();
  }
}

async function readArgs(c: BinCursor): Promise<FastTextArgs> {
  const int = (name: string) => c.int32(`args.${name}`);
  const dim = await int('dim');
  const ws = await int('ws');
  const epoch = await int('epoch');
  const minCount = await int('minCount');
  const neg = await int('neg');
  const wordNgrams = await int('wordNgrams');
  const lossAt = c.r.offset;
  const loss = LOSS_CODES[await int('loss')];
  if (loss === undefined) c.fail('args.loss is not one of hs(1), ns(2), softmax(3), ova(4)', lossAt);
  const model = MODEL_CODES[await int('model')];
  if (model === undefined) c.fail('args.model is not one of cbow(1), sg(2), sup(3)', lossAt + 4);
  const bucket = await int('bucket');
  const minn = await int('minn');
  const maxn = await int('maxn');
  const lrUpdateRate = await int('lrUpdateRate');
  const t = await c.float64('args.t');
  if (dim < 1 || bucket < 0 || minn < 0 || maxn < 0) c.fail(`invalid args: dim ${dim}, bucket ${bucket}, minn ${minn}, maxn ${maxn}`, 8);
  return { dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn, lrUpdateRate, t };
}
