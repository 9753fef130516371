import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPythonExecutor } from '../../scoring/sandbox/create-python-executor.ts';
import type { Item } from '../../spec/index.ts';
import { forgerySnippets } from '../../../test/support/forgery-snippets.ts';
import { mbpp3shot } from './mbpp-3shot.ts';
import type { MbppData } from './mbpp-data.ts';

const available = existsSync('/usr/bin/bwrap') && existsSync('/usr/bin/python3');

const item: Item<MbppData> = {
  id: '9001',
  data: {
    taskId: 9001,
    text: 'Write a function to add two numbers.',
    code: 'def add(a, b):\r\n  return a + b',
    testList: ['assert add(2, 3) == 5', 'assert add(-1, 1) == 0', 'assert add(0, 0) == 0'],
    testSetupCode: '',
    challengeTestList: [],
  },
};

describe.skipIf(!available)(
  'MBPP: a wrong solution cannot make itself pass (skipped: needs /usr/bin/bwrap and /usr/bin/python3)',
  () => {
    for (const isolation of ['bubblewrap', 'none'] as const) {
      const executor = createPythonExecutor({
        isolation,
        timeoutMs: 5000,
        parallelism: 2,
        effectiveUid: process.geteuid?.() ?? 1000,
        monotonicMs: () => performance.now(),
      });
      const score = async (completion: string) =>
        (await mbpp3shot.scoreAsync!(item, completion, { executor })).scores.passed;

      for (const [name, snippet] of Object.entries(forgerySnippets)) {
        it(`${isolation}: ${name} fails; the honest solution after it passes`, async () => {
          expect(await score(`def add(a, b):\n    return a - b\n\n${snippet}\n`)).toBe(0);
          expect(await score(item.data.code)).toBe(1);
        });
      }
    }
  },
);
