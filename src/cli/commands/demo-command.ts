import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { writeTinyGguf } from '../../providers/local/tiny-gguf.ts';
import type { CliIo } from '../cli-io.ts';
import { packageRoot } from '../../spec/package-root.ts';
import { cacheDir, dataDir } from '../paths.ts';
import { evalCommand } from './eval-command.ts';

/** Settings of the demo's generated model; changing them changes its file name. */
const DEMO_MODEL = { seed: 1234, contextLength: 8192 } as const;
const BUILT_IN_DATA = join(packageRoot(import.meta.dirname), 'src', 'cli', 'demo-data');

export const DEMO_NOTICE =
  'The demo model is a tiny random-weight test model that parity generates itself (no download). It writes random\n' +
  'text, so its scores are at or below chance level (chance is 25% on four-choice MMLU, about 0% on GSM8K):\n' +
  'the demo shows the pipeline, not model quality.\n';

/**
 * `parity demo`: with no network, key or data, generates the tiny GGUF model, evaluates it through the
 * `local:` provider on parity's own sample items in MMLU and GSM8K format (the real files when
 * PARITY_DATA_DIR is set), stores the run and prints the result table.
 */
export async function demoCommand(flags: { store?: string; limit?: string }, io: CliIo): Promise<number> {
  const modelDir = join(cacheDir(io), 'demo');
  const modelPath = join(modelDir, `tiny-seed${DEMO_MODEL.seed}-ctx${DEMO_MODEL.contextLength}.gguf`);
  if (!existsSync(modelPath)) {
    await mkdir(modelDir, { recursive: true });
    const partial = `${modelPath}.${process.pid}.partial`;
    await writeTinyGguf(partial, DEMO_MODEL);
    await rename(partial, modelPath);
  }
  const realData = dataDir(io, undefined);
  io.stderr(DEMO_NOTICE);
  io.stderr(
    realData
      ? `data: ${realData} (PARITY_DATA_DIR)\n`
      : "data: parity's own sample items in MMLU and GSM8K format (set PARITY_DATA_DIR for the real files)\n",
  );
  const limit = flags.limit ?? (realData ? '20' : undefined);
  const code = await evalCommand(
    {
      model: `local:${modelPath}`,
      bench: 'mmlu,gsm8k',
      protocol: 'mmlu.gen.5shot,gsm8k.cot.8shot',
      dataDir: realData ?? BUILT_IN_DATA,
      concurrency: '1',
      threads: '1',
      ...(limit ? { limit } : {}),
      ...(flags.store ? { store: flags.store } : {}),
      cache: true,
      download: false,
    },
    io,
  );
  io.stdout(`\n${DEMO_NOTICE}`);
  return code;
}
