import { postTokenizeTokens } from './regexp.js';

/**
 * sacreBLEU's default `13a` tokenizer (mteval-v13a): drop `<skipped>`, join `-\n` line breaks,
 * turn other newlines into spaces, unescape four XML entities, then the shared post-tokenizer on
 * the line padded with one space on each side.
 */
export function tokenize13a(line: string): string {
  return tokens13a(line).join(' ');
}

/**
 * The tokens of `tokenize13a(line)` (its result split on Python whitespace), without joining them.
 * BLEU's hot loop does not use this: it scans lines straight into token spans (`scan13a` in
 * src/counting/spans.ts, the same steps on code units); the tests check the two agree.
 */
export function tokens13a(line: string): string[] {
  // the `includes` guards skip the (rarely needed) rewrites without allocating
  if (line.includes('<skipped>')) line = line.replaceAll('<skipped>', '');
  if (line.includes('\n')) line = line.replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    line = line
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
  }
  // the padding only matters to the regexes at the edges; the token scan treats both ends alike
  return postTokenizeTokens(` ${line} `);
}
