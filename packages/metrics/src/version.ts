/** The package version; it is the `version:` field of every signature (kept equal to package.json by a test). */
export const VERSION = '0.1.0';
