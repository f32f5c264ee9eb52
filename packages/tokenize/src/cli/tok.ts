// Placeholder until the CLI lands: prints usage.
console.error('tok: not implemented yet');
process.exitCode = 2;
