/**
 * Unicode as Rust tokenizers sees it, where its tables are older than the JS engine's:
 * - general categories through the `unicode_categories` crate (Unicode 8.0): used by BertNormalizer
 *   (Mn, C) and the Bert/Punctuation pre-tokenizers (P); marks (M) for StripAccents through
 *   `unicode-normalization` (about Unicode 12);
 * - decompositions through `unicode-normalization-alignments` (about Unicode 12): used by the
 *   normalization forms of NormalizedString.
 * Each test is the engine's answer corrected by the differences measured on the reference (`tokenizers`
 * 0.23.2 against Node 20.20's ICU): characters added or recategorized since.
 */

type Ranges = ReadonlyArray<number | readonly [number, number]>;

function inRanges(ranges: Ranges, cp: number): boolean {
  for (const r of ranges) {
    if (typeof r === 'number') {
      if (cp === r) return true;
    } else if (cp >= r[0] && cp <= r[1]) return true;
  }
  return false;
}

/** A sorted flat [start, end] list for a binary search. */
function compile(ranges: Ranges): Int32Array {
  const out = new Int32Array(ranges.length * 2);
  ranges.forEach((r, i) => {
    out[2 * i] = typeof r === 'number' ? r : r[0];
    out[2 * i + 1] = typeof r === 'number' ? r : r[1];
  });
  return out;
}

