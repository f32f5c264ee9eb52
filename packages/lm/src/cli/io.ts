/**
 * How `lm` meets its input and output: the process's streams (`CliIo`, replaceable in tests), input
 * files where "-" or none is stdin (`resolveSources`), and `LineWriter`, which waits for 'drain' so a
 * slow reader slows `lm` instead of filling memory, and stops quietly when the reader goes away (EPIPE).
 * All of it is @nlpkit/kit's, shared with the other commands.
 */
export { LineWriter, resolveSources, STDIN_NAME, type CliIo, type Source } from '@nlpkit/kit/cli';
