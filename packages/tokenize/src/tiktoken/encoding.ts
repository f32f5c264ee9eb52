/**
 * `Encoding`: a tiktoken-compatible encoder/decoder for one OpenAI encoding.
 *
 * The text is converted to UTF-8 once per call (`TextEncoder.encodeInto`, native), split into pieces
 * by the hand-written scanner of the encoding's pattern family, and each piece becomes one rank when
 * it is a whole token (the common case: one hash lookup) or goes through byte-pair merging.
 *
 * Performance notes (see BENCHMARKS.md for the numbers behind them):
 * - No regex and no per-piece strings: the scanners and the rank table work on byte ranges.
 * - Scratch buffers (UTF-8, output ids, BPE arrays) live on the instance and are reused; `encode` is
 *   synchronous, so one instance can never be in two calls at once.
 * - The special-token check first looks for the tokens' common two-char prefix ("<|"), so text without
 *   it pays one `indexOf`.
 */
import { DisallowedSpecialTokenError, InvalidOptionError, InvalidTokenIdError } from '../errors.js';
import { BpeScratch, bytePairEncode } from './bpe.kernel.js';
import { scanCl100k, scanO200k, scanR50k, type PieceScanner } from './pretokenize.kernel.js';
import type { PatternFamily } from './pretokenize.reference.js';
import { MAX_CACHED_PIECE, PieceCache } from './piece-cache.js';
import { hashBytes, type RankTable } from './rank-table.js';
import type { EncodingData, EncodingName } from './registry.js';

/** How `encode` treats text that spells a special token (tiktoken's semantics and defaults). */
export interface EncodeOptions {
  /** Special tokens to encode as their id when their text appears: `'all'` or a list. Default: none. */
  allowedSpecial?: 'all' | Iterable<string>;
  /**
   * Special tokens whose text makes `encode` throw `DisallowedSpecialTokenError`: `'all'` (the default:
   * every special token not allowed) or a list. Pass `[]` to encode such text as ordinary text.
   */
  disallowedSpecial?: 'all' | Iterable<string>;
}

const SCANNERS: Record<PatternFamily, PieceScanner> = { r50k: scanR50k, cl100k: scanCl100k, o200k: scanO200k };

/** Sequences up to this many ids decode by string concatenation (see `decodeAsStrings`). */
const STRING_DECODE_MAX = 64;

/** Bytes copied per token by `decodeToBuffer` (most tokens are shorter). */
const COPY_WORD = 8;

/** Above this many UTF-16 units, a call uses buffers of its own instead of growing the shared ones. */
const SHARED_BUFFER_LIMIT = 1 << 22;

export class Encoding {
  /** The encoding's name, e.g. `cl100k_base`. */
  readonly name: EncodingName;
  /** Number of token ids, special tokens included (max id + 1), as tiktoken's `n_vocab`. */
  readonly nVocab: number;
  /** Special token text → id. */
  readonly specialTokens: Readonly<Record<string, number>>;

  private readonly table: RankTable;
  private readonly scan: PieceScanner;
  private readonly specialNames: readonly string[];
  /** Distinct two-char prefixes of the special tokens: a text containing none of them has none. */
  private readonly specialPrefixes: readonly string[];
  /** id → bytes for every id, special tokens included; ids with no token have `idOk[id] = 0`. */
  private readonly idBytes: Uint8Array;
  private readonly idOffsets: Uint32Array;
  private readonly idOk: Uint8Array;

