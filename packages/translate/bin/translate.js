#!/usr/bin/env node
// The `translate` command. A committed JavaScript shim so the bin exists before the first build;
// the CLI itself is src/cli/translate.ts, compiled to dist/cli/translate.js.
import '../dist/cli/translate.js';
