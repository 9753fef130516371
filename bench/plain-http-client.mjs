#!/usr/bin/env node
// The plain-HTTP baseline of `npm run bench`: a whole Node process that sends N streamed chat requests of the
// size of a 5-shot MMLU prompt to an OpenAI-compatible server over keep-alive node:http, C at a time, and
// reads each answer to its end. No SDK, no parsing, no store: what the HTTP path alone costs on this machine.
// Usage: node bench/plain-http-client.mjs <base-url> <requests> <concurrency> [prompt characters]
import http from 'node:http';

const [baseUrl, requestsText, concurrencyText, promptText] = process.argv.slice(2);
const requests = Number(requestsText);
const concurrency = Number(concurrencyText);
const body = JSON.stringify({
  model: 'baseline',
  stream: true,
  stream_options: { include_usage: true },
  messages: [{ role: 'user', content: 'x'.repeat(Number(promptText ?? 4400)) }],
  max_tokens: 10,
});
const url = new URL(`${baseUrl}/chat/completions`);
const agent = new http.Agent({ keepAlive: true });

function send() {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      response.on('data', () => undefined);
      response.on('end', resolve);
      response.on('error', reject);
    });
    request.end(body);
  });
}

let next = 0;
async function worker() {
  while (next < requests) {
    next += 1;
    await send();
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
agent.destroy();
