/**
 * A Hugging Face tokenizer.json tokenizer, giving the same ids, tokens and offsets as the Rust
 * `tokenizers` package. This class only wires the stages together; each step lives in its own file.
 */
import { readFileSync } from 'node:fs';
import { InvalidOptionError, InvalidTokenIdError, TokenizerJsonError } from '../errors.js';
import { AddedVocabulary, toAddedToken, type AddedTokenInput } from './added-vocabulary.js';
import { encodeSequence, type OffsetMode, type SequenceStages, type TokenLimit } from './encode-sequence.js';
import type { Encoding, OffsetUnit } from './encoding.js';
import { codePointToUnit, hasSurrogate } from './encoding.js';
import { EncodingBuilder, PAIR_OFFSET_BIAS } from './encoding-builder.js';
import { FastByteLevel } from './fast-byte-level.js';
import { padEncodings, paddingParams, type PaddingOptions, type PaddingParams } from './padding.js';
import { parseTokenizerJson, partsFromJSON, partsToJSON, type TokenizerParts } from './serialization.js';
import type { Decoder, JsonObject, Model, Normalizer, PostProcessor, PreTokenizer } from './stages.js';
import { truncateEncodings, truncationParams, type TruncationOptions, type TruncationParams } from './truncation.js';

export interface HfEncodeOptions {
  /** Let the post-processor add its special tokens (`[CLS]`, `<s>`…). Default true. */
  addSpecialTokens?: boolean;
  /** Offsets in UTF-16 units (default, JavaScript string indices) or code points (Rust npm package). */
  offsets?: OffsetUnit;
}

export interface DecodeOptions {
  /** Leave out special tokens (default true, as Python `tokenizers`). */
  skipSpecialTokens?: boolean;
}

/** One input of `encodeBatch`: a text or a pair of texts. */
export type BatchInput = string | readonly [string, string];

function offsetUnit(options: HfEncodeOptions): OffsetUnit {
  const unit = options.offsets ?? 'utf16';
  if (unit !== 'utf16' && unit !== 'codepoint') throw new InvalidOptionError('offsets', unit, "'utf16' or 'codepoint'");
  return unit;
}

export class Tokenizer {
  private _model: Model;
  private _normalizer: Normalizer | null;
  private _preTokenizer: PreTokenizer | null;
  private _postProcessor: PostProcessor | null;
  private _decoder: Decoder | null;
  private truncation: TruncationParams | null;
  private padding: PaddingParams | null;
  private readonly added = new AddedVocabulary();
  /** The byte-level shortcut for the current stages (undefined: not looked for since they changed). */
  private fast: FastByteLevel | null | undefined = undefined;

  constructor(parts: TokenizerParts) {
    this._model = parts.model;
    this._normalizer = parts.normalizer ?? null;
    this._preTokenizer = parts.preTokenizer ?? null;
    this._postProcessor = parts.postProcessor ?? null;
    this._decoder = parts.decoder ?? null;
    this.truncation = parts.truncation ?? null;
    this.padding = parts.padding ?? null;
    this.added.add(parts.addedTokens ?? [], this._model, this._normalizer);
  }

  /** Builds a tokenizer from a parsed tokenizer.json or its text. */
  static fromJSON(json: unknown): Tokenizer {
    return new Tokenizer(partsFromJSON(typeof json === 'string' ? parseTokenizerJson(json) : json));
  }

  /** Loads a tokenizer.json file; errors name the file and the JSON path. */
  static fromFile(path: string): Tokenizer {
    const text = readFileSync(path, 'utf8');
    try {
      return Tokenizer.fromJSON(text);
    } catch (e) {
      throw e instanceof TokenizerJsonError ? e.inFile(path) : e;
    }
  }

  /** The tokenizer.json object, as Rust would write it. */
  toJSON(): JsonObject {
    return partsToJSON({
      truncation: this.truncation,
      padding: this.padding,
      added: this.added,
      normalizer: this._normalizer,
      preTokenizer: this._preTokenizer,
      postProcessor: this._postProcessor,
      decoder: this._decoder,
      model: this._model,
    });
  }

  // ------------------------------------------------------------------ encoding

