/**
 * Regex support for tokenizer.json: `{"String"}`/`{"Regex"}` patterns (pattern.ts) and the translation of
 * Oniguruma syntax, which Rust tokenizers uses, to JavaScript RegExp (oniguruma.ts).
 */
export { findMatches, findSplits, patternToJSON, readPattern, regexPattern, stringPattern, type Pattern } from './pattern.js';
export { translateOniguruma, UnsupportedRegexError } from './oniguruma.js';