  private readonly scratch = new BpeScratch();
  /** Created on the first encode, so decode-only use never allocates its ~12 MB. */
  private cache: PieceCache | undefined;
  private readonly textEncoder = new TextEncoder();
  // ignoreBOM: keep a leading U+FEFF, which is text like any other here (js-tiktoken's decode drops it).
  private readonly textDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private utf8 = new Uint8Array(4096);
  private out = new Uint32Array(1024);
  private decodeBuf = new Uint8Array(4096);
  /** Lazily filled: id → its text (complete UTF-8), null (a byte fragment), undefined (not seen yet). */
  private readonly idStrings: Array<string | null | undefined>;
  private readonly strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor(data: EncodingData) {
    this.name = data.name;
    this.nVocab = data.nVocab;
    this.specialTokens = data.specialTokens;
    this.table = data.ranks;
    this.scan = SCANNERS[data.family];
    this.specialNames = Object.keys(data.specialTokens);
    this.specialPrefixes = [...new Set(this.specialNames.map((t) => t.slice(0, 2)))];
    this.idStrings = new Array<string | null | undefined>(data.nVocab).fill(undefined);

    // Decode table in id order, so token `id` is idBytes[idOffsets[id]..idOffsets[id + 1]) for every id
    // (special tokens sit in the rank space, e.g. p50k's <|endoftext|> = 50256 between ordinary ranks).
    const specialById = new Map<number, Uint8Array>();
    for (const t of this.specialNames) specialById.set(data.specialTokens[t], this.textEncoder.encode(t));
    const ranks = data.ranks;
    let total = ranks.bytes.length;
    for (const b of specialById.values()) total += b.length;
    this.idBytes = new Uint8Array(total + COPY_WORD); // padded: decodeToBuffer reads COPY_WORD bytes per token
    this.idOffsets = new Uint32Array(this.nVocab + 1);
    this.idOk = new Uint8Array(this.nVocab);
    let o = 0;
    for (let id = 0; id < this.nVocab; id++) {
      this.idOffsets[id] = o;
      const special = specialById.get(id);
      if (special) {
        this.idBytes.set(special, o);
        o += special.length;
      } else if (id < ranks.size) {
        for (let i = ranks.offsets[id], e = ranks.offsets[id + 1]; i < e; i++) this.idBytes[o++] = ranks.bytes[i];
      }
      if (o > this.idOffsets[id]) this.idOk[id] = 1;
    }
    this.idOffsets[this.nVocab] = o;
  }

  /** The id of `<|endoftext|>`. */
  get eotToken(): number {
    return this.specialTokens['<|endoftext|>'];
  }

  /**
   * Encodes text to token ids, as tiktoken's `encode`: text that spells a special token throws unless
   * the token is allowed (then it becomes that token's id) or not disallowed (then it is ordinary text).
   * Lone UTF-16 surrogates are encoded as U+FFFD, as tiktoken does.
   * @example getEncoding('cl100k_base').encode('hello world') // Uint32Array [15339, 1917]
   */
  encode(text: string, options?: EncodeOptions): Uint32Array {
    const n = this.encodeToBuffer(text, options);
    const ids = this.out.slice(0, n);
    this.releaseHugeBuffers();
    return ids;
  }

  /** Encodes text ignoring special tokens: their text is encoded as ordinary text. */
  encodeOrdinary(text: string): Uint32Array {
    const n = this.encodeSegment(text, 0);
    const ids = this.out.slice(0, n);
    this.releaseHugeBuffers();
    return ids;
  }

  /** The number of tokens `encode(text, options)` returns, without building the array. */
  count(text: string, options?: EncodeOptions): number {
    const n = this.encodeToBuffer(text, options);
    this.releaseHugeBuffers();
    return n;
  }

  /** Decodes ids to text; byte sequences that are not valid UTF-8 become U+FFFD (tiktoken's `errors="replace"`). */
  decode(ids: ArrayLike<number>): string {
    if (ids.length <= STRING_DECODE_MAX) return this.decodeAsStrings(ids);
    const n = this.decodeToBuffer(ids);
    const text = this.textDecoder.decode(this.decodeBuf.subarray(0, n));
    if (this.decodeBuf.length > SHARED_BUFFER_LIMIT) this.decodeBuf = new Uint8Array(4096);
    return text;
  }

