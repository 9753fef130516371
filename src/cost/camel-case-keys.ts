/** `gpu_hourly_usd` → `gpuHourlyUsd`. */
export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** `gpuHourlyUsd` → `gpu_hourly_usd`, to name a field as the user wrote it in an error. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Copies parsed YAML/JSON with every object key in camelCase, so that files can use the snake_case of
 * docs/cli.md while the code keeps TypeScript's naming. Files therefore never key objects by free-form
 * ids; such data is written as lists.
 */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        camelCase(key),
        camelCaseKeys(inner),
      ]),
    );
  }
  return value;
}

/** A zod issue path as the user wrote it: `self_hosting.gpu_types[0]`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${snakeCase(String(segment))}`,
    )
    .join('');
}
