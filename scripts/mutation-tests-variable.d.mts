export function encodeModuleTests(globs: readonly string[]): string;
export function decodeModuleTests(
  value: string | undefined,
): { included: string[]; excluded: string[] } | undefined;
