#!/usr/bin/env node
// The `score` command. A committed JavaScript shim so the bin exists before the first build; the CLI
// itself is src/cli/score.ts, compiled to dist/cli/score.js and bundled with what it imports into
// dist/score.bundle.js (scripts/bundle-cli.mjs: one file loads faster than forty).
import '../dist/score.bundle.js';
