import { describe, expect, it } from 'vitest';
import { EmptyMonolingualDataError } from '../src/errors.js';
import { Rng } from '../src/random.js';
import { arraySentences } from '../src/backtranslation/sentence-files.js';
import {
  comparableDictionary,
  comparableDictionaryFromText,
  countText,
  reinduceBothFromText,
  reinduceDictionaryFromText,
  withFallback,
} from '../src/wordbyword/comparable.js';
import { wordCounts } from '../src/wordbyword/adapt.js';
import { invertDictionary, parseScoredDictionary, type ScoredDictionary } from '../src/wordbyword/dictionary-table.js';

// Each noun has its own verbs and adjectives; nouns are drawn with skewed frequencies. English and "French"
// texts are drawn independently (comparable, not parallel), with word-for-word translations.
const TOPICS: { en: string; fr: string; w: number; verbs: [string, string][]; adjs: [string, string][] }[] = [
  { en: 'dog', fr: 'chien', w: 5, verbs: [['barks', 'aboie'], ['runs', 'court']], adjs: [['brown', 'brun']] },
  { en: 'cat', fr: 'chat', w: 3, verbs: [['sleeps', 'dort'], ['purrs', 'ronronne']], adjs: [['grey', 'gris']] },
  { en: 'man', fr: 'homme', w: 2, verbs: [['talks', 'parle'], ['reads', 'lit']], adjs: [['tall', 'grand']] },
  { en: 'bird', fr: 'oiseau', w: 1, verbs: [['sings', 'chante'], ['flies', 'vole']], adjs: [['small', 'petit']] },
];

function text(lang: 'en' | 'fr', n: number, seed: number): string[][] {
  const rng = new Rng(seed);
  const total = TOPICS.reduce((s, t) => s + t.w, 0);
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    let r = rng.nextU32() % total;
    const t = TOPICS.find((x) => (r -= x.w) < 0)!;
    const verb = t.verbs[rng.nextU32() % t.verbs.length][lang === 'en' ? 0 : 1];
    const noun = t[lang];
    const adj = t.adjs[0][lang === 'en' ? 0 : 1];
    out.push(lang === 'en' ? ['the', adj, noun, verb] : ['le', noun, adj, verb]);
  }
  return out;
}

describe('comparableDictionary', () => {
  const en = text('en', 400, 1);
  const fr = text('fr', 400, 2);
  // A seed as an induced dictionary might be: the verbs right, the nouns swapped pairwise, no adjectives.
  const seed = parseScoredDictionary(
    [...TOPICS.flatMap((t) => t.verbs.map(([e, f]) => `${e} ${f}`)), 'the le', 'dog chat', 'cat chien', 'man oiseau', 'bird homme'].join('\n'),
    'seed',
  );

  it('corrects swapped seed translations from the contexts in comparable text', () => {
    const { dictionary, stats } = comparableDictionary(en, fr, seed, { seedMinCount: 5 });
    const best = (s: string): string => dictionary.targets[dictionary.sources.indexOf(s)];
    for (const t of TOPICS) expect(best(t.en)).toBe(t.fr);
    expect(best('the')).toBe('le');
    expect(stats.sourceWords).toBe(17);
    expect(stats.seedPairs).toBe(13);
    expect(stats.selfLearned).toHaveLength(4);
    // Candidates come best first with descending scores.
    const i = dictionary.sources.indexOf('dog');
    expect(dictionary.scores![i]).toBeGreaterThan(dictionary.scores![i + 1]);
  });

  it('keeps the seed where its prior outweighs weak context evidence, and is deterministic', () => {
    const a = comparableDictionary(en, fr, seed, { iterations: 0, priorWeight: 10 });
    expect(a.dictionary.targets[a.dictionary.sources.indexOf('dog')]).toBe('chat');
    const b = comparableDictionary(en, fr, seed, { iterations: 0, priorWeight: 10 });
    expect(Array.from(b.dictionary.scores!)).toEqual(Array.from(a.dictionary.scores!));
  });

  it('falls back to the seed for words outside its vocabulary', () => {
    const { dictionary } = comparableDictionary(en, fr, seed, { candidates: 1 });
    const merged = withFallback(dictionary, parseScoredDictionary('dog chat\nzebra zèbre\nzebra cheval\n'));
    const pairs = merged.sources.map((s, i) => `${s} ${merged.targets[i]} ${merged.scores![i]}`);
    expect(pairs.slice(-2)).toEqual(['zebra zèbre 0', 'zebra cheval -0.25']);
    expect(merged.sources.filter((s) => s === 'dog')).toHaveLength(1);
  });

  it('rejects text with no frequent word and bad options', () => {
    expect(() => comparableDictionary([['a']], fr, seed)).toThrow(EmptyMonolingualDataError);
    expect(() => comparableDictionary(en, fr, seed, { window: 0 })).toThrow(/window/);
  });
});

