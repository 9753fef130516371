/** A function the model may call (`GenerateRequest.tools`): OpenAI `tools[].function`, Anthropic tools, Gemini functionDeclarations. */
export interface ToolDefinition {
  /** Must match `^[a-zA-Z0-9_-]{1,64}$` for OpenAI-style APIs. */
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments object (`type: "object"`). */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** One call the model made: the function's name and its arguments as the JSON text the API returned. */
export interface ToolCall {
  readonly name: string;
  readonly arguments: string;
}

const marker = '{"tool_calls":';

/**
 * Tool calls travel in a response's text so that stored samples, the cache and `parity score` keep them like
 * any completion: providers append `{"tool_calls":[{"name":…,"arguments":"<JSON text>"}]}` after the reply's
 * text (docs/protocols.md, tool calls). Arguments stay the API's own text (int and float kept apart).
 */
export function encodeToolCalls(calls: readonly ToolCall[]): string {
  return JSON.stringify({
    tool_calls: calls.map((call) => ({ name: call.name, arguments: call.arguments })),
  });
}

/** The tool calls at the end of a response's text, or undefined when it has none (a plain text reply). */
export function decodeToolCalls(text: string): ToolCall[] | undefined {
  const start = text.lastIndexOf(marker);
  if (start === -1) return undefined;
  try {
    const parsed = JSON.parse(text.slice(start)) as { tool_calls?: unknown };
    if (!Array.isArray(parsed.tool_calls)) return undefined;
    return parsed.tool_calls.flatMap((call: unknown) => {
      const record = (call ?? {}) as Record<string, unknown>;
      return typeof record.name === 'string'
        ? [
            {
              name: record.name,
              arguments:
                typeof record.arguments === 'string'
                  ? record.arguments
                  : JSON.stringify(record.arguments ?? {}),
            },
          ]
        : [];
    });
  } catch {
    return undefined;
  }
}
