import { defineConfig } from 'vitest/config';

// Tests run against each package's TypeScript source (the "@nlpkit/source" export condition),
// so `pnpm test` needs no build step.
const conditions = ['@nlpkit/source', 'node', 'import', 'module', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
