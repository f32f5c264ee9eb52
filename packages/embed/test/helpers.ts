/** Shared test helpers: fixture paths, gensim fixtures, temporary directories. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file in test/fixtures/gensim/ (written by scripts/gen-gensim-fixtures.py). */
export const gensimFixture = (name: string): string => fileURLToPath(new URL(`./fixtures/gensim/${name}`, import.meta.url));

export const readJson = <T>(name: string): T => JSON.parse(readFileSync(gensimFixture(name), 'utf8')) as T;

/** questions-words.txt from the shared data beside the repository (`../shared/data/eval/`, present here and in CI). */
export const QUESTIONS = fileURLToPath(new URL('../../../../shared/data/eval/questions-words.txt', import.meta.url));

/** A fresh temporary directory. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'nlpkit-embed-'));
