import type { BfclLanguage, GroundTruthCall } from './bfcl-data.ts';
import { convertJavaValue } from './java-value.ts';
import { convertJsValue } from './js-value.ts';
import type { DecodedCall } from './parse-py-literal.ts';
import { pyIn, pyItems, pyStr, type PyType, type PyValue } from './py-value.ts';

/**
 * BFCL's AST checker, rule for rule, after upstream bfcl_eval/eval_checker/ast_eval/ast_checker.py at commit
 * 6ea57973 (line numbers below are that file's). Our own code; names follow upstream so the two can be read
 * side by side. `errorType` is upstream's `error_type`.
 */
export type AstCheck =
  { readonly valid: true } | { readonly valid: false; readonly errorType: string; readonly error: string };

const ok: AstCheck = { valid: true };
const fail = (errorType: string, error: string): AstCheck => ({ valid: false, errorType, error });

/** The Python type a declared type means (ast_checker.py:14-23 PYTHON_TYPE_MAPPING; type_mappings.py JAVA_/JS_TYPE_CONVERSION). */
const pythonTypes: Readonly<Record<string, PyType>> = {
  string: 'str',
  integer: 'int',
  float: 'float',
  boolean: 'bool',
  array: 'list',
  tuple: 'list',
  dict: 'dict',
  any: 'str',
};
const javaTypes: Readonly<Record<string, PyType>> = {
  byte: 'int',
  short: 'int',
  integer: 'int',
  float: 'float',
  double: 'float',
  long: 'int',
  boolean: 'bool',
  char: 'str',
  Array: 'list',
  ArrayList: 'list',
  HashMap: 'dict',
  Hashtable: 'dict',
  Queue: 'list',
  Stack: 'list',
  String: 'str',
  any: 'str',
};
const jsTypes: Readonly<Record<string, PyType>> = {
  String: 'str',
  integer: 'int',
  float: 'float',
  Bigint: 'int',
  Boolean: 'bool',
  dict: 'dict',
  array: 'list',
  any: 'str',
};
const typeTables: Readonly<Record<BfclLanguage, Readonly<Record<string, PyType>>>> = {
  python: pythonTypes,
  java: javaTypes,
  javascript: jsTypes,
};
/** Declared types whose items are checked too (ast_checker.py:26 and :29). */
const pythonNestedTypes = ['array', 'tuple'];
const nestedConversionTypes = ['Array', 'ArrayList', 'array'];

export interface CheckOptions {
  readonly language: BfclLanguage;
  /** The function names were sent with `.` replaced by `_` (tool APIs reject dots; ast_checker.py:83-90). */
  readonly underscoreToDot?: boolean;
}

/** Upstream's `standardize_string` (ast_checker.py:174-182): drops ` ,./-_*^`, lower-cases, ' → ". */
export function standardizeString(text: string): string {
  return text
    .replace(/[ ,./\-_*^]/g, '')
    .toLowerCase()
    .replaceAll("'", '"');
}

function standardize(value: PyValue): PyValue {
  return value.t === 'str' ? pyStr(standardizeString(value.v)) : value;
}

function show(value: PyValue): string {
  return JSON.stringify(value.t === 'dict' ? Object.fromEntries(value.v) : 'v' in value ? value.v : null);
}

/** get_possible_answer_type (ast_checker.py:76-80): the type of the first answer that is not "". */
function possibleAnswerType(answers: readonly PyValue[]): PyType | undefined {
  return answers.find((answer) => !(answer.t === 'str' && answer.v === ''))?.t;
}

interface TypeCheck {
  readonly check: AstCheck;
  readonly isVariable: boolean;
}

