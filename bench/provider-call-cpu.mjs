#!/usr/bin/env node
// CPU per model call, the provider alone (no runner, store or scoring): N streamed chat requests of an
// MMLU-sized prompt, 16 at a time, through the built library (dist/; run `npm run build` first) against a
// local server such as bench/instant-chat-server.mjs. Prints CPU milliseconds (user + system) per call after a
// warm-up, so that changes to the provider's hot path can be compared on a loaded machine (docs/decisions/0276).
// Usage: node bench/provider-call-cpu.mjs <base URL …/v1> [calls, default 10000]
import { createModel } from '../dist/index.mjs';

const [baseUrl, callsText] = process.argv.slice(2);
if (!baseUrl) {
  process.stderr.write('usage: node bench/provider-call-cpu.mjs <base URL …/v1> [calls]\n');
  process.exit(2);
}
const calls = Number(callsText ?? 10_000);
const concurrency = 16;
const model = createModel('openai:instant', { baseUrl });
const question =
  'Given the following question and four candidate answers (A, B, C and D), choose the best answer.\n';
const request = {
  messages: [{ role: 'user', content: question.repeat(28) }],
  parameters: { maxTokens: 10, temperature: 0, stop: ['\n'] },
};

async function worker(count) {
  for (let index = 0; index < count; index += 1) {
    const result = await model.generate(request, { timeoutMs: 60_000 });
    if (result.finishReason !== 'stop') throw new Error(`unexpected finish reason ${result.finishReason}`);
  }
}

const run = (total) =>
  Promise.all(Array.from({ length: concurrency }, () => worker(Math.ceil(total / concurrency))));
await run(800);
const start = process.cpuUsage();
await run(calls);
const used = process.cpuUsage(start);
process.stdout.write(
  `${((used.user + used.system) / 1000 / calls).toFixed(3)} ms CPU per call (${calls} calls)\n`,
);
await model.close?.();
process.exit(0);
