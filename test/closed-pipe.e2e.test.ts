import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { PARITY_BIN } from './support/run-cli.ts';
import { mmluRecord } from './support/seed-view-store.ts';

const ITEMS = 20_000;

describe('output piped into a reader that stops early (| head)', () => {
  let directory: string;
  let store: string;
  let runId: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-pipe-'));
    store = join(directory, 'parity.db');
    const opened = openSqliteRunStore({ path: store });
    try {
      runId = opened.createRun({
        kind: 'eval',
        config: {
          modelSpec: 'openai:m',
          model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId: 'm' },
          benchmark: 'mmlu',
          protocol: 'mmlu.gen.5shot',
          protocolVersion: 1,
          concurrency: 1,
          timeoutMs: 1_000,
          maxRetries: 0,
        },
        totalItems: ITEMS,
        createdAt: '2026-03-01T10:00:00.000Z',
      });
      const records = Array.from({ length: ITEMS }, (_, index) =>
        mmluRecord({ index, subject: 'astronomy', row: index, correct: index % 2 === 0, gold: 'A' }),
      );
      opened.recordItems(runId, records, { updatedAt: '2026-03-01T10:00:00.000Z' });
      opened.setStatus(runId, 'completed', { updatedAt: '2026-03-01T10:00:00.000Z' });
    } finally {
      opened.close();
    }
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('exits quietly, without an EPIPE stack trace', async () => {
    // `show --items` writes one line per item: most writes happen after head has exited.
    const command = `"${process.execPath}" "${PARITY_BIN}" show ${runId} --store "${store}" --items | head -1`;
    const child = spawn('sh', ['-c', `${command}; echo "parity exit $?" >&2`], {
      cwd: directory,
      env: { PATH: process.env.PATH ?? '', HOME: directory },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise((resolveClose) => child.on('close', resolveClose));
    expect(stdout).toMatch(new RegExp(`^run ${runId}`));
    // `$?` of a pipeline is head's; what matters is that parity printed nothing on stderr.
    expect(stderr).toBe('parity exit 0\n');
  });
});
