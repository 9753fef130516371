import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../src/benchmarks/directory-source-for-tests.ts';
import { getBenchmark, getProtocol } from '../src/benchmarks/registry.ts';
import type { TruthfulqaData } from '../src/benchmarks/truthfulqa/index.ts';
import { truthfulqaMc2Mass } from '../src/benchmarks/truthfulqa/truthfulqa-mc2-mass.ts';
import { main } from '../src/cli/main.ts';
import { probeLlama } from '../src/providers/local/probe-llama.test-helper.ts';
import { writeTinyGguf } from '../src/providers/local/tiny-gguf.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startCli, type CliResult } from './support/run-cli.ts';
import {
  writeSyntheticCeval,
  writeSyntheticCmmlu,
  writeSyntheticTruthfulqa,
} from './support/synthetic-chinese-truthfulqa.ts';

const llamaProblem = await probeLlama();

function storedItems(storePath: string, runId: string) {
  const store = openSqliteRunStore({ path: storePath });
  try {
    return store.getRun(runId)?.items ?? [];
  } finally {
    store.close();
  }
}

interface RunJson {
  runs: { protocol: string; n: number; metrics: Record<string, { value: number }> }[];
}

describe.skipIf(llamaProblem !== undefined)(
  `CMMLU, C-Eval and TruthfulQA log-likelihood protocols through parity serve on a tiny GGUF (${llamaProblem ?? 'native binary loads'})`,
  () => {
    let directory: string;
    let child: ChildProcess;
    let done: Promise<CliResult>;
    let url = '';

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'parity-cn-serve-'));
      await writeTinyGguf(join(directory, 'tiny.gguf'), { contextLength: 4096 });
      const data = join(directory, 'data');
      writeSyntheticCmmlu(data, {
        subjects: ['agronomy', 'ancient_chinese', 'college_mathematics'],
        rows: 2,
      });
      writeSyntheticCeval(data, { subjects: ['college_physics', 'law'], rows: 2 });
      writeSyntheticTruthfulqa(data, { questions: 3 });
      ({ child, done } = startCli(
        ['serve', '--model', `local:${join(directory, 'tiny.gguf')}`, '--port', '0'],
        {
          cwd: directory,
        },
      ));
      url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          const match = /(http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(seen);
          if (match?.[1]) resolve(match[1]);
        });
        void done.then((result) => reject(new Error(`serve exited: ${result.stderr}`)));
      });
    }, 60_000);

    afterAll(async () => {
      child.kill('SIGTERM');
      const result = await done;
      expect(result.code).toBe(0);
      rmSync(directory, { recursive: true, force: true });
    });

    async function evaluate(bench: string, protocol: string) {
      const store = join(directory, `${protocol}.db`);
      const jsonFile = join(directory, `${protocol}.json`);
      const io = captureIo({ cwd: directory });
      const args = [
        ...['eval', '--model', 'openai:tiny', '--base-url', url, '--bench', bench, '--protocol', protocol],
        ...['--data-dir', join(directory, 'data'), '--store', store, '--no-download', '--concurrency', '2'],
        ...['--json', jsonFile],
      ];
      expect(await main(args, io), io.output.stderr).toBe(0);
      const runId = /run ([\w-]+):/.exec(io.output.stderr)?.[1] ?? '';
      const json = JSON.parse(readFileSync(jsonFile, 'utf8')) as RunJson;
      return { items: storedItems(store, runId), run: json.runs[0] };
    }

    it.each([
      [
        'cmmlu',
        'cmmlu.loglik.5shot',
        6,
        ['accuracy_other', 'accuracy_social_science', 'accuracy_china_specific', 'accuracy_stem'],
      ],
      ['ceval', 'ceval.loglik.5shot', 4, ['accuracy_stem', 'accuracy_hard', 'accuracy_humanities']],
    ])(
      '%s %s: one log-likelihood per letter, the argmax letter scored, category figures',
      async (bench, protocol, count, categories) => {
        const { items, run } = await evaluate(bench, protocol);
        expect(items).toHaveLength(count);
        const loaded = new Map(
          (await getBenchmark(bench).loadItems(createDirectorySourceForTests(join(directory, 'data')))).map(
            (item) => [item.id, item.data as { answer: string }],
          ),
        );
        for (const record of items) {
          expect(record.status).toBe('ok');
          const lls = record.response?.logLikelihoods ?? [];
          expect(lls).toHaveLength(4);
          expect(lls.every((value) => Number.isFinite(value) && value < 0)).toBe(true);
          const best = lls.indexOf(Math.max(...lls));
          expect(record.extracted).toBe(['A', 'B', 'C', 'D'][best]);
          expect(record.scores.accuracy).toBe(record.extracted === loaded.get(record.itemId)?.answer ? 1 : 0);
        }
        expect(run?.protocol).toBe(protocol);
        expect(Object.keys(run?.metrics ?? {})).toEqual(
          expect.arrayContaining(['accuracy', 'accuracy_macro', ...categories]),
        );
      },
      180_000,
    );

    it('truthfulqa.mc1.loglik.6shot and truthfulqa.mc2.loglik.6shot: MC1 from the argmax, MC2 the mass on true answers', async () => {
      const loaded = new Map(
        (
          await getBenchmark('truthfulqa').loadItems(createDirectorySourceForTests(join(directory, 'data')))
        ).map((item) => [item.id, item.data as TruthfulqaData]),
      );
      const mc1 = await evaluate('truthfulqa', 'truthfulqa.mc1.loglik.6shot');
      expect(mc1.items).toHaveLength(3);
      for (const record of mc1.items) {
        const lls = record.response?.logLikelihoods ?? [];
        expect(lls).toHaveLength(3);
        expect(record.scores.accuracy).toBe(lls.indexOf(Math.max(...lls)) === 0 ? 1 : 0);
      }
      const mc2 = await evaluate('truthfulqa', 'truthfulqa.mc2.loglik.6shot');
      expect(mc2.items).toHaveLength(3);
      let total = 0;
      for (const record of mc2.items) {
        const lls = record.response?.logLikelihoods ?? [];
        const data = loaded.get(record.itemId);
        expect(lls).toHaveLength(4);
        const expected = truthfulqaMc2Mass(lls, data?.mc2.labels ?? []);
        expect(expected).toBeGreaterThan(0);
        expect(expected).toBeLessThan(1);
        expect(record.scores.mc2).toBeCloseTo(expected, 12);
        total += expected;
      }
      expect(mc2.run?.metrics.mc2?.value).toBeCloseTo(total / 3, 12);
      // The same continuation's log-likelihood in both runs (same context, same text): MC1 and MC2 agree.
      const first = (run: typeof mc1, id: string) =>
        run.items.find((item) => item.itemId === id)?.response?.logLikelihoods?.[0];
      expect(first(mc2, '0')).toBeCloseTo(first(mc1, '0') ?? Number.NaN, 6);
      expect(getProtocol(getBenchmark('truthfulqa'), 'truthfulqa.mc2.loglik.6shot').metrics[0]?.name).toBe(
        'mc2',
      );
    }, 180_000);
  },
);
