/**
 * A string under normalization that remembers, for every UTF-16 unit of the normalized text, the range
 * of the original text it came from — the basis of exact offsets (Rust tokenizers' NormalizedString,
 * with UTF-16 units where Rust uses bytes; a surrogate pair always moves as one, so the semantics stay
 * per character like Rust's).
 *
 * Alignments are stored as an Int32Array of (start, end) pairs, or `null` while the normalized text is
 * still the original one unit for unit (the common case: no normalizer), so that case costs nothing.
 */
import { isUndecomposedInRust } from './normalizers/rust-unicode.js';
import { findSplits, type Pattern } from './regex/pattern.js';

/** What `split` does with the pieces that match (Rust's SplitDelimiterBehavior). */
export type SplitDelimiterBehavior = 'Removed' | 'Isolated' | 'MergedWithPrevious' | 'MergedWithNext' | 'Contiguous';
export const SPLIT_BEHAVIORS: readonly SplitDelimiterBehavior[] = ['Removed', 'Isolated', 'MergedWithPrevious', 'MergedWithNext', 'Contiguous'];

/** A contiguous cover of a text: [start, end, isMatch] pieces in order (Rust's `Pattern::find_matches`). */
export type MatchSplits = Array<[number, number, boolean]>;

/** One `transformRange`: [start, end) becomes `chars`, related to the old text by `changes`. */
export interface TransformEdit {
  start: number;
  end: number;
  chars: readonly string[];
  changes: ArrayLike<number>;
  initialOffset: number;
}

/** A code point test used as a pattern: every matching character is its own match. */
export type CharPredicate = (cp: number) => boolean;

export class NormalizedString {
  private _original: string;
  private _normalized: string;
  /** (start, end) in `_original` for each unit of `_normalized`, or null for the identity. */
  private align: Int32Array | null;
  private shift: number;

  constructor(original: string) {
    this._original = original;
    this._normalized = original;
    this.align = null;
    this.shift = 0;
  }

  /** Builds a string from its parts (used by slicing). */
  static fromParts(original: string, normalized: string, align: Int32Array | null, shift: number): NormalizedString {
    const s = new NormalizedString(original);
    s._normalized = normalized;
    s.align = align;
    s.shift = shift;
    return s;
  }

  /** The text this string started from (the slice of the input it covers). */
  get original(): string {
    return this._original;
  }
  /** The text after normalization. */
  get normalized(): string {
    return this._normalized;
  }
  /** Where `original` starts in the whole input (UTF-16). */
  get originalShift(): number {
    return this.shift;
  }
  get length(): number {
    return this._normalized.length;
  }
  isEmpty(): boolean {
    return this._normalized.length === 0;
  }

  /** The whole-input range this string's original covers. */
  offsetsOriginal(): [number, number] {
    return [this.shift, this.shift + this._original.length];
  }

  /** The (start, end) pairs of every normalized unit, relative to `original` (a copy when identity). */
  alignments(): Int32Array {
    return this.align ? this.align.slice() : identityAlignments(this._normalized);
  }

  /**
   * Rust's `convert_offsets(Range::Normalized(start..end))`, relative to `original`; null when out of range.
   * Surprising but faithful: an empty range comes back unchanged (still in normalized coordinates).
   */
  convertToOriginal(start: number, end: number): [number, number] | null {
    if (start === end) return [start, end];
    if (start > end || end > this._normalized.length) return null;
    const a = this.align;
    if (a === null) return identityRange(this._normalized, start, end);
    return [a[2 * start]!, a[2 * end - 1]!];
  }

  /**
   * The UTF-16 range of the whole input that the normalized range [start, end) came from. Like Rust's
   * encoding offsets: when the range cannot be converted, it is returned as is.
   */
  originalRange(start: number, end: number): [number, number] {
    const r = this.convertToOriginal(start, end);
    return r === null ? [start, end] : [this.shift + r[0], this.shift + r[1]];
  }

