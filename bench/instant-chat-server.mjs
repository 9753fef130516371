#!/usr/bin/env node
// A local OpenAI-compatible chat server for `npm run bench` that answers every request at once, streaming a
// short fixed text in a few chunks with usage when asked. `--stop honour` cuts the text at the first of the
// request's stop strings (finish_reason "stop"), as vLLM or llama.cpp do; `--stop ignore` (default) sends the
// whole text, as some servers do, so the client must cut it and drain the rest of the stream itself.
// Plain Node (no TypeScript loader), so that it costs the shared CPU as little as possible.
// Usage: node bench/instant-chat-server.mjs [--stop honour|ignore]   → prints its base URL (…/v1) on stdout.
import http from 'node:http';

const stopIndex = process.argv.indexOf('--stop');
const honourStop = stopIndex !== -1 && process.argv[stopIndex + 1] === 'honour';
const text = 'Answer: B\nThe best answer is B.\nLet me check once more. The answer is 42.';

function pieces(answer) {
  const result = [];
  for (let start = 0; start < answer.length; start += 12) result.push(answer.slice(start, start + 12));
  return result;
}

function cut(answer, stop) {
  let end = answer.length;
  for (const marker of Array.isArray(stop) ? stop : typeof stop === 'string' ? [stop] : []) {
    const position = marker === '' ? -1 : answer.indexOf(marker);
    if (position !== -1 && position < end) end = position;
  }
  return answer.slice(0, end);
}

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url.endsWith('/models')) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ object: 'list', data: [{ id: 'instant', object: 'model' }] }));
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    let payload = {};
    try {
      payload = JSON.parse(body || '{}');
    } catch {
      // answered anyway
    }
    const answer = honourStop ? cut(text, payload.stop) : text;
    const promptTokens = Math.ceil(body.length / 4);
    const usage = { prompt_tokens: promptTokens, completion_tokens: 20, total_tokens: promptTokens + 20 };
    const base = { id: 'chatcmpl-bench', created: 0, model: payload.model ?? 'instant' };
    if (!payload.stream) {
      response.writeHead(200, { 'content-type': 'application/json' });
      const message = { role: 'assistant', content: answer };
      response.end(
        JSON.stringify({
          ...base,
          object: 'chat.completion',
          choices: [{ index: 0, message, finish_reason: 'stop' }],
          usage,
        }),
      );
      return;
    }
    const event = (choices, extra = {}) =>
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
    let out = event([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
    for (const piece of pieces(answer))
      out += event([{ index: 0, delta: { content: piece }, finish_reason: null }]);
    out += event([{ index: 0, delta: {}, finish_reason: 'stop' }]);
    if (payload.stream_options?.include_usage) out += event([], { usage });
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.end(`${out}data: [DONE]\n\n`);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}/v1\n`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
