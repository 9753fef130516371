import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startFlavourServer } from './support/flavours/flavour-server.ts';
import { openAIFlavour } from './support/flavours/flavours.ts';
import type { FlavourRules } from './support/flavours/flavour-rules.ts';
import { writeSyntheticGsm8k } from './support/synthetic-datasets.ts';

/**
 * #23 A: a reasoning model whose API fixes sampling (OpenAI's o-series and gpt-5 take only temperature 1) gets no
 * temperature, so a user's `--temperature` is not applied. As with Anthropic's fixed sampling (decision 0100),
 * that is said at the start, recorded in the run (`providerFixed`) and shown beside the score — for a model
 * known by its family and for one that says so only in its 400 ("Only the default (1) value is supported").
 */
const houseReasoner: FlavourRules = {
  ...openAIFlavour,
  name: 'openai',
  models: ['house-reasoner'],
  isReasoningModel: () => true,
  refuseChat: (body) => openAIFlavour.refuseChat?.(body, 'o4-mini'),
};

describe('a user --temperature for a reasoning model whose API fixes sampling', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-fixed-sampling-'));
    writeSyntheticGsm8k(join(directory, 'data'), { rows: 3 });
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.each([
    ['o4-mini', openAIFlavour, 'fixes its sampling'],
    ['house-reasoner', houseReasoner, 'refused it during the run'],
  ] as const)(
    '%s: is recorded as provider-fixed and shown beside the score',
    async (model, rules, why) => {
      const server = await startFlavourServer(rules);
      try {
        const store = join(directory, `${model}.db`);
        const jsonFile = join(directory, `${model}.json`);
        const io = captureIo({ cwd: directory });
        const code = await main(
          [
            'eval',
            ...['--model', `openai:${model}`, '--base-url', server.url, '--bench', 'gsm8k'],
            ...['--limit', '2', '--temperature', '0.7', '--data-dir', join(directory, 'data')],
            ...['--store', store, '--no-download', '--json', jsonFile],
          ],
          io,
        );
        expect(code, io.output.stderr).toBe(0);
        // Nothing asked the server for temperature 0.7 and got an answer.
        const answered = server.requests.filter((request) => request.path.endsWith('/chat/completions'));
        expect(answered.length).toBeGreaterThan(0);
        expect(answered.at(-1)?.body.temperature).toBeUndefined();
        const run = (JSON.parse(readFileSync(jsonFile, 'utf8')) as { runs: { provider_fixed?: string[] }[] })
          .runs[0];
        expect(run?.provider_fixed).toContain('temperature');
        expect(io.output.stdout).toMatch(/gsm8k\.\S+ \(provider's sampling: temperature/);
        expect(io.output.stderr).toContain(`openai:${model} ${why}: --temperature 0.7 is not applied`);
        const opened = openSqliteRunStore({ path: store });
        try {
          const stored = opened.getRun(opened.listRuns()[0]?.runId ?? '');
          expect(stored?.config.providerFixed).toContain('temperature');
          expect(stored?.config.temperature).toBe(0.7);
        } finally {
          opened.close();
        }
      } finally {
        await server.close();
      }
    },
    60_000,
  );
});
