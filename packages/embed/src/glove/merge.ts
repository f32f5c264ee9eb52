/**
 * K-way merge of sorted co-occurrence sources, summing the values of equal (i, j) — cooccur's
 * merge_files. A source is anything with a current `key` (i·K + j) and `value` and a `next()`: a
 * spilled file, the sorted last chunk still in memory, or the dense array of frequent pairs.
 */
import { RecordCursor, type RecordWriter } from './records.js';

export interface SortedSource {
  key: number;
  value: number;
  /** Moves to the next record; false at the end. */
  next(): boolean;
}

export class FileSource implements SortedSource {
  key = 0;
  value = 0;
  constructor(
    private readonly cursor: RecordCursor,
    private readonly stride: number,
  ) {}
  next(): boolean {
    if (!this.cursor.next()) {
      this.cursor.close();
      return false;
    }
    this.key = this.cursor.word1 * this.stride + this.cursor.word2;
    this.value = this.cursor.value;
    return true;
  }
}

export class ArraySource implements SortedSource {
  key = 0;
  value = 0;
  private at = -1;
  constructor(
    private readonly keys: Float64Array,
    private readonly values: Float64Array,
  ) {}
  next(): boolean {
    if (++this.at >= this.keys.length) return false;
    this.key = this.keys[this.at]!;
    this.value = this.values[this.at]!;
    return true;
  }
}

/** Merges `sources` into `out`; returns the records written. */
export function mergeSorted(sources: SortedSource[], stride: number, out: RecordWriter): number {
  // A binary min-heap of the sources that still have a record, by their current key.
  const heap: SortedSource[] = sources.filter((s) => s.next());
  const down = (p: number): void => {
    const n = heap.length;
    for (;;) {
      const l = 2 * p + 1;
      if (l >= n) return;
      const c = l + 1 < n && heap[l + 1]!.key < heap[l]!.key ? l + 1 : l;
      if (heap[c]!.key >= heap[p]!.key) return;
      const t = heap[c]!;
      heap[c] = heap[p]!;
      heap[p] = t;
      p = c;
    }
  };
  for (let p = (heap.length >> 1) - 1; p >= 0; p--) down(p);
  let written = 0;
  let key = -1;
  let sum = 0;
  while (heap.length > 0) {
    const top = heap[0]!;
    if (top.key === key) sum += top.value;
    else {
      if (key >= 0) {
        emit(out, key, sum, stride);
        written++;
      }
      key = top.key;
      sum = top.value;
    }
    if (!top.next()) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    down(0);
  }
  if (key >= 0) {
    emit(out, key, sum, stride);
    written++;
  }
  return written;
}

function emit(out: RecordWriter, key: number, value: number, stride: number): void {
  const i = Math.floor(key / stride);
  out.push(i, key - i * stride, value);
}
