/**
 * The beam-restricted word edit distance of sacreBLEU's TER (lib_ter.BeamEditDistance): rows are
 * hypothesis positions, columns reference positions; only a band of `beam` columns around the
 * length-ratio diagonal is filled (the last row in full); ties prefer match/substitution, then
 * deletion, then insertion; the operation trace is recovered from the end. Rows for hypothesis
 * prefixes already seen are reused from a trie (this never changes a result: every hypothesis
 * scored against one reference has the same length, so a row depends only on the prefix).
 */
export const OP_NOP = 0;
export const OP_SUB = 1;
export const OP_INS = 2;
export const OP_DEL = 3;
export const OP_UNDEF = 4;

const BEAM_WIDTH = 25;
const MAX_CACHE_SIZE = 10000;
/**
 * Larger than any real cost; sacreBLEU uses 1e16, any value above the costs orders the same way.
 * A cell packs cost * 8 + operation into one int32.
 */
const INF = 1 << 26;
const EMPTY = INF * 8 + OP_UNDEF;

interface Node {
  /** word id -> [child node, index of the cached row in the store] */
  children: Map<number, { node: Node; row: number }>;
}

export class BeamEditDistance {
  private readonly nRef: number;
  /** Row width (nRef + 1). */
  private readonly w: number;
  private readonly root: Node = { children: new Map() };
  private cacheSize = 0;
  /** Cached rows, row k at [k * w, (k + 1) * w); row 0 is the initial row. */
  private store: Int32Array;
  /** Work matrix for the rows computed by one call, row i at [i * w, (i + 1) * w). */
  private work = new Int32Array(0);

  constructor(private readonly ref: Int32Array) {
    this.nRef = ref.length;
    this.w = this.nRef + 1;
    this.store = new Int32Array(this.w * 16);
    for (let j = 0; j <= this.nRef; j++) this.store[j] = j * 8 + OP_INS;
  }

  /** Edit distance of `hyp` to the reference and the trace of operations (forward order). */
  compute(hyp: Int32Array): { distance: number; trace: Uint8Array } {
    const nH = hyp.length;
    const nRef = this.nRef;
    const W = this.w;
    // rows 0..start come from the cache (their store indices), the rest are computed into `work`
    const cached: number[] = [0];
    let node = this.root;
    for (let i = 0; i < nH; i++) {
      const hit = node.children.get(hyp[i]);
      if (!hit) break;
      cached.push(hit.row);
      node = hit.node;
    }
    const start = cached.length - 1;
    if (this.work.length < (nH + 1) * W) this.work = new Int32Array((nH + 1) * W);
    const work = this.work;
    const store = this.store;
    const lengthRatio = nH > 0 ? nRef / nH : 1;
    const beam = BEAM_WIDTH < lengthRatio / 2 ? Math.ceil(lengthRatio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
    const ref = this.ref;
    for (let i = start + 1; i <= nH; i++) {
      const off = i * W;
      work.fill(EMPTY, off, off + W);
      const prevBuf = i - 1 <= start ? store : work;
      const prevOff = i - 1 <= start ? cached[i - 1] * W : (i - 1) * W;
      const pseudoDiag = Math.floor(i * lengthRatio);
      const minJ = Math.max(0, pseudoDiag - beam);
      let maxJ = Math.min(nRef + 1, pseudoDiag + beam);
      if (i === nH) maxJ = nRef + 1;
      const wd = hyp[i - 1];
      let j = minJ;
      if (j === 0 && j < maxJ) {
        work[off] = ((prevBuf[prevOff] >> 3) + 1) * 8 + OP_DEL;
        j = 1;
      }
      for (; j < maxJ; j++) {
        // preference on ties: match/substitution, then deletion, then insertion (strict <)
        const same = wd === ref[j - 1];
        let best = (prevBuf[prevOff + j - 1] >> 3) + (same ? 0 : 1);
        let bestOp = same ? OP_NOP : OP_SUB;
        if (best >= INF) {
          // sacreBLEU only takes an operation cheaper than the empty cell's infinity
          best = INF;
          bestOp = OP_UNDEF;
        }
        const del = (prevBuf[prevOff + j] >> 3) + 1;
        if (best > del) {
          best = del;
          bestOp = OP_DEL;
        }
        const ins = (work[off + j - 1] >> 3) + 1;
        if (best > ins) {
          best = ins;
          bestOp = OP_INS;
        }
        work[off + j] = best * 8 + bestOp;
      }
    }
    const cell = (i: number, j: number): number => (i <= start ? store[cached[i] * W + j] : work[i * W + j]);
    // trace back
    const rev: number[] = [];
    let i = nH;
    let j = nRef;
    while (i > 0 || j > 0) {
      const o = cell(i, j) & 7;
      rev.push(o);
      if (o === OP_SUB || o === OP_NOP) {
        i--;
        j--;
      } else if (o === OP_INS) j--;
      else if (o === OP_DEL) i--;
      else throw new Error(`TER: unknown edit operation ${o} at (${i}, ${j})`);
    }
    const trace = new Uint8Array(rev.length);
    for (let k = 0; k < rev.length; k++) trace[k] = rev[rev.length - 1 - k];
    const distance = cell(nH, nRef) >> 3;
    this.addCache(hyp, node, start);
    return { distance, trace };
  }

  /** Cache the rows computed by the last call (rows start+1..nH of `work`), below `node`. */
  private addCache(hyp: Int32Array, node: Node, start: number): void {
    if (this.cacheSize >= MAX_CACHE_SIZE) return;
    const W = this.w;
    for (let i = start; i < hyp.length; i++) {
      let hit = node.children.get(hyp[i]);
      if (!hit) {
        const k = ++this.cacheSize; // store row index (0 is the initial row)
        if ((k + 1) * W > this.store.length) {
          const grown = new Int32Array(Math.max((k + 1) * W, this.store.length * 2));
          grown.set(this.store);
          this.store = grown;
        }
        this.store.set(this.work.subarray((i + 1) * W, (i + 2) * W), k * W);
        hit = { node: { children: new Map() }, row: k };
        node.children.set(hyp[i], hit);
      }
      node = hit.node;
    }
  }
}
