import { describe, expect, it } from 'vitest';
import { corpusBleu } from '@nlpkit/metrics';

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  adaptDictionary,
  alignDirectional,
  dictionaryKey,
  dictionaryTable,
  EmptyDictionaryError,
  EmptyMonolingualDataError,
  IdCorpus,
  LineCountMismatchError,
  loadModel,
  ModelFolderError,
  modelDecoder,
  parseScoredDictionary,
  PhraseDecoder,
  PhraseTable,
  PhraseTableFormatError,
  Preprocessor,
  saveModel,
  trainPhraseTable,
  trainUnsupervised,
  WordByWordTranslator,
  WordVocabulary,
  MODEL_FORMAT,
  MODEL_VERSION,
  DictionaryFormatError,
  type SentenceTranslator,
  wordCounts,
} from '../src/index.js';
import { toyDictionary, toyLm, toyPairs } from './toy-language.js';

const mono = toyPairs(400, 1);
const enMono = mono.slice(0, 200).map((p) => p.en);
const frMono = mono.slice(200).map((p) => p.fr);
const test = toyPairs(60, 2);
const enLm = await toyLm(enMono);
const frLm = await toyLm(frMono);
const dict = toyDictionary();

function bleu(system: SentenceTranslator, dir: 'en-fr' | 'fr-en'): number {
  const src = test.map((p) => (dir === 'en-fr' ? p.en : p.fr));
  const ref = test.map((p) => (dir === 'en-fr' ? p.fr : p.en).join(' '));
  return corpusBleu(src.map((s) => system.translate(s).tokens.join(' ')), [ref], { tokenize: 'none', force: true }).score;
}

describe('PhraseTable', () => {
  it('round-trips the Moses text format and prunes by p(e|f)', () => {
    const t = new PhraseTable();
    t.add(['a', 'b'], ['x'], [-1, -2, -0.5, -3].map((v) => v));
    t.add(['a', 'b'], ['y', 'z'], [-1, -1, -0.1, -1]);
    t.add(['c'], ['w'], [0, 0, 0, 0]);
    const back = PhraseTable.parse([...t.lines()].join('').split('\n'));
    expect(back.size).toBe(3);
    expect(back.maxSourceLength).toBe(2);
    const e = back.lookup('a b')!;
    expect(e.map((x) => x.target.join(' ')).sort()).toEqual(['x', 'y z']);
    back.prune(1);
    expect(back.lookup('a b')!.map((x) => x.target.join(' '))).toEqual(['y z']);
    expect(back.lookup('a b')![0].scores[2]).toBeCloseTo(-0.1, 5);
  });

  it('names the file and line of a bad entry', () => {
    expect(() => PhraseTable.parse(['a ||| b ||| 0.5 0.5 0.5 0.5', 'a ||| b ||| 0.5 2 0.5 0.5'], 't.phrases')).toThrow(PhraseTableFormatError);
    try {
      PhraseTable.parse(['a ||| b'], 't.phrases');
    } catch (err) {
      expect(err).toMatchObject({ file: 't.phrases', line: 1, code: 'PHRASE_TABLE_FORMAT' });
    }
  });
});

