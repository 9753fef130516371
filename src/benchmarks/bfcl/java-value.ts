import { pyBool, pyDict, pyFloat, pyInt, pyList, pyStr, type PyValue } from './py-value.ts';

/**
 * Java parameter values are Java source text ("123L", "new ArrayList<>(Arrays.asList(1, 2))"); BFCL turns the
 * text into a value for the parameter's declared type and leaves it a string when the text does not fit, so the
 * value check then fails. Follows upstream bfcl_eval/eval_checker/ast_eval/type_convertor/java_type_converter.py
 * (java_type_converter, parse_arraylist, parse_array, parse_hashmap, parse_java_value); our own code.
 */
export function convertJavaValue(text: string, type: string, nestedType?: string): PyValue {
  switch (type) {
    case 'byte':
    case 'short':
    case 'integer':
      return /^-?\d+$/.test(text) ? pyInt(Number(text)) : pyStr(text);
    case 'float':
      return /^-?\d+(\.\d+)?([eE][+-]?\d+)?[fF]$/.test(text)
        ? pyFloat(Number(text.slice(0, -1)))
        : pyStr(text);
    case 'double':
      return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? pyFloat(Number(text)) : pyStr(text);
    case 'long':
      return /^-?\d+[lL]$/.test(text) ? pyInt(Number(text.slice(0, -1))) : pyStr(text);
    case 'boolean':
      return text === 'true' || text === 'false' ? pyBool(text === 'true') : pyStr(text);
    case 'ArrayList':
      return parseArrayList(text, nestedType);
    case 'Array':
      return parseArray(text, nestedType);
    case 'HashMap':
      return parseHashMap(text);
    // 'char' keeps the text (upstream's pattern `^\'.$\'` never matches, so it returns the text either way).
    default:
      return pyStr(text);
  }
}

function element(text: string, nestedType: string | undefined): PyValue {
  if (nestedType === 'char' || nestedType === 'String') return pyStr(text.slice(1, -1));
  return nestedType ? convertJavaValue(text, nestedType) : javaLiteral(text);
}

function parseArrayList(text: string, nestedType: string | undefined): PyValue {
  const asList = /new\s+ArrayList<\w*>\(Arrays\.asList\((.+?)\)\)/.exec(text);
  if (asList) return pyList(asList[1]!.split(',').map((part) => element(part.trim(), nestedType)));
  const adds = /new\s+ArrayList<\w*>\(\)\s*\{\{\s*(.+?)\s*\}\}/s.exec(text);
  if (adds) {
    return pyList(
      [...adds[1]!.matchAll(/add\((.+?)\)/g)].map((match) => element(match[1]!.trim(), nestedType)),
    );
  }
  if (/new\s+ArrayList<\w*>\(\)/.test(text)) return pyList([]);
  return pyStr(text);
}

function parseArray(text: string, nestedType: string | undefined): PyValue {
  const match = /new\s+\w+\[\]\s*\{(.*?)\}/.exec(text);
  if (!match) return pyStr(text);
  const parts = match[1]!
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return pyList(parts.map((part) => (nestedType ? convertJavaValue(part, nestedType) : javaLiteral(part))));
}

function parseHashMap(text: string): PyValue {
  const match = /new\s+HashMap<.*?>\s*\(\)\s*\{\s*\{?\s*(.*?)\s*\}?\s*\}/s.exec(text);
  if (match) {
    const entries = new Map<string, PyValue>();
    for (const put of match[1]!.matchAll(/put\("(.*?)",\s*(.*?)\)/g))
      entries.set(put[1]!, javaLiteral(put[2]!.trim()));
    return pyDict(entries);
  }
  if (/new\s+HashMap<.*?>\s*\(\)/.test(text)) return pyDict(new Map());
  return pyStr(text);
}

/** A Java literal without a declared type (upstream parse_java_value). */
function javaLiteral(text: string): PyValue {
  if (text === 'true' || text === 'false') return pyBool(text === 'true');
  if (text.startsWith('"') && text.endsWith('"')) return pyStr(text.slice(1, -1));
  if (/^-?\d+[lL]$/.test(text)) return pyInt(Number(text.slice(0, -1)));
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?[fF]$/.test(text)) return pyFloat(Number(text.slice(0, -1)));
  return pythonNumber(text) ?? pyStr(text);
}

/** Python's `int(text)`, else `float(text)`, else undefined (surrounding spaces allowed, as Python does). */
export function pythonNumber(text: string): PyValue | undefined {
  const trimmed = text.trim();
  if (/^[-+]?\d+$/.test(trimmed)) return pyInt(Number(trimmed));
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return pyFloat(Number(trimmed));
  if (/^[-+]?(inf|infinity|nan)$/i.test(trimmed))
    return pyFloat(Number(trimmed.replace(/inf(inity)?/i, 'Infinity')));
  return undefined;
}
