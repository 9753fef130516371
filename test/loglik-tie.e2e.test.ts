import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

/**
 * #23 point 10: "a tie of identical log-likelihoods is reported, not silently won by 'A'". A completions server
 * whose echo + logprobs gives every prompt token the same log-probability (one character per token, as a server
 * that cannot tell the choices apart would) makes every MMLU choice score the same: each item is an item error
 * naming the tie, and the run exits 4, instead of scoring "A" for every item.
 */
function startFlatLogprobServer(): Promise<Server> {
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      if (request.method === 'GET') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ object: 'list', data: [{ id: 'flat', object: 'model' }] }));
        return;
      }
      const body = JSON.parse(text) as { prompt?: string; echo?: boolean };
      const tokens = [...(body.prompt ?? ''), 'x'];
      let offset = 0;
      const textOffset = tokens.map((token) => ((offset += token.length), offset - token.length));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'cmpl-1',
          object: 'text_completion',
          model: 'flat',
          choices: [
            {
              index: 0,
              text: `${body.prompt ?? ''}x`,
              finish_reason: 'length',
              logprobs: {
                tokens,
                token_logprobs: tokens.map((_, index) => (index === 0 ? null : -0.5)),
                top_logprobs: tokens.map((token, index) => (index === 0 ? null : { [token]: -0.5 })),
                text_offset: textOffset,
              },
            },
          ],
          usage: { prompt_tokens: tokens.length - 1, completion_tokens: 1, total_tokens: tokens.length },
        }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('log-likelihood ties', () => {
  let directory: string;
  let server: Server;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-tie-'));
    writeSyntheticMmlu(join(directory, 'data'), { subjects: 1, rowsPerSubject: 2 });
    server = await startFlatLogprobServer();
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(directory, { recursive: true, force: true });
  });

  it('are item errors naming the tied choices, never a win for the first choice', async () => {
    const store = join(directory, 'tie.db');
    const io = captureIo({ cwd: directory });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const code = await main(
      [
        'eval',
        ...[
          '--model',
          'openai:flat',
          '--base-url',
          url,
          '--bench',
          'mmlu',
          '--protocol',
          'mmlu.loglik.5shot',
        ],
        ...['--data-dir', join(directory, 'data'), '--store', store, '--no-download', '--retries', '0'],
      ],
      io,
    );
    expect(code, io.output.stderr).toBe(4);
    const opened = openSqliteRunStore({ path: store });
    try {
      const items = opened.getRun(opened.listRuns()[0]?.runId ?? '')?.items ?? [];
      expect(items).toHaveLength(2);
      for (const item of items) {
        expect(item.status).toBe('error');
        expect(item.error?.message).toMatch(/log-likelihood tie: " A", " B", " C", " D" all scored/);
      }
    } finally {
      opened.close();
    }
  }, 30_000);
});
