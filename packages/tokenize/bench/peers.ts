/**
 * The tokenizers compared in the benchmarks, behind one small interface: ours (`@nlpkit/tokenize`),
 * `tiktoken` (OpenAI's Rust core compiled to wasm, the reference), `js-tiktoken` (pure JS port) and
 * `gpt-tokenizer` (pure JS, with a merge cache). Each adapter calls the library the way its README
 * shows; ids stay in the library's own array type so no conversion is timed.
 */
import { getEncoding as nlpkitEncoding } from '@nlpkit/tokenize';
import { get_encoding, type Tiktoken as WasmTiktoken } from 'tiktoken';
import { Tiktoken as JsTiktoken } from 'js-tiktoken/lite';
import type { GptEncoding } from 'gpt-tokenizer/GptEncoding';

export const PEER_NAMES = ['nlpkit', 'tiktoken', 'js-tiktoken', 'gpt-tokenizer'] as const;
export type PeerName = (typeof PEER_NAMES)[number];
export type BenchEncoding = 'r50k_base' | 'p50k_base' | 'cl100k_base' | 'o200k_base';

export interface Peer {
  readonly name: PeerName;
  /** `encode` with the library's defaults (special-token text is an error in all four). */
  encode(text: string): ArrayLike<number>;
  /** Special-token text encoded as ordinary text. */
  encodeOrdinary(text: string): ArrayLike<number>;
  /** Decodes ids as returned by this peer's `encode` to a string. */
  decode(ids: ArrayLike<number>): string;
  /** Number of tokens of `encode(text)`, by the library's cheapest means. */
  count(text: string): number;
  /** True when the library has no count of its own and `count` is `encode(text).length`. */
  readonly countIsEncode: boolean;
  /** Releases wasm memory (tiktoken only). */
  free(): void;
}

/** Loads `name` in every library; tiktoken's instance must be freed with `free()`. */
export async function loadPeers(name: BenchEncoding): Promise<Peer[]> {
  return Promise.all(PEER_NAMES.map((peer) => loadPeer(peer, name)));
}

export async function loadPeer(peer: PeerName, name: BenchEncoding): Promise<Peer> {
  switch (peer) {
    case 'nlpkit':
      return nlpkitPeer(name);
    case 'tiktoken':
      return tiktokenPeer(get_encoding(name));
    case 'js-tiktoken': {
      const ranks = (await import(`js-tiktoken/ranks/${name}`)) as { default: ConstructorParameters<typeof JsTiktoken>[0] };
      return jsTiktokenPeer(new JsTiktoken(ranks.default));
    }
    case 'gpt-tokenizer': {
      const mod = (await import(`gpt-tokenizer/encoding/${name}`)) as { default: GptEncoding };
      return gptTokenizerPeer(mod.default);
    }
  }
}

function nlpkitPeer(name: BenchEncoding): Peer {
  const enc = nlpkitEncoding(name);
  return {
    name: 'nlpkit',
    encode: (text) => enc.encode(text),
    encodeOrdinary: (text) => enc.encodeOrdinary(text),
    decode: (ids) => enc.decode(ids),
    count: (text) => enc.count(text),
    countIsEncode: false,
    free: () => undefined,
  };
}

function tiktokenPeer(tk: WasmTiktoken): Peer {
  // tiktoken's Python decode is bytes.decode("utf-8", errors="replace"), which keeps a leading U+FEFF.
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  return {
    name: 'tiktoken',
    encode: (text) => tk.encode(text),
    encodeOrdinary: (text) => tk.encode_ordinary(text),
    decode: (ids) => utf8.decode(tk.decode(ids as Uint32Array)),
    count: (text) => tk.encode(text).length,
    countIsEncode: true,
    free: () => tk.free(),
  };
}

function jsTiktokenPeer(enc: JsTiktoken): Peer {
  return {
    name: 'js-tiktoken',
    encode: (text) => enc.encode(text),
    encodeOrdinary: (text) => enc.encode(text, [], []),
    decode: (ids) => enc.decode(ids as number[]),
    count: (text) => enc.encode(text).length,
    countIsEncode: true,
    free: () => undefined,
  };
}

function gptTokenizerPeer(enc: GptEncoding): Peer {
  const ordinary = { disallowedSpecial: new Set<string>() };
  return {
    name: 'gpt-tokenizer',
    encode: (text) => enc.encode(text),
    encodeOrdinary: (text) => enc.encode(text, ordinary),
    decode: (ids) => enc.decode(ids as number[]),
    count: (text) => enc.countTokens(text),
    countIsEncode: false,
    free: () => undefined,
  };
}
