/**
 * JSON text that is the same for equal values whatever the order their object keys were written in:
 * object keys are sorted (by UTF-16 code unit, recursively), properties whose value is `undefined` are
 * dropped, array order is kept. Numbers, strings, booleans and null are written as JSON.stringify writes them.
 * Throws TypeError on values JSON cannot represent faithfully (functions, symbols, bigints, non-finite numbers).
 */
export function canonicalJson(value: unknown): string {
  return write(value, 'value');
}

function write(value: unknown, path: string): string {
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
        return `[${value.map((entry, index) => (entry === undefined ? 'null' : write(entry, `${path}[${index}]`))).join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: ${path} is a ${typeof value}, which JSON cannot hold`);
  }
}
