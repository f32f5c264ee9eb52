/** Test helper: trains and loads tokenizers with the Rust `tokenizers` npm package (default trainer options). */
import tokenizers from 'tokenizers';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SMALL_CORPUS = fileURLToPath(new URL('./fixtures/corpus-small.txt', import.meta.url));

export interface RustJson {
  model: { vocab: Record<string, number> | Array<[string, number]>; merges?: Array<[string, string]> };
  [key: string]: unknown;
}

/** Rust's `Tokenizer.train(files)`: it ignores trainer options and uses the model's default trainer. */
export function rustTrain(kind: 'bpe' | 'wordpiece', file: string): RustJson {
  const t = tokenizers;
  const tok = new t.Tokenizer(kind === 'bpe' ? t.BPE.empty() : t.WordPiece.empty());
  if (kind === 'bpe') {
    tok.setPreTokenizer(t.byteLevelPreTokenizer(false));
  } else {
    tok.setNormalizer(t.bertNormalizer({ lowercase: true }));
    tok.setPreTokenizer(t.bertPreTokenizer());
  }
  tok.train([file]);
  const dir = mkdtempSync(join(tmpdir(), 'nlpkit-rust-'));
  try {
    tok.save(join(dir, 'tokenizer.json'));
    return JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as RustJson;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Loads a tokenizer.json object in Rust and returns the ids of each text. */
export async function rustEncode(json: object, texts: readonly string[]): Promise<number[][]> {
  const tok = tokenizers.Tokenizer.fromString(JSON.stringify(json));
  const out: number[][] = [];
  for (const text of texts) out.push((await tok.encode(text)).getIds());
  return out;
}

/** Same, returning token strings. */
export async function rustTokens(json: object, texts: readonly string[]): Promise<string[][]> {
  const tok = tokenizers.Tokenizer.fromString(JSON.stringify(json));
  const out: string[][] = [];
  for (const text of texts) out.push((await tok.encode(text)).getTokens());
  return out;
}
