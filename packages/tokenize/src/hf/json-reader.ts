/**
 * Reads tokenizer.json fragments field by field, so that every malformed value is reported with the
 * JSON path of the culprit (`$.model.merges[12]`), never silently defaulted or ignored.
 */
import { TokenizerJsonError } from '../errors.js';
import type { JsonObject, JsonValue } from './stages.js';

/** A JSON object together with where it sits in the file. */
export class JsonReader {
  constructor(
    readonly value: JsonObject,
    /** JSONPath of `value`, e.g. `$.pre_tokenizer.pretokenizers[1]`. */
    readonly path: string,
  ) {}

  /** Wraps `value` (which must be an object) found at `path`. */
  static at(value: unknown, path: string): JsonReader {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new TokenizerJsonError(path, `expected an object, got ${kindOf(value)}`);
    }
    return new JsonReader(value as JsonObject, path);
  }

  pathOf(key: string): string {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${this.path}.${key}` : `${this.path}[${JSON.stringify(key)}]`;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.value, key) && this.value[key] !== undefined;
  }

  /** The raw value, or undefined when absent. */
  raw(key: string): JsonValue | undefined {
    return Object.hasOwn(this.value, key) ? this.value[key] : undefined;
  }

  /** The value of `type` (every component has one). */
  type(): string {
    return this.string('type');
  }

  fail(key: string, detail: string): never {
    throw new TokenizerJsonError(this.pathOf(key), detail);
  }

  string(key: string): string;
  string(key: string, fallback: string): string;
  string(key: string, fallback?: string): string {
    const v = this.raw(key);
    if (v === undefined || (v === null && fallback !== undefined)) {
      if (fallback !== undefined) return fallback;
      this.fail(key, 'missing (expected a string)');
    }
    if (typeof v !== 'string') this.fail(key, `expected a string, got ${kindOf(v)}`);
    return v;
  }

  /** A string, or null when absent or null. */
  optionalString(key: string): string | null {
    const v = this.raw(key);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') this.fail(key, `expected a string or null, got ${kindOf(v)}`);
    return v;
  }

  boolean(key: string, fallback?: boolean): boolean {
    const v = this.raw(key);
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'boolean') this.fail(key, v === undefined ? 'missing (expected true or false)' : `expected true or false, got ${kindOf(v)}`);
    return v;
  }

  number(key: string, fallback?: number): number {
    const v = this.raw(key);
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(key, v === undefined ? 'missing (expected a number)' : `expected a number, got ${kindOf(v)}`);
    return v;
  }

  /** A non-negative integer. */
  integer(key: string, fallback?: number): number {
    const v = this.number(key, fallback);
    if (!Number.isInteger(v) || v < 0) this.fail(key, `expected a non-negative integer, got ${v}`);
    return v;
  }

  optionalNumber(key: string): number | null {
    const v = this.raw(key);
    if (v === undefined || v === null) return null;
    return this.number(key);
  }

  array(key: string): JsonValue[] {
    const v = this.raw(key);
    if (!Array.isArray(v)) this.fail(key, v === undefined ? 'missing (expected an array)' : `expected an array, got ${kindOf(v)}`);
    return v;
  }

  /** A nested object as a reader. */
  object(key: string): JsonReader {
    if (!this.has(key)) this.fail(key, 'missing (expected an object)');
    return JsonReader.at(this.value[key], this.pathOf(key));
  }

  /** A nested object as a reader, or null when absent or null. */
  optionalObject(key: string): JsonReader | null {
    const v = this.raw(key);
    if (v === undefined || v === null) return null;
    return JsonReader.at(v, this.pathOf(key));
  }

  /** Each element of an array of objects, as readers with their paths. */
  objects(key: string): JsonReader[] {
    const p = this.pathOf(key);
    return this.array(key).map((v, i) => JsonReader.at(v, `${p}[${i}]`));
  }

  /** A value that must be one of `allowed`. */
  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T {
    const v = fallback === undefined ? this.string(key) : this.string(key, fallback);
    if (!(allowed as readonly string[]).includes(v)) this.fail(key, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(v)}`);
    return v as T;
  }

  /** Rejects a component type this library does not implement, naming it. */
  unsupported(stage: string, known: readonly string[]): never {
    const t = this.raw('type');
    throw new TokenizerJsonError(
      this.pathOf('type'),
      `unsupported ${stage} ${JSON.stringify(t)}; supported: ${known.join(', ')}`,
    );
  }
}

export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}