  /** `originalRange(start, end)` written into `out[0]`, `out[1]` (no tuple allocated: the per-token hot path). */
  originalRangeInto(start: number, end: number, out: Int32Array): void {
    const shift = this.shift;
    if (start === end) {
      out[0] = shift + start;
      out[1] = shift + end;
      return;
    }
    if (start > end || end > this._normalized.length) {
      out[0] = start;
      out[1] = end;
      return;
    }
    const a = this.align;
    if (a !== null) {
      out[0] = shift + a[2 * start]!;
      out[1] = shift + a[2 * end - 1]!;
      return;
    }
    const s = this._normalized;
    const c = s.charCodeAt(start);
    out[0] = shift + (c >= 0xdc00 && c <= 0xdfff && start > 0 && isHigh(s.charCodeAt(start - 1)) ? start - 1 : start);
    out[1] = shift + (end < s.length && end > 0 && isHigh(s.charCodeAt(end - 1)) ? end + 1 : end);
  }

  /**
   * Whether every normalized unit still maps to the original unit at the same index (nothing changed
   * lengths; a same-shape rewrite such as ASCII lowercasing may have changed the characters).
   */
  hasIdentityAlignment(): boolean {
    return this.align === null;
  }

  /** The normalized range [start, end) as its own NormalizedString, keeping alignments and shift. */
  slice(start: number, end: number): NormalizedString {
    const o = this.convertToOriginal(start, end) ?? [0, 0];
    const original = this._original.slice(o[0], o[1]);
    const normalized = this._normalized.slice(start, end);
    let align: Int32Array | null = null;
    if (this.align !== null) {
      align = this.align.slice(2 * start, 2 * end);
      const d = o[0];
      if (d !== 0) for (let i = 0; i < align.length; i++) align[i] = align[i]! - d;
    }
    return NormalizedString.fromParts(original, normalized, align, this.shift + o[0]);
  }

  // ---------------------------------------------------------------------------------------------
  // The core edit: Rust's transform_range.

  /**
   * Replaces the normalized range [start, end) by `chars` (one code point each), where `changes[i]` says
   * how chars[i] relates to the replaced text: 1 = inserted (aligned like the unit before it), 0 = replaces
   * the next replaced character (takes its alignment), -n = replaces the next one and removes n more.
   * `initialOffset` replaced characters are dropped before the first one.
   */
  transformRange(start: number, end: number, chars: readonly string[], changes: ArrayLike<number>, initialOffset: number): void {
    this.transformRanges([{ start, end, chars, changes, initialOffset }]);
  }

  /** Several `transformRange`s at once, on ranges in increasing order that do not overlap (one rebuild). */
  transformRanges(edits: readonly TransformEdit[]): void {
    if (edits.length === 0) return;
    const text = this._normalized;
    const old = this.align;
    const alignStart = (i: number): number => (old === null ? identityStart(text, i) : old[2 * i]!);
    const alignEnd = (i: number): number => (old === null ? identityStart(text, i) + charLengthAround(text, i) : old[2 * i + 1]!);
    let length = text.length;
    for (const e of edits) {
      length -= e.end - e.start;
      for (const c of e.chars) length += c.length;
    }
    const align = new Int32Array(2 * length);
    const parts: string[] = [];
    let n = 0;
    let last = 0;
    const copy = (from: number, to: number): void => {
      if (from >= to) return;
      parts.push(text.slice(from, to));
      if (old === null) {
        for (let i = from; i < to; i++, n++) {
          align[2 * n] = identityStart(text, i);
          align[2 * n + 1] = align[2 * n]! + charLengthAround(text, i);
        }
      } else {
        align.set(old.subarray(2 * from, 2 * to), 2 * n);
        n += to - from;
      }
    };
    for (const { start, end, chars, changes, initialOffset } of edits) {
      copy(last, start);
      let offset = start;
      for (let k = 0; k < initialOffset && offset < end; k++) offset += charLength(text, offset);
      for (let i = 0; i < chars.length; i++) {
        const c = chars[i]!;
        const change = changes[i]!;
        let st: number;
        let en: number;
        if (change > 0) {
          // Inserted: aligned like the unit before it (Rust: (0, 0) at the very start).
          st = offset < 1 ? 0 : alignStart(offset - 1);
          en = offset < 1 ? 0 : alignEnd(offset - 1);
        } else {
          st = alignStart(offset);
          en = alignEnd(offset);
          offset += charLength(text, offset);
          for (let k = 0; k < -change && offset < end; k++) offset += charLength(text, offset);
        }
        parts.push(c);
        for (let u = 0; u < c.length; u++, n++) {
          align[2 * n] = st;
          align[2 * n + 1] = en;
        }
      }
      last = end;
    }
    copy(last, text.length);
    this._normalized = parts.join('');
    this.align = align;
  }

