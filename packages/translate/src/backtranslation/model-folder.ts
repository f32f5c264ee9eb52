/**
 * The model folder `trainUnsupervised` results are saved in (and `translate run` reads):
 *
 *   config.json              format, languages, decoder settings, training history
 *   source-target.phrases    Moses-format phrase table, source → target
 *   target-source.phrases    target → source
 *   source.arpa, target.arpa the LMs of the two languages (ARPA, as lmplz writes them)
 *
 * Saving is atomic for the folder as a whole: everything is written into a sibling temporary folder, which
 * then replaces the destination in one rename (an existing folder is moved aside first and removed after).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { readArpa, writeArpa, type ArpaModel } from '@nlpkit/lm';
import { ModelFolderError } from '../errors.js';
import { PhraseDecoder, type DecoderOptions } from '../phrase/decoder.js';
import { PhraseTable } from '../phrase/phrase-table.js';

export const MODEL_FORMAT = 'nlpkit-translate-phrase-model';
export const MODEL_VERSION = 1;

export interface ModelConfig {
  readonly format: typeof MODEL_FORMAT;
  readonly version: number;
  /** Language labels (free text, e.g. `en`, `fr`). */
  readonly source: string;
  readonly target: string;
  readonly decoder: DecoderOptions;
  /** Anything the trainer wants to keep (rounds, statistics, data sizes). */
  readonly training?: unknown;
}

export interface PhraseModel {
  readonly config: ModelConfig;
  readonly sourceToTarget: PhraseTable;
  readonly targetToSource: PhraseTable;
  readonly sourceLm: ArpaModel;
  readonly targetLm: ArpaModel;
}

const FILES = {
  config: 'config.json',
  s2t: 'source-target.phrases',
  t2s: 'target-source.phrases',
  srcLm: 'source.arpa',
  tgtLm: 'target.arpa',
} as const;

export async function saveModel(folder: string, model: PhraseModel): Promise<void> {
  const dest = resolve(folder);
  const tmp = await mkdtemp(join(dirname(dest), `.${basename(dest)}.tmp-`));
  await chmod(tmp, 0o755); // mkdtemp makes it 0700; a model folder is as readable as any written file
  try {
    await writeLines(join(tmp, FILES.s2t), model.sourceToTarget.lines());
    await writeLines(join(tmp, FILES.t2s), model.targetToSource.lines());
    await writeArpa(model.sourceLm, join(tmp, FILES.srcLm));
    await writeArpa(model.targetLm, join(tmp, FILES.tgtLm));
    await writeLines(join(tmp, FILES.config), [JSON.stringify(model.config, null, 2) + '\n']);
    let old: string | undefined;
    if (await exists(dest)) {
      old = `${tmp}.old`;
      await rename(dest, old);
    }
    await rename(tmp, dest);
    if (old) await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

export async function loadModel(folder: string): Promise<PhraseModel> {
  let raw: string;
  try {
    raw = await readFile(join(folder, FILES.config), 'utf8');
  } catch {
    throw new ModelFolderError(folder, `no ${FILES.config} (not a model folder written by translate train-unsup?)`);
  }
  let config: ModelConfig;
  try {
    config = JSON.parse(raw) as ModelConfig;
  } catch (err) {
    throw new ModelFolderError(folder, `${FILES.config} is not valid JSON (${(err as Error).message})`);
  }
  if (config.format !== MODEL_FORMAT) throw new ModelFolderError(folder, `${FILES.config} has format ${JSON.stringify(config.format)}, expected ${MODEL_FORMAT}`);
  if (config.version !== MODEL_VERSION) throw new ModelFolderError(folder, `${FILES.config} has version ${config.version}; this reader knows ${MODEL_VERSION}`);
  for (const f of [FILES.s2t, FILES.t2s, FILES.srcLm, FILES.tgtLm]) {
    if (!(await exists(join(folder, f)))) throw new ModelFolderError(folder, `${f} is missing`);
  }
  return {
    config,
    sourceToTarget: await readTable(join(folder, FILES.s2t)),
    targetToSource: await readTable(join(folder, FILES.t2s)),
    sourceLm: await readArpa(join(folder, FILES.srcLm)),
    targetLm: await readArpa(join(folder, FILES.tgtLm)),
  };
}

/** The decoder of one direction of a loaded model (`reverse`: target → source). */
export function modelDecoder(model: PhraseModel, reverse = false, overrides: DecoderOptions = {}): PhraseDecoder {
  const options: DecoderOptions = { ...model.config.decoder, ...overrides, weights: { ...model.config.decoder.weights, ...overrides.weights } };
  return reverse
    ? new PhraseDecoder(model.targetToSource, model.sourceLm, options)
    : new PhraseDecoder(model.sourceToTarget, model.targetLm, options);
}

async function readTable(path: string): Promise<PhraseTable> {
  const lines: string[] = [];
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const l of rl) lines.push(l);
  return PhraseTable.parse(lines, path);
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const l of lines) if (!out.write(l)) await new Promise<void>((r) => out.once('drain', () => r()));
  out.end();
  await finished(out);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
