import { createReadStream, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fileSentences,
  LineCountMismatchError,
  PairIndex,
  parseScoredDictionary,
  textLines,
  trainPhraseTable,
  trainPhraseTableStream,
  trainUnsupervised,
  EmptyMonolingualDataError,
  type ParallelSource,
  type PhraseTable,
} from '../src/index.js';
import { toyDictionary, toyLm, toyPairs } from './toy-language.js';

const dir = mkdtempSync(join(tmpdir(), 'nlpkit-translate-stream-'));
const lines = (s: readonly (readonly string[])[]): string => s.map((t) => t.join(' ')).join('\n') + '\n';
const tableText = (t: PhraseTable): string[] => [...t.lines()].sort();

describe('PairIndex', () => {
  it('gives dense ids in first-seen order, through growth, like a Map', () => {
    const index = new PairIndex();
    const ref = new Map<string, number>();
    let x = 12345;
    for (let n = 0; n < 20000; n++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const f = x % 300;
      const e = (x >>> 9) % 500;
      const key = `${f} ${e}`;
      if (!ref.has(key)) ref.set(key, ref.size);
      expect(index.id(f, e)).toBe(ref.get(key));
    }
    expect(index.size).toBe(ref.size);
    expect(index.find(300, 0)).toBe(-1);
    expect(index.find(0, 0)).toBe(ref.get('0 0') ?? -1);
  });
});

describe('phrase tables from a stream', () => {
  const par = toyPairs(120, 3);
  const en = par.map((p) => p.en);
  const fr = par.map((p) => p.fr);
  en[5] = []; // skipped, as in memory

  it('equals the in-memory table, holding at most one chunk of the corpus at a time', async () => {
    const chunkSize = 7;
    let yielded = 0;
    let done = 0;
    let ahead = 0;
    let opens = 0;
    const corpus: ParallelSource = {
      async *open() {
        opens++;
        yielded = 0;
        done = 0;
        for (let k = 0; k < en.length; k++) {
          yielded++;
          // Pairs handed out but not yet through a finished chunk: the trainer's hold on the corpus.
          ahead = Math.max(ahead, yielded - done);
          yield [en[k], fr[k]] as const;
        }
      },
    };
    const streamed = await trainPhraseTableStream(corpus, { chunkSize, iterations: 3 }, (_pass, n) => void (done = n));
    const memory = trainPhraseTable(en, fr, { iterations: 3 });
    expect(tableText(streamed.table)).toEqual(tableText(memory.table));
    expect(streamed.stats).toEqual(memory.stats);
    expect(memory.stats.skipped).toBe(1);
    expect(opens).toBe(3 + 2); // EM iterations, link counts, extraction
    expect(ahead).toBeLessThanOrEqual(chunkSize);
    expect(ahead).toBeGreaterThan(1);
  });

  it('reads a file lazily, as a stream', async () => {
    const path = join(dir, 'big.txt');
    writeFileSync(path, lines(Array.from({ length: 20000 }, (_, i) => ['word', String(i)])));
    const stream = createReadStream(path, { highWaterMark: 4096 });
    const first: string[] = [];
    for await (const l of textLines(stream)) {
      first.push(l);
      if (first.length === 3) break;
    }
    expect(first).toEqual(['word 0', 'word 1', 'word 2']);
    expect(stream.bytesRead).toBeLessThan(statSync(path).size / 10);
    const some: (readonly string[])[] = [];
    for await (const s of fileSentences(path, undefined, 4).open()) some.push(s);
    expect(some).toEqual([['word', '0'], ['word', '1'], ['word', '2'], ['word', '3']]);
  });

  it('refuses sides of different lengths, naming both', async () => {
    const corpus: ParallelSource = {
      async *open() {
        yield [['a'], ['b']] as const;
      },
    };
    await expect(trainPhraseTableStream(corpus, { chunkSize: 0 })).rejects.toThrow(/chunkSize/);
    const enFile = join(dir, 'three.en');
    writeFileSync(enFile, 'the cat .\nthe dog .\na cat .\n');
    const frFile = join(dir, 'two.fr');
    writeFileSync(frFile, 'le chat .\nle chien .\n');
    const lm = await toyLm([['le', 'chat', '.']]);
    const d = toyDictionary();
    // A source that changes between reads (a file rewritten mid-run): the back-translation (2 lines) and the
    // text read again beside it (1 line) no longer pair up.
    let reads = 0;
    const flaky = {
      name: 'flaky.fr',
      async *open() {
        reads++;
        yield ['le', 'chat', '.'];
        if (reads <= 2) yield ['le', 'chien', '.'];
      },
    };
    await expect(
      trainUnsupervised({ sourceMono: fileSentences(enFile), targetMono: flaky, sourceLm: lm, targetLm: lm, dictionary: parseScoredDictionary(d.enFr), rounds: 1, workDir: dir }),
    ).rejects.toThrow(LineCountMismatchError);
    await expect(
      trainUnsupervised({ sourceMono: fileSentences(join(dir, 'empty.txt')), targetMono: fileSentences(frFile), sourceLm: lm, targetLm: lm, dictionary: parseScoredDictionary(d.enFr), names: ['empty.txt', 'two.fr'] }),
    ).rejects.toThrow(/ENOENT/);
    writeFileSync(join(dir, 'blank.txt'), '\n\n');
    await expect(
      trainUnsupervised({ sourceMono: fileSentences(join(dir, 'blank.txt')), targetMono: fileSentences(frFile), sourceLm: lm, targetLm: lm, dictionary: parseScoredDictionary(d.enFr), names: ['blank.txt', 'two.fr'] }),
    ).rejects.toThrow(EmptyMonolingualDataError);
  });
});

