import { describe, expect, it } from 'vitest';
import { createSseSplitter, readStreamPayload } from './stream-event-reader.ts';

describe('createSseSplitter', () => {
  it('splits events across arbitrary chunk boundaries, with \\n or \\r\\n line ends', () => {
    const payloads: string[] = [];
    const feed = createSseSplitter((payload) => payloads.push(payload));
    const stream = 'data: {"a":1}\n\n: comment\r\nevent: x\r\ndata: {"b":\r\ndata: 2}\r\n\r\ndata:[DONE]\n\n';
    for (let index = 0; index < stream.length; index += 3) feed(stream.slice(index, index + 3));
    expect(payloads).toEqual(['{"a":1}', '{"b":\n2}', '[DONE]']);
  });
});

const content = { type: 'text-delta', content: true, reasoning: false };
const reasoning = { type: 'text-delta', content: false, reasoning: true };

describe('readStreamPayload', () => {
  it('reads chat content, reasoning and completions text; empty deltas are no text, but a choice chunk', () => {
    // No text, yet a chunk with choices: where vLLM's benchmark starts its TTFT.
    expect(readStreamPayload('{"choices":[{"delta":{"role":"assistant","content":""}}]}')).toEqual([
      { type: 'choice-chunk' },
    ]);
    expect(readStreamPayload('{"choices": [{"delta": {"role": "assistant"}}]}')).toEqual([
      { type: 'choice-chunk' },
    ]);
    expect(readStreamPayload('{"choices":[{"delta":{"content":" hi"}}]}')).toEqual([content]);
    expect(readStreamPayload('{"choices":[{"delta":{"reasoning_content":"hmm"}}]}')).toEqual([reasoning]);
    expect(readStreamPayload('{"choices":[{"delta":{"reasoning":"hmm","content":null}}]}')).toEqual([
      reasoning,
    ]);
    expect(readStreamPayload('{"choices":[{"text":"x","finish_reason":null}]}')).toEqual([content]);
  });

  it('reads spaced JSON, escaped quotes and null content like compact JSON', () => {
    expect(readStreamPayload('{"choices": [{"delta": {"content": "a"}}]}')).toEqual([content]);
    expect(readStreamPayload('{"choices":[{"delta":{"content":"\\"quoted\\""}}]}')).toEqual([content]);
    expect(readStreamPayload('{"choices":[{"delta":{"content":null},"finish_reason":"stop"}]}')).toEqual([
      { type: 'choice-chunk' },
    ]);
    expect(readStreamPayload('{"choices":[{"delta":{},"finish_reason":"stop"}]}')).toEqual([
      { type: 'choice-chunk' },
    ]);
    expect(readStreamPayload('{"choices":[{"delta":{"content":"","reasoning_content":"r"}}]}')).toEqual([
      reasoning,
    ]);
    expect(readStreamPayload('{"choices": [{"delta": {"content": null, "reasoning": "r"}}]}')).toEqual([
      reasoning,
    ]);
    expect(readStreamPayload('{"choices":[{"delta":{"content":"a","reasoning_content":"r"}}]}')).toEqual([
      { type: 'text-delta', content: true, reasoning: true },
    ]);
  });

  it('reads usage, the end marker and errors', () => {
    expect(
      readStreamPayload(
        '{"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}',
      ),
    ).toEqual([{ type: 'usage-report', promptTokens: 12, completionTokens: 5 }]);
    expect(readStreamPayload('[DONE]')).toEqual([{ type: 'stream-end' }]);
    expect(readStreamPayload('{"error":{"message":"overloaded"}}')).toEqual([
      { type: 'error-report', message: 'overloaded' },
    ]);
    expect(readStreamPayload('{oops')).toEqual([
      { type: 'error-report', message: 'stream chunk is not JSON: {oops' },
    ]);
  });
});
