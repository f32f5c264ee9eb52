/**
 * Builds small SentencePiece `precompiled_charsmap`s for the tests: a darts-clone double-array trie over
 * the UTF-8 keys (each node's children at base ^ label, bases unique, the value unit at the base itself)
 * followed by the NUL-terminated replacements, padded to whole blocks of 256 units like darts-clone.
 * Space is not optimized; offsets stay under 2^21.
 */
interface TrieNode {
  children: Map<number, TrieNode>;
  value: number | null;
}

export function buildCharsmap(rules: ReadonlyArray<readonly [string, string]>): Uint8Array {
  const encoder = new TextEncoder();
  const blobParts: number[] = [];
  const root: TrieNode = { children: new Map(), value: null };
  for (const [from, to] of rules) {
    let node = root;
    for (const b of encoder.encode(from)) {
      let next = node.children.get(b);
      if (!next) node.children.set(b, (next = { children: new Map(), value: null }));
      node = next;
    }
    node.value = blobParts.length;
    blobParts.push(...encoder.encode(to), 0);
  }

  const units: number[] = [0];
  const used: boolean[] = [true];
  const usedBases = new Set<number>();
  const isFree = (p: number): boolean => !used[p];
  const place = (node: TrieNode, pos: number): void => {
    const labels = [...node.children.keys()];
    let base = 1;
    for (;; base++) {
      if (usedBases.has(base)) continue;
      if (node.value !== null && !isFree(base)) continue;
      if (labels.every((c) => isFree(base ^ c))) break;
    }
    usedBases.add(base);
    units[pos] = (units[pos] ?? 0) | ((pos ^ base) << 10) | (node.value !== null ? 1 << 8 : 0);
    if (node.value !== null) {
      units[base] = (node.value | 0x80000000) >>> 0;
      used[base] = true;
    }
    for (const c of labels) {
      units[base ^ c] = c;
      used[base ^ c] = true;
    }
    for (const c of labels) place(node.children.get(c)!, base ^ c);
  };
  place(root, 0);

  // Pad to whole blocks of 256 units, as darts-clone does: a lookup visits base ^ byte for any byte, and
  // the reference indexes the array without bounds checks (it panics past the end).
  let maxBase = 0;
  for (const b of usedBases) maxBase = Math.max(maxBase, b);
  const size = Math.max(units.length, (maxBase | 0xff) + 1);
  const out = new Uint8Array(4 + 4 * size + blobParts.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 4 * size, true);
  for (let i = 0; i < size; i++) view.setUint32(4 + 4 * i, (units[i] ?? 0) >>> 0, true);
  out.set(blobParts, 4 + 4 * size);
  return out;
}
