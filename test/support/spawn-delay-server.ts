import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { DelayServerOptions, DelayTruth } from './delay-server.ts';

export interface SpawnedDelayServer {
  readonly url: string;
  /** Fetches what the server recorded so far. */
  truths(): Promise<DelayTruth[]>;
  stop(): Promise<void>;
}

/** Runs the delay server in a child process, so that its timers do not share an event loop with the client. */
export async function spawnDelayServer(options: DelayServerOptions): Promise<SpawnedDelayServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'delay-server-main.ts'), JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolveUrl, reject) => {
    lines.once('line', resolveUrl);
    child.once('exit', (code) => reject(new Error(`delay server exited with ${code}`)));
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  return {
    url,
    truths: async () => {
      const response = await fetch(url.replace(/\/v1$/, '/truth'));
      return (await response.json()) as DelayTruth[];
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