  encode(text: string, pair?: string | null, options: HfEncodeOptions = {}): Encoding {
    const unit = offsetUnit(options);
    const built = this.encodeToBuilder(text, pair ?? null, options.addSpecialTokens ?? true, unit);
    if (this.padding) padEncodings([built], this.padding);
    return built.toEncoding();
  }

  /** Only the ids (no tokens, offsets or masks): the fastest way to encode. */
  encodeIds(text: string, options: Pick<HfEncodeOptions, 'addSpecialTokens'> = {}): number[] {
    const built = this.encodeToBuilder(text, null, options.addSpecialTokens ?? true, 'none');
    if (this.padding) padEncodings([built], this.padding);
    return built.ids;
  }

  /** Encodes each input; with padding set, all are padded together (to the longest by default). */
  encodeBatch(inputs: readonly BatchInput[], options: HfEncodeOptions = {}): Encoding[] {
    const unit = offsetUnit(options);
    const add = options.addSpecialTokens ?? true;
    const built = inputs.map((input) =>
      typeof input === 'string' ? this.encodeToBuilder(input, null, add, unit) : this.encodeToBuilder(input[0], input[1], add, unit),
    );
    if (this.padding) padEncodings(built, this.padding);
    return built.map((b) => b.toEncoding());
  }

  /** Rust's `encode` without the padding step: sequences, then truncation and post-processing. */
  private encodeToBuilder(text: string, pair: string | null, addSpecialTokens: boolean, mode: OffsetMode): EncodingBuilder {
    if (typeof text !== 'string') throw new InvalidOptionError('text', text, 'a string');
    if (pair !== null && typeof pair !== 'string') throw new InvalidOptionError('pair', pair, 'a string, null or undefined');
    if (this.fast === undefined) this.fast = process.env.NOFAST ? null : FastByteLevel.create(this._preTokenizer, this._model);
    const stages: SequenceStages = {
      added: this.added,
      normalizer: this._normalizer,
      preTokenizer: this._preTokenizer,
      model: this._model,
      fast: this.fast,
    };
    const t = this.truncation;
    // (No closure here: some loaders wrap every closure creation in a naming call.)
    const limit0: TokenLimit | null = t && t.strategy !== 'only_second' ? { maxTokens: t.maxLength, direction: t.direction } : null;
    const limit1: TokenLimit | null = t ? { maxTokens: t.maxLength, direction: t.direction } : null;
    // Rust (npm) trims offsets in code points; to agree in UTF-16 when astral characters are present,
    // work in code points and convert at the end (the pair's offsets biased to tell them apart).
    const viaCodePoints = mode === 'utf16' && (hasSurrogate(text) || (pair !== null && hasSurrogate(pair)));
    const seqMode: OffsetMode = viaCodePoints ? 'codepoint' : mode;
    const first = encodeSequence(stages, text, 0, limit0, seqMode);
    const second = pair === null ? null : encodeSequence(stages, pair, 1, limit1, seqMode, viaCodePoints ? PAIR_OFFSET_BIAS : 0);
    const result = this.postProcess(first, second, addSpecialTokens);
    if (viaCodePoints) {
      const units0 = codePointToUnit(text);
      const units1 = pair === null ? units0 : codePointToUnit(pair);
      result.mapOffsets((o) => (o >= PAIR_OFFSET_BIAS ? units1[o - PAIR_OFFSET_BIAS]! : units0[o]!));
    }
    return result;
  }

  /** Rust's `post_process` without padding: truncation, then the post-processor (or a plain merge). */
  private postProcess(first: EncodingBuilder, second: EncodingBuilder | null, addSpecialTokens: boolean): EncodingBuilder {
    const t = this.truncation;

    if (t) {
      const nAdded = this.addedByProcessor(second !== null);
      const params = addSpecialTokens && nAdded > 0 ? { ...t, maxLength: t.maxLength - nAdded } : t;
      if (params.maxLength < 0) throw new RangeError(`truncation max length ${t.maxLength} is smaller than the ${nAdded} special tokens added`);
      truncateEncodings(first, second, params);
    }
    const encodings = second === null ? [first] : [first, second];
    if (this._postProcessor) return this._postProcessor.process(encodings, addSpecialTokens);
    if (second === null) return first;
    first.setSequenceId(0);
    second.setSequenceId(1);
    return EncodingBuilder.merge(encodings, false);
  }

