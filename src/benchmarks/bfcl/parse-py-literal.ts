import { pyDict, pyList, pyStr, type PyValue } from './py-value.ts';

/** A function call as BFCL decodes it: `{name: {param: value}}`, here as a name and its keyword arguments. */
export interface DecodedCall {
  readonly name: string;
  readonly args: ReadonlyMap<string, PyValue>;
}

export class PySyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'PySyntaxError';
  }
}

const escapes: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '/': '/',
};

/**
 * Reads JSON and Python literals (and, with `allowCalls`, the Python expressions BFCL's prompt decoder accepts:
 * names, dotted calls with keyword arguments, unary minus), keeping int and float apart. Names become their text
 * and a call with keyword arguments becomes `{name: {args}}`, as upstream's `resolve_ast_by_type` does
 * (bfcl_eval/model_handler/utils.py, resolve_ast_call/resolve_ast_by_type).
 */
export class PyLiteralReader {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly options: { allowCalls?: boolean } = {},
  ) {}

  get offset(): number {
    return this.index;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.index >= this.text.length;
  }

  fail(message: string): never {
    throw new PySyntaxError(message, this.index);
  }

  /** Matches a sticky regex at the current offset (without consuming). */
  private sticky(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.index;
    return pattern.exec(this.text);
  }

  skipSpace(): void {
    const space = this.sticky(/\s*/y);
    if (space !== null) this.index += space[0].length;
  }

  peek(): string | undefined {
    this.skipSpace();
    return this.text[this.index];
  }

  expect(character: string): void {
    if (this.peek() !== character) this.fail(`expected "${character}"`);
    this.index += 1;
  }

  /** Consumes `character` when it comes next. */
  accept(character: string): boolean {
    if (this.peek() !== character) return false;
    this.index += 1;
    return true;
  }

  value(): PyValue {
    const next = this.peek();
    if (next === undefined) this.fail('unexpected end');
    if (next === '"' || next === "'") return pyStr(this.string());
    if (next === '[') return pyList(this.sequence('[', ']'));
    if (next === '(') {
      const items = this.sequence('(', ')', true);
      return items.tuple ? { t: 'tuple', v: items } : (items[0] ?? this.fail('empty parentheses'));
    }
    if (next === '{') return this.dict();
    if (next === '-' || next === '+' || next === '.' || /[0-9]/.test(next)) return this.number();
    if (/[\p{L}_]/u.test(next)) return this.nameOrCall();
    return this.fail(`unexpected "${next}"`);
  }

  private sequence(open: string, close: string, tupleMarks = false): PyValue[] & { tuple?: boolean } {
    this.expect(open);
    const items: PyValue[] & { tuple?: boolean } = [];
    let sawComma = false;
    while (!this.accept(close)) {
      items.push(this.value());
      if (this.accept(',')) {
        sawComma = true;
        continue;
      }
      this.expect(close);
      break;
    }
    if (tupleMarks) items.tuple = sawComma || items.length === 0;
    return items;
  }

  private dict(): PyValue {
    this.expect('{');
    const entries = new Map<string, PyValue>();
    while (!this.accept('}')) {
      const key = this.value();
      this.expect(':');
      entries.set(key.t === 'str' ? key.v : keyText(key), this.value());
      if (this.accept(',')) continue;
      this.expect('}');
      break;
    }
    return pyDict(entries);
  }

  private string(): string {
    const quote = this.text[this.index]!;
    const triple = this.text.startsWith(quote.repeat(3), this.index);
    const end = triple ? quote.repeat(3) : quote;
    this.index += end.length;
    let result = '';
    while (!this.text.startsWith(end, this.index)) {
      const character = this.text[this.index];
      if (character === undefined) this.fail('unterminated string');
      if (character === '\\') {
        const code = this.text[this.index + 1] ?? this.fail('unterminated escape');
        if (code === 'u' || code === 'x') {
          const length = code === 'u' ? 4 : 2;
          const hex = this.text.slice(this.index + 2, this.index + 2 + length);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) this.fail('bad escape');
          result += String.fromCharCode(parseInt(hex, 16));
          this.index += 2 + length;
          continue;
        }
        if (code === '\n') {
          this.index += 2;
          continue;
        }
        result += escapes[code] ?? `\\${code}`;
        this.index += 2;
        continue;
      }
      result += character;
      this.index += 1;
    }
    this.index += end.length;
    return result;
  }

  private number(): PyValue {
    const match = this.sticky(/[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y);
    if (match === null) {
      if (this.text[this.index] === '-' || this.text[this.index] === '+') {
        // Unary minus before another expression (upstream negates the operand's value).
        const sign = this.text[this.index];
        this.index += 1;
        const operand = this.value();
        if ((operand.t === 'int' || operand.t === 'float') && sign === '-')
          return { t: operand.t, v: -operand.v };
        if (operand.t === 'int' || operand.t === 'float') return operand;
      }
      return this.fail('bad number');
    }
    this.index += match[0].length;
    const isFloat = /[.eE]/.test(match[0]);
    const number = Number(match[0]);
    return isFloat ? { t: 'float', v: number } : { t: 'int', v: number };
  }

  private nameOrCall(): PyValue {
    const name = this.dottedName();
    switch (name) {
      case 'True':
      case 'true':
        return { t: 'bool', v: true };
      case 'False':
      case 'false':
        return { t: 'bool', v: false };
      case 'None':
      case 'null':
        return { t: 'none' };
      default:
    }
    if (!this.options.allowCalls) this.fail(`unexpected name "${name}"`);
    if (this.peek() !== '(') return pyStr(name);
    const start = this.index;
    const call = this.callArguments(name);
    // A call with keyword arguments becomes {name: {args}}; one without stays its source text.
    if (call.args.size === 0) return pyStr(`${name}${this.text.slice(start, this.index)}`);
    return pyDict(new Map([[call.name, pyDict(call.args)]]));
  }

  dottedName(): string {
    this.skipSpace();
    const match = this.sticky(/[\p{L}_][\p{L}\p{N}_]*(?:\s*\.\s*[\p{L}_][\p{L}\p{N}_]*)*/uy);
    if (match === null) this.fail('expected a name');
    this.index += match[0].length;
    return match[0].replace(/\s+/g, '');
  }

  /** `(key=value, …)` after a function name; positional arguments are read and dropped, as upstream does. */
  callArguments(name: string): DecodedCall {
    this.expect('(');
    const args = new Map<string, PyValue>();
    while (!this.accept(')')) {
      const save = this.index;
      const keyword = this.sticky(/\s*([\p{L}_][\p{L}\p{N}_]*)\s*=(?!=)/uy);
      if (keyword !== null) {
        this.index += keyword[0].length;
        args.set(keyword[1]!, this.value());
      } else {
        this.index = save;
        this.value();
      }
      if (this.accept(',')) continue;
      this.expect(')');
      break;
    }
    return { name, args };
  }
}

function keyText(key: PyValue): string {
  if (key.t === 'int' || key.t === 'float' || key.t === 'bool') return String(key.v);
  return key.t === 'none' ? 'None' : JSON.stringify(key);
}

/** Parses one whole JSON or Python literal; trailing text is an error. */
export function parsePyLiteral(text: string): PyValue {
  const reader = new PyLiteralReader(text);
  const value = reader.value();
  if (!reader.atEnd()) reader.fail('trailing text');
  return value;
}
