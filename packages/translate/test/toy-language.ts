/**
 * A toy language pair for the sentence-translation tests: English-like sentences and their "French" made by
 * a known word substitution plus reordering (adjectives follow their noun) with gender agreement (the
 * article and the adjective take the noun's gender), so a dictionary alone is ambiguous (the → le | la) and
 * only the target LM can choose, and monotone word-by-word gets the order wrong. Seeded.
 */
import { trainMkn, type ArpaModel } from '@nlpkit/lm';
import { Rng } from '../src/random.js';

const NOUNS: [string, string, 'm' | 'f'][] = [
  ['cat', 'chat', 'm'], ['dog', 'chien', 'm'], ['man', 'homme', 'm'], ['car', 'voiture', 'f'], ['house', 'maison', 'f'],
  ['tree', 'arbre', 'm'], ['bird', 'oiseau', 'm'], ['woman', 'femme', 'f'], ['ball', 'balle', 'f'], ['door', 'porte', 'f'],
];
const ADJS: [string, string, string][] = [
  ['red', 'rouge', 'rouge'], ['small', 'petit', 'petite'], ['big', 'grand', 'grande'], ['green', 'vert', 'verte'], ['old', 'vieux', 'vieille'],
];
const VERBS: [string, string][] = [['sees', 'voit'], ['likes', 'aime'], ['takes', 'prend'], ['finds', 'trouve'], ['watches', 'regarde']];
const DETS: [string, string, string][] = [['the', 'le', 'la'], ['a', 'un', 'une']];

export interface ToyPair {
  readonly en: string[];
  readonly fr: string[];
}

function nounPhrase(rng: Rng): ToyPair {
  const [den, dm, df] = DETS[rng.nextU32() % DETS.length];
  const [nen, nfr, g] = NOUNS[rng.nextU32() % NOUNS.length];
  const withAdj = rng.nextU32() % 2 === 0;
  const en = [den];
  const fr = [g === 'm' ? dm : df, nfr];
  if (withAdj) {
    const [aen, am, af] = ADJS[rng.nextU32() % ADJS.length];
    en.push(aen);
    fr.push(g === 'm' ? am : af);
  }
  en.push(nen);
  return { en, fr };
}

/** `n` random sentence pairs: NP verb NP. */
export function toyPairs(n: number, seed: number): ToyPair[] {
  const rng = new Rng(seed);
  const out: ToyPair[] = [];
  for (let i = 0; i < n; i++) {
    const a = nounPhrase(rng);
    const [ven, vfr] = VERBS[rng.nextU32() % VERBS.length];
    const b = nounPhrase(rng);
    out.push({ en: [...a.en, ven, ...b.en, '.'], fr: [...a.fr, vfr, ...b.fr, '.'] });
  }
  return out;
}

/** The true dictionary in both directions as MUSE text (gendered forms listed as alternatives). */
export function toyDictionary(): { enFr: string; frEn: string } {
  const pairs: [string, string][] = [['.', '.']];
  for (const [en, m, f] of DETS) pairs.push([en, m], [en, f]);
  for (const [en, fr] of NOUNS) pairs.push([en, fr]);
  for (const [en, m, f] of ADJS) {
    pairs.push([en, m]);
    if (f !== m) pairs.push([en, f]);
  }
  for (const [en, fr] of VERBS) pairs.push([en, fr]);
  return { enFr: pairs.map(([a, b]) => `${a} ${b}`).join('\n') + '\n', frEn: pairs.map(([a, b]) => `${b} ${a}`).join('\n') + '\n' };
}

export async function toyLm(sentences: readonly (readonly string[])[], order = 3): Promise<ArpaModel> {
  async function* lines(): AsyncGenerator<string> {
    yield sentences.map((s) => s.join(' ')).join('\n') + '\n';
  }
  return (await trainMkn(lines(), { order, discountFallback: [0.5, 1, 1.5] })).model;
}
