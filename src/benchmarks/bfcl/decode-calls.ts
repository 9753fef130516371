import { decodeToolCalls } from '../../spec/index.ts';
import { PyLiteralReader, parsePyLiteral, type DecodedCall } from './parse-py-literal.ts';

/**
 * The calls in a prompt-mode reply, as upstream's default_decode_ast_prompting + ast_parse (bfcl_eval/
 * model_handler/utils.py:248-308, 469-480) read them: strip "`", newlines and spaces, wrap in [ ] when missing,
 * strip "'", then a Python list of calls `[f(a=1), mod.g(b='x')]`. Undefined when it does not parse.
 */
export function decodePromptCalls(completion: string): DecodedCall[] | undefined {
  let text = completion.replace(/^[`\n ]+|[`\n ]+$/g, '');
  if (!text.startsWith('[')) text = `[${text}`;
  if (!text.endsWith(']')) text = `${text}]`;
  // Upstream's ast_parse then strips spaces and "'" from both ends (`strip().strip("'")`): a no-op here, the text
  // now starts with "[" and ends with "]", so that step is left out.
  try {
    const reader = new PyLiteralReader(text, { allowCalls: true });
    const calls: DecodedCall[] = [];
    reader.expect('[');
    while (!reader.accept(']')) {
      calls.push(reader.callArguments(reader.dottedName()));
      if (reader.accept(',')) continue;
      reader.expect(']');
      break;
    }
    if (!reader.atEnd()) return undefined;
    return calls;
    // Stryker disable next-line BlockStatement: an empty catch falls through to the end of the function, which returns undefined too
  } catch {
    return undefined;
  }
}

/**
 * The calls of a native tool-calling reply (tool calls encoded at the end of the text, spec/tool-calls.ts), each
 * call's arguments read as JSON as upstream's OpenAI handler does (`json.loads(arguments)`). Undefined when the
 * reply has no tool calls or an argument text is not a JSON object.
 */
export function decodeNativeCalls(completion: string): DecodedCall[] | undefined {
  const calls = decodeToolCalls(completion);
  if (calls === undefined) return undefined;
  try {
    return calls.map((call) => {
      const args = parsePyLiteral(call.arguments.trim() === '' ? '{}' : call.arguments);
      // Stryker disable next-line StringLiteral: the message is never seen, the catch below discards it
      if (args.t !== 'dict') throw new Error('arguments are not an object');
      return { name: call.name, args: args.v };
    });
    // Stryker disable next-line BlockStatement: an empty catch falls through to the end of the function, which returns undefined too
  } catch {
    return undefined;
  }
}