describe('PhraseDecoder', () => {
  // Brute force over every allowed order and choice, with the decoder's rules and features.
  function bruteForce(dec: PhraseDecoder, source: string[]): number {
    const w = dec.weights;
    const lm = dec.lm;
    const n = source.length;
    const d = dec.distortionLimit;
    let best = -Infinity;
    const covered = new Array<boolean>(n).fill(false);
    const walk = (out: string[], tm: number, lastEnd: number, dist: number, count: number): void => {
      if (count === n) {
        let state = lm.beginSentenceState();
        let lp = 0;
        for (const word of [...out, '</s>']) {
          const next = lm.newState();
          lp += lm.fullScore(state, word === '</s>' ? lm.eosId : lm.index(word), next);
          state = next;
        }
        best = Math.max(best, tm + w.lm * Math.LN10 * lp - w.distortion * dist);
        return;
      }
      const firstGap = covered.indexOf(false);
      for (let s = firstGap; s < n && s <= firstGap + d; s++) {
        if (covered[s] || Math.abs(s - lastEnd) > d || (s > firstGap && s + 1 - firstGap > d)) continue;
        const entries = dec.table.lookup(source[s]) ?? [{ target: [source[s]], scores: new Float64Array(4) }];
        covered[s] = true;
        for (const e of entries) {
          let f = w.phrasePenalty - w.wordPenalty * e.target.length - (dec.table.lookup(source[s]) ? 0 : w.unknown);
          for (let k = 0; k < 4; k++) f += w.tm[k] * e.scores[k];
          walk([...out, ...e.target], tm + f, s + 1, dist + Math.abs(s - lastEnd), count + 1);
        }
        covered[s] = false;
      }
    };
    walk([], 0, 0, 0, 0);
    return best;
  }

  it('with a wide beam finds the best-scoring translation over all local reorderings (one-word phrases)', () => {
    const table = dictionaryTable(parseScoredDictionary(dict.enFr));
    for (const d of [0, 1, 2]) {
      const dec = new PhraseDecoder(table, frLm, { beamSize: 5000, distortionLimit: d, weights: { lm: 1, tm: [0.1, 0.2, 0.3, 0.4], distortion: 0.5 } });
      for (const p of test.slice(0, 4)) {
        const src = p.en.slice(0, 5);
        src.push('zork'); // an unknown word, copied
        expect(dec.translate(src).score).toBeCloseTo(bruteForce(dec, src), 4);
      }
    }
  });

  it('copies unknown words and translates the empty sentence to nothing', () => {
    const dec = new PhraseDecoder(dictionaryTable(parseScoredDictionary(dict.enFr)), frLm);
    const t = dec.translate(['the', 'zork', '.']);
    expect(t.tokens).toContain('zork');
    expect(t.unknown).toBe(1);
    expect(dec.translate([]).tokens).toEqual([]);
  });
});

