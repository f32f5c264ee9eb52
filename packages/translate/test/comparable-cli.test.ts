// `--comparable-src/--comparable-tgt` of `translate words` and `translate train-unsup`: the dictionary is
// re-induced on comparable text before translating (tiny topic texts as in comparable.test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArpa } from '@nlpkit/lm';
import { translate } from './run-translate.js';
import { Rng } from '../src/random.js';
import { toyLm } from './toy-language.js';


// Each noun has its own verbs and adjective; English and "French" are drawn independently (comparable, not parallel).
const TOPICS: { en: string; fr: string; w: number; verbs: [string, string][]; adj: [string, string] }[] = [
  { en: 'dog', fr: 'chien', w: 5, verbs: [['barks', 'aboie'], ['runs', 'court']], adj: ['brown', 'brun'] },
  { en: 'cat', fr: 'chat', w: 3, verbs: [['sleeps', 'dort'], ['purrs', 'ronronne']], adj: ['grey', 'gris'] },
  { en: 'man', fr: 'homme', w: 2, verbs: [['talks', 'parle'], ['reads', 'lit']], adj: ['tall', 'grand'] },
  { en: 'bird', fr: 'oiseau', w: 1, verbs: [['sings', 'chante'], ['flies', 'vole']], adj: ['small', 'petit'] },
];
function text(lang: 'en' | 'fr', n: number, seed: number): string[][] {
  const rng = new Rng(seed);
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    let r = rng.nextU32() % 11;
    const t = TOPICS.find((x) => (r -= x.w) < 0)!;
    const v = t.verbs[rng.nextU32() % 2][lang === 'en' ? 0 : 1];
    out.push(lang === 'en' ? ['the', t.adj[0], t.en, v] : ['le', t.fr, t.adj[1], v]);
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'nlpkit-translate-comparable-cli-'));
const path = (name: string): string => join(dir, name);
const lines = (s: string[][]): string => s.map((t) => t.join(' ')).join('\n') + '\n';
const en = text('en', 400, 1);
const fr = text('fr', 400, 2);
writeFileSync(path('en.txt'), lines(en));
writeFileSync(path('fr.txt'), lines(fr));
writeFileSync(path('empty.txt'), '\n\n');
// Line-parallel validation text: each English sentence translated word for word.
const valid = text('en', 40, 3);
const frOf = new Map(TOPICS.flatMap((t) => [[t.en, t.fr], [t.adj[0], t.adj[1]], ...t.verbs]));
writeFileSync(path('valid.en'), lines(valid));
writeFileSync(path('valid.fr'), lines(valid.map(([, a, n, v]) => ['le', frOf.get(n)!, frOf.get(a)!, frOf.get(v)!])));
writeFileSync(path('rare.txt'), 'a b c\nd e f\n');
// A seed as an induced dictionary might be: verbs right, nouns swapped pairwise, no adjectives.
const seed = [...TOPICS.flatMap((t) => t.verbs.map(([e, f]) => `${e} ${f}`)), 'the le', 'dog chat', 'cat chien', 'man oiseau', 'bird homme'];
writeFileSync(path('seed.dict'), seed.join('\n') + '\n');
await writeArpa(await toyLm(fr), path('fr.arpa'));

const words = ['words', '--dict', path('seed.dict'), '--lm', path('fr.arpa')];
const input = 'the dog barks\nthe cat sleeps\nthe man reads\n';

describe('translate words --comparable-src/--comparable-tgt', () => {
  it('re-induces the dictionary on comparable text, correcting the seed', async () => {
    const plain = await translate(words, input);
    expect(plain.code).toBe(0);
    // The seed's swapped nouns come through without the option…
    expect(plain.stdout).toBe('le chat aboie\nle chien dort\nle oiseau lit\n');
    const r = await translate([...words, '--comparable-src', path('en.txt'), '--comparable-tgt', path('fr.txt')], input);
    expect(r.code).toBe(0);
    // …and the contexts in the comparable text put the nouns right (the verbs, alike in every context of this
    // toy text, may swap among themselves under the default self-learning).
    expect(r.stdout.trim().split('\n').map((l) => l.split(' ')[1])).toEqual(['chien', 'chat', 'homme']);
    expect(r.stderr).toContain(`on comparable text ${path('en.txt')} (400 lines) and ${path('fr.txt')} (400 lines)`);
    expect(r.stderr).toMatch(/comparable dictionary: 17 source and 17 target words, 13 seed pairs, self-learned \d+\/\d+\/\d+\/\d+/);
  });

  it('rejects empty, missing and word-poor files by name, and a lone flag', async () => {
    const empty = await translate([...words, '--comparable-src', path('en.txt'), '--comparable-tgt', path('empty.txt')], input);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe(`translate: ${path('empty.txt')}: no words to train on (2 line(s), all blank)\n`);
    const missing = await translate([...words, '--comparable-src', path('nope.txt'), '--comparable-tgt', path('fr.txt')], input);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${path('nope.txt')}: no such file or directory`);
    const rare = await translate([...words, '--comparable-src', path('rare.txt'), '--comparable-tgt', path('fr.txt')], input);
    expect(rare.code).toBe(1);
    expect(rare.stderr).toContain(`${path('rare.txt')} (no word seen 3 times)`);
    const lone = await translate([...words, '--comparable-src', path('en.txt')], input);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toContain('--comparable-src and --comparable-tgt go together');
  });
});

describe('translate train-unsup --comparable-src/--comparable-tgt', () => {
  it('re-induces both dictionaries before the word-by-word start and reports their stats', async () => {
    const base = ['train-unsup', '--src-mono', path('en.txt'), '--tgt-mono', path('fr.txt'), '--dict', path('seed.dict'),
      '--rounds', '1', '--order', '3', '--valid-src', path('valid.en'), '--valid-ref', path('valid.fr'), '--json'];
    const plain = await translate([...base, '-o', path('plain')]);
    const r = await translate([...base, '-o', path('model'), '--comparable-src', path('en.txt'), '--comparable-tgt', path('fr.txt')]);
    expect(plain.code).toBe(0);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    for (const d of ['sourceToTarget', 'targetToSource']) {
      expect(summary.comparable[d]).toMatchObject({ sourceWords: 17, targetWords: 17, seedPairs: 13 });
      expect(summary.comparable[d].selfLearned).toHaveLength(4);
    }
    expect(JSON.parse(plain.stdout).comparable).toBeUndefined();
    // Word by word (round 0) with the seed's swapped nouns vs with the re-induced dictionary.
    const wordByWord = (out: string): number => JSON.parse(out).validationBleu[0].sourceToTarget;
    expect(wordByWord(plain.stdout)).toBeLessThan(5);
    expect(wordByWord(r.stdout)).toBeGreaterThan(wordByWord(plain.stdout) + 10);
    expect(r.stderr).toContain(`re-inducing ${path('seed.dict')} (inverted) on comparable text ${path('fr.txt')}`);
  });
});
