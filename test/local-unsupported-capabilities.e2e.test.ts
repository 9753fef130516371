import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { createLanguageModel } from '../src/providers/create-language-model.ts';
import { writeTinyGguf } from '../src/providers/local/tiny-gguf.ts';
import { ProviderError } from '../src/spec/errors.ts';
import { captureIo } from './support/capture-io.ts';

/**
 * `local:` (node-llama-cpp) has no tools and no JSON-schema output through parity's model interface. A protocol
 * that needs one is refused before any run is created, in one line naming the capability (exit 2), instead of
 * running with the tools or the schema silently left out. No model call is made, so the tiny GGUF needs no
 * native binary here.
 */
const shared = resolve(import.meta.dirname, '../../shared/datasets');
let directory: string;
let modelPath: string;
let dataDir: string;
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'parity-local-refusal-'));
  modelPath = join(directory, 'tiny.gguf');
  await writeTinyGguf(modelPath, { contextLength: 512 });
  dataDir = join(directory, 'data');
  mkdirSync(join(dataDir, 'jsonschemabench'), { recursive: true });
  const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
  writeFileSync(
    join(dataDir, 'jsonschemabench', 'Github_easy.jsonl'),
    `${JSON.stringify({ name: 'o1', schema })}\n`,
  );
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function evalLocal(
  args: readonly string[],
): Promise<{ code: number; stderr: string; stored: boolean }> {
  const io = captureIo({ cwd: directory });
  const store = join(directory, `${args.join('-').replace(/[^a-z0-9.-]/gi, '_')}.db`);
  const code = await main(
    ['eval', '--model', `local:${modelPath}`, ...args, '--no-download', '--store', store],
    io,
  );
  return { code, stderr: io.output.stderr, stored: existsSync(store) };
}

describe('local: refuses protocols needing a capability it lacks', () => {
  it('jsonschemabench.structured: one line naming JSON-schema output, exit 2, no run', async () => {
    const result = await evalLocal([
      ...['--bench', 'jsonschemabench', '--protocol', 'jsonschemabench.structured'],
      ...['--data-dir', dataDir],
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(
      `jsonschemabench.structured needs JSON-schema output (structured output), which local:${modelPath} (local) cannot give; use --protocol jsonschemabench.prompt instead`,
    );
    expect(result.stored).toBe(false);
  });

  it.skipIf(!existsSync(join(shared, 'bfcl/BFCL_v4_simple_python.json')))(
    'bfcl (default protocol bfcl.native): one line naming tool calling, exit 2 (skipped: ../shared/datasets/bfcl not present)',
    async () => {
      const result = await evalLocal(['--bench', 'bfcl', '--limit', '2', '--data-dir', shared]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(
        `bfcl.native needs native tool calling, which local:${modelPath} (local) cannot give; use --protocol bfcl.prompt instead`,
      );
      expect(result.stored).toBe(false);
    },
  );

  it('a request with tools is refused, not answered without them', async () => {
    const model = createLanguageModel(`local:${modelPath}`, { now: () => performance.now() });
    try {
      const error = await model
        .generate(
          {
            messages: [{ role: 'user', content: 'Weather in Paris?' }],
            parameters: { maxTokens: 4 },
            tools: [{ name: 'get_weather', description: 'Weather.', parameters: { type: 'object' } }],
          },
          {},
        )
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ isRetryable: false });
      expect((error as Error).message).toBe(
        'local: parity does not send tools to local endpoints yet; use a prompt-based protocol (e.g. bfcl.prompt)',
      );
    } finally {
      await model.close?.();
    }
  });
});
