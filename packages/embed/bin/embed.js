#!/usr/bin/env node
// The `embed` command. A committed JavaScript shim so the bin exists before the first build;
// the CLI itself is src/cli/embed.ts, compiled to dist/cli/embed.js.
import '../dist/cli/embed.js';