function inCompiled(table: Int32Array, cp: number): boolean {
  let lo = 0;
  let hi = table.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < table[2 * mid]!) hi = mid - 1;
    else if (cp > table[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Mn for the engine but not for Rust (newer marks). */
const MN_NOT_IN_RUST = compile([
  0x7fd, [0x897, 0x89f], [0x8ca, 0x8e1], 0x9fe, [0xafa, 0xaff], 0xb55, 0xc04, 0xc3c, 0xd00, [0xd3b, 0xd3c], 0xd81, 0xeba,
  0xece, 0x180f, [0x1885, 0x1886], [0x1abf, 0x1add], [0x1ae0, 0x1aeb], [0x1df6, 0x1dfb], 0xa82c, 0xa8c5, 0xa8ff, 0xa9bd,
  [0x10d24, 0x10d27], [0x10d69, 0x10d6d], [0x10eab, 0x10eac], [0x10efa, 0x10eff], [0x10f46, 0x10f50], [0x10f82, 0x10f85],
  0x11070, [0x11073, 0x11074], 0x110c2, 0x111c9, 0x111cf, 0x1123e, 0x11241, 0x1133b, [0x113bb, 0x113c0], 0x113ce, 0x113d0,
  0x113d2, [0x113e1, 0x113e2], [0x11438, 0x1143f], [0x11442, 0x11444], 0x11446, 0x1145e, [0x1182f, 0x11837],
  [0x11839, 0x1183a], [0x1193b, 0x1193c], 0x1193e, 0x11943, [0x119d4, 0x119d7], [0x119da, 0x119db], 0x119e0,
  [0x11a01, 0x11a0a], [0x11a33, 0x11a38], [0x11a3b, 0x11a3e], 0x11a47, [0x11a51, 0x11a56], [0x11a59, 0x11a5b],
  [0x11a8a, 0x11a96], [0x11a98, 0x11a99], 0x11b60, [0x11b62, 0x11b64], 0x11b66, [0x11c30, 0x11c36], [0x11c38, 0x11c3d],
  0x11c3f, [0x11c92, 0x11ca7], [0x11caa, 0x11cb0], [0x11cb2, 0x11cb3], [0x11cb5, 0x11cb6], [0x11d31, 0x11d36], 0x11d3a,
  [0x11d3c, 0x11d3d], [0x11d3f, 0x11d45], 0x11d47, [0x11d90, 0x11d91], 0x11d95, 0x11d97, [0x11ef3, 0x11ef4],
  [0x11f00, 0x11f01], [0x11f36, 0x11f3a], 0x11f40, 0x11f42, 0x11f5a, 0x13440, [0x13447, 0x13455], [0x1611e, 0x16129],
  [0x1612d, 0x1612f], 0x16f4f, 0x16fe4, [0x1cf00, 0x1cf2d], [0x1cf30, 0x1cf46], [0x1e000, 0x1e006],
  [0x1e008, 0x1e018], [0x1e01b, 0x1e021], [0x1e023, 0x1e024], [0x1e026, 0x1e02a], 0x1e08f, [0x1e130, 0x1e136], 0x1e2ae,
  [0x1e2ec, 0x1e2ef], [0x1e4ec, 0x1e4ef], [0x1e5ee, 0x1e5ef], 0x1e6e3, 0x1e6e6, [0x1e6ee, 0x1e6ef], 0x1e6f5,
  [0x1e944, 0x1e94a],
]);
/** Mn for Rust but no longer for the engine (recategorized). */
const MN_ONLY_IN_RUST: Ranges = [0x1734, 0x1171e];

/** M for the engine but not for Rust's `is_combining_mark` (unicode-normalization, about Unicode 12). */
const M_NOT_IN_RUST = compile([
  0x7fd, [0x897, 0x89f], [0x8ca, 0x8d3], 0x9fe, [0xafa, 0xaff], 0xb55, 0xc04, 0xc3c, 0xcf3, 0xd00, [0xd3b, 0xd3c], 0xd81,
  0xeba, 0xece, 0x1715, 0x180f, [0x1abf, 0x1add], [0x1ae0, 0x1aeb], 0x1cf7, [0x1df6, 0x1dfa], 0xa82c, 0xa8ff,
  [0x10d24, 0x10d27], [0x10d69, 0x10d6d], [0x10eab, 0x10eac], [0x10efa, 0x10eff], [0x10f46, 0x10f50], [0x10f82, 0x10f85],
  0x11070, [0x11073, 0x11074], 0x110c2, [0x11145, 0x11146], 0x111c9, [0x111ce, 0x111cf], 0x11241, 0x1133b,
  [0x113b8, 0x113c0], 0x113c2, 0x113c5, [0x113c7, 0x113ca], [0x113cc, 0x113d0], 0x113d2, [0x113e1, 0x113e2], 0x1145e,
  [0x1182c, 0x1183a], [0x11930, 0x11935], [0x11937, 0x11938], [0x1193b, 0x1193e], 0x11940, [0x11942, 0x11943],
  [0x119d1, 0x119d7], [0x119da, 0x119e0], 0x119e4, [0x11a01, 0x11a0a], [0x11a33, 0x11a39], [0x11a3b, 0x11a3e], 0x11a47,
  [0x11a51, 0x11a5b], [0x11a8a, 0x11a99], [0x11b60, 0x11b67], [0x11d31, 0x11d36], 0x11d3a, [0x11d3c, 0x11d3d],
  [0x11d3f, 0x11d45], 0x11d47, [0x11d8a, 0x11d8e], [0x11d90, 0x11d91], [0x11d93, 0x11d97], [0x11ef3, 0x11ef6],
  [0x11f00, 0x11f01], 0x11f03, [0x11f34, 0x11f3a], [0x11f3e, 0x11f42], 0x11f5a, 0x13440, [0x13447, 0x13455],
  [0x1611e, 0x1612f], 0x16f4f, [0x16f7f, 0x16f87], 0x16fe4, [0x16ff0, 0x16ff1], [0x1cf00, 0x1cf2d], [0x1cf30, 0x1cf46],
  0x1e08f, [0x1e130, 0x1e136], 0x1e2ae, [0x1e2ec, 0x1e2ef], [0x1e4ec, 0x1e4ef], [0x1e5ee, 0x1e5ef], 0x1e6e3, 0x1e6e6,
  [0x1e6ee, 0x1e6ef], 0x1e6f5,
]);
/** M for Rust but no longer for the engine (recategorized). */
const M_ONLY_IN_RUST: Ranges = [[0x1cf2, 0x1cf3]];

/** P for the engine but not for Rust (newer punctuation). */
const P_NOT_IN_RUST = compile([
  0x61d, 0x9fd, 0xa76, 0xc77, 0xc84, [0x1b4e, 0x1b4f], [0x1b7d, 0x1b7f], [0x2e43, 0x2e4f], [0x2e52, 0x2e5d], 0x10d6e,
  0x10ead, 0x10ed0, [0x10f55, 0x10f59], [0x10f86, 0x10f89], [0x113d4, 0x113d5], [0x113d7, 0x113d8], [0x1144b, 0x1144f],
  [0x1145a, 0x1145b], 0x1145d, [0x11660, 0x1166c], 0x116b9, 0x1183b, [0x11944, 0x11946], 0x119e2, [0x11a3f, 0x11a46],
  [0x11a9a, 0x11a9c], [0x11a9e, 0x11aa2], [0x11b00, 0x11b09], 0x11be1, [0x11c41, 0x11c45], [0x11c70, 0x11c71],
  [0x11ef7, 0x11ef8], [0x11f43, 0x11f4f], 0x11fff, [0x12ff1, 0x12ff2], [0x16d6d, 0x16d6f], [0x16e97, 0x16e9a], 0x16fe2,
  0x1e5ff, [0x1e95e, 0x1e95f],
]);
/** P for Rust but no longer for the engine (recategorized). */
const P_ONLY_IN_RUST: Ranges = [0x166d, 0x111c9];

/** Cf for the engine but not for Rust (newer format characters). */
const CF_NOT_IN_RUST: Ranges = [[0x890, 0x891], 0x8e2, 0x110cd, [0x13430, 0x1343f]];

const MN = /\p{Mn}/u;
const P = /\p{P}/u;
const CONTROL_FORMAT_PRIVATE = /[\p{Cc}\p{Cf}\p{Co}]/u;

/** Rust's `is_mark_nonspacing()`. */
export function isNonspacingMark(cp: number): boolean {
  if (cp < 0x300) return false;
  if (MN.test(String.fromCodePoint(cp))) return !inCompiled(MN_NOT_IN_RUST, cp);
  return inRanges(MN_ONLY_IN_RUST, cp);
}

const M = /\p{M}/u;

/** unicode-normalization's `is_combining_mark()` (StripAccents). */
export function isCombiningMark(cp: number): boolean {
  if (cp < 0x300) return false;
  if (M.test(String.fromCodePoint(cp))) return !inCompiled(M_NOT_IN_RUST, cp);
  return inRanges(M_ONLY_IN_RUST, cp);
}

/** Rust's `is_punctuation()` (Unicode P, without the ASCII symbols). */
export function isUnicodePunctuation(cp: number): boolean {
  if (P.test(String.fromCodePoint(cp))) return cp < 0x61d || !inCompiled(P_NOT_IN_RUST, cp);
  return inRanges(P_ONLY_IN_RUST, cp);
}

/**
 * Rust's `is_other()`: control, format and private-use characters — never unassigned ones, whose table
 * the crate lacks (a character unknown to it counts as assigned).
 */
export function isOtherCategory(cp: number): boolean {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return true;
  if (cp < 0xa0) return false;
  return CONTROL_FORMAT_PRIVATE.test(String.fromCodePoint(cp)) && !inRanges(CF_NOT_IN_RUST, cp);
}

/** Characters with a canonical decomposition for the engine but none for Rust (newer characters). */
const NO_CANONICAL_DECOMPOSITION_IN_RUST = compile([
  0x105c9, 0x105e4, 0x11383, 0x11385, 0x1138e, 0x11391, 0x113c5, [0x113c7, 0x113c8], 0x11938, [0x16121, 0x16128],
  [0x16d68, 0x16d6a],
]);

/** Characters with a compatibility decomposition for the engine but none for Rust (newer characters). */
const NO_COMPATIBILITY_DECOMPOSITION_IN_RUST = compile([
  0x32ff, [0xa7f1, 0xa7f4], 0xab69, [0x10781, 0x10785], [0x10787, 0x107b0], [0x107b2, 0x107ba], [0x1ccd6, 0x1ccf9],
  [0x1e030, 0x1e06d], 0x1f16c, [0x1fbf0, 0x1fbf9],
]);

/** The starters of the decompositions above: Rust does not compose them (it does not know the result). */
let uncomposedStarters: Set<number> | null = null;

function isUncomposedStarter(cp: number): boolean {
  if (uncomposedStarters === null) {
    uncomposedStarters = new Set();
    for (let k = 0; k < NO_CANONICAL_DECOMPOSITION_IN_RUST.length; k += 2) {
      for (let c = NO_CANONICAL_DECOMPOSITION_IN_RUST[k]!; c <= NO_CANONICAL_DECOMPOSITION_IN_RUST[k + 1]!; c++) {
        uncomposedStarters.add(String.fromCodePoint(c).normalize('NFD').codePointAt(0)!);
      }
    }
  }
  return uncomposedStarters.has(cp);
}

/**
 * Whether Rust's normalization forms (canonical: NFD/NFC; compatibility: NFKD/NFKC) see `cp` as a plain
 * starter with no decomposition and no composition although the engine would not: characters newer than
 * Rust's tables (decomposable ones, combining marks, starters of new compositions). Such a character
 * stays as it is and blocks reordering and composition across it.
 */
export function isUndecomposedInRust(cp: number, compatibility: boolean): boolean {
  if (cp < 0x7fd) return false;
  return (
    inCompiled(NO_CANONICAL_DECOMPOSITION_IN_RUST, cp) ||
    (compatibility && inCompiled(NO_COMPATIBILITY_DECOMPOSITION_IN_RUST, cp)) ||
    inCompiled(M_NOT_IN_RUST, cp) ||
    isUncomposedStarter(cp)
  );
}

/**
 * Characters the engine calls letters, marks or digits but Rust's regex crate and Oniguruma (Unicode 16)
 * do not know yet — Unicode 17 additions, measured with Node 20.20. As a regex class body: word classes
 * subtract them (for Rust they are unassigned, so neither word nor space).
 */
export const NEWER_WORD_CHARACTERS =
  '\\u{88f}\\u{c5c}\\u{cdc}\\u{1acf}-\\u{1add}\\u{1ae0}-\\u{1aeb}\\u{a7ce}-\\u{a7cf}\\u{a7d2}\\u{a7d4}' +
  '\\u{a7f1}\\u{10940}-\\u{10959}\\u{10ec5}-\\u{10ec7}\\u{10efa}-\\u{10efb}\\u{11b60}-\\u{11b67}' +
  '\\u{11db0}-\\u{11ddb}\\u{11de0}-\\u{11de9}\\u{16ea0}-\\u{16eb8}\\u{16ebb}-\\u{16ed3}' +
  '\\u{16ff2}-\\u{16ff6}\\u{187f8}-\\u{187ff}\\u{18d09}-\\u{18d1e}\\u{18d80}-\\u{18df2}' +
  '\\u{1e6c0}-\\u{1e6de}\\u{1e6e0}-\\u{1e6f5}\\u{1e6fe}-\\u{1e6ff}\\u{2b73a}-\\u{2b73f}' +
  '\\u{2cea2}-\\u{2cead}\\u{323b0}-\\u{33479}';