  /** `transformRange` over the whole normalized text. */
  transform(chars: readonly string[], changes: ArrayLike<number>, initialOffset: number): void {
    this.transformRange(0, this._normalized.length, chars, changes, initialOffset);
  }

  // ---------------------------------------------------------------------------------------------
  // Unicode normalization forms

  nfd(): this {
    return this.unicodeForm('NFD');
  }
  nfkd(): this {
    return this.unicodeForm('NFKD');
  }
  nfc(): this {
    return this.unicodeForm('NFC');
  }
  nfkc(): this {
    return this.unicodeForm('NFKC');
  }

  /**
   * Rust aligns a normalization form the way its `unicode-normalization-alignments` iterator reports
   * changes: each character decomposes into its parts (the first replaces it, the others are inserted),
   * combining marks are reordered carrying their tags along, and each composition merges the tags of
   * its parts. We rebuild the same tags from String.prototype.normalize by matching each output
   * character to the decomposed parts it is made of.
   */
  private unicodeForm(form: 'NFD' | 'NFKD' | 'NFC' | 'NFKC'): this {
    // Only runs of non-ASCII characters can change, together with the ASCII character just before each
    // (a combining mark may compose with it): ASCII characters are stable starters, so normalizing each
    // such window alone gives what normalizing the whole text would. Right to left, so that indices of
    // the windows still to do stay valid.
    // Characters newer than Rust's decomposition tables stay as they are and, being starters there,
    // separate windows too.
    const whole = this._normalized;
    const compatibility = form === 'NFKD' || form === 'NFKC';
    const isStable = (i: number): boolean => {
      const c = whole.charCodeAt(i);
      return c < 0x80 || (c >= 0x7fd && isUndecomposedInRust(whole.codePointAt(i)!, compatibility));
    };
    const edits: TransformEdit[] = [];
    let start = 0;
    for (;;) {
      while (start < whole.length && isStable(start)) start += charLength(whole, start);
      if (start >= whole.length) break;
      let end = start + charLength(whole, start);
      while (end < whole.length && !isStable(end)) end += charLength(whole, end);
      // Only an ASCII character just before can compose with the run.
      const windowStart = start > 0 && whole.charCodeAt(start - 1) < 0x80 ? start - 1 : start;
      const edit = this.unicodeFormEdit(form, windowStart, end);
      if (edit) edits.push(edit);
      start = end;
    }
    this.transformRanges(edits);
    return this;
  }

  /** The edit that normalizes the window [windowStart, windowEnd), or null when it is already normalized. */
  private unicodeFormEdit(form: 'NFD' | 'NFKD' | 'NFC' | 'NFKC', windowStart: number, windowEnd: number): TransformEdit | null {
    const text = this._normalized.slice(windowStart, windowEnd);
    const result = text.normalize(form);
    // Already in this form: every tag is 0, the alignments do not change.
    if (result === text) return null;
    const decomposition = form === 'NFD' || form === 'NFC' ? 'NFD' : 'NFKD';
    // The decomposed parts with their tags, in input order (before canonical reordering).
    const parts: string[] = [];
    const tags: number[] = [];
    for (const ch of text) {
      let first = true;
      for (const p of ch.normalize(decomposition)) {
        parts.push(p);
        tags.push(first ? 0 : 1);
        first = false;
      }
    }
    const used = new Uint8Array(parts.length);
    let cursor = 0;
    const take = (ch: string, from: number): number => {
      let j = from;
      while (j < parts.length && (used[j] === 1 || parts[j] !== ch)) j++;
      if (j === parts.length) throw new Error(`NormalizedString: cannot align ${form} of ${JSON.stringify(text)}`);
      used[j] = 1;
      while (cursor < parts.length && used[cursor] === 1) cursor++;
      return j;
    };
    const chars: string[] = [];
    const changes: number[] = [];
    const composing = form === 'NFC' || form === 'NFKC';
    for (const out of result) {
      if (!composing) {
        chars.push(out);
        changes.push(tags[take(out, cursor)]!);
        continue;
      }
      // A composed character is made of its canonical decomposition's parts: the starter, then marks after it.
      const pieces = [...out.normalize('NFD')];
      const head = take(pieces[0]!, cursor);
      let change = tags[head]!;
      for (let k = 1; k < pieces.length; k++) change += tags[take(pieces[k]!, head + 1)]! - 1;
      chars.push(out);
      changes.push(change);
    }
    return { start: windowStart, end: windowEnd, chars, changes, initialOffset: 0 };
  }

