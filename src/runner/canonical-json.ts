/**
 * JSON text that is the same for equal values whatever the order their object keys were written in:
 * object keys are sorted (by UTF-16 code unit, recursively), properties whose value is `undefined` are
 * dropped, array order is kept. Numbers, strings, booleans and null are written as JSON.stringify writes them.
 * Throws TypeError on values JSON cannot represent faithfully (functions, symbols, bigints, non-finite numbers),
 * naming where the value is (`path`, default `value`).
 */
export function canonicalJson(value: unknown, path = 'value'): string {
  // The cache key of every request goes through here: the fast writer builds no path strings and no arrays per
  // value (GC pressure on the hot path). When it meets a value JSON cannot hold, the slow writer walks again to
  // name where it is (`path`: where `value` sits in a larger value written in parts).
  const written = fast(value);
  return written ?? write(value, path);
}

/** The canonical text, or undefined when some value has no faithful JSON form. */
// Stryker disable next-line BlockStatement: a fast path that gives up (undefined) leaves the text to the slow writer, which writes the same
function fast(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    // Stryker disable next-line StringLiteral: a fast path that gives up (undefined) leaves the text to the slow writer, which writes the same
    case 'string':
    // Stryker disable next-line ConditionalExpression,StringLiteral: (falls through) a fast path that gives up (undefined) leaves the text to the slow writer, which writes the same
    case 'boolean':
      return JSON.stringify(value);
    // Stryker disable next-line StringLiteral: a fast path that gives up (undefined) leaves the text to the slow writer, which writes the same
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    // Stryker disable next-line ConditionalExpression,StringLiteral,BlockStatement: a fast path that gives up (undefined) leaves the text to the slow writer, which writes the same
    case 'object': {
      if (Array.isArray(value)) {
        let text = '[';
        for (let index = 0; index < value.length; index += 1) {
          const entry: unknown = value[index];
          // Stryker disable next-line ConditionalExpression: a fast path that gives up (undefined) leaves the text to the slow writer, which writes the same
          const written = entry === undefined ? 'null' : fast(entry);
          // Stryker disable next-line ConditionalExpression: a fast path that gives up (undefined) leaves the text to the slow writer, which writes the same
          if (written === undefined) return undefined;
          text += index === 0 ? written : `,${written}`;
        }
        return `${text}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let text = '{';
      let first = true;
      for (const key of keys) {
        const entry = record[key];
        // Stryker disable next-line ConditionalExpression: a fast path that gives up (undefined) leaves the text to the slow writer, which writes the same
        if (entry === undefined) continue;
        const written = fast(entry);
        // Stryker disable next-line ConditionalExpression: a fast path that gives up (undefined) leaves the text to the slow writer, which writes the same
        if (written === undefined) return undefined;
        text += `${first ? '' : ','}${JSON.stringify(key)}:${written}`;
        first = false;
      }
      return `${text}}`;
    }
    // Stryker disable next-line ConditionalExpression: a fast path that gives up (undefined) leaves the text to the slow writer, which writes the same
    default:
      return undefined;
  }
}

function write(value: unknown, path: string): string {
  // Stryker disable next-line StringLiteral: the slow writer runs only when a value has no JSON form, so it always throws: its text is never seen
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`canonicalJson: ${path} is ${value}, not a finite number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        // An undefined array entry has no JSON form; JSON.stringify writes null, and so do we.
        const entries = value.map((entry, index) => {
          const at = `${path}[${index}]`;
          // Stryker disable next-line StringLiteral: the slow writer runs only when a value has no JSON form, so it always throws: its text is never seen
          return entry === undefined ? 'null' : write(entry, at);
        });
        // Stryker disable next-line StringLiteral: the slow writer runs only when a value has no JSON form, so it always throws: its text is never seen
        return `[${entries.join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      const entries = keys.map((key) => {
        const text = write(record[key], `${path}.${key}`);
        // Stryker disable next-line StringLiteral: the slow writer runs only when a value has no JSON form, so it always throws: its text is never seen
        return `${JSON.stringify(key)}:${text}`;
      });
      // Stryker disable next-line StringLiteral: the slow writer runs only when a value has no JSON form, so it always throws: its text is never seen
      return `{${entries.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: ${path} is a ${typeof value}, which JSON cannot hold`);
  }
}
