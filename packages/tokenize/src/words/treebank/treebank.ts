/**
 * The `treebank` style: the same tokens as NLTK's `TreebankWordTokenizer().tokenize`, with offsets
 * that cover the original characters (NLTK's `span_tokenize`), fast.
 *
 * Why this shape: NLTK's tokenizer is a cascade of ~25 regex substitutions over the whole text, and
 * no rule reaches past the white space around a chunk (a maximal run of non-space). So one scan
 * settles chunk after chunk with `treebankChunk` (a regex-free restatement of the rules for all but
 * unusual chunks), and sends only the others through the exact cascade of `treebank.reference.ts`:
 * all of them in one string, each run of them with the white space character on either side, so
 * every rule sees the same neighbours as in the text. The cascade's tokens are aligned back onto
 * that string, whose every character maps to the text, and take the places the scan kept for them.
 *
 * Performance notes (eltec-mono novels, paragraph by paragraph, Node 20, 2-core EPYC): the cascade
 * sees 0.06% of English chunks (2.6% of paragraphs call it), 1.5% of French ones (35%: `l'`, `qu'`);
 * English runs at ~64 MB/s against ~18 MB/s for natural's simplified TreebankWordTokenizer
 * (bench/words.bench.ts). Calling the cascade costs ~25 regex passes even on a short string, which
 * is why the scan handles the common apostrophes (`don't`, `it's`) itself.
 */
import { isPySpace } from '../space.js';
import { SpanFeed, type SpanBuilder } from '../span-builder.js';
import { treebankChunk } from './treebank-chunk.js';
import { treebankRewrite } from './treebank.reference.js';

/**
 * Appends NLTK's Treebank tokens of `text` to `out`.
 * @example treebankKernel('"Isn\'t it?"', out) // ``, Is, n't, it, ?, '' at 0–1, 1–3, 3–6, 7–9, 9–10, 10–11
 */
export function treebankKernel(text: string, out: SpanBuilder): void {
  const n = text.length;
  const slowStarts: number[] = [];
  const slowEnds: number[] = [];
  const placeholders: number[] = []; // where the slow chunks' tokens go in `out`
  let i = 0;
  while (i < n && isPySpace(text.charCodeAt(i))) i++;
  while (i < n) {
    const mark = out.length;
    let end = treebankChunk(text, i, out);
    if (end < 0) {
      end = ~end;
      out.truncate(mark);
      placeholders.push(mark);
      out.push('', i, end);
      slowStarts.push(i);
      slowEnds.push(end);
    }
    i = end;
    while (i < n && isPySpace(text.charCodeAt(i))) i++;
  }
  if (placeholders.length === 0) return;

  // The cascade's input: each run of consecutive slow chunks with the white space around it.
  const parts: string[] = [];
  const partOrigin: number[] = []; // index in `text` of each part's first character
  let joinedLength = 0;
  for (let k = 0; k < placeholders.length; k++) {
    let m = k;
    while (m + 1 < placeholders.length && placeholders[m + 1] === placeholders[m] + 1) m++;
    const from = slowStarts[k] > 0 ? slowStarts[k] - 1 : 0;
    const to = slowEnds[m] < n ? slowEnds[m] + 1 : n;
    parts.push(text.slice(from, to));
    partOrigin.push(from);
    joinedLength += to - from;
    k = m;
  }
  // A chunk after the last slow one: a plain word keeps the end-anchored rules from firing.
  const lastIsSlow = placeholders[placeholders.length - 1] === out.length - 1;
  const joined = parts.join('') + (lastIsSlow ? '' : 'x');
  const rewritten = treebankRewrite(joined);

  // The cascade's tokens, each matched against `joined` and so mapped back onto `text`.
  const toks: string[] = [];
  const tokStarts: number[] = [];
  const tokEnds: number[] = [];
  let part = 0;
  let partStart = 0; // index in `joined` of parts[part]
  let p = 0; // position in `joined`
  let r = 0; // position in `rewritten`
  const rn = rewritten.length;
  while (r < rn) {
    while (r < rn && isPySpace(rewritten.charCodeAt(r))) r++;
    if (r === rn) break;
    const rs = r;
    while (r < rn && !isPySpace(rewritten.charCodeAt(r))) r++;
    while (p < joinedLength && isPySpace(joined.charCodeAt(p))) p++;
    if (p >= joinedLength) break; // the plain word after the last part
    const token = rewritten.slice(rs, r);
    const len = matchLength(joined, p, token);
    while (p >= partStart + parts[part].length) partStart += parts[part++].length;
    const origin = partOrigin[part] + (p - partStart);
    toks.push(token);
    tokStarts.push(origin);
    tokEnds.push(origin + len);
    p += len;
  }

  out.expandPlaceholders(placeholders, new SpanFeed(toks, tokStarts, tokEnds, slowEnds));
}

/**
 * How many characters of `source` at `p` the cascade turned into `token`: the token itself, or a
 * quote that the cascade rewrote (`"` as `` `` `` or `''`, an opening `''` as `` `` ``).
 */
function matchLength(source: string, p: number, token: string): number {
  if (source.startsWith(token, p)) return token.length;
  if ((token === '``' || token === "''") && source.charCodeAt(p) === 0x22) return 1;
  if (token === '``' && source.startsWith("''", p)) return 2;
  throw new Error(`treebank: internal error: token ${JSON.stringify(token)} does not match the text at ${p}`);
}
