/**
 * SentencePiece's compiled normalization rules (`precompiled_charsmap`, as in T5/ALBERT/XLNet files): a
 * darts-clone double-array trie over UTF-8 keys whose values index a blob of NUL-terminated replacements.
 * Layout: u32 little-endian trie size in bytes, the trie's u32 units, then the replacement blob.
 *
 * Rust applies it per grapheme cluster (when the cluster is under 6 UTF-8 bytes), else per character,
 * and — surprisingly — uses the *shortest* key that prefixes the chunk, replacing the whole chunk.
 */
import type { JsonReader } from '../json-reader.js';
import type { NormalizedString } from '../normalized-string.js';
import type { JsonObject, Normalizer } from '../stages.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export class PrecompiledNormalizer implements Normalizer {
  private readonly units: Uint32Array;
  private readonly blob: Uint8Array;
  private readonly cache = new Map<string, string | null>();
  private segmenter: Intl.Segmenter | null = null;

  constructor(readonly charsmap: Uint8Array) {
    if (charsmap.length < 4) throw new Error('precompiled_charsmap is too short');
    const view = new DataView(charsmap.buffer, charsmap.byteOffset, charsmap.byteLength);
    const trieSize = view.getUint32(0, true);
    if (trieSize % 4 !== 0 || 4 + trieSize > charsmap.length) throw new Error(`precompiled_charsmap has a bad trie size ${trieSize}`);
    this.units = new Uint32Array(trieSize / 4);
    for (let i = 0; i < this.units.length; i++) this.units[i] = view.getUint32(4 + 4 * i, true);
    this.blob = charsmap.subarray(4 + trieSize);
    // Rust requires the blob to be valid UTF-8.
    decoder.decode(this.blob);
  }

  static fromJSON(reader: JsonReader): PrecompiledNormalizer {
    const raw = reader.raw('precompiled_charsmap');
    let bytes: Uint8Array;
    if (typeof raw === 'string') bytes = new Uint8Array(Buffer.from(raw, 'base64'));
    else if (Array.isArray(raw) && raw.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b < 256)) bytes = Uint8Array.from(raw as number[]);
    else return reader.fail('precompiled_charsmap', 'expected a base64 string (or an array of bytes)');
    try {
      return new PrecompiledNormalizer(bytes);
    } catch (e) {
      return reader.fail('precompiled_charsmap', e instanceof Error ? e.message : String(e));
    }
  }

  /** The replacement for `chunk` (from its shortest prefix in the trie), or null when none applies. */
  transform(chunk: string): string | null {
    const hit = this.cache.get(chunk);
    if (hit !== undefined) return hit;
    const result = this.lookup(encoder.encode(chunk));
    if (this.cache.size < 65536) this.cache.set(chunk, result);
    return result;
  }

  private lookup(key: Uint8Array): string | null {
    const units = this.units;
    if (units.length === 0) return null;
    let pos = offsetOf(units[0]!);
    for (let i = 0; i < key.length; i++) {
      const c = key[i]!;
      if (c === 0) break;
      pos ^= c;
      const unit = units[pos];
      if (unit === undefined || labelOf(unit) !== c) return null;
      pos ^= offsetOf(unit);
      if ((unit >>> 8) & 1) {
        const value = units[pos]! & 0x7fffffff;
        let end = value;
        while (end < this.blob.length && this.blob[end] !== 0) end++;
        return decoder.decode(this.blob.subarray(value, end));
      }
    }
    return null;
  }

  normalize(text: NormalizedString): void {
    const s = text.normalized;
    if (s.length === 0) return;
    const chars: string[] = [];
    const changes: number[] = [];
    let modified = false;
    const apply = (part: string, norm: string): void => {
      modified = true;
      const oldCount = countCodePoints(part);
      const before = chars.length;
      for (const c of norm) {
        chars.push(c);
        changes.push(0);
      }
      const diff = chars.length - before - oldCount;
      if (diff > 0) {
        for (let k = changes.length - diff; k < changes.length; k++) changes[k] = 1;
      } else if (diff < 0 && changes.length > 0) {
        // Possibly the previous chunk's last character when `norm` is empty (as in Rust).
        changes[changes.length - 1]! += diff;
      }
    };
    this.segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (const { segment } of this.segmenter.segment(s)) {
      if (utf8Length(segment) < 6) {
        const norm = this.transform(segment);
        if (norm !== null) {
          apply(segment, norm);
          continue;
        }
      }
      for (const c of segment) {
        const norm = this.transform(c);
        if (norm !== null) apply(c, norm);
        else {
          chars.push(c);
          changes.push(0);
        }
      }
    }
    if (modified) text.transform(chars, changes, 0);
  }

  toJSON(): JsonObject {
    return { type: 'Precompiled', precompiled_charsmap: Buffer.from(this.charsmap).toString('base64') };
  }
}

function offsetOf(unit: number): number {
  return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
}

function labelOf(unit: number): number {
  return unit & 0x800000ff;
}

function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
