/**
 * The error message of a JSON error body in a shape the OpenAI SDK does not read (it reads only
 * `body.error`): vLLM's older flat `ErrorResponse` (`{ object: 'error', message, type, param, code }`,
 * vllm/entrypoints/openai/protocol.py before errors were nested) and FastAPI's `{ detail }` (a string, or
 * pydantic's list of `{ loc, msg }`). Undefined for any other body.
 */
function flatErrorMessage(body: unknown): Record<string, unknown> | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body) || 'error' in body) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.message === 'string') return record;
  if (typeof record.detail === 'string') return { message: record.detail };
  if (Array.isArray(record.detail)) {
    const parts = record.detail.map((entry: unknown) => {
      if (!entry || typeof entry !== 'object') return String(entry);
      const { loc, msg } = entry as { loc?: unknown; msg?: unknown };
      return `${Array.isArray(loc) ? `${loc.join('.')}: ` : ''}${String(msg ?? '')}`;
    });
    return { message: parts.join('; ') };
  }
  return undefined;
}

/** An error body in a flat shape as `{ error: { message, … } }`; any other text as it is. */
export function nestedErrorBody(text: string): string {
  try {
    const flat = flatErrorMessage(JSON.parse(text));
    if (flat) return JSON.stringify({ error: flat });
  } catch {
    // Not JSON: the SDK keeps plain text as the message.
  }
  return text;
}

/**
 * Wraps a fetch so that error responses in a flat shape reach the SDK as `{ error: { message, … } }`, and the
 * server's own words are shown instead of "400 status code (no body)". Other responses pass untouched
 * (successful bodies are never read here, so streams stay streams).
 */
export function withNestedErrorBodies(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.status < 400) return response;
    const body = nestedErrorBody(await response.text());
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}
