// Scoring against KenLM's own `query` output on models lmplz estimated (test/fixtures/kenlm/, made by
// scripts/gen-kenlm-fixtures.sh): per-word ids, matched lengths and float32 log10 probs, line totals,
// OOV counts and the perplexity summary must come out byte for byte.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NgramTable, Query, readArpa, type ScoreResult } from '../src/index.js';

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

describe('fullScore reports the matched n-gram', () => {
  it('result.entry (a probe slot) names the n-gram of the last ngramLength words, via entryOfSlot', async () => {
    const model = await readArpa(join(dir, 'brown-o4.arpa'));
    const words = lines(join(dir, 'brown-o4.train.txt')).slice(0, 40).join(' ').split(' ');
    const result: ScoreResult = { prob: 0, ngramLength: 0, entry: 0, backedOff: false };
    let state = model.beginSentenceState();
    let out = model.newState();
    const history = ['<s>'];
    const seen = new Set<number>();
    for (const w of words) {
      const id = model.index(w);
      model.fullScore(state, id, out, result);
      history.push(id === 0 ? '<unk>' : w);
      const n = result.ngramLength;
      const entry = model.tables[n - 1].entryOfSlot(result.entry);
      expect(model.ngramWords(n, entry)).toEqual(history.slice(-n));
      seen.add(n);
      [state, out] = [out, state];
    }
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it('a read model (probe slots only) gives records, find and the ARPA text back in file order', async () => {
    const text = readFileSync(join(dir, 'brown-o4.arpa'), 'utf8');
    const model = await readArpa(join(dir, 'brown-o4.arpa'));
    // The file's n-gram lines, in order, against ngramWords/prob/backoff of entry i (records made from the slots).
    const sections = text.split(/\\\d-grams:\n/).slice(1);
    for (let n = 2; n <= 4; n++) {
      const t = model.tables[n - 1];
      const rows = sections[n - 1].split('\n').filter((l) => l.includes('\t'));
      expect(t.length).toBe(rows.length);
      for (let i = 0; i < t.length; i += 7) {
        const [prob, words, backoff] = rows[i].split('\t');
        expect(model.ngramWords(n, i).join(' ')).toBe(words);
        expect(t.prob(i)).toBe(Math.fround(Number(prob)));
        // (the sign of a zero backoff is KenLM's context flag, tested through query's output above)
        expect(t.backoff(i) === Math.fround(Number(backoff ?? 0))).toBe(true);
        expect(t.find(t.suffix(i), t.left(i))).toBe(i);
      }
    }
  });

  it('n-grams added after the first lookup are found (the probe catches up)', () => {
    const uni = new NgramTable(1, 3);
    for (let w = 0; w < 3; w++) uni.push(0, w, -1, -0.5);
    const bi = new NgramTable(2, 4, uni);
    const tri = new NgramTable(3, 4, bi);
    const ab = bi.add(1, 2, -0.25, -0.125); // "2 1"
    tri.add(ab, 0, -0.1, 0); // "0 2 1"
    bi.ensureProbe();
    tri.ensureProbe();
    const ba = bi.add(2, 1, -0.3, 0); // "1 2"
    tri.add(ba, 2, -0.2, 0); // "2 1 2"
    bi.setBackoff(ab, -0.75);
    tri.ensureProbe();
    expect(tri.probed).toBe(2);
    for (const [i, t] of [[ab, bi], [ba, bi], [0, tri], [1, tri]] as const) {
      const slot = t.find(t.suffix(i), t.left(i));
      expect(slot).toBe(i);
    }
    // Probe slots map back to the entries, with setBackoff seen on both sides.
    const p = bi.probe;
    const slots = [...Array(p.length / 4).keys()].filter((s) => p[4 * s] !== 0);
    expect(slots.map((s) => bi.entryOfSlot(s)).sort()).toEqual([ab, ba]);
    expect(slots.map((s) => bi.probeValues[4 * s + 3]).sort()).toEqual([Math.fround(-0.75), 0]);
    expect(() => bi.set(ab, 1, 2, 0, 0)).toThrow(RangeError);
  });
});
