/**
 * Growable struct-of-arrays that models append tokens to: ids and UTF-16 start/end offsets in
 * Int32Arrays, so the hot path allocates no per-token objects.
 */
export class TokenBuffer {
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.ids = new Int32Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(id: number, start: number, end: number): void {
    if (this.length === this.ids.length) this.grow();
    const i = this.length++;
    this.ids[i] = id;
    this.starts[i] = start;
    this.ends[i] = end;
  }

  clear(): void {
    this.length = 0;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    const ids = new Int32Array(n);
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    ids.set(this.ids);
    starts.set(this.starts);
    ends.set(this.ends);
    this.ids = ids;
    this.starts = starts;
    this.ends = ends;
  }
}
