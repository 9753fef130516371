import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../src/benchmarks/directory-source-for-tests.ts';
import { humanEvalPlusBenchmark, mbppPlusBenchmark } from '../src/benchmarks/evalplus/index.ts';
import type { EvalPlusData } from '../src/benchmarks/evalplus/index.ts';
import { evalCommand } from '../src/cli/commands/eval/eval-command.ts';
import { scoreCommand, type ScoreFlags } from '../src/cli/commands/score/score-command.ts';
import type { Item } from '../src/spec/index.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';

const datasets = resolve(import.meta.dirname, '../../shared/datasets');
const ready = existsSync(join(datasets, 'evalplus')) && existsSync(join(datasets, 'humaneval'));
const sandboxAvailable = existsSync('/usr/bin/bwrap') && existsSync('/usr/bin/python3');

interface ScoreJson {
  n: number;
  metrics: Record<string, { value: number | null; n: number }>;
  items?: { id: string; sample: number; score: number | null; extracted: string | null }[];
}

/**
 * Tasks that exercise every kind of check: helpers in the prompt (HumanEval/32, /38), find_zero's oracle, float
 * tolerance (Mbpp/124), MBPP+ input conversions (tuples, complex, nested tuples, dicts of tuples: 2, 124, 252, 278,
 * 580, 722), bare Infinity (404), the special oracles (558, 581, 737), an empty plus suite (793). The whole sets run
 * in scripts/evalplus-canonical.ts (docs/code-benchmarks.md).
 */
const subset = {
  'humaneval.plus': ['HumanEval/0', 'HumanEval/31', 'HumanEval/32', 'HumanEval/38'],
  'mbpp.plus': [
    'Mbpp/2',
    'Mbpp/124',
    'Mbpp/252',
    'Mbpp/278',
    'Mbpp/404',
    'Mbpp/558',
    'Mbpp/580',
    'Mbpp/581',
    'Mbpp/722',
    'Mbpp/737',
    'Mbpp/793',
  ],
} as const;

/** Passes HumanEval's own tests for is_prime (no divisor below 100 of its composite inputs) but not EvalPlus's. */
const lazyIsPrime =
  '    if n < 2:\n        return False\n    for k in range(2, 100):\n        if k < n and n % k == 0:\n            return False\n    return True\n';

describe.skipIf(!ready || !sandboxAvailable)(
  'HumanEval+ and MBPP+ (skipped: needs ../shared/datasets with evalplus/ and humaneval/, bubblewrap and /usr/bin/python3)',
  () => {
    let dir: string;
    let items: Map<string, Item<EvalPlusData>>;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'parity-evalplus-'));
      const source = createDirectorySourceForTests(datasets);
      items = new Map(
        [
          ...(await humanEvalPlusBenchmark.loadItems(source)),
          ...(await mbppPlusBenchmark.loadItems(source)),
        ].map((item) => [item.id, item]),
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    async function score(benchmark: string, flags: Partial<ScoreFlags> & { samples: string }) {
      const io = captureIo({ cwd: dir });
      const code = await scoreCommand(
        benchmark,
        { dataDir: datasets, json: true, items: true, download: false, execJobs: '2', ...flags },
        io,
      );
      expect({ code, stderr: io.output.stderr }).toEqual({ code: 0, stderr: '' });
      return JSON.parse(io.output.stdout) as ScoreJson;
    }

    it.each(Object.entries(subset))(
      '%s: canonical solutions pass every base and plus test (EvalPlus samples: task_id, solution)',
      async (benchmark, ids) => {
        const file = join(dir, `${benchmark}-canonical.jsonl`);
        writeFileSync(
          file,
          ids
            .map((id) => {
              const data = items.get(id)?.data;
              return JSON.stringify({ task_id: id, solution: `${data?.prompt}${data?.canonicalSolution}` });
            })
            .join('\n'),
        );
        const json = await score(benchmark, { samples: file });
        expect(json.items?.filter((item) => item.score !== 1)).toEqual([]);
        expect(json.metrics['pass@1']).toMatchObject({ value: 1, n: ids.length });
        expect(json.metrics['base_pass@1']).toMatchObject({ value: 1, n: ids.length });
      },
      240_000,
    );

    it("a solution that passes HumanEval's tests fails HumanEval+'s plus tests (base still passes)", async () => {
      const file = join(dir, 'lazy.jsonl');
      writeFileSync(file, JSON.stringify({ task_id: 'HumanEval/31', completion: lazyIsPrime }));
      const original = await score('humaneval', { samples: file });
      expect(original.metrics['pass@1']).toMatchObject({ value: 1, n: 1 });
      const plus = await score('humaneval.plus', { samples: file, protocol: 'humaneval.plus.base' });
      expect(plus.metrics['pass@1']).toMatchObject({ value: 0, n: 1 });
      expect(plus.metrics['base_pass@1']).toMatchObject({ value: 1, n: 1 });
      expect(plus.items?.[0]?.extracted).toMatch(
        /^base: passed\nplus: failed\n[\s\S]*plus test \d+ of \d+, input \[\d+\]: expected False, got True$/,
      );
    }, 120_000);

    it('evaluates an OpenAI-compatible endpoint: EvalPlus request, sanitized replies, plus and base pass@1', async () => {
      const [first, second] = [items.get('HumanEval/0')?.data, items.get('HumanEval/1')?.data];
      const replies = new Map([
        [
          first?.prompt.trim(),
          `Here you go:\n\`\`\`python\n${first?.prompt}${first?.canonicalSolution}\n\`\`\`\nThis works.`,
        ],
        [
          second?.prompt.trim(),
          `\`\`\`python\ndef separate_paren_groups(paren_string):\n    return [paren_string]\n\`\`\``,
        ],
      ]);
      const server = await startOpenAICompatibleServer({
        respond: ({ body }) => {
          const content = body.messages.at(-1)?.content ?? '';
          const prompt = /```python\n([\s\S]*)\n```$/.exec(content)?.[1];
          return { text: replies.get(prompt) ?? '' };
        },
      });
      try {
        const io = captureIo({ cwd: dir, env: { OPENAI_API_KEY: 'test-key' } });
        const code = await evalCommand(
          {
            model: 'openai:test-model',
            baseUrl: server.url,
            bench: 'humaneval,humaneval.plus',
            protocol: 'humaneval.plus.instruct',
            limit: '2',
            dataDir: datasets,
            store: join(dir, 'runs.db'),
            json: 'result.json',
            execJobs: '2',
            cache: true,
            download: false,
          },
          io,
        );
        expect({ code, stderr: io.output.stderr }).toMatchObject({ code: 0 });
        // humaneval (its own protocol, 2 requests) and humaneval.plus.instruct (2 requests).
        expect(server.requests).toHaveLength(4);
        expect(server.requests.find((request) => request.top_p === 0.95)?.messages).toEqual([
          {
            role: 'user',
            content: `Please provide a self-contained Python script that solves the following problem in a markdown code block:\n\`\`\`python\n${first?.prompt.trim()}\n\`\`\``,
          },
        ]);
        const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as {
          runs: (ScoreJson & { protocol: string })[];
        };
        const plus = result.runs.find((run) => run.protocol.startsWith('humaneval.plus.instruct'));
        expect(plus?.metrics['pass@1']).toMatchObject({ value: 0.5, n: 2 });
        expect(plus?.metrics['base_pass@1']).toMatchObject({ value: 0.5, n: 2 });
        expect(io.output.stdout).toContain('humaneval.plus.instruct');
      } finally {
        await server.close();
      }
    }, 120_000);
  },
);
