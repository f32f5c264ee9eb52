/** sacreBLEU's `char` tokenizer: every code point separated by one space (whitespace included). */
export function tokenizeChar(line: string): string {
  return Array.from(line).join(' ');
}
