import { postTokenize } from './regexp.js';

/**
 * sacreBLEU's default `13a` tokenizer (mteval-v13a): drop `<skipped>`, join `-\n` line breaks,
 * turn other newlines into spaces, unescape four XML entities, then the shared post-tokenizer on
 * the line padded with one space on each side.
 */
export function tokenize13a(line: string): string {
  line = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    line = line
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
  }
  return postTokenize(` ${line} `);
}
