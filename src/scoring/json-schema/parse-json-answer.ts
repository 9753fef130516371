/** Strips the characters in `set` from both ends of `text` (Python's `str.strip(chars)`). */
function stripChars(text: string, set: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && set.includes(text.charAt(start))) start += 1;
  while (end > start && set.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(start, end);
}

/** Python's `str.strip()`: Unicode whitespace (JS `trim` covers the same characters for JSON answers). */
function stripWhitespace(text: string): string {
  return text.trim();
}

/** What parsing a reply as JSON gave: the value, or why it is not JSON. */
export type JsonAnswer =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/**
 * Reads a reply as one JSON value the way lm-eval's `jsonschema_bench` metrics do (metrics.py lines 128 and 154:
 * `json.loads(prediction.strip().strip("```").strip("json").strip())`): surrounding whitespace, then backticks,
 * then the characters j, s, o, n are stripped from both ends, so a Markdown code fence around the JSON is
 * accepted. As upstream, the character strip also eats the ends of a bare `null` or of a string ending in
 * "on"; a schema asks for such values rarely. Python's `json.loads` also takes NaN and Infinity, which
 * JSON.parse does not (not valid JSON either way).
 */
export function parseJsonAnswer(reply: string): JsonAnswer {
  const text = stripWhitespace(stripChars(stripChars(stripWhitespace(reply), '`'), 'json'));
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
