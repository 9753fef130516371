import { describe, expect, it } from 'vitest';
import { bfclNative } from './bfcl-native.ts';
import { bfclPrompt } from './bfcl-prompt.ts';
import type { BfclData } from './bfcl-data.ts';
import { parsePyLiteral } from './parse-py-literal.ts';

/** simple_python_0 of BFCL v4 as in the file (BFCL_v4_simple_python.json, line 1). */
const item = {
  id: 'simple_python_0',
  group: 'simple_python',
  data: {
    category: 'simple_python',
    messages: [
      { role: 'user', content: 'Find the area of a triangle with a base of 10 units and height of 5 units.' },
    ],
    functions: [
      parsePyLiteral(
        '{"name": "calculate_triangle_area", "description": "Calculate the area of a triangle given its base and height.", "parameters": {"type": "dict", "properties": {"base": {"type": "integer", "description": "The base of the triangle."}, "height": {"type": "integer", "description": "The height of the triangle."}, "unit": {"type": "string", "description": "The unit of measure (defaults to \'units\' if not specified)"}}, "required": ["base", "height"]}}',
      ),
    ],
    groundTruth: [],
  } satisfies BfclData,
};

describe('BFCL requests, written out in full for simple_python_0', () => {
  it("bfcl.prompt: BFCL's default system prompt (checked byte for byte against upstream on all 2741 items), then the question", () => {
    expect(bfclPrompt.buildRequest(item)).toEqual({
      messages: [
        {
          role: 'system',
          content:
            'You are an expert in composing functions.You are given a question and a set of possible functions. Based on the question, you will need to make one or more function/tool calls to achieve the purpose. If none of the functions can be used, point it out. If the given question lacks the parameters required by the function, also point it out.\n\nYou should only return the function calls in your response.\n\nIf you decide to invoke any of the function(s), you MUST put it in the format of [func_name1(params_name1=params_value1, params_name2=params_value2...), func_name2(params)].  You SHOULD NOT include any other text in the response.\n\nAt each turn, you should try your best to complete the tasks requested by the user within the current turn. Continue to output functions to call until you have fulfilled the user\'s request to the best of your ability. Once you have no more functions to call, the system will consider the current turn complete and proceed to the next turn or task.\n\nHere is a list of functions in json format that you can invoke.\n[\n    {\n        "name": "calculate_triangle_area",\n        "description": "Calculate the area of a triangle given its base and height. Note that the provided function is in Python 3 syntax.",\n        "parameters": {\n            "type": "dict",\n            "properties": {\n                "base": {\n                    "type": "integer",\n                    "description": "The base of the triangle."\n                },\n                "height": {\n                    "type": "integer",\n                    "description": "The height of the triangle."\n                },\n                "unit": {\n                    "type": "string",\n                    "description": "The unit of measure (defaults to \'units\' if not specified)"\n                }\n            },\n            "required": [\n                "base",\n                "height"\n            ]\n        }\n    }\n]\n',
        },
        item.data.messages[0],
      ],
      parameters: { temperature: 0.001 },
    });
  });

  it('bfcl.native: the question as is and the function as an OpenAI-style tool', () => {
    expect(bfclNative.buildRequest(item)).toEqual({
      messages: item.data.messages,
      parameters: { temperature: 0.001 },
      tools: [
        {
          name: 'calculate_triangle_area',
          description:
            'Calculate the area of a triangle given its base and height. Note that the provided function is in Python 3 syntax.',
          parameters: {
            type: 'object',
            properties: {
              base: { type: 'integer', description: 'The base of the triangle.' },
              height: { type: 'integer', description: 'The height of the triangle.' },
              unit: {
                type: 'string',
                description: "The unit of measure (defaults to 'units' if not specified)",
              },
            },
            required: ['base', 'height'],
          },
        },
      ],
    });
  });
});
