/** Query parameter names that carry a secret (`?key=`, `?api_key=`, `?token=`, `?sig=` …). */
const secretParameter = /key|token|secret|sig|signature|password|passwd|auth|credential|session/i;

/** What replaces a secret query value in a displayed URL. */
export const redactedValue = '***';

/**
 * Base URL without credentials, without the values of query parameters that look like secrets (replaced by
 * `***`: `?api-version=2024-06-01&key=***`) and without trailing slash: safe for messages, identities, the store
 * and cache keys. Requests still go to the URL as given.
 */
export function displayUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    for (const name of [...url.searchParams.keys()]) {
      if (secretParameter.test(name)) url.searchParams.set(name, redactedValue);
    }
    // URLSearchParams encodes `*`; keep the marker readable.
    return url.toString().replaceAll('%2A%2A%2A', redactedValue).replace(/\/+$/, '');
  } catch {
    return baseUrl.replace(/\/+$/, '');
  }
}
