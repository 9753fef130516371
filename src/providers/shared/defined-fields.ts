/**
 * The given fields without the undefined ones, in the same order: request options the caller did not set are
 * left out of the body, so that the server's defaults apply.
 */
export function definedFields<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const defined: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) defined[name] = value;
  }
  return defined as { [K in keyof T]?: Exclude<T[K], undefined> };
}
