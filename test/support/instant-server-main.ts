/**
 * Starts an OpenAI-compatible server that answers every chat request at once with a fixed short text and
 * prints its base URL (ending in /v1) as the first line of stdout. For benchmarks and end-to-end tests that
 * need the server in another process:
 *
 *   node --import tsx test/support/instant-server-main.ts ["reply text"]
 *
 * Stops on SIGTERM or SIGINT.
 */
import { startOpenAICompatibleServer, type ServerReply } from './openai-compatible-server.ts';

const reply: ServerReply = { text: process.argv[2] ?? 'The best answer is A.' };
const server = await startOpenAICompatibleServer({ respond: () => reply, recordRequests: false });
process.stdout.write(`${server.url}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
