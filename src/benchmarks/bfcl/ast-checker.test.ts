import { describe, expect, it } from 'vitest';
import { astChecker } from './ast-checker.ts';
import type { BfclData } from './bfcl-data.ts';
import { bfclNative } from './bfcl-native.ts';
import { bfclPrompt } from './bfcl-prompt.ts';
import { decodePromptCalls } from './decode-calls.ts';
import { parsePyLiteral } from './parse-py-literal.ts';
import type { PyValue } from './py-value.ts';

/** simple_python_0 of BFCL v4, written out: one function, base and height required, unit optional. */
const triangle = parsePyLiteral(
  '{"name": "calculate_triangle_area", "description": "Calculate the area of a triangle given its base and height.", "parameters": {"type": "dict", "properties": {"base": {"type": "integer", "description": "The base of the triangle."}, "height": {"type": "integer", "description": "The height of the triangle."}, "unit": {"type": "string", "description": "The unit of measure (defaults to \'units\' if not specified)"}}, "required": ["base", "height"]}}',
);
const truth = [
  {
    name: 'calculate_triangle_area',
    params: new Map<string, PyValue[]>([
      ['base', [{ t: 'int', v: 10 }]],
      ['height', [{ t: 'int', v: 5 }]],
      [
        'unit',
        [
          { t: 'str', v: 'units' },
          { t: 'str', v: '' },
        ],
      ],
    ]),
  },
];
const item = {
  id: 'simple_python_0',
  group: 'simple_python',
  data: {
    category: 'simple_python',
    messages: [
      { role: 'user', content: 'Find the area of a triangle with a base of 10 units and height of 5 units.' },
    ],
    functions: [triangle],
    groundTruth: truth,
  } satisfies BfclData,
};

function check(reply: string): string {
  const calls = decodePromptCalls(reply);
  if (calls === undefined) return 'decode failed';
  const result = astChecker('simple_python', [triangle], calls, truth, { language: 'python' });
  return result.valid ? 'valid' : result.errorType;
}

describe("BFCL's AST checker rules", () => {
  it('accepts the right call, with or without the optional parameter, in any letter case of a string', () => {
    expect(check('[calculate_triangle_area(base=10, height=5)]')).toBe('valid');
    expect(check("[calculate_triangle_area(base=10, height=5, unit='Units')]")).toBe('valid');
  });

  it('rejects a wrong type (a string or a float for an integer)', () => {
    expect(check("[calculate_triangle_area(base='10', height=5)]")).toBe('type_error:simple');
    expect(check('[calculate_triangle_area(base=10.0, height=5)]')).toBe('type_error:simple');
  });

  it('rejects a missing required parameter', () => {
    expect(check('[calculate_triangle_area(base=10)]')).toBe('simple_function_checker:missing_required');
  });

  it('rejects an extra parameter', () => {
    expect(check('[calculate_triangle_area(base=10, height=5, color="red")]')).toBe(
      'simple_function_checker:unexpected_param',
    );
  });

  it('rejects a wrong function, a wrong value and a wrong number of calls', () => {
    expect(check('[calculate_circle_area(base=10, height=5)]')).toBe(
      'simple_function_checker:wrong_func_name',
    );
    expect(check('[calculate_triangle_area(base=12, height=5)]')).toBe('value_error:others');
    expect(
      check('[calculate_triangle_area(base=10, height=5), calculate_triangle_area(base=10, height=5)]'),
    ).toBe('simple_function_checker:wrong_count');
  });

  it('checks Java values as Java source text for the declared type', () => {
    const doc = parsePyLiteral(
      '{"name": "Cache.put", "description": "", "parameters": {"type": "dict", "properties": {"ttl": {"type": "long", "description": ""}, "tags": {"type": "ArrayList", "items": {"type": "String"}, "description": ""}}, "required": ["ttl", "tags"]}}',
    );
    const expected = [
      {
        name: 'Cache.put',
        params: new Map<string, PyValue[]>([
          ['ttl', [{ t: 'int', v: 60 }]],
          [
            'tags',
            [
              {
                t: 'list',
                v: [
                  { t: 'str', v: 'a' },
                  { t: 'str', v: 'b' },
                ],
              },
            ],
          ],
        ]),
      },
    ];
    const java = (reply: string) => {
      const result = astChecker('simple_java', [doc], decodePromptCalls(reply) ?? [], expected, {
        language: 'java',
      });
      return result.valid ? 'valid' : result.errorType;
    };
    expect(java('[Cache.put(ttl="60L", tags="new ArrayList<>(Arrays.asList(\\"a\\", \\"b\\"))")]')).toBe(
      'valid',
    );
    // 60 without the L suffix stays a string: not a long.
    expect(java('[Cache.put(ttl="60", tags="new ArrayList<>(Arrays.asList(\\"a\\", \\"b\\"))")]')).toBe(
      'type_error:simple',
    );
    // A Java value must be source text, not a number.
    expect(java('[Cache.put(ttl=60, tags="new ArrayList<>()")]')).toBe('type_error:java');
  });

  it('irrelevance: right when no call is made, wrong when one is', () => {
    const irrelevant = {
      ...item,
      id: 'irrelevance_0',
      group: 'irrelevance',
      data: { ...item.data, category: 'irrelevance' as const, groundTruth: [] },
    };
    expect(bfclPrompt.score(irrelevant, 'None of these functions can help.').scores).toEqual({
      accuracy: 1,
      irrelevance: 1,
    });
    expect(bfclPrompt.score(irrelevant, '[calculate_triangle_area(base=1, height=2)]').scores.accuracy).toBe(
      0,
    );
    expect(
      bfclNative.score(irrelevant, '{"tool_calls":[{"name":"calculate_triangle_area","arguments":"{}"}]}')
        .scores.accuracy,
    ).toBe(0);
  });

  it('native replies: JSON arguments keep int and float apart, and tool names carry "_" for "."', () => {
    const native = (args: string) =>
      bfclNative.score(
        item,
        `{"tool_calls":[{"name":"calculate_triangle_area","arguments":${JSON.stringify(args)}}]}`,
      ).scores.accuracy;
    expect(native('{"base": 10, "height": 5}')).toBe(1);
    expect(native('{"base": 10.0, "height": 5}')).toBe(0);
    expect(bfclNative.score(item, 'The area is 25.').scores).toEqual({ accuracy: 0, ast_non_live: 0 });
  });
});