  /** Decodes ids to the raw bytes they stand for. Throws `InvalidTokenIdError` on an id with no token. */
  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    const n = this.decodeToBuffer(ids);
    const bytes = this.decodeBuf.slice(0, n);
    if (this.decodeBuf.length > SHARED_BUFFER_LIMIT) this.decodeBuf = new Uint8Array(4096);
    return bytes;
  }

  /**
   * Short sequences decode faster as a concatenation of per-token strings than through TextDecoder
   * (a native call per sequence). Tokens that are byte fragments of a character (CJK, emoji) are
   * gathered and decoded together. Flushing them before the next complete token is exact: a token
   * that is valid UTF-8 on its own starts with a non-continuation byte, and before such a byte the
   * decoder ends (or replaces) a pending sequence exactly as it does at the end of its input.
   */
  private decodeAsStrings(ids: ArrayLike<number>): string {
    const strings = this.idStrings;
    const offsets = this.idOffsets;
    const src = this.idBytes;
    let fragments = this.decodeBuf;
    let pending = 0;
    let text = '';
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      let s = strings[id];
      if (s === undefined) {
        if (!(id >= 0 && id < this.nVocab && this.idOk[id] === 1)) throw new InvalidTokenIdError(id, k, this.name);
        s = strings[id] = this.tokenString(id);
      }
      if (s !== null) {
        if (pending > 0) {
          text += this.textDecoder.decode(fragments.subarray(0, pending));
          pending = 0;
        }
        text += s;
      } else {
        const start = offsets[id];
        const end = offsets[id + 1];
        if (pending + (end - start) > fragments.length) fragments = this.growDecodeBuf(pending, pending + (end - start));
        for (let i = start; i < end; i++) fragments[pending++] = src[i];
      }
    }
    if (pending > 0) text += this.textDecoder.decode(fragments.subarray(0, pending));
    return text;
  }

  /** The token's text when its bytes are complete UTF-8, else null. */
  private tokenString(id: number): string | null {
    try {
      return this.strictDecoder.decode(this.idBytes.subarray(this.idOffsets[id], this.idOffsets[id + 1]));
    } catch {
      return null;
    }
  }

  /** Grows `decodeBuf` to hold at least `size` bytes, keeping its first `used`. */
  private growDecodeBuf(used: number, size: number): Uint8Array<ArrayBuffer> {
    const grown = new Uint8Array(Math.max(this.decodeBuf.length * 2, size));
    grown.set(this.decodeBuf.subarray(0, used));
    this.decodeBuf = grown;
    return grown;
  }

  /** Writes the bytes of `ids` into `this.decodeBuf` (grown as needed); returns the byte count. */
  private decodeToBuffer(ids: ArrayLike<number>): number {
    const offsets = this.idOffsets;
    const src = this.idBytes;
    const ok = this.idOk;
    const nVocab = this.nVocab;
    let buf = this.decodeBuf;
    let o = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      // `id < nVocab` is false for NaN; `ok[id]` is undefined for fractions.
      if (!(id >= 0 && id < nVocab && ok[id] === 1)) throw new InvalidTokenIdError(id, k, this.name);
      const start = offsets[id];
      const len = offsets[id + 1] - start;
      if (o + len + COPY_WORD > buf.length) buf = this.growDecodeBuf(o, o + len + COPY_WORD);
      // Copy a fixed COPY_WORD bytes whatever the token's length (the next token overwrites the
      // excess): measured 1.5× faster than a loop of `len` steps, whose exit the CPU mispredicts.
      buf[o] = src[start];
      buf[o + 1] = src[start + 1];
      buf[o + 2] = src[start + 2];
      buf[o + 3] = src[start + 3];
      buf[o + 4] = src[start + 4];
      buf[o + 5] = src[start + 5];
      buf[o + 6] = src[start + 6];
      buf[o + 7] = src[start + 7];
      for (let i = COPY_WORD; i < len; i++) buf[o + i] = src[start + i];
      o += len;
    }
    return o;
  }

  /** The bytes of one token (tiktoken's `decode_single_token_bytes`). */
  tokenBytes(id: number): Uint8Array {
    return this.decodeBytes([id]);
  }

  /** Encodes into `this.out` (grown as needed; callers release it after a huge input); returns the token count. */
  private encodeToBuffer(text: string, options: EncodeOptions | undefined): number {
    if (this.specialNames.length === 0 || !this.mayContainSpecial(text)) {
      // Nothing special can occur: skip option resolution entirely (the common case).
      if (options) this.resolveSpecial(options); // still validate the options
      return this.encodeSegment(text, 0);
    }
    const { allowed, disallowed } = this.resolveSpecial(options);
    if (disallowed.length > 0) {
      let first = -1;
      let token = '';
      for (const t of disallowed) {
        const at = text.indexOf(t);
        if (at >= 0 && (first < 0 || at < first)) {
          first = at;
          token = t;
        }
      }
      if (first >= 0) throw new DisallowedSpecialTokenError(token, first);
    }
    if (allowed.length === 0) return this.encodeSegment(text, 0);
    // Split at allowed special tokens; each segment between them is encoded on its own, as in tiktoken.
    // `nextAt[k]` is the next occurrence of allowed[k] at or after `start` (-1: none left), searched
    // again only once `start` has passed it, so the text is scanned about once per token kind.
    const nextAt = allowed.map((t) => text.indexOf(t));
    let n = 0;
    let start = 0;
    for (;;) {
      let at = -1;
      let which = -1;
      for (let k = 0; k < allowed.length; k++) {
        if (nextAt[k] >= 0 && nextAt[k] < start) nextAt[k] = text.indexOf(allowed[k], start);
        if (nextAt[k] >= 0 && (at < 0 || nextAt[k] < at)) {
          at = nextAt[k];
          which = k;
        }
      }
      const segmentEnd = at < 0 ? text.length : at;
      if (segmentEnd > start) n = this.encodeSegment(text.slice(start, segmentEnd), n);
      if (at < 0) return n;
      this.ensureOut(n + 1);
      this.out[n++] = this.specialTokens[allowed[which]];
      start = at + allowed[which].length;
    }
  }

  private mayContainSpecial(text: string): boolean {
    for (const p of this.specialPrefixes) if (text.includes(p)) return true;
    return false;
  }

  private resolveSpecial(options: EncodeOptions | undefined): { allowed: string[]; disallowed: string[] } {
    const allowedOpt = options?.allowedSpecial ?? [];
    const disallowedOpt = options?.disallowedSpecial ?? 'all';
    const allowed = allowedOpt === 'all' ? this.specialNames.slice() : this.checkTokens('allowedSpecial', allowedOpt);
    const disallowed =
      disallowedOpt === 'all'
        ? this.specialNames.filter((t) => !allowed.includes(t))
        : this.checkTokens('disallowedSpecial', disallowedOpt);
    return { allowed, disallowed };
  }

  private checkTokens(option: string, tokens: Iterable<string> | string): string[] {
    if (typeof tokens === 'string' || tokens == null || typeof (tokens as Iterable<string>)[Symbol.iterator] !== 'function') {
      throw new InvalidOptionError(option, tokens, `'all' or a list of special tokens of ${this.name}`);
    }
    const list = [...tokens];
    for (const t of list) {
      if (typeof t !== 'string' || !Object.hasOwn(this.specialTokens, t)) {
        throw new InvalidOptionError(option, t, `one of ${this.specialNames.join(', ')}`);
      }
    }
    return list;
  }

  /** Encodes `text` as ordinary text, appending ids to `this.out` from index `n`; returns the new count. */
  private encodeSegment(text: string, n: number): number {
    const maxBytes = text.length * 3;
    let buf = this.utf8;
    if (buf.length < maxBytes) {
      buf = new Uint8Array(text.length > SHARED_BUFFER_LIMIT ? Buffer.byteLength(text, 'utf8') : maxBytes);
      if (text.length <= SHARED_BUFFER_LIMIT) this.utf8 = buf;
    }
    const end = this.textEncoder.encodeInto(text, buf).written;
    const table = this.table;
    const scan = this.scan;
    const scratch = this.scratch;
    const cache = (this.cache ??= new PieceCache());
    let out = this.ensureOut(n + Math.min(end, 1 << 16));
    let p = 0;
    while (p < end) {
      const q = scan(buf, p, end);
      if (n + (q - p) > out.length) out = this.ensureOut(n + (q - p));
      const h = hashBytes(buf, p, q);
      const r = table.lookupHashed(buf, p, q, h);
      if (r >= 0) {
        out[n++] = r;
      } else if (q - p > MAX_CACHED_PIECE) {
        n = bytePairEncode(table, buf, p, q, scratch, out, n);
      } else {
        const cached = cache.get(buf, p, q, h, out, n);
        if (cached >= 0) {
          n = cached;
        } else {
          const merged = bytePairEncode(table, buf, p, q, scratch, out, n);
          cache.put(buf, p, q, h, out, n, merged);
          n = merged;
        }
      }
      p = q;
    }
    return n;
  }

  /** Drops an output buffer grown by a huge input, so an instance does not pin it for its lifetime. */
  private releaseHugeBuffers(): void {
    if (this.out.length > SHARED_BUFFER_LIMIT) this.out = new Uint32Array(1024);
  }

  private ensureOut(size: number): Uint32Array {
    if (this.out.length < size) {
      const grown = new Uint32Array(Math.max(size, this.out.length * 2));
      grown.set(this.out);
      this.out = grown;
    }
    return this.out;
  }
}
