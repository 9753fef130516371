import { categoryLanguage, type BfclData, type GroundTruthCall } from './bfcl-data.ts';
import type { DecodedCall } from './parse-py-literal.ts';
import { pyDict, pyFloatRepr, pyItems, pyList, pyStr, type PyValue } from './py-value.ts';

const isOmitted = (value: PyValue) => value.t === 'str' && value.v === '';

function firstAnswer(answers: readonly PyValue[]): PyValue | undefined {
  return answers.find((answer) => !isOmitted(answer));
}

/** A dict answer `{key: [acceptable…]}` as one dict of first choices (keys that may be omitted are left out). */
function firstChoices(answer: PyValue): PyValue {
  if (answer.t !== 'dict') return answer;
  const entries = new Map<string, PyValue>();
  for (const [key, options] of answer.v) {
    const first = firstAnswer(pyItems(options) ?? [options]);
    if (first !== undefined) entries.set(key, first);
  }
  return pyDict(entries);
}

function property(doc: PyValue | undefined, ...path: string[]): PyValue | undefined {
  let current = doc;
  for (const key of path) current = current?.t === 'dict' ? current.v.get(key) : undefined;
  return current;
}

const text = (value: PyValue | undefined) => (value?.t === 'str' ? value.v : undefined);

function javaLiteral(value: PyValue): string {
  if (value.t === 'str') return JSON.stringify(value.v);
  if (value.t === 'float') return pyFloatRepr(value.v);
  if (value.t === 'int' || value.t === 'bool') return String(value.v);
  return String(value);
}

/** Java source text for a value of a declared type, as upstream's converter reads it back. */
function javaText(value: PyValue, type: string, itemType: string | undefined): PyValue {
  if (value.t === 'str') return value;
  switch (type) {
    case 'long':
      return pyStr(`${String(value.t === 'int' ? value.v : '')}L`);
    case 'float':
      return pyStr(`${value.t === 'float' || value.t === 'int' ? pyFloatRepr(value.v) : ''}f`);
    case 'double':
      return pyStr(value.t === 'float' || value.t === 'int' ? pyFloatRepr(value.v) : '');
    case 'Array': {
      const items = pyItems(value) ?? [];
      const render = (item: PyValue) =>
        itemType !== undefined && item.t === 'str'
          ? item.v
          : (text(javaText(item, itemType ?? '', undefined)) ?? '');
      return pyStr(`new Object[]{${items.map(render).join(', ')}}`);
    }
    case 'ArrayList': {
      const items = pyItems(value) ?? [];
      const render = (item: PyValue) =>
        item.t === 'str' ? JSON.stringify(item.v) : (text(javaText(item, itemType ?? '', undefined)) ?? '');
      return pyStr(
        items.length === 0
          ? 'new ArrayList<>()'
          : `new ArrayList<>(Arrays.asList(${items.map(render).join(', ')}))`,
      );
    }
    case 'HashMap': {
      const entries = value.t === 'dict' ? [...value.v] : [];
      return pyStr(
        `new HashMap<String, Object>() {{ ${entries.map(([key, item]) => `put(${JSON.stringify(key)}, ${javaLiteral(item)}); `).join('')}}}`,
      );
    }
    default:
      // Not a string here (returned above), so the literal carries no quotes to drop.
      return pyStr(javaLiteral(value));
  }
}

function jsLiteral(value: PyValue): string {
  if (value.t === 'str') return `"${value.v}"`;
  if (value.t === 'float') return pyFloatRepr(value.v);
  if (value.t === 'list' || value.t === 'tuple') return `[${value.v.map(jsLiteral).join(', ')}]`;
  if (value.t === 'dict')
    return `{${[...value.v].map(([key, item]) => `${key}: ${jsLiteral(item)}`).join(', ')}}`;
  return value.t === 'none' ? 'null' : String(value.v);
}

/** JavaScript source text for a value of a declared type, as upstream's converter reads it back. */
function jsText(value: PyValue, type: string): PyValue {
  if (value.t === 'str') return value;
  if (type === 'Bigint' && value.t === 'int') return pyStr(`${value.v}n`);
  return pyStr(jsLiteral(value));
}

/**
 * One call that states a ground-truth call: for each parameter its first acceptable value (parameters that may
 * be omitted and have no other answer are left out); Java and JavaScript values as source text.
 */
export function goldCall(data: BfclData, expected: GroundTruthCall): DecodedCall {
  const language = categoryLanguage(data.category);
  const doc = data.functions.find((candidate) => text(property(candidate, 'name')) === expected.name);
  const args = new Map<string, PyValue>();
  const required = new Set(
    (pyItems(property(doc, 'parameters', 'required') ?? { t: 'none' }) ?? []).flatMap(
      (name) => text(name) ?? [],
    ),
  );
  for (const [param, answers] of expected.params) {
    // Optional parameters are left out whenever that is accepted (some answers list a value for a parameter
    // the function does not have, acceptable only when left out); a required one whose only answer is ""
    // gets "" or, for a list, [] (a "" answer iterates as an empty list in upstream's list_checker).
    if (answers.some(isOmitted) && !required.has(param)) continue;
    const detail = property(doc, 'parameters', 'properties', param);
    const type = text(property(detail, 'type')) ?? 'string';
    const first = firstAnswer(answers) ?? (['array', 'tuple'].includes(type) ? pyList([]) : pyStr(''));
    const itemType = text(property(detail, 'items', 'type'));
    let value = first;
    if (value.t === 'dict') value = firstChoices(value);
    else if ((value.t === 'list' || value.t === 'tuple') && itemType === 'dict')
      value = pyList(value.v.map(firstChoices));
    if (language === 'java') value = javaText(value, type, itemType);
    if (language === 'javascript') value = jsText(value, type);
    args.set(param, value);
  }
  return { name: expected.name, args };
}

/** Gold calls for an item: one per expected call, in order; none for irrelevance. */
export function goldCalls(data: BfclData): DecodedCall[] {
  return data.groundTruth.map((expected) => goldCall(data, expected));
}
