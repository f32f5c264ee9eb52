import * as ort from 'onnxruntime-node';
import { ModelIoError } from '../../errors.js';

export type Tensor = ort.Tensor;

/** An int64 tensor (ids, masks, positions) from plain numbers (converted) or a BigInt64Array (used as is), row-major with `dims`. */
export function int64Tensor(values: ArrayLike<number> | BigInt64Array, dims: readonly number[]): ort.Tensor {
  if (values instanceof BigInt64Array) return new ort.Tensor('int64', values, dims);
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = BigInt(values[i]);
  return new ort.Tensor('int64', data, dims);
}

export function float32Tensor(data: Float32Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('float32', data, dims);
}

// The two [1]-shaped bool tensors (use_cache_branch), made once: ORT only reads its inputs.
const TRUE = new ort.Tensor('bool', Uint8Array.of(1), [1]);
const FALSE = new ort.Tensor('bool', Uint8Array.of(0), [1]);

/** A [1]-shaped bool tensor (shared, read-only: do not write into its data). */
export function boolTensor(value: boolean): ort.Tensor {
  return value ? TRUE : FALSE;
}

/** The float32 data of output `name` of `file` (a view, not a copy); fp16 graphs need their outputs cast to fp32. */
export function floatData(t: ort.Tensor | undefined, name: string, file: string): Float32Array {
  if (!t || t.type !== 'float32') throw new ModelIoError(file, 'outputs', [`${name} (float32)`], [t ? `${name} (${t.type})` : `no ${name}`]);
  return t.data as Float32Array;
}

/** Rows of a float32 tensor gathered along its first axis: out[i] = t[rows[i]] (beam expansion and reordering). */
export function gatherRows(t: ort.Tensor, rows: ArrayLike<number>): ort.Tensor {
  const block = t.dims.slice(1).reduce((a, b) => a * b, 1);
  const src = t.data as Float32Array;
  const dst = new Float32Array(rows.length * block);
  for (let i = 0; i < rows.length; i++) dst.set(src.subarray(rows[i] * block, (rows[i] + 1) * block), i * block);
  return new ort.Tensor('float32', dst, [rows.length, ...t.dims.slice(1)]);
}

/** Rows of an int64 tensor gathered along its first axis (masks follow their beams). */
export function gatherInt64Rows(t: ort.Tensor, rows: ArrayLike<number>): ort.Tensor {
  const block = t.dims.slice(1).reduce((a, b) => a * b, 1);
  const src = t.data as BigInt64Array;
  const dst = new BigInt64Array(rows.length * block);
  for (let i = 0; i < rows.length; i++) dst.set(src.subarray(rows[i] * block, (rows[i] + 1) * block), i * block);
  return new ort.Tensor('int64', dst, [rows.length, ...t.dims.slice(1)]);
}

let scratch = new Float32Array(0);

/**
 * `gatherRows` without allocating: the rows are reordered inside `t`'s own buffer (through one scratch buffer
 * shared by all calls; the function is synchronous, so concurrent searches cannot interleave in it). For beam
 * reordering of a KV cache, where the row count does not change: per step it saves allocating a cache-sized
 * buffer, and with it most of the garbage collection of a beam search. Returns `t`.
 */
export function reorderRowsInPlace(t: ort.Tensor, rows: ArrayLike<number>): ort.Tensor {
  if (rows.length !== t.dims[0]) return gatherRows(t, rows);
  const block = t.dims.slice(1).reduce((a, b) => a * b, 1);
  const data = t.data as Float32Array;
  if (scratch.length < data.length) scratch = new Float32Array(Math.ceil(data.length * 1.5));
  for (let i = 0; i < rows.length; i++) scratch.set(data.subarray(rows[i] * block, (rows[i] + 1) * block), i * block);
  data.set(scratch.subarray(0, data.length));
  return t;
}
