#!/usr/bin/env node
// The `lm` command. A committed JavaScript shim so the bin exists before the first build;
// the CLI itself is src/cli/lm.ts, compiled to dist/cli/lm.js.
import '../dist/cli/lm.js';
