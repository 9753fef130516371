import { InputError } from '../../spec/index.ts';

/**
 * Checks a base URL the user gave and returns it parsed: http or https, and a port written out when a colon
 * follows the host (`http://127.0.0.1:/v1` is an error, where WHATWG URL parsing would quietly use port 80).
 * InputError otherwise, naming the option.
 */
export function checkBaseUrl(baseUrl: string, options: { location: string }): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InputError(`'${baseUrl}' is not a URL`, options);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`'${baseUrl}' is not an http(s) URL`, options);
  }
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(baseUrl)?.[1] ?? '';
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostAndPort.endsWith(':')) {
    throw new InputError(
      `'${baseUrl}' has an empty port after the host (write the port, or drop the ':')`,
      options,
    );
  }
  return url;
}
