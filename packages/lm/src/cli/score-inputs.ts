/**
 * What `lm query` and `lm ppl` share: load the ARPA model, then stream every input line through
 * KenLM's scoring (`Query`), handing each batch of lines (bytes) to the caller.
 */
import { Query, readArpa } from '../arpa/index.js';
import { byteLineBatches } from '../arpa/text-lines.js';
import { resolveSources, type CliIo } from './io.js';
import { requireArpa } from './model-kind.js';

export interface ScoreFlags {
  sentenceContext: boolean;
}

/** Scores the lines of `files` (stdin when none) with the model at `modelPath`; returns the `Query` for its summary. */
export async function scoreInputs(
  io: CliIo,
  modelPath: string,
  files: readonly string[],
  flags: ScoreFlags,
  onBatch: (query: Query, lines: Buffer) => Promise<boolean | void>,
): Promise<Query> {
  // Inputs are checked before the (possibly slow) model load, so a typo fails at once.
  const sources = await resolveSources(io, files);
  await requireArpa(modelPath, 'lm query');
  const model = await readArpa(modelPath);
  const query = new Query(model, { sentenceContext: flags.sentenceContext });
  for (const source of sources) {
    // Bytes, not decoded lines: `Query` splits them and looks words up in UTF-8 (`queryBytes`, `addBytes`).
    for await (const batch of byteLineBatches(source.open())) {
      if ((await onBatch(query, batch)) === false) return query;
    }
  }
  return query;
}

export const SCORE_HELP = `
Each input line is a sentence: words split on ASCII whitespace, scored after <s> with </s> at the end
(-n/--no-sentence-context: neither), exactly as KenLM's query: OOV words get p(<unk>) and count as OOVs,
line totals are summed in float32. The model may be gzipped.

Exit status: 0 ok, 1 bad input (malformed ARPA: file, line and reason; unreadable file), 2 bad usage.`;
