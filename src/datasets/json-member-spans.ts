/** Where one member's value sits in the text of a JSON object: `text.slice(start, end)`. */
export interface JsonSpan {
  readonly start: number;
  readonly end: number;
}

function skipWhitespace(text: string, index: number): number {
  let at = index;
  while (at < text.length && ' \t\r\n'.includes(text[at] ?? '')) at++;
  return at;
}

/** The index just after the string literal that starts at `index` (a `"`). */
function skipString(text: string, index: number): number {
  let at = index + 1;
  while (at < text.length) {
    const char = text[at];
    if (char === '\\') at += 2;
    else if (char === '"') return at + 1;
    else at++;
  }
  throw new SyntaxError(`unterminated string at character ${index}`);
}

/** The index just after the value that starts at `index`: a string, an array or object, or a bare token. */
function skipValue(text: string, index: number): number {
  const first = text[index];
  if (first === '"') return skipString(text, index);
  if (first === '[' || first === '{') {
    let depth = 0;
    let at = index;
    while (at < text.length) {
      const char = text[at];
      if (char === '"') {
        at = skipString(text, at);
        continue;
      }
      if (char === '[' || char === '{') depth++;
      else if (char === ']' || char === '}') {
        depth--;
        if (depth === 0) return at + 1;
      }
      at++;
    }
    throw new SyntaxError(`unterminated ${first === '[' ? 'array' : 'object'} at character ${index}`);
  }
  let at = index;
  while (at < text.length && !',}] \t\r\n'.includes(text[at] ?? '')) at++;
  if (at === index) throw new SyntaxError(`expected a value at character ${index}`);
  return at;
}

/**
 * The spans of the top-level members of one JSON object, by key, without parsing the values. It lets a loader
 * keep a member's text as it is — for example EvalPlus's test inputs, which Python's `json` reads but
 * `JSON.parse` cannot (bare `Infinity`, integers beyond 2^53) — and parse the other members one by one. Throws
 * SyntaxError when the text is not an object of that shape.
 */
export function jsonMemberSpans(text: string): Map<string, JsonSpan> {
  const spans = new Map<string, JsonSpan>();
  let at = skipWhitespace(text, 0);
  if (text[at] !== '{') throw new SyntaxError('expected a JSON object');
  at = skipWhitespace(text, at + 1);
  if (text[at] === '}') return spans;
  for (;;) {
    if (text[at] !== '"') throw new SyntaxError(`expected a key at character ${at}`);
    const keyEnd = skipString(text, at);
    const key = JSON.parse(text.slice(at, keyEnd)) as string;
    at = skipWhitespace(text, keyEnd);
    if (text[at] !== ':') throw new SyntaxError(`expected ':' at character ${at}`);
    const start = skipWhitespace(text, at + 1);
    const end = skipValue(text, start);
    spans.set(key, { start, end });
    at = skipWhitespace(text, end);
    if (text[at] === '}') {
      if (skipWhitespace(text, at + 1) !== text.length) throw new SyntaxError('text after the object');
      return spans;
    }
    if (text[at] !== ',') throw new SyntaxError(`expected ',' or '}' at character ${at}`);
    at = skipWhitespace(text, at + 1);
  }
}