/** type_checker (ast_checker.py:93-171), one level of nesting. */
function typeChecker(
  param: string,
  value: PyValue,
  answers: readonly PyValue[],
  expected: PyType,
  nested: PyType | undefined,
): TypeCheck {
  const answerType = possibleAnswerType(answers);
  const isVariable = answerType !== undefined && answerType !== expected;
  let nestedFailed = false;
  if (value.t === expected) {
    if (nested === undefined) return { check: ok, isVariable };
    for (const answer of answers) {
      let matches = true;
      if (answer.t === 'list') {
        // Stryker disable next-line ArrayDeclaration: unreachable; nested types exist only for list-typed parameters and value.t equals that type here
        for (const item of value.t === 'list' ? value.v : []) {
          if (!typeChecker(param, item, answer.v, nested, undefined).check.valid) {
            matches = false;
            break;
          }
        }
      }
      if (matches) return { check: ok, isVariable };
    }
    nestedFailed = true;
  }
  if (answerType !== undefined && value.t === answerType) {
    // A variable name given where the answer is a variable (ast_checker.py:155-164); a nested failure stays one.
    return nestedFailed
      ? // Stryker disable next-line BooleanLiteral: the check failed and is returned as is; isVariable is never read then
        { check: fail('type_error:nested', `nested type check failed for "${param}"`), isVariable: true }
      : { check: ok, isVariable: true };
  }
  return {
    check: fail(
      'type_error:simple',
      `incorrect type for parameter "${param}": expected ${expected}, got ${value.t}`,
    ),
    // Stryker disable next-line BooleanLiteral: the check failed and is returned as is; isVariable is never read then
    isVariable: false,
  };
}

/** string_checker (ast_checker.py:185-201). */
function stringChecker(param: string, value: PyValue & { t: 'str' }, answers: readonly PyValue[]): AstCheck {
  const wanted = answers.flatMap((answer) => (answer.t === 'str' ? [standardizeString(answer.v)] : []));
  if (wanted.includes(standardizeString(value.v))) return ok;
  return fail('value_error:string', `invalid value for parameter "${param}": ${show(value)}`);
}

/** list_checker (ast_checker.py:204-235); a "" answer iterates as an empty list, as Python does. */
function listChecker(param: string, value: PyValue, answers: readonly PyValue[]): AstCheck {
  // Stryker disable next-line ArrayDeclaration: unreachable; a non-variable value of a list parameter is a list
  const output: PyValue = { t: 'list', v: (pyItems(value) ?? []).map(standardize) };
  const candidates = answers.map((answer): PyValue => ({
    t: 'list',
    v: (pyItems(answer) ?? []).map(standardize),
  }));
  if (pyIn(output, candidates)) return ok;
  return fail('value_error:list/tuple', `invalid value for parameter "${param}": ${show(value)}`);
}

/** dict_checker (ast_checker.py:238-298). */
function dictChecker(param: string, value: PyValue, answers: readonly PyValue[]): AstCheck {
  let result: AstCheck = fail('dict_checker:unclear', `invalid value for parameter "${param}"`);
  const entries = value.t === 'dict' ? value.v : new Map<string, PyValue>();
  for (const answer of answers) {
    if (answer.t === 'str' && answer.v === '') continue;
    const expected = answer.t === 'dict' ? answer.v : new Map<string, PyValue>();
    result = ok;
    for (const [key, item] of entries) {
      const acceptable = expected.get(key);
      if (acceptable === undefined) {
        result = fail('value_error:dict_key', `unexpected dict key parameter: "${key}"`);
        break;
      }
      if (!pyIn(standardize(item), (pyItems(acceptable) ?? []).map(standardize))) {
        result = fail('value_error:dict_value', `invalid value for dict key "${key}": ${show(item)}`);
        break;
      }
    }
    if (result.valid) {
      for (const [key, acceptable] of expected) {
        // Stryker disable next-line ArrayDeclaration: any placeholder list lacks "" too, so a missing key stays missing
        if (!entries.has(key) && !pyIn(pyStr(''), pyItems(acceptable) ?? [])) {
          result = fail('value_error:dict_key', `missing dict key parameter: "${key}"`);
          break;
        }
      }
    }
    if (result.valid) return ok;
  }
  return result;
}

