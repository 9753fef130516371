import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import { startFlavourServer } from './support/flavours/flavour-server.ts';
import { openAIFlavour } from './support/flavours/flavours.ts';
import { writeSyntheticGsm8k } from './support/synthetic-datasets.ts';

/**
 * #23 F: a run whose model has no price in the catalog still shows its token totals — as the server reported
 * them, cached and reasoning tokens included — instead of a cost.
 */
describe('eval of a model the catalog has no price for', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-no-price-'));
    writeSyntheticGsm8k(join(directory, 'data'), { rows: 3 });
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('prints the token totals the server reported and says there is no price', async () => {
    const server = await startFlavourServer(openAIFlavour);
    try {
      const io = captureIo({ cwd: directory });
      const code = await main(
        [
          'eval',
          ...['--model', 'openai:o4-mini', '--base-url', server.url, '--bench', 'gsm8k', '--limit', '3'],
          ...['--data-dir', join(directory, 'data'), '--store', join(directory, 'p.db'), '--no-download'],
        ],
        io,
      );
      expect(code, io.output.stderr).toBe(0);
      const reported = [...server.reported.values()];
      expect(reported).toHaveLength(3);
      const sum = (field: 'inputTokens' | 'cachedInputTokens' | 'outputTokens' | 'reasoningTokens') =>
        reported.reduce((total, usage) => total + (usage[field] ?? 0), 0).toLocaleString('en-US');
      expect(io.output.stdout).toContain(
        `  tokens: ${sum('inputTokens')} input (${sum('cachedInputTokens')} cached), ${sum('outputTokens')} output (${sum('reasoningTokens')} reasoning), over 3 answered items; no price for openai:o4-mini in the catalog\n`,
      );
    } finally {
      await server.close();
    }
  }, 60_000);
});
