// How scripts/mutate.mjs hands a module's test globs to vitest.mutate.config.ts: one glob a line in
// PARITY_MUTATE_TESTS ("!" in front of an exclusion). Not commas: a brace glob such as src/a/{b,c}.test.ts has its own.

/** @param {readonly string[]} globs */
export function encodeModuleTests(globs) {
  return globs.join('\n');
}

/**
 * The included and excluded globs, or undefined when the variable is not set (a plain `vitest` run).
 * @param {string | undefined} value
 */
export function decodeModuleTests(value) {
  if (value === undefined) return undefined;
  const globs = value.split('\n').filter((glob) => glob !== '');
  return {
    included: globs.filter((glob) => !glob.startsWith('!')),
    excluded: globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1)),
  };
}