  private addedByProcessor(isPair: boolean): number {
    return this._postProcessor?.addedTokens(isPair) ?? 0;
  }

  // ------------------------------------------------------------------ decoding

  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    const skip = options.skipSpecialTokens ?? true;
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (!Number.isInteger(id) || id < 0) throw new InvalidTokenIdError(id, i, 'this tokenizer');
      const token = this.added.idToToken(id) ?? this._model.idToToken(id);
      // Rust drops unknown ids silently.
      if (token === undefined || (skip && this.added.isSpecial(token))) continue;
      tokens.push(token);
    }
    return this._decoder ? this._decoder.decodeChain(tokens).join('') : tokens.join(' ');
  }

  decodeBatch(batch: readonly (readonly number[])[], options: DecodeOptions = {}): string[] {
    return batch.map((ids) => this.decode(ids, options));
  }

  // ------------------------------------------------------------------ vocabulary

  tokenToId(token: string): number | undefined {
    return this.added.tokenToId(token, this._model);
  }

  idToToken(id: number): string | undefined {
    return this.added.idToToken(id) ?? this._model.idToToken(id);
  }

  /** Size of the vocabulary, added tokens included (Rust's `get_vocab_size(true)`). */
  get vocabSize(): number {
    let overlapping = 0;
    const added = this.added.getVocab();
    for (const token of added.keys()) if (this._model.tokenToId(token) !== undefined) overlapping++;
    return this._model.getVocabSize() + added.size - overlapping;
  }

  /** Token → id for the model's vocabulary and (unless `withAddedTokens` is false) the added tokens. */
  getVocab(withAddedTokens = true): Map<string, number> {
    const vocab = this._model.getVocab();
    if (withAddedTokens) for (const [t, id] of this.added.getVocab()) vocab.set(t, id);
    return vocab;
  }

  /** Adds tokens (matched on the normalized text unless said otherwise); returns how many were added. */
  addTokens(tokens: readonly AddedTokenInput[]): number {
    return this.added.add(tokens.map((t) => toAddedToken(t, false)), this._model, this._normalizer);
  }

  /** Adds special tokens (matched on the original text, skipped when decoding). */
  addSpecialTokens(tokens: readonly AddedTokenInput[]): number {
    return this.added.add(tokens.map((t) => toAddedToken(t, true)), this._model, this._normalizer);
  }

  // ------------------------------------------------------------------ truncation, padding

  setTruncation(options: TruncationOptions): this {
    const p = truncationParams(options);
    const effective = p.maxLength - this.addedByProcessor(false);
    if (effective < p.stride) {
      throw new InvalidOptionError('stride', p.stride, `less than the effective max length ${effective} (max length ${p.maxLength} minus the special tokens added)`);
    }
    this.truncation = p;
    return this;
  }

  noTruncation(): this {
    this.truncation = null;
    return this;
  }

  getTruncation(): Readonly<TruncationParams> | null {
    return this.truncation;
  }

  setPadding(options: PaddingOptions = {}): this {
    this.padding = paddingParams(options);
    return this;
  }

  noPadding(): this {
    this.padding = null;
    return this;
  }

  getPadding(): Readonly<PaddingParams> | null {
    return this.padding;
  }

  // ------------------------------------------------------------------ stages

  get model(): Model {
    return this._model;
  }
  set model(model: Model) {
    this._model = model;
    this.fast = undefined;
  }
  get normalizer(): Normalizer | null {
    return this._normalizer;
  }
  /** Replacing the normalizer re-normalizes the added tokens that match on normalized text. */
  set normalizer(normalizer: Normalizer | null) {
    this._normalizer = normalizer;
    this.added.refreshNormalized(normalizer);
  }
  get preTokenizer(): PreTokenizer | null {
    return this._preTokenizer;
  }
  set preTokenizer(preTokenizer: PreTokenizer | null) {
    this._preTokenizer = preTokenizer;
    this.fast = undefined;
  }
  get postProcessor(): PostProcessor | null {
    return this._postProcessor;
  }
  set postProcessor(postProcessor: PostProcessor | null) {
    this._postProcessor = postProcessor;
  }
  get decoder(): Decoder | null {
    return this._decoder;
  }
  set decoder(decoder: Decoder | null) {
    this._decoder = decoder;
  }
}