describe('comparableDictionaryFromText (streamed)', () => {
  const en = text('en', 400, 1);
  const fr = text('fr', 400, 2);
  const seed = parseScoredDictionary('barks aboie\nsleeps dort\nthe le\ndog chat\ncat chien\n', 'seed');
  const dump = (d: ScoredDictionary): string[] =>
    d.sources.map((s, i) => `${s} ${d.targets[i]} ${d.scores![i]}`);

  it('gives the in-memory dictionary, also when the pairs are counted a few at a time and merged', async () => {
    const want = comparableDictionary(en, fr, seed, { seedMinCount: 5 });
    for (const bufferPairs of [undefined, 7, 1000]) {
      const got = await comparableDictionaryFromText(arraySentences(en, 'en'), arraySentences(fr, 'fr'), seed, { seedMinCount: 5, bufferPairs });
      expect(dump(got.dictionary)).toEqual(dump(want.dictionary));
      expect(got.stats).toEqual(want.stats);
    }
  });

  it('reads each side twice, or once when its counts come along', async () => {
    let opened = 0;
    const counting = (s: string[][], name: string) => ({ name, open: () => (opened++, arraySentences(s, name).open()) });
    await comparableDictionaryFromText(counting(en, 'en'), counting(fr, 'fr'), seed);
    expect(opened).toBe(4);
    const counted = { source: await countText(arraySentences(en, 'en')), target: await countText(arraySentences(fr, 'fr')) };
    expect(counted.source.lines).toBe(400);
    opened = 0;
    await comparableDictionaryFromText(counting(en, 'en'), counting(fr, 'fr'), seed, {}, counted);
    expect(opened).toBe(2);
  });

  it('names the source of an empty or word-poor text, and rejects a bad buffer size', async () => {
    await expect(comparableDictionaryFromText(arraySentences([[], []], 'empty.txt'), arraySentences(fr, 'fr'), seed)).rejects.toThrow(
      new EmptyMonolingualDataError('empty.txt', 2),
    );
    await expect(comparableDictionaryFromText(arraySentences([['a']], 'rare.txt'), arraySentences(fr, 'fr'), seed)).rejects.toThrow(
      /rare\.txt \(no word seen 3 times\)/,
    );
    await expect(comparableDictionaryFromText(arraySentences(en, 'en'), arraySentences(fr, 'fr'), seed, { bufferPairs: 0 })).rejects.toThrow(/bufferPairs/);
  });
});

describe('reinduceBothFromText (a dictionary and its reverse)', () => {
  const en = text('en', 400, 1);
  const fr = text('fr', 400, 2);
  const forward = parseScoredDictionary('barks aboie\nsleeps dort\nthe le\ndog chat\ncat chien\nreads lit\n', 'seed');
  const backward = invertDictionary(parseScoredDictionary('talks parle\nsings chante\nthe le\nman oiseau\n', 'reverse'));
  const dump = (d: ScoredDictionary): string[] => d.sources.map((s, i) => `${s} ${d.targets[i]} ${d.scores![i]}`);
  const adapt = { sourceWords: wordCounts(en), targetWords: wordCounts(fr), copy: true };

  it('gives the two one-direction re-inductions, reading each text once after its counts', async () => {
    let opened = 0;
    const counting = (s: string[][], name: string) => ({ name, open: () => (opened++, arraySentences(s, name).open()) });
    const counted = { source: await countText(arraySentences(en, 'en')), target: await countText(arraySentences(fr, 'fr')) };
    const both = await reinduceBothFromText({ forward, backward }, counting(en, 'en'), counting(fr, 'fr'), adapt, { seedMinCount: 5 }, counted);
    expect(opened).toBe(2);
    const one = await reinduceDictionaryFromText(forward, arraySentences(en, 'en'), arraySentences(fr, 'fr'), adapt, { seedMinCount: 5 });
    const back = { ...adapt, sourceWords: adapt.targetWords, targetWords: adapt.sourceWords };
    const other = await reinduceDictionaryFromText(backward, arraySentences(fr, 'fr'), arraySentences(en, 'en'), back, { seedMinCount: 5 });
    expect(dump(both.forward.dictionary)).toEqual(dump(one.dictionary));
    expect(dump(both.backward.dictionary)).toEqual(dump(other.dictionary));
    expect([both.forward.comparable, both.forward.adapt]).toEqual([one.comparable, one.adapt]);
    expect([both.backward.comparable, both.backward.adapt]).toEqual([other.comparable, other.adapt]);
    // The reverse direction really is French to English, and its seed's swap is corrected.
    const best = (d: ScoredDictionary, s: string): string => d.targets[d.sources.indexOf(s)];
    expect(best(both.backward.dictionary, 'oiseau')).toBe('bird');
    expect(best(both.forward.dictionary, 'dog')).toBe('chien');
  });
});
