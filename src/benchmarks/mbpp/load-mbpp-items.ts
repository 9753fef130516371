import { z } from 'zod';
import { readJsonLines } from '../../datasets/jsonl.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { MbppData } from './mbpp-data.ts';

const mbppLine = z.object({
  task_id: z.number().int(),
  text: z.string(),
  code: z.string(),
  test_list: z.array(z.string()).min(1),
  test_setup_code: z.string().default(''),
  challenge_test_list: z.array(z.string()).default([]),
});

/** The test split of the MBPP paper and lm-eval: task ids 11–510 (500 tasks). */
export const mbppTestTaskIds = { first: 11, last: 510 } as const;

/** Reads every row of `mbpp/mbpp.jsonl` (974 tasks), file order. Item id = `task_id` as a string. */
export async function readMbppTasks(file: string): Promise<Item<MbppData>[]> {
  const lines = await readJsonLines({ file, schema: mbppLine });
  return lines.map(({ value }) => ({
    id: String(value.task_id),
    data: {
      taskId: value.task_id,
      text: value.text,
      code: value.code,
      testList: value.test_list,
      testSetupCode: value.test_setup_code,
      challengeTestList: value.challenge_test_list,
    },
  }));
}

/** Loads the test split (task ids 11–510) of `mbpp/mbpp.jsonl`; `limit` takes the first N in file order. */
export async function loadMbppItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<MbppData>[]> {
  const all = await readMbppTasks(await source.resolveFile('mbpp', 'mbpp.jsonl'));
  const items = all.filter(
    (item) => item.data.taskId >= mbppTestTaskIds.first && item.data.taskId <= mbppTestTaskIds.last,
  );
  return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
}
