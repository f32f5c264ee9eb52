#!/usr/bin/env node
// The `score` command. A committed JavaScript shim so the bin exists before the first build;
// the CLI itself is src/cli/score.ts, compiled to dist/cli/score.js.
import '../dist/cli/score.js';