describe('back-translation from files', () => {
  it('streams the mono files and gives the same systems as the in-memory path', async () => {
    const mono = toyPairs(240, 1);
    const enMono = mono.slice(0, 120).map((p) => p.en);
    const frMono = mono.slice(120).map((p) => p.fr);
    enMono.splice(10, 0, []); // a blank line, skipped by both paths
    writeFileSync(join(dir, 'en.txt'), lines(enMono));
    writeFileSync(join(dir, 'fr.txt'), lines(frMono));
    const d = toyDictionary();
    const base = {
      sourceLm: await toyLm(enMono),
      targetLm: await toyLm(frMono),
      dictionary: parseScoredDictionary(d.enFr),
      reverseDictionary: parseScoredDictionary(d.frEn),
      rounds: 2,
      wordByWord: { distortionLimit: 0 },
      decoder: { beamSize: 5 },
    };
    const probe = toyPairs(8, 9);
    const outputs = (acc: string[][]) => ({ sourceToTarget: s, targetToSource: t }: { sourceToTarget: { translate(x: readonly string[]): { tokens: string[] } }; targetToSource: { translate(x: readonly string[]): { tokens: string[] } } }) =>
      void acc.push(probe.flatMap((p) => [s.translate(p.en).tokens.join(' '), t.translate(p.fr).tokens.join(' ')]));
    const memOut: string[][] = [];
    const memory = await trainUnsupervised({ ...base, sourceMono: enMono, targetMono: frMono, phrase: { iterations: 3 }, onRound: outputs(memOut) });
    const work = mkdtempSync(join(dir, 'work-'));
    const streamOut: string[][] = [];
    const stages = new Set<string>();
    const streamed = await trainUnsupervised({
      ...base,
      sourceMono: fileSentences(join(dir, 'en.txt')),
      targetMono: fileSentences(join(dir, 'fr.txt')),
      phrase: { iterations: 3, chunkSize: 16 },
      workDir: work,
      onProgress: (p) => void stages.add(`${p.stage}:${p.total}`),
      onRound: outputs(streamOut),
    });
    expect(tableText(streamed.sourceToTarget)).toEqual(tableText(memory.sourceToTarget));
    expect(tableText(streamed.targetToSource)).toEqual(tableText(memory.targetToSource));
    expect(streamed.rounds.map((r) => [r.sourceToTarget, r.targetToSource])).toEqual(memory.rounds.map((r) => [r.sourceToTarget, r.targetToSource]));
    expect(streamOut).toEqual(memOut);
    expect(streamed.rounds[0].targetToSource.sentences).toBe(120); // the blank line is not a sentence
    expect(stages).toContain('translate-target:120');
    expect(readdirSync(work)).toEqual([]); // the temporary back-translations are gone
  });
});
