import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/support/capture-io.ts';
import { main } from './main.ts';

// A data folder with one GSM8K item, so eval gets as far as building the model.
const dataDir = mkdtempSync(join(tmpdir(), 'parity-base-url-data-'));
mkdirSync(join(dataDir, 'gsm8k'));
writeFileSync(join(dataDir, 'gsm8k', 'test.jsonl'), '{"question": "1 + 1?", "answer": "#### 2"}\n');
writeFileSync(join(dataDir, 'gsm8k', 'train.jsonl'), '{"question": "1 + 2?", "answer": "#### 3"}\n');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('--base-url with an empty port', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'parity-base-url-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  for (const command of [
    ['eval', '--bench', 'gsm8k', '--limit', '1', '--data-dir', dataDir],
    ['probe'],
    ['bench', '--concurrency', '1', '--requests', '1'],
  ]) {
    it(`parity ${command[0]} refuses it in one line with exit 2, before any request`, async () => {
      const io = captureIo({ cwd: folder, env: { PARITY_STORE: join(folder, 'runs.db') } });
      const code = await main([...command, '--model', 'openai:m', '--base-url', 'http://127.0.0.1:/v1'], io);
      expect({ code, stderr: io.output.stderr }).toEqual({
        code: 2,
        stderr:
          "parity: --base-url: 'http://127.0.0.1:/v1' has an empty port after the host (write the port, or drop the ':')\n",
      });
    });
  }
});
