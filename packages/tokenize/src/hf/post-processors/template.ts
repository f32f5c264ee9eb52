/**
 * TemplateProcessing: places the sequences and special tokens as a template says, e.g.
 * `[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1`; a special token may stand for several ids.
 */
import { TokenizerJsonError } from '../../errors.js';
import { EncodingBuilder } from '../encoding-builder.js';
import { kindOf, JsonReader } from '../json-reader.js';
import type { JsonObject, JsonValue } from '../stages.js';
import { EncodingsProcessor } from './base.js';

export type TemplatePiece = { kind: 'sequence'; id: 'A' | 'B'; typeId: number } | { kind: 'special'; id: string; typeId: number };

export interface TemplateSpecialToken {
  id: string;
  ids: number[];
  tokens: string[];
}

export class TemplateProcessing extends EncodingsProcessor {
  private readonly addedSingle: number;
  private readonly addedPair: number;

  constructor(
    readonly single: readonly TemplatePiece[],
    readonly pair: readonly TemplatePiece[],
    readonly specialTokens: ReadonlyMap<string, TemplateSpecialToken>,
  ) {
    super();
    this.addedSingle = this.countAdded(single);
    this.addedPair = this.countAdded(pair);
  }

  static fromJSON(reader: JsonReader): TemplateProcessing {
    const specialTokens = new Map<string, TemplateSpecialToken>();
    const map = reader.object('special_tokens');
    for (const key of Object.keys(map.value)) {
      const r = map.object(key);
      const ids = integers(r, 'ids');
      const tokens = strings(r, 'tokens');
      if (ids.length !== tokens.length) r.fail('tokens', `expected as many tokens as ids (${ids.length}), got ${tokens.length}`);
      specialTokens.set(key, { id: r.string('id'), ids, tokens });
    }
    const template = (key: string): TemplatePiece[] =>
      reader.array(key).map((v, i) => readPiece(JsonReader.at(v, `${reader.pathOf(key)}[${i}]`), specialTokens));
    return new TemplateProcessing(template('single'), template('pair'), specialTokens);
  }

  addedTokens(isPair: boolean): number {
    return isPair ? this.addedPair : this.addedSingle;
  }

  processEncodings(encodings: EncodingBuilder[], addSpecialTokens: boolean): EncodingBuilder[] {
    const template = encodings.length === 2 ? this.pair : this.single;
    const out: EncodingBuilder[] = [];
    const used = new Set<number>();
    for (const piece of template) {
      if (piece.kind === 'sequence') {
        const i = piece.id === 'A' ? 0 : 1;
        const encoding = encodings[i];
        if (!encoding) throw new RangeError(`the template uses $${piece.id} but only ${encodings.length} sequence(s) were given`);
        // Merging takes the arrays over, so a sequence placed twice is copied the second time.
        const placed = used.has(i) ? encoding.clone() : encoding;
        placed.setTypeIds(piece.typeId);
        placed.setSequenceId(i);
        out.push(placed);
        used.add(i);
      } else if (addSpecialTokens) {
        const special = this.specialTokens.get(piece.id)!;
        out.push(EncodingBuilder.special(special.ids, special.tokens, piece.typeId));
      }
    }
    return out;
  }

  toJSON(): JsonObject {
    const special: JsonObject = {};
    // Rust writes the map ordered by key (byte order of UTF-8, i.e. code point order).
    const keys = [...this.specialTokens.keys()].sort(compareCodePoints);
    for (const key of keys) {
      const t = this.specialTokens.get(key)!;
      special[key] = { id: t.id, ids: [...t.ids], tokens: [...t.tokens] };
    }
    return { type: 'TemplateProcessing', single: this.single.map(pieceToJSON), pair: this.pair.map(pieceToJSON), special_tokens: special };
  }

  private countAdded(template: readonly TemplatePiece[]): number {
    let n = 0;
    for (const p of template) if (p.kind === 'special') n += this.specialTokens.get(p.id)?.ids.length ?? 0;
    return n;
  }
}

function readPiece(reader: JsonReader, specialTokens: ReadonlyMap<string, TemplateSpecialToken>): TemplatePiece {
  const keys = Object.keys(reader.value);
  if (keys.length !== 1 || (keys[0] !== 'Sequence' && keys[0] !== 'SpecialToken')) {
    throw new TokenizerJsonError(reader.path, `expected {"Sequence": …} or {"SpecialToken": …}, got keys ${JSON.stringify(keys)}`);
  }
  if (keys[0] === 'Sequence') {
    const r = reader.object('Sequence');
    return { kind: 'sequence', id: r.oneOf('id', ['A', 'B'] as const), typeId: r.integer('type_id') };
  }
  const r = reader.object('SpecialToken');
  const id = r.string('id');
  if (!specialTokens.has(id)) r.fail('id', `${JSON.stringify(id)} is not in special_tokens`);
  return { kind: 'special', id, typeId: r.integer('type_id') };
}

function pieceToJSON(p: TemplatePiece): JsonObject {
  return p.kind === 'sequence' ? { Sequence: { id: p.id, type_id: p.typeId } } : { SpecialToken: { id: p.id, type_id: p.typeId } };
}

function integers(reader: JsonReader, key: string): number[] {
  return reader.array(key).map((v: JsonValue, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new TokenizerJsonError(`${reader.pathOf(key)}[${i}]`, `expected a non-negative integer, got ${kindOf(v)}`);
    }
    return v;
  });
}

function strings(reader: JsonReader, key: string): string[] {
  return reader.array(key).map((v: JsonValue, i) => {
    if (typeof v !== 'string') throw new TokenizerJsonError(`${reader.pathOf(key)}[${i}]`, `expected a string, got ${kindOf(v)}`);
    return v;
  });
}

function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
