/** What one server-sent `data:` payload of an OpenAI-compatible stream told us. */
export type StreamEvent =
  /**
   * A chunk with non-empty text: `reasoning` when the text is a reasoning model's thinking
   * (`reasoning_content`/`reasoning`), `content` when it is the answer (`delta.content`, completions `text`); a
   * chunk may carry both.
   */
  | { readonly type: 'text-delta'; readonly content: boolean; readonly reasoning: boolean }
  /** A chunk whose `choices` array is not empty but carries no text (a role-only or finish chunk). */
  | { readonly type: 'choice-chunk' }
  | { readonly type: 'usage-report'; readonly promptTokens?: number; readonly completionTokens?: number }
  | { readonly type: 'stream-end' }
  | { readonly type: 'error-report'; readonly message: string };

interface ChunkShape {
  readonly choices?: readonly {
    readonly text?: string | null;
    readonly delta?: {
      readonly content?: string | null;
      readonly reasoning_content?: string | null;
      readonly reasoning?: string | null;
    };
  }[];
  readonly usage?: { readonly prompt_tokens?: unknown; readonly completion_tokens?: unknown } | null;
  readonly error?: { readonly message?: unknown } | string;
}

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/**
 * Turns one `data:` payload into events. Text is chat `delta.content` (or a reasoning model's
 * `reasoning_content`/`reasoning`, which are output tokens too, told apart in the event) or completions `text`;
 * empty strings (the role-only first chunk of chat streams) are no text. Payloads that are not JSON objects become an error.
 */
export function readStreamPayload(payload: string): StreamEvent[] {
  if (payload === '[DONE]') return [{ type: 'stream-end' }];
  return quickRead(payload) ?? parsePayload(payload);
}

const quote = 34;
/** Each text key and whether its text is reasoning. */
const textKeys: readonly (readonly [string, boolean])[] = [
  ['"content":', false],
  ['"reasoning_content":', true],
  ['"reasoning":', true],
  ['"text":', false],
];
const noText: StreamEvent[] = [];
const contentDelta: StreamEvent[] = [{ type: 'text-delta', content: true, reasoning: false }];
const reasoningDelta: StreamEvent[] = [{ type: 'text-delta', content: false, reasoning: true }];
const bothDelta: StreamEvent[] = [{ type: 'text-delta', content: true, reasoning: true }];
const choiceChunk: StreamEvent[] = [{ type: 'choice-chunk' }];

function textDelta(content: boolean, reasoning: boolean): StreamEvent[] {
  if (content && reasoning) return bothDelta;
  return content ? contentDelta : reasoningDelta;
}

/**
 * The hot path: most payloads are plain text deltas, and parsing each as JSON would cost the load generator
 * more than the server spends on it. Compact JSON (what vLLM, llama.cpp, Ollama and OpenAI send) is read by
 * looking at the text keys only: an unescaped `"content":"` can only be a key, since quotes inside JSON
 * strings are escaped. Anything else (usage, errors, spaced JSON, unknown shapes) returns undefined and is
 * parsed in full.
 */
function quickRead(payload: string): StreamEvent[] | undefined {
  if (payload.includes('"usage":{') || payload.includes('"error"')) return undefined;
  let sawKey = false;
  let content = false;
  let reasoning = false;
  for (const [key, isReasoning] of textKeys) {
    const at = payload.indexOf(key);
    if (at === -1) continue;
    sawKey = true;
    const valueAt = at + key.length;
    const first = payload.charCodeAt(valueAt);
    if (first === quote) {
      if (payload.charCodeAt(valueAt + 1) === quote) continue;
      if (isReasoning) reasoning = true;
      else content = true;
    } else if (!payload.startsWith('null', valueAt)) {
      return undefined;
    }
  }
  if (content || reasoning) return textDelta(content, reasoning);
  // Role-only and finish chunks carry no text; vLLM's benchmark still starts its TTFT at the first of them.
  if (payload.includes('"choices":[{')) return choiceChunk;
  // A chunk with neither a text key nor `choices` is unusual.
  return sawKey || payload.includes('"choices":[') ? noText : undefined;
}

function parsePayload(payload: string): StreamEvent[] {
  let chunk: ChunkShape;
  try {
    chunk = JSON.parse(payload) as ChunkShape;
  } catch {
    return [{ type: 'error-report', message: `stream chunk is not JSON: ${payload.slice(0, 120)}` }];
  }
  if (typeof chunk !== 'object' || chunk === null) {
    return [{ type: 'error-report', message: `stream chunk is not an object: ${payload.slice(0, 120)}` }];
  }
  const events: StreamEvent[] = [];
  if (chunk.error !== undefined) {
    const message = typeof chunk.error === 'string' ? chunk.error : String(chunk.error.message ?? 'error');
    events.push({ type: 'error-report', message });
  }
  const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
  if (choice) {
    const delta = choice.delta;
    const nonEmpty = (text: unknown): boolean => typeof text === 'string' && text.length > 0;
    const content = nonEmpty(delta ? delta.content : choice.text);
    const reasoning = delta !== undefined && (nonEmpty(delta.reasoning_content) || nonEmpty(delta.reasoning));
    events.push(content || reasoning ? { type: 'text-delta', content, reasoning } : { type: 'choice-chunk' });
  }
  if (chunk.usage) {
    const promptTokens = count(chunk.usage.prompt_tokens);
    const completionTokens = count(chunk.usage.completion_tokens);
    events.push({
      type: 'usage-report',
      ...(promptTokens === undefined ? {} : { promptTokens }),
      ...(completionTokens === undefined ? {} : { completionTokens }),
    });
  }
  return events;
}

/**
 * Incremental server-sent-events splitter: feed it decoded text as it arrives and it calls `onPayload` with
 * each event's `data` (multi-line data joined by '\n'). Accepts '\n' and '\r\n' line ends; ignores comments,
 * `event:` and `id:` lines.
 */
export function createSseSplitter(onPayload: (payload: string) => void): (text: string) => void {
  let pending = '';
  let data: string[] = [];
  return (text: string) => {
    pending += text;
    let lineStart = 0;
    for (;;) {
      const newline = pending.indexOf('\n', lineStart);
      if (newline === -1) break;
      let line = pending.slice(lineStart, newline);
      lineStart = newline + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') {
        if (data.length > 0) onPayload(data.join('\n'));
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
      }
    }
    pending = pending.slice(lineStart);
  };
}
