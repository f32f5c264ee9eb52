import { describe, expect, it } from 'vitest';
import {
  bleuFromStats,
  bleuSignature,
  bleuStatistics,
  chrfFromStats,
  chrfSignature,
  chrfStatistics,
  corpusBleu,
  corpusChrf,
  corpusTer,
  formatBleu,
  formatTer,
  isChineseChar,
  pyFixed,
  pySplit,
  sentenceBleu,
  sumBleuStats,
  sumChrfStats,
  sumTerStats,
  terFromStats,
  terSignature,
  terStatistics,
  tokenize,
} from '@nlpkit/metrics';

const hyps = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];
const refs = [
  ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
  ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
];

describe('Python string semantics', () => {
  it('str.split() whitespace is not JS \\s', () => {
    expect(pySplit('a\x1cb\x1dc\x1ed\x1ff\x85g')).toEqual(['a', 'b', 'c', 'd', 'f', 'g']);
    expect(pySplit('a\ufeffb')).toEqual(['a\ufeffb']); // U+FEFF is JS whitespace, not Python's
    expect(pySplit('  a \u3000 b\u00a0c\n')).toEqual(['a', 'b', 'c']);
    expect(pySplit('')).toEqual([]);
    expect(pySplit('   ')).toEqual([]);
  });
  it("format(x, '.2f') rounds exact ties to even", () => {
    expect(pyFixed(0.125, 2)).toBe('0.12');
    expect(pyFixed(0.375, 2)).toBe('0.38');
    expect(pyFixed(2.5, 0)).toBe('2');
    expect(pyFixed(1.005, 2)).toBe('1.00'); // 1.005 is below the tie in binary
    expect(pyFixed(48.530827009929865, 2)).toBe('48.53');
  });
});

describe('tokenizers', () => {
  it("zh reproduces sacreBLEU's range typo (U+2001–U+2A6D counted as Chinese)", () => {
    expect(isChineseChar(0x201c)).toBe(true); // “
    expect(isChineseChar(0x20ac)).toBe(true); // €
    expect(isChineseChar(0x2000)).toBe(false);
    expect(isChineseChar(0x20000)).toBe(false); // the real Extension B is not
    expect(tokenize('zh', '“a”—€5')).toBe('“ a ” — € 5');
    expect(tokenize('13a', '“a”—€5')).toBe('“a”—€5');
  });
  it('13a, intl and char', () => {
    expect(tokenize('13a', "It wasn't 1,000.5 km-long.")).toBe("It wasn't 1,000.5 km-long ."); // values checked against sacreBLEU
    expect(tokenize('intl', 'Hi, “you” (1,5)!')).toBe('Hi , “ you ” ( 1,5 ) !');
    expect(tokenize('char', 'a😀b')).toBe('a 😀 b');
  });
});

describe('statistics first, then scoring', () => {
  it('BLEU from summed statistics equals corpusBleu, and resampling reuses them', () => {
    const st = bleuStatistics(hyps, refs);
    expect(st.segments).toBe(3);
    expect(Array.from(st.stats.subarray(0, 10))).toEqual([6, 6, 6, 5, 4, 3, 6, 5, 4, 3]);
    const r = bleuFromStats(sumBleuStats(st), st.maxOrder, { smoothMethod: 'exp' });
    expect(r.score).toBe(corpusBleu(hyps, refs).score);
    expect(r.score).toBe(48.530827009929865);
    const boot = bleuFromStats(sumBleuStats(st, [0, 0, 2]), st.maxOrder, { smoothMethod: 'exp' });
    expect(boot.score).toBe(corpusBleu([hyps[0], hyps[0], hyps[2]], refs.map((s) => [s[0], s[0], s[2]])).score);
    expect(bleuSignature(st.nrefs, {}, true)).toBe('#:2|c:mixed|e:no|tok:13a|s:exp|v:0.1.0');
  });
  it('chrF and TER likewise', () => {
    const cs = chrfStatistics(hyps, refs, { wordOrder: 2 });
    expect(chrfFromStats(sumChrfStats(cs), { wordOrder: 2 })).toMatchObject({
      name: 'chrF2++',
      score: corpusChrf(hyps, refs, { wordOrder: 2 }).score,
    });
    expect(chrfSignature(cs.nrefs, { wordOrder: 2 })).toBe('nrefs:2|case:mixed|eff:yes|nc:6|nw:2|space:no|version:0.1.0');
    const ts = terStatistics(hyps, refs);
    const t = terFromStats(sumTerStats(ts));
    expect(t).toMatchObject({ score: 40, numEdits: 6, refLength: 15 });
    expect(formatTer(t)).toBe('TER = 40.00');
    expect(terSignature(ts.nrefs, {}, true)).toBe('#:2|c:lc|t:tercom|nr:no|pn:yes|as:no|v:0.1.0');
  });
  it('a variable number of references gives nrefs:var', () => {
    const r = corpusBleu(hyps, [refs[0], [refs[1][0], null, refs[1][2]]]);
    expect(r.signature).toBe('nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0');
    expect(corpusTer(hyps, [refs[0], [null, null, null]]).signature).toMatch(/^nrefs:1\|/);
  });
  it('sentence BLEU defaults to effective order; formatting as sacreBLEU', () => {
    const r = sentenceBleu('the cat sat', ['the cat sat on the mat']);
    expect(r.signature).toContain('eff:yes');
    expect(formatBleu(corpusBleu(hyps, refs))).toBe(
      'BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)',
    );
  });
  it('warns like sacreBLEU when 100+ hypotheses end in " ." unless force', () => {
    const h = Array.from({ length: 100 }, () => 'a tokenized line .');
    expect(corpusBleu(h, [h]).warnings?.length).toBe(3);
    expect(corpusBleu(h, [h], { force: true }).warnings).toBeUndefined();
  });
});
