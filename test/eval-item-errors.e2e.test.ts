import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer, type ServerReply } from './support/openai-compatible-server.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

/**
 * Items that fail for a reason of their own (a prompt too long for the context, a budget spent on reasoning)
 * do not stop a run; a billing stop does, at once; and a run that ends with item errors says so in its exit
 * code (4) and on stderr.
 */
let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'parity-item-errors-'));
  writeSyntheticMmlu(join(directory, 'data'), { subjects: 2, rowsPerSubject: 6 });
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function lastUser(body: { messages: readonly { role: string; content: string }[] }): string {
  return [...body.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
}

async function evalAgainst(respond: (prompt: string, index: number) => ServerReply, store: string) {
  const server = await startOpenAICompatibleServer({
    respond: ({ body, index }) => respond(lastUser(body), index),
  });
  const io = captureIo({ cwd: directory });
  try {
    const code = await main(
      [
        'eval',
        ...[
          '--model',
          'openai:m',
          '--base-url',
          server.url,
          '--bench',
          'mmlu',
          '--protocol',
          'mmlu.gen.5shot',
        ],
        ...['--data-dir', join(directory, 'data'), '--store', join(directory, store), '--no-download'],
        ...['--concurrency', '2', '--retries', '3'],
      ],
      io,
    );
    return { code, io, requests: server.requests.length };
  } finally {
    await server.close();
  }
}

function storedItems(store: string) {
  const opened = openSqliteRunStore({ path: join(directory, store) });
  try {
    const run = opened.listRuns()[0];
    return { status: run?.status, items: opened.getRun(run?.runId ?? '')?.items ?? [] };
  } finally {
    opened.close();
  }
}

const contextLengthError: ServerReply = {
  status: 400,
  errorBody: {
    object: 'error',
    message:
      "This model's maximum context length is 2048 tokens. However, you requested 2100 tokens (2090 in the messages, 10 in the completion). Please reduce the length of the messages or completion.",
    type: 'BadRequestError',
    param: null,
    code: 400,
  },
};

describe('eval with item errors', () => {
  it('goes on past over-long prompts (even the first ones), never retries them, and exits 4', async () => {
    // The first two questions are "too long": the run must not stop as if the endpoint were broken.
    const tooLong = (prompt: string) => /\(test [01]\)/.test(prompt);
    const { code, io, requests } = await evalAgainst(
      (prompt) => (tooLong(prompt) ? contextLengthError : { text: 'The best answer is B.' }),
      'context.db',
    );
    expect(code).toBe(4);
    const { status, items } = storedItems('context.db');
    expect(status).toBe('completed');
    expect(items).toHaveLength(12);
    const errors = items.filter((item) => item.status === 'error');
    expect(errors).toHaveLength(4);
    expect(errors[0]?.error?.message).toContain('maximum context length is 2048 tokens');
    // One request per item: context-length errors are not retried.
    expect(requests).toBe(12);
    expect(io.output.stderr).toMatch(/4 of 12 items ended as errors/);
  });

  it('stops at once on insufficient_quota with one line and exit 2', async () => {
    const { code, io, requests } = await evalAgainst(
      (_prompt, index) =>
        index < 3
          ? { text: 'The best answer is A.' }
          : {
              status: 429,
              errorBody: {
                error: {
                  message: 'You exceeded your current quota, please check your plan and billing details.',
                  type: 'insufficient_quota',
                  code: 'insufficient_quota',
                },
              },
            },
      'quota.db',
    );
    expect(code).toBe(2);
    expect(io.output.stderr).toContain('You exceeded your current quota');
    expect(requests).toBeLessThanOrEqual(5);
    expect(storedItems('quota.db').status).toBe('failed');
  });

  it('records an empty answer cut by the token budget as its own outcome, not a wrong answer', async () => {
    const { code } = await evalAgainst(
      (prompt) =>
        /\(test 2\)/.test(prompt)
          ? {
              chunks: [],
              finishReason: 'length',
              usage: {
                prompt_tokens: 900,
                completion_tokens: 10,
                completion_tokens_details: { reasoning_tokens: 10 },
              },
            }
          : { text: 'The best answer is C.' },
      'budget.db',
    );
    expect(code).toBe(4);
    const errors = storedItems('budget.db').items.filter((item) => item.status === 'error');
    expect(errors).toHaveLength(2);
    expect(errors[0]?.error?.message).toMatch(
      /token budget \(10\) ran out before any answer text \(10 reasoning tokens\)/,
    );
  });
});