  // ---------------------------------------------------------------------------------------------
  // Character mappings

  /** Rust's `char::to_lowercase` per character (no context: a final Σ stays σ, unlike JS's toLowerCase). */
  lowercase(): this {
    return this.caseMap(false);
  }
  uppercase(): this {
    return this.caseMap(true);
  }

  private caseMap(upper: boolean): this {
    const text = this._normalized;
    // ASCII maps one to one: alignments are unchanged.
    if (isAscii(text)) return this.replaceSameShape(upper ? text.toUpperCase() : text.toLowerCase());
    // Same length and no Σ (whose JS lowercase depends on context): the whole-string mapping is the
    // per-character one, one unit for one unit (case mappings stay within their plane).
    const mapped = upper ? text.toUpperCase() : text.toLowerCase();
    if (mapped.length === text.length && (upper || !text.includes('\u03a3'))) return this.replaceSameShape(mapped);
    // Per character, so that no context applies (JS lowercases a final Σ to ς, Rust never does).
    return this.expandChars(upper ? (ch) => ch.toUpperCase() : (ch) => ch.toLowerCase());
  }

  /**
   * Swaps the normalized text for `text`, in which every character stands where a character of the same
   * UTF-16 length stood (a 1:1 map such as ASCII lowercasing): the alignments stay as they are.
   */
  replaceSameShape(text: string): this {
    if (text.length !== this._normalized.length) throw new RangeError('replaceSameShape: the length changed');
    this._normalized = text;
    return this;
  }

  /**
   * Replaces each character by `fn(char)`, a non-empty string whose units all take that character's
   * alignment — what Rust's transform does for a character replaced by its first output character
   * (change 0) followed by inserted ones (change 1): lowercasing, byte-level, CJK spacing, 1:1 maps.
   */
  expandChars(fn: (ch: string) => string): this {
    const text = this._normalized;
    const old = this.align;
    const parts: string[] = [];
    let outLength = 0;
    let changed = false;
    for (let i = 0; i < text.length; ) {
      const len = charLength(text, i);
      const ch = len === 1 ? text[i]! : text.slice(i, i + 2);
      const r = fn(ch);
      if (r.length === 0) throw new RangeError('expandChars: a character cannot map to nothing (use filter)');
      if (r !== ch) changed = true;
      parts.push(r);
      outLength += r.length;
      i += len;
    }
    if (!changed) return this;
    if (outLength === text.length) {
      // Same length: every character kept its UTF-16 length only if no pair became two units or back;
      // check, since the alignments are per unit.
      let same = true;
      for (let i = 0, k = 0; k < parts.length; k++) {
        const len = charLength(text, i);
        if (parts[k]!.length !== len) {
          same = false;
          break;
        }
        i += len;
      }
      if (same) return this.replaceSameShape(parts.join(''));
    }
    const align = new Int32Array(2 * outLength);
    let n = 0;
    for (let i = 0, k = 0; k < parts.length; k++) {
      const len = charLength(text, i);
      const st = old === null ? i : old[2 * i]!;
      const en = old === null ? i + len : old[2 * i + 1]!;
      const units = parts[k]!.length;
      for (let u = 0; u < units; u++, n++) {
        align[2 * n] = st;
        align[2 * n + 1] = en;
      }
      i += len;
    }
    this._normalized = parts.join('');
    this.align = align;
    return this;
  }

