import { describe, expect, it } from 'vitest';
import { readOpenAIChunkHeader } from './openai-stream-chunks.ts';

describe('readOpenAIChunkHeader', () => {
  it("ignores Ollama's all-zero usage on content chunks and keeps the final usage chunk's counts", () => {
    // ollama middleware/openai.go CompleteWriter: `c.Usage = &openai.Usage{}` on every chunk, the real
    // counts on a last chunk whose `choices` is empty.
    const zero = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
    expect(readOpenAIChunkHeader({ id: 'cmpl-1', choices: [{ text: 'a' }], usage: zero })).toEqual({
      responseId: 'cmpl-1',
      usage: undefined,
    });
    expect(
      readOpenAIChunkHeader({
        choices: [],
        usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
      }).usage,
    ).toEqual({ inputTokens: 12, outputTokens: 3 });
  });

  it('keeps a real count of 0 on the usage chunk, and usage on a last chunk that also has a choice', () => {
    expect(
      readOpenAIChunkHeader({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 0 } }).usage,
    ).toEqual({ inputTokens: 5, outputTokens: 0 });
    // vLLM's continuous usage stats: counts on every chunk, choices included.
    expect(
      readOpenAIChunkHeader({ choices: [{ text: 'x' }], usage: { prompt_tokens: 5, completion_tokens: 2 } })
        .usage,
    ).toEqual({ inputTokens: 5, outputTokens: 2 });
  });
});
