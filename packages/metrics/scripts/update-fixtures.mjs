#!/usr/bin/env node
// Regenerates packages/metrics/test/fixtures/ from the shared reference data (../shared/data/metrics
// in the workspace checkout, or the directory given as the first argument). The package's tests read
// only the committed copies, so they run without ../shared.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = resolve(process.argv[2] ?? join(here, '../../../../shared/data/metrics'));
const out = join(here, '../test/fixtures');

const cases = JSON.parse(readFileSync(join(src, 'sacrebleu-cases.json'), 'utf8'));
if (!Array.isArray(cases.cases)) throw new Error(`${src}/sacrebleu-cases.json: no "cases" array`);
writeFileSync(join(out, 'sacrebleu-cases.json'), JSON.stringify(cases, null, 1) + '\n');
console.log(`wrote ${cases.cases.length} cases (sacreBLEU ${cases.sacrebleuVersion}) to ${out}/sacrebleu-cases.json`);