  /** Replaces each character by `fn(char)` (one character), keeping its alignment. */
  map(fn: (ch: string) => string): this {
    return this.expandChars(fn);
  }

  /** Keeps only the characters `keep` accepts; the others vanish with their alignments. */
  filter(keep: CharPredicate): this {
    const text = this._normalized;
    let first = -1;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      if (!keep(cp)) {
        first = i;
        break;
      }
      i += cp > 0xffff ? 2 : 1;
    }
    // Nothing to remove: the common case costs one scan.
    if (first < 0) return this;
    const old = this.align;
    let out = text.slice(0, first);
    const align: number[] = [];
    if (old === null) {
      for (let i = 0; i < first; ) {
        const len = charLength(text, i);
        for (let u = 0; u < len; u++) align.push(i, i + len);
        i += len;
      }
    } else {
      for (let u = 0; u < 2 * first; u++) align.push(old[u]!);
    }
    for (let i = first; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      if (keep(cp)) {
        out += len === 2 ? text.slice(i, i + 2) : text[i];
        if (old === null) {
          for (let u = 0; u < len; u++) align.push(i, i + len);
        } else {
          for (let u = 0; u < len; u++) align.push(old[2 * (i + u)]!, old[2 * (i + u) + 1]!);
        }
      }
      i += len;
    }
    this._normalized = out;
    this.align = Int32Array.from(align);
    return this;
  }

  /** Puts `s` in front; its characters are aligned like the first character. No-op on an empty string. */
  prepend(s: string): this {
    if (this._normalized.length === 0 || s.length === 0) return this;
    if (this.align === null) {
      // Identity so far: write the new alignments in one array (no identity copy to build first).
      const align = identityAlignments(this._normalized, 2 * s.length);
      const firstEnd = align[2 * s.length + 1]!;
      for (let u = 0; u < s.length; u++) align[2 * u + 1] = firstEnd;
      this._normalized = s + this._normalized;
      this.align = align;
      return this;
    }
    const a = this.align;
    const align = new Int32Array(2 * s.length + a.length);
    for (let u = 0; u < s.length; u++) {
      align[2 * u] = a[0]!;
      align[2 * u + 1] = a[1]!;
    }
    align.set(a, 2 * s.length);
    this._normalized = s + this._normalized;
    this.align = align;
    return this;
  }

  /** Puts `s` at the end, aligned like the last character ((0, 0) on an empty string). */
  append(s: string): this {
    if (s.length === 0) return this;
    const a = this.materialize();
    const n = this._normalized.length;
    const align = new Int32Array(a.length + 2 * s.length);
    align.set(a);
    const st = n === 0 ? 0 : a[2 * n - 2]!;
    const en = n === 0 ? 0 : a[2 * n - 1]!;
    for (let u = 0; u < s.length; u++) {
      align[2 * (n + u)] = st;
      align[2 * (n + u) + 1] = en;
    }
    this._normalized += s;
    this.align = align;
    return this;
  }

  lstrip(): this {
    return this.lrstrip(true, false);
  }
  rstrip(): this {
    return this.lrstrip(false, true);
  }
  strip(): this {
    return this.lrstrip(true, true);
  }

  /** Removes leading/trailing Unicode White_Space (Rust's `char::is_whitespace`). */
  private lrstrip(left: boolean, right: boolean): this {
    const text = this._normalized;
    let start = 0;
    let end = text.length;
    if (left) while (start < end && isWhitespace(text.codePointAt(start)!)) start += charLength(text, start);
    if (right) {
      while (end > start) {
        const prev = charStartBefore(text, end);
        if (!isWhitespace(text.codePointAt(prev)!)) break;
        end = prev;
      }
    }
    if (start === 0 && end === text.length) return this;
    const a = this.materialize();
    this._normalized = text.slice(start, end);
    this.align = a.slice(2 * start, 2 * end);
    return this;
  }

  /** Empties the normalized text; returns how many units were removed. */
  clear(): number {
    const n = this._normalized.length;
    this._normalized = '';
    this.align = new Int32Array(0);
    return n;
  }

  /**
   * Replaces every match of `pattern` by `content`. As in Rust, all of `content` is aligned like the last
   * character of the match (an empty match at 0: (0, 0); at k: like character k-1).
   */
  replace(pattern: Pattern | MatchSplits, content: string): this {
    const text = this._normalized;
    if (!Array.isArray(pattern) && pattern.kind === 'string') {
      const value = pattern.value;
      if (value !== '' && !text.includes(value)) return this;
      // One unit for one unit (' ' → '▁'): the replacement takes the alignment of the unit it replaces,
      // so the alignments do not move.
      if (value.length === 1 && content.length === 1 && !isSurrogate(value.charCodeAt(0)) && !isSurrogate(content.charCodeAt(0))) {
        return this.replaceSameShape(text.replaceAll(value, content));
      }
    }
    const splits = Array.isArray(pattern) ? pattern : findSplits(pattern, text);
    let any = false;
    for (const s of splits) if (s[2]) any = true;
    if (!any) return this;
    const old = this.materialize();
    const parts: string[] = [];
    const align = new Int32Array(2 * (text.length + countMatches(splits) * content.length));
    let n = 0;
    let last = 0;
    for (const [start, end, isMatch] of splits) {
      if (!isMatch) continue;
      parts.push(text.slice(last, start));
      align.set(old.subarray(2 * last, 2 * start), 2 * n);
      n += start - last;
      const s = end < 1 ? 0 : old[2 * (end - 1)]!;
      const e = end < 1 ? 0 : old[2 * (end - 1) + 1]!;
      parts.push(content);
      for (let u = 0; u < content.length; u++, n++) {
        align[2 * n] = s;
        align[2 * n + 1] = e;
      }
      last = end;
    }
    parts.push(text.slice(last));
    align.set(old.subarray(2 * last), 2 * n);
    n += text.length - last;
    this._normalized = parts.join('');
    this.align = align.length === 2 * n ? align : align.slice(0, 2 * n);
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Splitting

  /**
   * Cuts the normalized text at the matches of `pattern` (a Pattern, a character predicate, or a
   * precomputed cover), treating the matches as `behavior` says; `invert` swaps matches and the rest.
   * With '-' on "the-final--countdown": Removed → the, final, countdown (plus empty pieces the caller
   * drops); Isolated → the - final - - countdown; MergedWithPrevious → the- final- - countdown;
   * MergedWithNext → the -final - -countdown; Contiguous → the - final -- countdown.
   */
  split(pattern: Pattern | CharPredicate | MatchSplits, behavior: SplitDelimiterBehavior, invert = false): NormalizedString[] {
    const text = this._normalized;
    let matches: MatchSplits =
      typeof pattern === 'function' ? findCharSplits(pattern, text) : Array.isArray(pattern) ? pattern : findSplits(pattern, text);
    if (invert) matches = matches.map(([s, e, m]) => [s, e, !m]);
    const pieces = applyBehavior(matches, behavior);
    if (pieces.length === 1 && !pieces[0]![2] && pieces[0]![0] === 0 && pieces[0]![1] === text.length && this.coversOriginal()) {
      // One piece that is all of us: its slice would be an exact copy.
      return [this];
    }
    const out: NormalizedString[] = [];
    for (const [s, e, remove] of pieces) if (!remove) out.push(this.slice(s, e));
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  /** Whether the whole normalized text maps to the whole original (so `slice(0, length)` changes nothing). */
  private coversOriginal(): boolean {
    const n = this._normalized.length;
    if (n === 0) return false;
    const a = this.align;
    return a === null || (a[0] === 0 && a[2 * n - 1] === this._original.length);
  }

  /** The explicit alignments (built from the identity on first need). */
  private materialize(): Int32Array {
    if (this.align === null) this.align = identityAlignments(this._normalized);
    return this.align;
  }
}

/** Which pieces of a match cover to keep, per behavior: [start, end, remove]. */
export function applyBehavior(matches: MatchSplits, behavior: SplitDelimiterBehavior): MatchSplits {
  switch (behavior) {
    case 'Removed':
      return matches;
    case 'Isolated':
      return matches.map(([s, e]) => [s, e, false]);
    case 'Contiguous': {
      const out: MatchSplits = [];
      let previousMatch = false;
      for (const [s, e, m] of matches) {
        // Rust merges runs of equal flags; a leading match run also merges with "previous = false".
        if (m === previousMatch && out.length > 0) out[out.length - 1]![1] = e;
        else out.push([s, e, false]);
        previousMatch = m;
      }
      return out;
    }
    case 'MergedWithPrevious': {
      const out: MatchSplits = [];
      let previousMatch = false;
      for (const [s, e, m] of matches) {
        if (m && !previousMatch && out.length > 0) out[out.length - 1]![1] = e;
        else out.push([s, e, false]);
        previousMatch = m;
      }
      return out;
    }
    case 'MergedWithNext': {
      const out: MatchSplits = [];
      let previousMatch = false;
      for (let i = matches.length - 1; i >= 0; i--) {
        const [s, e, m] = matches[i]!;
        if (m && !previousMatch && out.length > 0) out[out.length - 1]![0] = s;
        else out.push([s, e, false]);
        previousMatch = m;
      }
      return out.reverse();
    }
  }
}

/** Rust's pattern for a `Fn(char) -> bool`: each accepted character is its own match. */
export function findCharSplits(pred: CharPredicate, text: string): MatchSplits {
  if (text.length === 0) return [[0, 0, false]];
  const out: MatchSplits = [];
  let last = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    if (pred(cp)) {
      if (last < i) out.push([last, i, false]);
      out.push([i, i + len, true]);
      last = i + len;
    }
    i += len;
  }
  if (last < text.length) out.push([last, text.length, false]);
  return out;
}

