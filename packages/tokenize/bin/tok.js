#!/usr/bin/env node
// The `tok` command. A committed JavaScript shim so the bin exists before the first build;
// the CLI itself is src/cli/tok.ts, compiled to dist/cli/tok.js.
import '../dist/cli/tok.js';
