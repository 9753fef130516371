import type { ToolDefinition } from '../../spec/index.ts';
import { categoryLanguage, type BfclCategory } from './bfcl-data.ts';
import { pyDict, pyJsonDumps, pyStr, toPlain, type PyValue } from './py-value.ts';

type Dict = Map<string, PyValue>;

function dict(value: PyValue | undefined): Dict | undefined {
  return value?.t === 'dict' ? new Map(value.v) : undefined;
}

function text(value: PyValue | undefined): string {
  return value?.t === 'str' ? value.v : '';
}

const hints: Readonly<Record<string, string>> = {
  java: ' Note that the provided function is in Java 8 SDK syntax.',
  javascript: ' Note that the provided function is in JavaScript syntax.',
  python: ' Note that the provided function is in Python 3 syntax.',
};

/**
 * The function docs as BFCL shows them to every model: a language hint appended to each description, and for
 * Java and JavaScript every parameter turned into a string "in string representation" (upstream
 * bfcl_eval/utils.py:621-690, _get_language_specific_hint and _func_doc_language_specific_pre_processing).
 * Keys keep their order (the prompt lists them with json.dumps).
 */
export function languageSpecificFunctions(functions: readonly PyValue[], category: BfclCategory): PyValue[] {
  const language = categoryLanguage(category);
  const languageName = language === 'java' ? 'Java' : 'JavaScript';
  return functions.map((doc) => {
    const item = dict(doc) ?? new Map();
    item.set('description', pyStr(text(item.get('description')) + hints[language]!));
    const parameters = dict(item.get('parameters'));
    const properties = dict(parameters?.get('properties'));
    if (parameters && properties && language !== 'python') {
      for (const [key, raw] of properties) {
        const value = dict(raw) ?? new Map();
        const type = text(value.get('type'));
        let description = text(value.get('description'));
        description +=
          type === 'any'
            ? ` This parameter can be of any type of ${languageName} object in string representation.`
            : ` This is ${languageName} ${type} type parameter in string representation.`;
        const listTypes = language === 'java' ? ['ArrayList', 'Array'] : ['array'];
        if (listTypes.includes(type)) {
          description += ` The list elements are of type ${text(dict(value.get('items'))?.get('type'))}; they are not in string representation.`;
          value.delete('items');
        }
        if (language === 'javascript' && type === 'dict' && value.has('properties')) {
          description += ` The dictionary entries have the following schema; they are not in string representation. ${pyJsonDumps(value.get('properties')!)}`;
          value.delete('properties');
        }
        value.set('description', pyStr(description));
        value.set('type', pyStr('string'));
        properties.set(key, pyDict(value));
      }
      parameters.set('properties', pyDict(properties));
      item.set('parameters', pyDict(parameters));
    }
    return pyDict(item);
  });
}

/** BFCL's types mapped to JSON Schema types (upstream bfcl_eval/constants/type_mappings.py, GORILLA_TO_OPENAPI). */
const openApiTypes: Readonly<Record<string, string>> = {
  integer: 'integer',
  number: 'number',
  float: 'number',
  string: 'string',
  boolean: 'boolean',
  bool: 'boolean',
  array: 'array',
  list: 'array',
  dict: 'object',
  object: 'object',
  tuple: 'array',
  any: 'string',
  byte: 'integer',
  short: 'integer',
  long: 'integer',
  double: 'number',
  char: 'string',
  ArrayList: 'array',
  Array: 'array',
  HashMap: 'object',
  Hashtable: 'object',
  Queue: 'array',
  Stack: 'array',
  Any: 'string',
  String: 'string',
  Bigint: 'integer',
};

const mapType = (type: string): string => openApiTypes[type] ?? 'string';

/** _cast_to_openai_type (upstream bfcl_eval/model_handler/utils.py:34-77). */
function castProperties(properties: Dict): Dict {
  for (const [key, raw] of properties) {
    const value = dict(raw) ?? new Map();
    if (!value.has('type')) {
      value.set('type', pyStr('string'));
    } else {
      const type = text(value.get('type'));
      if (type === 'float') {
        value.set('format', pyStr('float'));
        value.set('description', pyStr(`${text(value.get('description'))} This is a float type value.`));
      }
      value.set('type', pyStr(mapType(type)));
    }
    const type = text(value.get('type'));
    if (type === 'array' || type === 'object') {
      const nested = dict(value.get('properties'));
      const items = dict(value.get('items'));
      if (nested) {
        value.set('properties', pyDict(castProperties(nested)));
      } else if (items) {
        items.set('type', pyStr(mapType(text(items.get('type')))));
        const inner = dict(items.get('items'));
        const innerProperties = dict(items.get('properties'));
        if (text(items.get('type')) === 'array' && inner) {
          inner.set('type', pyStr(mapType(text(inner.get('type')))));
          items.set('items', pyDict(inner));
        } else if (text(items.get('type')) === 'object' && innerProperties) {
          items.set('properties', pyDict(castProperties(innerProperties)));
        }
        value.set('items', pyDict(items));
      }
    }
    properties.set(key, pyDict(value));
  }
  return properties;
}

/**
 * The tools sent through a provider's tools API (upstream convert_to_tool, bfcl_eval/model_handler/utils.py:79-120,
 * OpenAI style): `.` in names becomes `_` (tool names must match ^[a-zA-Z0-9_-]{1,64}$), the root type is
 * "object" and the types are JSON Schema's.
 */
export function toolDefinitions(functions: readonly PyValue[]): ToolDefinition[] {
  return functions.map((doc) => {
    const item = dict(doc) ?? new Map();
    const parameters = dict(item.get('parameters')) ?? new Map();
    parameters.set('type', pyStr('object'));
    parameters.set('properties', pyDict(castProperties(dict(parameters.get('properties')) ?? new Map())));
    return {
      name: text(item.get('name')).replaceAll('.', '_'),
      description: text(item.get('description')),
      parameters: toPlain(pyDict(parameters)) as Record<string, unknown>,
    };
  });
}
