import * as ort from 'onnxruntime-node';
import { ModelIoError } from '../../errors.js';

export type Tensor = ort.Tensor;

/** An int64 tensor (ids, masks, positions) from plain numbers, row-major with `dims`. */
export function int64Tensor(values: ArrayLike<number>, dims: readonly number[]): ort.Tensor {
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = BigInt(values[i]);
  return new ort.Tensor('int64', data, dims);
}

export function float32Tensor(data: Float32Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('float32', data, dims);
}

export function boolTensor(value: boolean): ort.Tensor {
  return new ort.Tensor('bool', Uint8Array.of(value ? 1 : 0), [1]);
}

/** The float32 data of output `name` of `file` (a view, not a copy); fp16 graphs need their outputs cast to fp32. */
export function floatData(t: ort.Tensor | undefined, name: string, file: string): Float32Array {
  if (!t || t.type !== 'float32') throw new ModelIoError(file, 'outputs', [`${name} (float32)`], [t ? `${name} (${t.type})` : `no ${name}`]);
  return t.data as Float32Array;
}
