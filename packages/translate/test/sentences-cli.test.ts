import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArpa } from '@nlpkit/lm';
import { translate } from './run-translate.js';
import { toyDictionary, toyLm, toyPairs } from './toy-language.js';


const dir = mkdtempSync(join(tmpdir(), 'nlpkit-translate-sent-cli-'));
const path = (name: string): string => join(dir, name);
const mono = toyPairs(300, 1);
const lines = (s: string[][]): string => s.map((t) => t.join(' ')).join('\n') + '\n';
writeFileSync(path('en.txt'), lines(mono.slice(0, 150).map((p) => p.en)));
writeFileSync(path('fr.txt'), lines(mono.slice(150).map((p) => p.fr)));
writeFileSync(path('empty.txt'), '\n\n');
const dict = toyDictionary();
writeFileSync(path('en-fr.dict'), dict.enFr);
writeFileSync(path('en-de.dict'), 'cat katze\ndog hund\n');
await writeArpa(await toyLm(mono.slice(150).map((p) => p.fr)), path('fr.arpa'));
const test = toyPairs(20, 2);
writeFileSync(path('valid.en'), lines(test.map((p) => p.en)));
writeFileSync(path('valid.fr'), lines(test.map((p) => p.fr)));
writeFileSync(path('valid-short.fr'), lines(test.slice(0, 5).map((p) => p.fr)));

describe('translate words', () => {
  it('streams stdin to stdout, one translation a line', async () => {
    const r = await translate(['words', '--dict', path('en-fr.dict'), '--lm', path('fr.arpa')], lines(test.slice(0, 5).map((p) => p.en)));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 5)).toEqual(test.slice(0, 5).map((p) => p.fr.join(' ')));
  });

  it('tokenises raw input and writes JSON lines with --json', async () => {
    const r = await translate(['words', '--dict', path('en-fr.dict'), '--lm', path('fr.arpa'), '--tokenize', 'en', '--json'], 'The red car sees a dog.\n');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout.trim());
    expect(j).toMatchObject({ source: 'The red car sees a dog.', translation: 'la voiture rouge voit un chien .', unknown: 0 });
  });

  it('reports a dictionary with no word in the LM vocabulary (exit 1, counts)', async () => {
    const r = await translate(['words', '--dict', path('en-de.dict'), '--lm', path('fr.arpa')], 'the cat\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/en-de\.dict.*2 pairs.*2 with the target word missing/);
  });
});

describe('translate train-unsup and run', () => {
  it('trains a model folder and translates with it both ways', async () => {
    const model = path('model');
    const r = await translate([
      'train-unsup', '--src-mono', path('en.txt'), '--tgt-mono', path('fr.txt'), '--dict', path('en-fr.dict'),
      '--rounds', '1', '-o', model, '--order', '3', '--valid-src', path('valid.en'), '--valid-ref', path('valid.fr'), '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.rounds).toBe(1);
    expect(summary.validationBleu).toHaveLength(2);
    expect(summary.validationBleu[1].sourceToTarget).toBeGreaterThan(80);
    for (const f of ['config.json', 'source-target.phrases', 'target-source.phrases', 'source.arpa', 'target.arpa']) expect(existsSync(join(model, f))).toBe(true);
    expect(JSON.parse(readFileSync(join(model, 'config.json'), 'utf8')).training.rounds).toHaveLength(1);

    const run = await translate(['run', '--model', model], lines(test.slice(0, 3).map((p) => p.en)));
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
    const back = await translate(['run', '--model', model, '--reverse', '--json'], lines([test[0].fr]));
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout).tokens.length).toBeGreaterThan(3);

    // --tokenize streams a tokenised temporary copy of each file: the toy text is Moses-tokenised already,
    // so the model is the same.
    const tok = path('model-tok');
    const r2 = await translate(['train-unsup', '--src-mono', path('en.txt'), '--tgt-mono', path('fr.txt'), '--dict', path('en-fr.dict'), '--rounds', '1', '-o', tok, '--order', '3', '--tokenize', '--src-lang', 'en', '--tgt-lang', 'fr', '--temperature', '0.05']);
    expect(r2.code, r2.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(tok, 'config.json'), 'utf8')).training.temperature).toBe(0.05); // unscored dictionary: no effect
    for (const f of ['source-target.phrases', 'target-source.phrases']) expect(readFileSync(join(tok, f), 'utf8')).toBe(readFileSync(join(model, f), 'utf8'));
  });

  it('trains the LMs on extra text with --src-lm-text / --tgt-lm-text, and only the LMs', async () => {
    writeFileSync(path('fr-extra.txt'), 'la girafe voit un chien .\n');
    const model = path('model-lm');
    const r = await translate(['train-unsup', '--src-mono', path('en.txt'), '--tgt-mono', path('fr.txt'), '--dict', path('en-fr.dict'), '--rounds', '1', '-o', model, '--order', '3', '--tgt-lm-text', path('fr-extra.txt')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(model, 'target.arpa'), 'utf8')).toMatch(/\tgirafe\t|\tgirafe\n|\tgirafe /);
    expect(readFileSync(join(model, 'source.arpa'), 'utf8')).not.toContain('girafe');
    expect(readFileSync(join(model, 'source-target.phrases'), 'utf8')).not.toContain('girafe');
    expect(JSON.parse(readFileSync(join(model, 'config.json'), 'utf8')).training.lmText).toEqual({ source: null, target: path('fr-extra.txt') });
  });

  it('refuses empty monolingual data, mismatched validation files and a missing model', async () => {
    const base = ['train-unsup', '--tgt-mono', path('fr.txt'), '--dict', path('en-fr.dict'), '-o', path('never')];
    const empty = await translate([...base, '--src-mono', path('empty.txt')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain(`${path('empty.txt')}: no words to train on (2 line(s), all blank)`);
    const mismatch = await translate([...base, '--src-mono', path('en.txt'), '--valid-src', path('valid.en'), '--valid-ref', path('valid-short.fr')]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(/has 20 line\(s\) but .*valid-short\.fr has 5/);
    expect(existsSync(path('never'))).toBe(false);
    const missing = await translate(['run', '--model', path('no-model')], 'a\n');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no config.json');
    const usage = await translate(['train-unsup', '--src-mono', path('en.txt'), '--tgt-mono', path('fr.txt'), '--dict', path('en-fr.dict'), '-o', path('x'), '--tokenize']);
    expect(usage.code).toBe(2);
    const temp = await translate(['words', '--dict', path('en-fr.dict'), '--lm', path('fr.arpa'), '--temperature', '0'], 'the cat\n');
    expect(temp.code).toBe(2);
    expect(temp.stderr).toContain('--temperature must be a number > 0');
  });
});
