/**
 * Starts the delay-injecting server (delay-server.ts) in its own process and prints its base URL (ending in
 * /v1) as the first line of stdout; GET /truth (beside /v1) returns what it recorded. Options as JSON:
 *
 *   node --import tsx test/support/delay-server-main.ts '{"ttftMs":200,"perTokenMs":20,"tokenJitterMs":3}'
 *
 * Stops on SIGTERM or SIGINT.
 */
import { startDelayServer, type DelayServerOptions } from './delay-server.ts';

const options = JSON.parse(process.argv[2] ?? '{"ttftMs":0,"perTokenMs":0}') as DelayServerOptions;
const server = await startDelayServer(options);
process.stdout.write(`${server.url}\n`);
const stop = (): void => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
