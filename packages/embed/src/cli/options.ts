/**
 * Flag parsing shared by the subcommands: integers and numbers with their flag named in errors, and
 * the options every command that reads a vector file has (--format, --limit, --unicode-errors).
 */
import { open } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { InvalidOptionError } from '../errors.js';
import { FASTTEXT_MAGIC, FastTextModel } from '../fasttext/index.js';
import { readVectors, VECTOR_FORMATS, type VectorFormat } from '../formats/index.js';
import { KeyedVectors } from '../vectors/index.js';

/** `text` as an integer in [min, max], or an InvalidOptionError naming `flag`. */
export function integerFlag(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new InvalidOptionError(flag, text, `an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`);
  return n;
}

/** `text` as a number in [min, max]. */
export function numberFlag(flag: string, text: string, min: number, max = Infinity): number {
  const n = text.trim() === '' ? NaN : Number(text);
  if (!(n >= min && n <= max)) throw new InvalidOptionError(flag, text, `a number from ${min}${max === Infinity ? ' up' : ` to ${max}`}`);
  return n;
}

export interface VectorFileFlags {
  format?: VectorFormat;
  limit?: string;
  unicodeErrors: 'strict' | 'replace' | 'ignore';
}

/** Adds --format, --limit and --unicode-errors for reading a vector file. */
export function addVectorFileOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'format of the vector file (default: from its extension, else sniffed)').choices(VECTOR_FORMATS))
    .option('--limit <n>', 'read only the first n words of the vector file (the most frequent, in trained files)')
    .addOption(
      new Option('--unicode-errors <mode>', 'words that are not UTF-8: strict = error, replace = U+FFFD, ignore = drop the bytes')
        .choices(['strict', 'replace', 'ignore'])
        .default('strict'),
    );
}

/** Reads the vector file `path` as the flags say (a fastText `.bin` model gives its vocabulary's vectors). */
export async function loadVectors(path: string, flags: VectorFileFlags): Promise<KeyedVectors> {
  return (await loadModel(path, flags)).kv;
}

/**
 * A vector file, or a fastText `.bin` model (recognised by its magic number, whatever its extension,
 * unless --format says otherwise): then `model` is set too, which gives vectors to unknown words.
 */
export async function loadModel(path: string, flags: VectorFileFlags): Promise<{ kv: KeyedVectors; model?: FastTextModel }> {
  if (flags.format === undefined && (await hasFastTextMagic(path))) {
    const model = await FastTextModel.load(path);
    let kv = model.toKeyedVectors();
    if (flags.limit !== undefined) {
      const n = Math.min(kv.size, integerFlag('--limit', flags.limit, 1));
      kv = new KeyedVectors(kv.words.slice(0, n), kv.vectors.slice(0, n * kv.dim), kv.dim, { counts: kv.counts?.subarray(0, n) });
    }
    return { kv, model };
  }
  return { kv: await readVectorFile(path, flags) };
}

async function hasFastTextMagic(path: string): Promise<boolean> {
  const fh = await open(path, 'r').catch(() => undefined);
  if (!fh) return false; // readVectors reports the missing file
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readInt32LE(0) === FASTTEXT_MAGIC;
  } finally {
    await fh.close();
  }
}

async function readVectorFile(path: string, flags: VectorFileFlags): Promise<KeyedVectors> {
  return readVectors(path, {
    format: flags.format,
    limit: flags.limit === undefined ? undefined : integerFlag('--limit', flags.limit, 1),
    unicodeErrors: flags.unicodeErrors,
  });
}
