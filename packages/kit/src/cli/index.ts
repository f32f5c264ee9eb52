/**
 * `@nlpkit/kit/cli`: the command-line plumbing the @nlpkit commands share (program.ts: the commander
 * setup and the run; report.ts: errors → "<name>: <message>" and exit codes; io.ts: streams and input
 * files; line-writer.ts: streamed output with backpressure; main.ts: a bin entry's process setup).
 * Progress bars are `@nlpkit/kit/progress`.
 */
export * from './io.js';
export * from './line-writer.js';
export * from './main.js';
export * from './program.js';
export * from './report.js';