/** list_dict_checker (ast_checker.py:301-330): dicts in order, each against the answer's dict at that index. */
function listDictChecker(param: string, value: PyValue, answers: readonly PyValue[]): AstCheck {
  // Stryker disable next-line StringLiteral: unreachable; answers are never empty (type_checker fails first), so the loop always sets result
  let result: AstCheck = fail('list_dict_checker:unclear', `invalid value for parameter "${param}"`);
  // Stryker disable next-line ArrayDeclaration: unreachable; a non-variable value of a list-of-dicts parameter is a list
  const outputs = pyItems(value) ?? [];
  for (const answer of answers) {
    const dicts = pyItems(answer) ?? [];
    if (outputs.length !== dicts.length) {
      result = fail('value_error:list_dict_count', `wrong number of dictionaries in "${param}"`);
      continue;
    }
    let matches = true;
    for (const [index, output] of outputs.entries()) {
      result = dictChecker(param, output, [dicts[index]!]);
      if (!result.valid) {
        matches = false;
        break;
      }
    }
    if (matches) return ok;
  }
  return result;
}

function property(doc: PyValue, ...path: string[]): PyValue | undefined {
  let current: PyValue | undefined = doc;
  for (const key of path) current = current?.t === 'dict' ? current.v.get(key) : undefined;
  return current;
}

function text(value: PyValue | undefined): string | undefined {
  return value?.t === 'str' ? value.v : undefined;
}

/** The name a function is called by: dots become underscores when tool names were sent so (ast_checker.py:83-90). */
export function callName(name: string, options: { underscoreToDot?: boolean }): string {
  return options.underscoreToDot === true ? name.replaceAll('.', '_') : name;
}

/** simple_function_checker (ast_checker.py:333-515): one call against one expected call. */
export function simpleFunctionChecker(
  functionDoc: PyValue | undefined,
  call: DecodedCall,
  expected: GroundTruthCall,
  options: CheckOptions,
): AstCheck {
  const possible = expected.params;
  const name = callName(text(property(functionDoc ?? { t: 'none' }, 'name')) ?? expected.name, options);
  const properties = property(functionDoc ?? { t: 'none' }, 'parameters', 'properties');
  const details = properties?.t === 'dict' ? properties.v : new Map<string, PyValue>();
  const required =
    pyItems(property(functionDoc ?? { t: 'none' }, 'parameters', 'required') ?? { t: 'none' }) ?? [];
  if (call.name !== name) {
    return fail(
      'simple_function_checker:wrong_func_name',
      `function name "${name}" not found in model output`,
    );
  }
  for (const param of required) {
    if (param.t === 'str' && !call.args.has(param.v)) {
      return fail('simple_function_checker:missing_required', `missing required parameter: "${param.v}"`);
    }
  }
  const table = typeTables[options.language];
  for (const [param, rawValue] of call.args) {
    const detail = details.get(param);
    const answers = possible.get(param);
    if (detail === undefined || answers === undefined) {
      return fail('simple_function_checker:unexpected_param', `unexpected parameter: "${param}"`);
    }
    const declared = text(property(detail, 'type')) ?? 'string';
    const itemType = text(property(detail, 'items', 'type'));
    // Types outside the tables (none in the v4 AST data where a value is checked) are treated as strings.
    const expectedType: PyType = table[declared] ?? 'str';
    let nestedType: PyType | undefined;
    let value = rawValue;
    if (options.language !== 'python') {
      // Java and JavaScript values are source text, converted for the declared type (ast_checker.py:387-425).
      if (value.t !== 'str') {
        return fail(
          options.language === 'java' ? 'type_error:java' : 'type_error:js',
          `incorrect type for parameter "${param}": expected String, got ${value.t}`,
        );
      }
      const convert = options.language === 'java' ? convertJavaValue : convertJsValue;
      if (nestedConversionTypes.includes(declared) && itemType !== undefined) {
        nestedType = table[itemType] ?? 'str';
        value = convert(value.v, declared, itemType);
      } else {
        value = convert(value.v, declared);
      }
    } else if (pythonNestedTypes.includes(declared) && itemType !== undefined) {
      nestedType = table[itemType] ?? 'str';
    }
    // Tuples count as lists (ast_checker.py:436-440); an int is accepted for a Python float (:442-448).
    if (declared === 'tuple' && value.t === 'tuple') value = { t: 'list', v: value.v };
    if (options.language === 'python' && declared === 'float' && value.t === 'int')
      value = { t: 'float', v: value.v };
    const typed = typeChecker(param, value, answers, expectedType, nestedType);
    if (!typed.check.valid) return typed.check;
    if (!typed.isVariable) {
      let special: AstCheck | undefined;
      if (expectedType === 'dict') special = dictChecker(param, value, answers);
      else if (expectedType === 'list' && nestedType === 'dict')
        special = listDictChecker(param, value, answers);
      else if (expectedType === 'str' && value.t === 'str') special = stringChecker(param, value, answers);
      else if (expectedType === 'list') special = listChecker(param, value, answers);
      if (special !== undefined) {
        if (!special.valid) return special;
        continue;
      }
    }
    if (!pyIn(value, answers)) {
      return fail('value_error:others', `invalid value for parameter "${param}": ${show(value)}`);
    }
  }
  for (const [param, answers] of possible) {
    if (!call.args.has(param) && !pyIn(pyStr(''), answers)) {
      return fail(
        'simple_function_checker:missing_optional',
        `optional parameter "${param}" not provided and not marked as optional`,
      );
    }
  }
  return ok;
}

