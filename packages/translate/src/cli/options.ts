/** Option parsers shared by the `translate` subcommands (bad values are usage errors, exit 2). */
import type { RetrievalMethod } from '../mapping/index.js';
import { UsageError } from './report.js';

/** An integer option at least `min`. */
export function intOption(name: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer >= ${min}, not ${JSON.stringify(value)}`);
    return n;
  };
}

export function methodOption(value: string): RetrievalMethod {
  if (value !== 'csls' && value !== 'nn') throw new UsageError(`--method must be csls or nn, not ${JSON.stringify(value)}`);
  return value;
}

/** A comma-separated list of positive integers (`1,5,10`). */
export function ksOption(value: string): number[] {
  const ks = value.split(',').map((v) => Number(v.trim()));
  if (ks.length === 0 || ks.some((k) => !Number.isInteger(k) || k < 1)) {
    throw new UsageError(`--ks must be positive integers separated by commas, not ${JSON.stringify(value)}`);
  }
  return ks;
}
