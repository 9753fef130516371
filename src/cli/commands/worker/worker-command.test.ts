import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../../../../test/support/capture-io.ts';
import { main } from '../../main.ts';

describe('team store commands on an SQLite store', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-worker-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it.each([['worker'], ['queue']])(
    'parity %s refuses a store that is not PostgreSQL (exit 2, one line)',
    async (command) => {
      const io = captureIo({ cwd: directory });
      expect(await main([command, '--store', join(directory, 'parity.db')], io)).toBe(2);
      expect(io.output.stderr).toMatch(
        new RegExp(`^parity: parity ${command} needs a PostgreSQL run store: --store postgres://`),
      );
      expect(io.output.stderr.trim().split('\n')).toHaveLength(1);
    },
  );
});
