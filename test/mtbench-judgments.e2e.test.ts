import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';

const shared = resolve(import.meta.dirname, '../../shared/datasets');
const routellm = join(shared, 'mt_bench/routellm/judgements_gpt-4-1106-preview_mixtral-8x7b.jsonl');

interface EstimateJson {
  value: number | null;
  n: number;
}
interface ScoreJson {
  model: string;
  protocol: string;
  n: number;
  metrics: Record<string, EstimateJson>;
  groups: Record<string, Record<string, EstimateJson>>;
}

async function score(args: string[], cwd: string): Promise<ScoreJson> {
  const io = captureIo({ cwd });
  const code = await main(['score', 'mtbench', ...args, '--data-dir', shared, '--json', '--no-download'], io);
  expect({ code, stderr: io.output.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(io.output.stdout) as ScoreJson;
}

describe.skipIf(!existsSync(routellm))(
  'parity score mtbench --judgments (skipped: ../shared/datasets/mt_bench/routellm not present)',
  () => {
    const directory = mkdtempSync(join(tmpdir(), 'parity-mtbench-'));
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it("re-scores RouteLLM's GPT-4 judgments from the judgment text to the recorded per-model means", async () => {
      const results = [];
      for (const model of ['gpt-4-1106-preview', 'mistralai/Mixtral-8x7B-Instruct-v0.1']) {
        const json = await score(['--judgments', routellm, '--model', model], directory);
        const round = (estimate: EstimateJson | undefined) => Math.round((estimate?.value ?? 0) * 1e6) / 1e6;
        results.push({
          model: json.model,
          protocol: json.protocol,
          n: json.n,
          score: round(json.metrics.score),
          turn1: round(json.metrics.score_turn1),
          turn2: round(json.metrics.score_turn2),
          unparsed: json.metrics.unparsed?.value,
          categories: Object.keys(json.groups).length,
        });
      }
      expect(results).toEqual([
        {
          model: 'gpt-4-1106-preview',
          protocol: 'mtbench.single',
          n: 160,
          score: 9.228125,
          turn1: 9.40625,
          turn2: 9.05,
          unparsed: 0,
          categories: 8,
        },
        {
          model: 'mistralai/Mixtral-8x7B-Instruct-v0.1',
          protocol: 'mtbench.single',
          n: 160,
          score: 8.340625,
          turn1: 8.69375,
          turn2: 7.9875,
          unparsed: 0,
          categories: 8,
        },
      ]);
    });

    it('keeps an unparseable judgment, counts it and leaves it out of the mean', async () => {
      const file = join(directory, 'judgments.jsonl');
      const line = (questionId: number, turn: number, judgment: string) =>
        JSON.stringify({
          question_id: questionId,
          model: 'm',
          judge: ['gpt-4', 'single-v1'],
          judgment,
          score: -1,
          turn,
        });
      writeFileSync(
        file,
        [line(81, 1, 'Fine. Rating: [[8]]'), line(81, 2, 'Rating: [6]'), line(82, 1, 'I give it nine.')].join(
          '\n',
        ),
      );
      const json = await score(['--judgments', file], directory);
      expect({
        n: json.n,
        score: json.metrics.score,
        turn1: json.metrics.score_turn1?.value,
        unparsed: json.metrics.unparsed?.value,
      }).toEqual({ n: 3, score: expect.objectContaining({ value: 7, n: 2 }), turn1: 8, unparsed: 1 });
    });
  },
);
