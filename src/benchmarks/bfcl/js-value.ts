import { pythonNumber } from './java-value.ts';
import { pyBool, pyDict, pyFloat, pyInt, pyList, pyStr, type PyValue } from './py-value.ts';

/**
 * JavaScript parameter values are JavaScript source text ("[1, 2]", "{'key': 'value'}", "123n"); BFCL turns the
 * text into a value for the declared type, leaving a string when it does not fit. Follows upstream
 * bfcl_eval/eval_checker/ast_eval/type_convertor/js_type_converter.py (js_type_converter, parse_js_collection,
 * parse_js_value); our own code.
 */
export function convertJsValue(text: string, type: string, nestedType?: string): PyValue {
  switch (type) {
    case 'String':
      return (text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'"))
        ? pyStr(text.slice(1, -1))
        : pyStr(text);
    case 'integer':
      return /^-?\d+$/.test(text) ? pyInt(Number(text)) : pyStr(text);
    case 'float':
      return /^-?\d+(\.\d+)?$/.test(text) ? pyFloat(Number(text)) : pyStr(text);
    case 'Bigint':
      return /^-?\d+n$/.test(text) ? pyInt(Number(text.slice(0, -1))) : pyStr(text);
    case 'Boolean':
      return text === 'true' || text === 'false' ? pyBool(text === 'true') : pyStr(text);
    case 'dict':
      return parseJsObject(text.trim());
    case 'array':
      return parseJsArray(text.trim(), nestedType);
    default:
      return pyStr(text);
  }
}

function parseJsArray(code: string, nestedType: string | undefined): PyValue {
  const twoD = /^(?:\[\s*\[.*?\]\s*(,\s*\[.*?\]\s*)*\]|\bnew\s+Array\(\s*\[.*?\]\s*(,\s*\[.*?\]\s*)*\))/.exec(
    code,
  );
  if (twoD) {
    const inner = [...twoD[0].matchAll(/\[(.*?)\]/g)].map((match, index) => {
      let text = match[1]!.trim();
      if (index === 0 && text.startsWith('[')) text = text.slice(1);
      return pyList(text.split(',').map((part) => jsLiteral(part.trim())));
    });
    return pyList(inner);
  }
  const oneD = /^(?:\[(.*?)\]|\bnew\s+Array\((.*?)\))/.exec(code);
  if (!oneD) return pyStr(code);
  const body = (oneD[1] ?? oneD[2] ?? '').trim();
  const parts = body === '' ? [] : body.split(',');
  return pyList(
    parts.map((part) => {
      const text = part.trim();
      if (!nestedType) return jsLiteral(text);
      return convertJsValue(
        text,
        nestedType,
        text.startsWith("'") || text.startsWith('"') ? 'String' : undefined,
      );
    }),
  );
}

function parseJsObject(code: string): PyValue {
  if (code === '{}') return pyDict(new Map());
  const match = /^\{(.*?)\}/.exec(code);
  if (!match) return pyStr(code);
  const entries = new Map<string, PyValue>();
  for (const pair of match[1]!.matchAll(/([^:]+):\s*(.*?)(?:,\s*(?=[^,]+:)|$)/g)) {
    const key = stripChars(pair[1]!.trim(), '\'"');
    const value = pair[2]!.trim();
    if (value.startsWith('[') && value.endsWith(']')) entries.set(key, parseJsArray(value, undefined));
    else if (value.startsWith('{') && value.endsWith('}')) entries.set(key, parseJsObject(value));
    else entries.set(key, jsLiteral(stripChars(value, '\'"')));
  }
  return pyDict(entries);
}

/** Python's `text.strip(chars)`. */
function stripChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start]!)) start += 1;
  while (end > start && chars.includes(text[end - 1]!)) end -= 1;
  return text.slice(start, end);
}

function jsLiteral(raw: string): PyValue {
  const text = raw.trim();
  if (text === 'true' || text === 'false') return pyBool(text === 'true');
  if ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'"))) {
    return pyStr(text.slice(1, -1));
  }
  return pythonNumber(text) ?? pyStr(text);
}