describe('word-by-word translation', () => {
  it('recovers the toy reference with the LM and local reordering, not monotone', () => {
    const parsed = parseScoredDictionary(dict.enFr);
    const reorder = new WordByWordTranslator(parsed, frLm, { distortionLimit: 2 });
    const monotone = new WordByWordTranslator(parsed, frLm, { distortionLimit: 0 });
    let exact = 0;
    for (const p of test) if (reorder.translate(p.en).tokens.join(' ') === p.fr.join(' ')) exact++;
    expect(exact / test.length).toBeGreaterThan(0.9);
    expect(bleu(monotone, 'en-fr')).toBeLessThan(70);
    expect(bleu(reorder, 'en-fr')).toBeGreaterThan(95);
  });

  it('uses dictionary scores as a softmax and rejects malformed dictionaries', () => {
    const t = dictionaryTable(parseScoredDictionary('cat chat 0.9\ncat chien 0.1\n'));
    const [first, second] = t.lookup('cat')!;
    expect(first.target).toEqual(['chat']);
    expect(Math.exp(first.scores[2]) + Math.exp(second.scores[2])).toBeCloseTo(1, 10);
    expect(Math.exp(first.scores[2])).toBeCloseTo(1 / (1 + Math.exp(-8)), 10);
    expect(() => parseScoredDictionary('a b\nc d 0.5\n', 'd.txt')).toThrow(DictionaryFormatError);
  });

  it('reports a dictionary with no word in the target vocabulary, with counts', () => {
    const err = (() => {
      try {
        new WordByWordTranslator(parseScoredDictionary('cat katze\ndog hund\nbird vogel\n', 'en-de.dict'), frLm);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(EmptyDictionaryError);
    expect(err).toMatchObject({ pairs: 3, missingTarget: 3, missingSource: 0 });
    expect((err as Error).message).toContain('en-de.dict');
    // The LM's markers are no translations.
    expect(() => new WordByWordTranslator(parseScoredDictionary('cat </s>\ncat <unk>\n'), frLm)).toThrow(EmptyDictionaryError);
  });
});

describe('dictionaries under another tokenisation, and copy candidates', () => {
  it('keys Moses tokens the way letter-run dictionaries spell them', () => {
    expect(dictionaryKey('l&apos;')).toBe('l');
    expect(dictionaryKey('&apos;s')).toBe('s');
    expect(dictionaryKey('Été')).toBe('été');
    expect(dictionaryKey('homme')).toBe('homme');
    for (const t of ['aujourd&apos;hui', 'arrière-plan', '42', '@-@', '&quot;']) expect(dictionaryKey(t)).toBeNull();
  });

  it('aliases text sources, renames targets to text words, and adds copies the target text has', () => {
    const dict = parseScoredDictionary('the l 0.9\nthe le 0.5\nman homme 0.8\nparis pari 0.7\nsun soleil 0.6\n');
    const targetWords = new Map([['l&apos;', 9], ['l', 0], ['le', 5], ['homme', 3], ['paris', 2], ['pari', 1], ['soleil', 1]].filter(([, c]) => c) as [string, number][]);
    const sourceWords = new Map([['the', 7], ['man', 3], ['paris', 2], ['the&apos;', 1]]);
    const { dictionary: d, stats } = adaptDictionary(dict, { sourceWords, targetWords });
    const pairs = d.sources.map((s, i) => `${s} ${d.targets[i]} ${d.scores![i]}`);
    expect(pairs).toEqual([
      'the l&apos; 0.9', 'the le 0.5', 'man homme 0.8', 'paris pari 0.7', 'sun soleil 0.6',
      'the&apos; l&apos; 0.9', 'the&apos; le 0.5', // reaches `the` through its key
      'paris paris 0.7', // a copy, with its word's lowest score; `man`, `the`, `sun` are no French words here
    ]);
    expect(stats).toEqual({ aliasedSources: 1, renamedTargets: 2, copies: 1 });
    const noCopy = adaptDictionary(dict, { sourceWords, targetWords, copy: false });
    expect(noCopy.stats.copies).toBe(0);
    expect(adaptDictionary(dict, { sourceWords, targetWords, minCopyCount: 3 }).stats.copies).toBe(0);
  });

  it('lets the LM pick the elided article and the copied name', async () => {
    const fr = ['l&apos; homme voit marie', 'le chien voit l&apos; homme', 'marie voit le chien', 'le mari dort', 'l&apos; homme dort'].map((l) => l.split(' '));
    const lm = await toyLm(fr);
    // An induced dictionary in letter runs: `l` for the elided article, a wrong best guess for the name.
    const dict = parseScoredDictionary('the l\nthe le\nman homme\nsees voit\nmarie mari\ndog chien\n');
    const source = 'the man sees marie'.split(' ');
    expect(new WordByWordTranslator(dict, lm).translate(source).tokens.join(' ')).toBe('le homme voit mari');
    const { dictionary } = adaptDictionary(dict, { sourceWords: wordCounts([source]), targetWords: wordCounts(fr) });
    expect(new WordByWordTranslator(dictionary, lm).translate(source).tokens.join(' ')).toBe('l&apos; homme voit marie');
  });
});

describe('alignment and phrase extraction', () => {
  const par = toyPairs(300, 5);
  it('IBM Model 1 with the diagonal prior aligns the toy pair to its dictionary', () => {
    const sv = new WordVocabulary();
    const tv = new WordVocabulary();
    const en = new IdCorpus(par.map((p) => p.en), sv);
    const fr = new IdCorpus(par.map((p) => p.fr), tv);
    const links = alignDirectional(en, fr, { iterations: 5 });
    const good = new Set(dict.enFr.trim().split('\n').map((l) => l.replace(' ', '\u0000')));
    let right = 0;
    let total = 0;
    for (let k = 0; k < par.length; k++) {
      for (let j = 0; j < par[k].fr.length; j++) {
        const i = links[fr.offsets[k] + j];
        total++;
        if (i >= 0 && good.has(`${par[k].en[i]}\u0000${par[k].fr[j]}`)) right++;
      }
    }
    expect(right / total).toBeGreaterThan(0.95);
  });

  it('extracts reordering phrases with probabilities that sum to one per source phrase', () => {
    const { table, stats } = trainPhraseTable(par.map((p) => p.en), par.map((p) => p.fr));
    expect(stats.sentences).toBe(300);
    const red = table.lookup('red car')!;
    expect(red[0].target).toEqual(['voiture', 'rouge']);
    let sum = 0;
    for (const e of table.lookup('the')!) sum += Math.exp(e.scores[2]);
    expect(sum).toBeLessThanOrEqual(1 + 1e-9);
    expect(() => trainPhraseTable([['a']], [], {}, ['a.txt', 'b.txt'])).toThrow(LineCountMismatchError);
  });
});

describe('iterative back-translation', () => {
  it('improves BLEU over monotone word-by-word in both directions, and the model folder round-trips', async () => {
    const scores: [number, number][] = [];
    const result = await trainUnsupervised({
      sourceMono: enMono,
      targetMono: frMono,
      sourceLm: enLm,
      targetLm: frLm,
      dictionary: parseScoredDictionary(dict.enFr),
      reverseDictionary: parseScoredDictionary(dict.frEn),
      rounds: 1,
      wordByWord: { distortionLimit: 0 },
      onRound: ({ sourceToTarget, targetToSource }) => void scores.push([bleu(sourceToTarget, 'en-fr'), bleu(targetToSource, 'fr-en')]),
    });
    expect(scores).toHaveLength(2);
    expect(scores[1][0]).toBeGreaterThan(scores[0][0] + 20);
    expect(scores[1][1]).toBeGreaterThan(scores[0][1] + 10);
    expect(result.rounds[0].sourceToTarget.sentences).toBe(200);

    const folder = join(mkdtempSync(join(tmpdir(), 'nlpkit-bt-')), 'model');
    const config = { format: MODEL_FORMAT, version: MODEL_VERSION, source: 'en', target: 'fr', decoder: { beamSize: 20 } } as const;
    await saveModel(folder, { config, sourceToTarget: result.sourceToTarget, targetToSource: result.targetToSource, sourceLm: enLm, targetLm: frLm });
    await saveModel(folder, { config, sourceToTarget: result.sourceToTarget, targetToSource: result.targetToSource, sourceLm: enLm, targetLm: frLm }); // replaces
    const model = await loadModel(folder);
    const a = new PhraseDecoder(result.sourceToTarget, frLm, { beamSize: 20 });
    const b = modelDecoder(model);
    for (const p of test.slice(0, 10)) expect(b.translate(p.en).tokens).toEqual(a.translate(p.en).tokens);
    await expect(loadModel(join(folder, 'nope'))).rejects.toThrow(ModelFolderError);
  });

  it('stops after word by word with 0 rounds, and refuses negative rounds', async () => {
    const base = { sourceMono: enMono, targetMono: frMono, sourceLm: enLm, targetLm: frLm, dictionary: parseScoredDictionary(dict.enFr) };
    const r = await trainUnsupervised({ ...base, rounds: 0 });
    expect(r.rounds).toHaveLength(0);
    expect(r.sourceToTarget.lookup(test[0].en[0])!.every((o) => o.target.length === 1)).toBe(true);
    await expect(trainUnsupervised({ ...base, rounds: -1 })).rejects.toThrow(/rounds/);
  });

  it('decodes each direction with its own settings (reverseDecoder)', async () => {
    const systems: PhraseDecoder[] = [];
    await trainUnsupervised({
      sourceMono: enMono.slice(0, 60),
      targetMono: frMono.slice(0, 60),
      sourceLm: enLm,
      targetLm: frLm,
      dictionary: parseScoredDictionary(dict.enFr),
      rounds: 1,
      decoder: { beamSize: 7, weights: { lm: 0.7 } },
      reverseDecoder: { beamSize: 3, weights: { wordPenalty: 0.5 } },
      onRound: ({ round, sourceToTarget, targetToSource }) => {
        if (round === 1) systems.push(sourceToTarget as PhraseDecoder, targetToSource as PhraseDecoder);
      },
    });
    const [s2t, t2s] = systems;
    expect([s2t.beamSize, s2t.weights.lm, s2t.weights.wordPenalty]).toEqual([7, 0.7, -1]);
    expect([t2s.beamSize, t2s.weights.lm, t2s.weights.wordPenalty]).toEqual([3, 0.5, 0.5]);
  });

  it('refuses empty monolingual data', async () => {
    await expect(
      trainUnsupervised({ sourceMono: [[], []], targetMono: frMono, sourceLm: enLm, targetLm: frLm, dictionary: parseScoredDictionary(dict.enFr), names: ['en.txt', 'fr.txt'] }),
    ).rejects.toThrow(EmptyMonolingualDataError);
  });
});

describe('Preprocessor', () => {
  it('tokenises, lowercases and escapes as the Multi30k tok/ files', () => {
    expect(new Preprocessor('fr').tokens("Un chien court sur l'herbe.")).toEqual(['un', 'chien', 'court', 'sur', 'l&apos;', 'herbe', '.']);
    expect(new Preprocessor('en').tokens("A man's hat.")).toEqual(['a', 'man', '&apos;s', 'hat', '.']);
  });
});