function findDescription(functions: readonly PyValue[], name: string): PyValue | undefined {
  return functions.find((doc) => text(property(doc, 'name')) === name);
}

/** parallel_function_checker_no_order (ast_checker.py:554-620): each expected call matched by a distinct call. */
function parallelNoOrder(
  functions: readonly PyValue[],
  calls: readonly DecodedCall[],
  expected: readonly GroundTruthCall[],
  options: CheckOptions,
): AstCheck {
  if (calls.length !== expected.length) {
    return fail('parallel_function_checker_no_order:wrong_count', 'wrong number of functions');
  }
  const matched = new Set<number>();
  for (const [answerIndex, answer] of expected.entries()) {
    const doc = findDescription(functions, answer.name);
    let found = false;
    for (const [index, call] of calls.entries()) {
      if (matched.has(index)) continue;
      if (simpleFunctionChecker(doc, call, answer, options).valid) {
        matched.add(index);
        found = true;
        break;
      }
    }
    if (!found) {
      return fail(
        'parallel_function_checker_no_order:cannot_find_match',
        `no call matches expected call ${answerIndex} (${answer.name})`,
      );
    }
  }
  return ok;
}

/**
 * ast_checker (ast_checker.py:33-61): categories with "parallel" in their name match calls unordered, those with
 * "multiple" check the one call against the expected one, the rest need exactly one call.
 */
export function astChecker(
  category: string,
  functions: readonly PyValue[],
  calls: readonly DecodedCall[],
  expected: readonly GroundTruthCall[],
  options: CheckOptions,
): AstCheck {
  if (category.includes('parallel')) return parallelNoOrder(functions, calls, expected, options);
  if (category.includes('multiple')) {
    if (calls.length !== expected.length)
      return fail('multiple_function_checker:wrong_count', 'wrong number of functions');
    return simpleFunctionChecker(
      findDescription(functions, expected[0]!.name),
      calls[0]!,
      expected[0]!,
      options,
    );
  }
  if (calls.length !== 1) return fail('simple_function_checker:wrong_count', 'wrong number of functions');
  return simpleFunctionChecker(functions[0], calls[0]!, expected[0]!, options);
}
