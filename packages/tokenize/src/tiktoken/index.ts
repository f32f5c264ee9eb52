/**
 * OpenAI's BPE encodings (gpt2 … o200k_base), id-for-id with tiktoken.
 * Data comes from the installed `tiktoken` package; this folder imports nothing from other folders
 * of the package except `../errors`.
 */
import { Encoding } from './encoding.js';
import { encodingNameForModel, loadEncodingData, type EncodingName } from './registry.js';

export { Encoding, type EncodeOptions } from './encoding.js';
export { ENCODING_NAMES, encodingNameForModel, type EncodingName } from './registry.js';

const loaded = new Map<EncodingName, Encoding>();

/**
 * The encoding called `name`, loaded on first use and shared afterwards (encodings are immutable).
 * Throws `UnknownNameError` listing the known names.
 * @example getEncoding('cl100k_base').encode('hello world') // Uint32Array [15339, 1917]
 */
export function getEncoding(name: EncodingName): Encoding {
  let enc = loaded.get(name);
  if (!enc) {
    enc = new Encoding(loadEncodingData(name));
    loaded.set(name, enc);
  }
  return enc;
}

/**
 * The encoding a model uses, by exact name (`gpt-4o`, `gpt-3.5-turbo`, `text-davinci-003`, …) or by a
 * known prefix (`gpt-4o-2024-05-13`, `ft:gpt-4o-mini:…`), as tiktoken's `encoding_for_model`.
 */
export function encodingForModel(model: string): Encoding {
  return getEncoding(encodingNameForModel(model));
}
