/**
 * Token rules shared by beam search and its exhaustive oracle: EOS ids, a minimum length, a forced prefix,
 * banned tokens and tokens that must appear. Lookups go through small typed masks indexed by token id, so the
 * per-token test in the dense inner loop is two array reads.
 */
import { InvalidOptionError } from '../errors.js';

export interface TokenRuleOptions {
  /** End-of-sequence token id(s); a hypothesis that emits one is finished. Without any, hypotheses end at `maxLength`. */
  eos?: number | readonly number[];
  /** EOS is not allowed before this many tokens (EOS included). Default 0. */
  minLength?: number;
  /** Tokens forced at the start, in order (e.g. a language tag or a user-typed prefix). */
  prefix?: readonly number[];
  /** Tokens that never appear. */
  banned?: readonly number[];
  /** Tokens that must each appear at least once in a returned hypothesis (at most 30). */
  mustInclude?: readonly number[];
}

const MAX_REQUIRED = 30;

function checkIds(option: string, ids: readonly number[]): void {
  for (const t of ids) {
    if (!Number.isInteger(t) || t < 0) throw new InvalidOptionError(option, ids, 'non-negative integer token ids');
  }
}

function mask(ids: readonly number[]): Uint8Array {
  let max = -1;
  for (const t of ids) if (t > max) max = t;
  const m = new Uint8Array(max + 1);
  for (const t of ids) m[t] = 1;
  return m;
}

export class TokenRules {
  readonly eos: readonly number[];
  readonly minLength: number;
  readonly prefix: readonly number[];
  readonly required: readonly number[];
  /** Bit mask with one bit per required token: the `met` value of a hypothesis that has them all. */
  readonly allMet: number;
  private readonly eosMask: Uint8Array;
  private readonly bannedMask: Uint8Array;
  /** token → 1 + index into `required`, 0 when not required. */
  private readonly requiredSlot: Uint8Array;

  constructor(o: TokenRuleOptions) {
    this.eos = o.eos === undefined ? [] : typeof o.eos === 'number' ? [o.eos] : [...o.eos];
    checkIds('eos', this.eos);
    this.minLength = o.minLength ?? 0;
    if (!Number.isInteger(this.minLength) || this.minLength < 0) {
      throw new InvalidOptionError('minLength', o.minLength, 'a non-negative integer');
    }
    this.prefix = o.prefix ?? [];
    checkIds('prefix', this.prefix);
    const banned = o.banned ?? [];
    checkIds('banned', banned);
    this.required = [...new Set(o.mustInclude ?? [])];
    checkIds('mustInclude', this.required);
    if (this.required.length > MAX_REQUIRED) {
      throw new InvalidOptionError('mustInclude', o.mustInclude, `at most ${MAX_REQUIRED} distinct tokens`);
    }
    for (const t of this.required) {
      if (this.eos.includes(t) || banned.includes(t)) {
        throw new InvalidOptionError('mustInclude', t, 'a token that is neither EOS nor banned');
      }
    }
    this.eosMask = mask(this.eos);
    this.bannedMask = mask(banned);
    this.requiredSlot = new Uint8Array(this.required.length === 0 ? 0 : Math.max(...this.required) + 1);
    this.required.forEach((t, i) => (this.requiredSlot[t] = i + 1));
    this.allMet = this.required.length === 0 ? 0 : 2 ** this.required.length - 1;
  }

  isEos(t: number): boolean {
    return t < this.eosMask.length && this.eosMask[t] === 1;
  }

  /** The `met` bits after appending `t`. */
  metAfter(met: number, t: number): number {
    const s = t < this.requiredSlot.length ? this.requiredSlot[t] : 0;
    return s === 0 ? met : met | (1 << (s - 1));
  }

  /** Whether token `t` may become token number `len` (1-based) of a hypothesis whose `met` bits are given. */
  allowed(t: number, len: number, met: number): boolean {
    if (len <= this.prefix.length) return t === this.prefix[len - 1];
    if (t < this.bannedMask.length && this.bannedMask[t] === 1) return false;
    if (this.isEos(t)) return len >= this.minLength && met === this.allMet;
    return true;
  }
}

/** Number of set bits (constraints met). */
export function popcount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}
