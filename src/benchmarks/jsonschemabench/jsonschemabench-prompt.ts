import type { ChatMessage } from '../../spec/index.ts';
import type { JsonSchemaBenchData } from './jsonschemabench-data.ts';

/**
 * lm-eval `jsonschema_bench_easy.yaml` (EleutherAI/lm-evaluation-harness@4e7e0d47f, shared by the medium and
 * hard tasks through `include`): line 9 `description`, line 10 `doc_to_text`.
 */
export const jsonSchemaBenchDescription = 'Generate a JSON object that matches the following JSON schema.';

/**
 * The user turn for one schema (lm-eval `doc_to_text`, line 10: `'JSON schema: {{json_schema}}\n\nJSON object: '`).
 * The YAML string is single-quoted, where `\n` is not an escape, and Jinja leaves template text alone
 * (lm_eval/utils.py `apply_template`): lm-eval sends a backslash and an `n`, twice, not line breaks. Kept as
 * upstream sends it (docs/decisions/0151).
 */
export function jsonSchemaBenchQuestion(schemaText: string): string {
  return `JSON schema: ${schemaText}\\n\\nJSON object: `;
}

/**
 * The two few-shot exemplars (lm-eval yaml lines 22-145: `num_fewshot: 2`, `sampler: first_n`, the first two of
 * `fewshot_config.samples`), as YAML reads those multi-line double-quoted strings: each line break and the
 * indentation after it folded into one space.
 */
export const jsonSchemaBenchExemplars: readonly { readonly schema: string; readonly object: string }[] = [
  {
    schema:
      '{ "$schema": "http://json-schema.org/draft-04/schema#", "definitions": { "address1": { "type": "string" }, "address2": { "type": "string" }, "city": { "type": "string" }, "country": { "type": "string" }, "postalCode": { "type": "string" }, "state": { "type": "string" } }, "description": "A simple address schema", "properties": { "address1": { "$ref": "#/definitions/address1" }, "address2": { "$ref": "#/definitions/address2" }, "city": { "$ref": "#/definitions/city" }, "country": { "$ref": "#/definitions/country" }, "postalCode": { "$ref": "#/definitions/postalCode" }, "state": { "$ref": "#/definitions/state" } }, "type": "object" }',
    object:
      '{ "address1": "123 Main Street", "address2": "Apt 4B", "city": "Seattle", "country": "USA", "postalCode": "98101", "state": "WA" }',
  },
  {
    schema:
      '{ "$schema": "http://json-schema.org/draft-06/schema#", "definitions": { "ElementType": { "enum": [ "component", "directive" ], "type": "string" }, "SelectorChange": { "properties": { "remove": { "description": "Remove directive/component", "type": "boolean" }, "replaceWith": { "description": "Replace original selector with new one", "type": "string" }, "selector": { "description": "Original selector to apply change to", "type": "string" }, "type": { "$ref": "#/definitions/ElementType", "description": "Type of selector the change applies to - either component or directive" } }, "required": [ "selector", "type" ], "type": "object" } }, "properties": { "changes": { "description": "An array of changes to component/directive selectors", "items": { "$ref": "#/definitions/SelectorChange" }, "type": "array" } }, "required": [ "changes" ], "type": "object" }',
    object:
      '{ "changes": [ { "selector": "app-root", "type": "component", "remove": false, "replaceWith": "new-root" }, { "selector": "my-directive", "type": "directive", "remove": true, "replaceWith": "new-directive" } ] }',
  },
];

/**
 * The schema as the prompt shows it: the upstream file's text (guidance-ai/jsonschemabench `data/<subset>/<name>.json`
 * is the schema with 4-space indentation, which the Hugging Face `json_schema` field carries).
 */
export function jsonSchemaBenchSchemaText(data: JsonSchemaBenchData): string {
  return JSON.stringify(data.schema, null, 4);
}

/**
 * lm-eval's chat form (`--apply_chat_template --fewshot_as_multiturn`, lm_eval/api/task.py `fewshot_context`):
 * the description as the system message, each exemplar as a user turn and the assistant's answer, then the
 * schema asked about.
 */
export function jsonSchemaBenchMessages(data: JsonSchemaBenchData): ChatMessage[] {
  return [
    { role: 'system', content: jsonSchemaBenchDescription },
    ...jsonSchemaBenchExemplars.flatMap((exemplar): ChatMessage[] => [
      { role: 'user', content: jsonSchemaBenchQuestion(exemplar.schema) },
      { role: 'assistant', content: exemplar.object },
    ]),
    { role: 'user', content: jsonSchemaBenchQuestion(jsonSchemaBenchSchemaText(data)) },
  ];
}
