/**
 * Values as Python sees them after `json.loads` or `ast.literal_eval`: BFCL's AST checker compares Python types
 * exactly (`type(value) == int`), so an integer and a float with the same value stay apart here (JSON `5` is an
 * int, `5.0` a float), as do lists and tuples. Dict keys are strings (every BFCL dict key is one).
 */
export type PyValue =
  | { readonly t: 'int'; readonly v: number }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'none' }
  | { readonly t: 'list'; readonly v: readonly PyValue[] }
  | { readonly t: 'tuple'; readonly v: readonly PyValue[] }
  | { readonly t: 'dict'; readonly v: ReadonlyMap<string, PyValue> };

export type PyType = PyValue['t'];

export const pyStr = (v: string): PyValue => ({ t: 'str', v });
export const pyInt = (v: number): PyValue => ({ t: 'int', v });
export const pyFloat = (v: number): PyValue => ({ t: 'float', v });
export const pyBool = (v: boolean): PyValue => ({ t: 'bool', v });
export const pyList = (v: readonly PyValue[]): PyValue => ({ t: 'list', v });
export const pyDict = (v: ReadonlyMap<string, PyValue>): PyValue => ({ t: 'dict', v });

function numeric(value: PyValue): number | undefined {
  if (value.t === 'int' || value.t === 'float') return value.v;
  if (value.t === 'bool') return value.v ? 1 : 0;
  return undefined;
}

/** Python's `==`: numbers compare by value across int, float and bool; list never equals tuple. */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  const left = numeric(a);
  const right = numeric(b);
  if (left !== undefined || right !== undefined) return left !== undefined && left === right;
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'str':
      return a.v === (b as typeof a).v;
    case 'none':
      return true;
    case 'list':
    case 'tuple': {
      const other = (b as typeof a).v;
      return a.v.length === other.length && a.v.every((item, index) => pyEquals(item, other[index]!));
    }
    case 'dict': {
      const other = (b as typeof a).v;
      if (a.v.size !== other.size) return false;
      for (const [key, item] of a.v) {
        const match = other.get(key);
        if (match === undefined || !pyEquals(item, match)) return false;
      }
      return true;
    }
    // Stryker disable next-line ConditionalExpression: unreachable; int, float and bool are compared as numbers above
    default:
      // Stryker disable next-line BooleanLiteral: unreachable; int, float and bool are compared as numbers above
      return false;
  }
}

/** Python's `value in candidates`. */
export function pyIn(value: PyValue, candidates: readonly PyValue[]): boolean {
  return candidates.some((candidate) => pyEquals(value, candidate));
}

/** The items of a list or tuple, the characters of a string (Python iterates both), else undefined. */
export function pyItems(value: PyValue): readonly PyValue[] | undefined {
  if (value.t === 'list' || value.t === 'tuple') return value.v;
  if (value.t === 'str') return [...value.v].map(pyStr);
  return undefined;
}

/** Python's `repr` of a float (shortest round-trip digits; exponent form below 1e-4 and from 1e16). */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  // Stryker disable next-line EqualityOperator: value is ±Infinity here, never 0
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    // Stryker disable next-line EqualityOperator: the exponent form is used only below -4 or from 16, never at 0
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const text = value.toFixed(Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - exponent));
  return text.includes('.') ? text : `${text}.0`;
}

/** Python's `json.dumps(value, indent=indent)` (ensure_ascii on): BFCL's prompt lists the functions so. */
export function pyJsonDumps(value: PyValue, indent?: number, depth = 0): string {
  const newline = indent === undefined ? '' : `\n${' '.repeat(indent * (depth + 1))}`;
  const closing = indent === undefined ? '' : `\n${' '.repeat(indent * depth)}`;
  const separator = indent === undefined ? ', ' : ',';
  switch (value.t) {
    case 'int':
      return String(value.v);
    case 'float':
      return pyFloatRepr(value.v);
    case 'bool':
      return value.v ? 'true' : 'false';
    case 'none':
      return 'null';
    case 'str':
      return asciiJsonString(value.v);
    case 'list':
    case 'tuple':
      if (value.v.length === 0) return '[]';
      return `[${value.v.map((item) => newline + pyJsonDumps(item, indent, depth + 1)).join(separator)}${closing}]`;
    case 'dict':
      if (value.v.size === 0) return '{}';
      return `{${[...value.v]
        .map(([key, item]) => `${newline}${asciiJsonString(key)}: ${pyJsonDumps(item, indent, depth + 1)}`)
        .join(separator)}${closing}}`;
  }
}

function asciiJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A plain JavaScript value for JSON (tuples become arrays), e.g. for tool schemas sent to an API. */
export function toPlain(value: PyValue): unknown {
  switch (value.t) {
    case 'none':
      return null;
    case 'list':
    case 'tuple':
      return value.v.map(toPlain);
    case 'dict':
      return Object.fromEntries([...value.v].map(([key, item]) => [key, toPlain(item)]));
    default:
      return value.v;
  }
}
