import type { ServerResponse } from 'node:http';
import type { ChatMessage, GenerateRequest } from '../spec/index.ts';
import {
  eventData,
  openAIFinishReasons,
  sendJson,
  startEventStream,
  usageJson,
  type OpenAIRouteContext,
} from './openai-http.ts';
import { stopList, type ChatCompletionBody } from './openai-request-schemas.ts';

function contentText(content: ChatCompletionBody['messages'][number]['content']): string {
  return typeof content === 'string' ? content : content.map((part) => part.text ?? '').join('');
}

/** The engine's request for a chat-completions body; a trailing assistant message is a prefill. */
function generateRequest(body: ChatCompletionBody): GenerateRequest {
  const messages: ChatMessage[] = body.messages.map((message) => ({
    role: message.role === 'developer' ? 'system' : message.role,
    content: contentText(message.content),
  }));
  // A trailing assistant message is a prefill: the reply continues it.
  const last = messages.at(-1);
  const assistantPrefix = last?.role === 'assistant' ? last.content : undefined;
  const stop = stopList(body.stop);
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  return {
    messages: assistantPrefix === undefined ? messages : messages.slice(0, -1),
    parameters: {
      ...(body.temperature == null ? {} : { temperature: body.temperature }),
      ...(body.top_p == null ? {} : { topP: body.top_p }),
      ...(maxTokens == null ? {} : { maxTokens }),
      ...(stop ? { stop } : {}),
      ...(body.seed == null ? {} : { seed: body.seed }),
    },
    ...(assistantPrefix === undefined ? {} : { assistantPrefix }),
  };
}

/** `POST /v1/chat/completions`: one JSON response, or server-sent chunks (usage last when asked for). */
export async function serveChatCompletion(
  route: OpenAIRouteContext,
  body: ChatCompletionBody,
  response: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const { model } = route;
  const request = generateRequest(body);
  const id = route.nextId('chatcmpl');
  const created = Math.floor(route.nowSeconds());
  const base = { id, created, model: body.model ?? route.modelId, system_fingerprint: null };
  if (!body.stream) {
    const result = await model.generate(request, { signal });
    sendJson(response, 200, {
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: result.text, refusal: null },
          logprobs: null,
          finish_reason: openAIFinishReasons[result.finishReason],
        },
      ],
      usage: usageJson(result.usage),
    });
    return;
  }
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    eventData({ ...base, object: 'chat.completion.chunk', choices, ...extra });
  startEventStream(response);
  response.write(
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]),
  );
  for await (const part of model.stream(request, { signal })) {
    if (part.type === 'text-delta') {
      response.write(
        chunk([{ index: 0, delta: { content: part.text }, logprobs: null, finish_reason: null }]),
      );
    } else if (part.type === 'reasoning-delta') {
      // vLLM's field for reasoning streamed apart from the answer.
      response.write(
        chunk([{ index: 0, delta: { reasoning_content: part.text }, logprobs: null, finish_reason: null }]),
      );
    } else if (part.type === 'finish') {
      const finishReason = openAIFinishReasons[part.finishReason];
      response.write(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }]));
      if (body.stream_options?.include_usage) response.write(chunk([], { usage: usageJson(part.usage) }));
      response.end('data: [DONE]\n\n');
      return;
    } else {
      // Headers are sent: report the failure in the stream, as OpenAI does, and end it without [DONE].
      response.end(eventData({ error: { message: part.error.message, type: 'server_error' } }));
      return;
    }
  }
  response.end();
}
