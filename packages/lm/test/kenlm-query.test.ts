// Scoring against KenLM's own `query` output on models lmplz estimated (test/fixtures/kenlm/, made by
// scripts/gen-kenlm-fixtures.sh): per-word ids, matched lengths and float32 log10 probs, line totals,
// OOV counts and the perplexity summary must come out byte for byte.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Query, readArpa } from '../src/index.js';

const dir = join(import.meta.dirname, 'fixtures/kenlm');
// corner: a hand-written model for log10 p = 0 (-0), zero backoffs that are or are not contexts, odd whitespace.
const fixtures = ['brown-o3', 'brown-o4', 'm30k-o5', 'brown-o5-fallback', 'corner'];

function lines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return text.slice(0, text.endsWith('\n') ? -1 : undefined).split('\n');
}

describe.each(fixtures)('%s: as KenLM query', (name) => {
  for (const [variant, sentenceContext] of [['query', true], ['query-n', false]] as const) {
    it(`${variant}: every line and the summary equal KenLM's`, async () => {
      const model = await readArpa(join(dir, `${name}.arpa`));
      const expected = lines(join(dir, `${name}.${variant}.txt`));
      const test = lines(join(dir, `${name}.test.txt`));
      const q = new Query(model, { sentenceContext });
      let oovs = 0;
      test.forEach((line, i) => {
        const scored = q.scoreLine(line);
        const want = expected[i].split('\t');
        // Per-word fields first, so a mismatch names the word.
        for (let w = 0; w < scored.words.length; w++) {
          const [surface, rest] = want[w].split(/=(?=\d+ \d+ \S+$)/);
          const [id, len, prob] = rest.split(' ');
          expect([scored.words[w], scored.ids[w], scored.ngramLengths[w]]).toEqual([surface, Number(id), Number(len)]);
          expect(scored.probs[w]).toBe(Math.fround(Number(prob)));
        }
        expect(Query.formatLine(scored)).toBe(`${expected[i]}\n`);
        oovs += scored.oovs;
      });
      expect(oovs).toBeGreaterThan(0); // the fixtures do exercise <unk>
      const summary = expected.slice(test.length).join('\n') + '\n';
      expect(Query.formatSummary(q.summary())).toBe(summary);
    });
  }
});