/**
 * Rust's `char::is_whitespace` (regex `\s`): the Unicode White_Space property, which has been these 25
 * code points, all in the BMP, since Unicode 6.3 — so a code point and a UTF-16 code unit test alike.
 */
export function isWhitespace(cp: number): boolean {
  if (cp <= 0x20) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  return (
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function countMatches(splits: MatchSplits): number {
  let n = 0;
  for (const s of splits) if (s[2]) n++;
  return n;
}

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** UTF-16 length of the character at `i` (2 for a surrogate pair). */
export function charLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (isHigh(c) && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function charStartBefore(s: string, end: number): number {
  const c = s.charCodeAt(end - 1);
  if (c >= 0xdc00 && c <= 0xdfff && end >= 2 && isHigh(s.charCodeAt(end - 2))) return end - 2;
  return end - 1;
}

/** Where the character holding unit `i` starts (i - 1 for the low half of a pair). */
function identityStart(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(s.charCodeAt(i - 1)) ? i - 1 : i;
}

/** UTF-16 length of the character holding unit `i`. */
function charLengthAround(s: string, i: number): number {
  return charLength(s, identityStart(s, i));
}

/** The alignments of an unnormalized string: each unit maps to its own character. */
function identityAlignments(s: string, lead = 0): Int32Array {
  // `lead` zeroed entries first (room for prepended units).
  const a = new Int32Array(lead + 2 * s.length);
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) {
      a[lead + 2 * i] = i;
      a[lead + 2 * i + 1] = i + 1;
      i++;
      continue;
    }
    const len = charLength(s, i);
    for (let u = 0; u < len; u++) {
      a[lead + 2 * (i + u)] = i;
      a[lead + 2 * (i + u) + 1] = i + len;
    }
    i += len;
  }
  return a;
}

function identityRange(s: string, start: number, end: number): [number, number] {
  // A range edge inside a surrogate pair widens to the whole pair, as the per-unit alignment would.
  const c = s.charCodeAt(start);
  const st = c >= 0xdc00 && c <= 0xdfff && start > 0 && isHigh(s.charCodeAt(start - 1)) ? start - 1 : start;
  const en = end < s.length && end > 0 && isHigh(s.charCodeAt(end - 1)) ? end + 1 : end;
  return [st, en];
}
