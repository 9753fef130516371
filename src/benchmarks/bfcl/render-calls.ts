import { encodeToolCalls } from '../../spec/index.ts';
import type { DecodedCall } from './parse-py-literal.ts';
import { pyFloatRepr, pyJsonDumps, type PyValue } from './py-value.ts';

/** A value in Python syntax, as a prompt-mode reply writes it. */
export function pythonSource(value: PyValue): string {
  switch (value.t) {
    case 'str':
      return JSON.stringify(value.v);
    case 'int':
      return String(value.v);
    case 'float':
      return pyFloatRepr(value.v);
    case 'bool':
      return value.v ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'list':
      return `[${value.v.map(pythonSource).join(', ')}]`;
    case 'tuple':
      return value.v.length === 1
        ? `(${pythonSource(value.v[0]!)},)`
        : `(${value.v.map(pythonSource).join(', ')})`;
    case 'dict':
      return `{${[...value.v].map(([key, item]) => `${JSON.stringify(key)}: ${pythonSource(item)}`).join(', ')}}`;
  }
}

/** Calls as BFCL's prompt format asks for them: `[func(a=1, b='x'), other(c=[1, 2])]`. */
export function renderPythonCalls(calls: readonly DecodedCall[]): string {
  const rendered = calls.map(
    (call) =>
      `${call.name}(${[...call.args].map(([key, value]) => `${key}=${pythonSource(value)}`).join(', ')})`,
  );
  return `[${rendered.join(', ')}]`;
}

/** Calls as a native tool-calling reply carries them (spec/tool-calls.ts), arguments as JSON text. */
export function renderNativeCalls(
  calls: readonly DecodedCall[],
  options: { underscoreToDot: boolean },
): string {
  return encodeToolCalls(
    calls.map((call) => ({
      name: options.underscoreToDot ? call.name.replaceAll('.', '_') : call.name,
      arguments: pyJsonDumps({ t: 'dict', v: call.args }),
    })),
  );
}
