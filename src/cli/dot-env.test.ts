import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/support/capture-io.ts';
import { environmentWithDotEnv } from './dot-env.ts';
import { main } from './main.ts';

describe('environmentWithDotEnv', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'parity-dotenv-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('fills in variables from .env in the working folder; the real environment wins', () => {
    writeFileSync(
      join(folder, '.env'),
      '# keys for parity\nOPENAI_API_KEY=sk-from-file\nexport ANTHROPIC_API_KEY="sk-ant quoted"\nPARITY_STORE=x.db\n',
    );
    const env = environmentWithDotEnv({ cwd: folder, env: { PARITY_STORE: 'mine.db', HOME: '/home/u' } });
    expect(env).toEqual({
      OPENAI_API_KEY: 'sk-from-file',
      ANTHROPIC_API_KEY: 'sk-ant quoted',
      PARITY_STORE: 'mine.db',
      HOME: '/home/u',
    });
  });

  it('changes nothing without a .env file', () => {
    const env = { HOME: '/home/u' };
    expect(environmentWithDotEnv({ cwd: folder, env })).toBe(env);
  });
});

const shared = resolve(import.meta.dirname, '../../../shared/datasets');

/** A chat-completions server that records each request's Authorization header and answers "The answer is 18." */
async function startKeyRecordingServer(): Promise<{
  url: string;
  authorizations: string[];
  close(): Promise<void>;
}> {
  const authorizations: string[] = [];
  const server = createServer((request, response) => {
    authorizations.push(request.headers.authorization ?? '');
    request.resume();
    request.on('end', () => {
      // OpenAI's streamed chat completion: chunks of `choices[].delta`, then usage, then [DONE].
      const chunk = (body: object) =>
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', ...body })}\n\n`;
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(
        chunk({
          choices: [
            { index: 0, delta: { role: 'assistant', content: 'The answer is 18.' }, finish_reason: null },
          ],
        }) +
          chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) +
          chunk({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 } }) +
          'data: [DONE]\n\n',
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    authorizations,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe.skipIf(!existsSync(shared))(
  'parity eval reads the key from .env (skipped: ../shared/datasets absent)',
  () => {
    it('sends the key from .env, never stores or prints it; the environment overrides it', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'parity-dotenv-eval-'));
      const server = await startKeyRecordingServer();
      try {
        const argv = (store: string) => [
          'eval',
          ...['--model', 'openai:test-model', '--base-url', server.url, '--bench', 'gsm8k', '--limit', '2'],
          ...['--data-dir', shared, '--store', join(folder, store), '--no-download', '--no-cache'],
        ];
        writeFileSync(join(folder, '.env'), 'OPENAI_API_KEY=sk-dotenv-secret-123\n');
        const io = captureIo({ cwd: folder });
        expect(await main(argv('a.db'), io)).toBe(0);
        expect(server.authorizations.length).toBeGreaterThan(0);
        expect(new Set(server.authorizations)).toEqual(new Set(['Bearer sk-dotenv-secret-123']));
        expect(`${io.output.stdout}${io.output.stderr}`).not.toContain('sk-dotenv-secret-123');
        expect(readFileSync(join(folder, 'a.db')).includes('sk-dotenv-secret-123')).toBe(false);

        server.authorizations.length = 0;
        const overridden = captureIo({ cwd: folder, env: { OPENAI_API_KEY: 'sk-from-environment' } });
        expect(await main(argv('b.db'), overridden)).toBe(0);
        expect(new Set(server.authorizations)).toEqual(new Set(['Bearer sk-from-environment']));
      } finally {
        await server.close();
        rmSync(folder, { recursive: true, force: true });
      }
    });
  },
);
